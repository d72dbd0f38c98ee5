// Each optimizer's first six steps against torch.optim (golden file), clipping against torch.nn.utils.
#include <catch2/catch.hpp>

#include "engine/core/json.hpp"
#include "engine/core/optimizer.hpp"
#include "engine/io/safetensors.hpp"
#include "test_util.hpp"

using namespace rp;

namespace {

OptimConfig config_from(const std::string& json_text) {
  json::Value v;
  REQUIRE(json::parse(json_text, v).is_ok());
  OptimConfig c;
  const std::string kind = v.find("optim")->string;
  c.lr = v.find("lr")->number;
  c.weight_decay = v.find("weight_decay")->number;
  if (kind == "sgd") {
    c.momentum = v.find("momentum")->number;
    c.nesterov = v.find("nesterov")->boolean;
    c.kind = c.momentum > 0 ? OptimKind::Momentum : OptimKind::Sgd;
  } else if (kind == "adagrad") {
    c.kind = OptimKind::Adagrad;
  } else if (kind == "rmsprop") {
    c.kind = OptimKind::RmsProp;
    c.alpha = v.find("alpha")->number;
  } else {
    c.kind = OptimKind::Adam;
  }
  return c;
}

}  // namespace

TEST_CASE("Optimizers follow torch.optim step by step", "[optimizer][golden]") {
  safetensors::File f;
  REQUIRE(safetensors::read_file(test::golden_path("optim.safetensors"), f).is_ok());
  const auto& p0 = f.find("p0")->data;
  const auto& grads = f.find("grads")->data;
  const int n = int(p0.size()), steps = int(grads.size()) / n;
  for (const char* name : {"sgd", "sgd_wd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adam_wd"}) {
    DYNAMIC_SECTION(name) {
      const OptimConfig c = config_from(*f.meta(name));
      Optimizer<float> opt(c, n);
      std::vector<float> p = p0;
      const auto& expected = f.find(std::string(name) + ".params")->data;
      for (int s = 0; s < steps; ++s) {
        opt.step(p.data(), grads.data() + s * n);
        for (int i = 0; i < n; ++i) {
          INFO("step " << s + 1 << " element " << i);
          CHECK_THAT(p[i], Catch::Matchers::WithinAbs(expected[s * n + i], 2e-6));
        }
      }
    }
  }
}

TEST_CASE("Gradient clipping matches torch.nn.utils", "[optimizer][golden]") {
  safetensors::File f;
  REQUIRE(safetensors::read_file(test::golden_path("optim.safetensors"), f).is_ok());
  const auto& g = f.find("clip.grad")->data;
  SECTION("by global norm") {
    std::vector<float> x = g;
    const double norm = clip_gradients(x.data(), int64_t(x.size()), ClipConfig{1.0, 0.0});
    CHECK_THAT(norm, Catch::Matchers::WithinRel(double(f.find("clip_norm.total_norm")->data[0]), 1e-6));
    for (size_t i = 0; i < x.size(); ++i) CHECK_THAT(x[i], Catch::Matchers::WithinAbs(f.find("clip_norm.out")->data[i], 1e-6));
  }
  SECTION("by value") {
    std::vector<float> x = g;
    clip_gradients(x.data(), int64_t(x.size()), ClipConfig{0.0, 0.05});
    for (size_t i = 0; i < x.size(); ++i) CHECK(x[i] == f.find("clip_value.out")->data[i]);
  }
  SECTION("a norm below the limit leaves gradients untouched") {
    std::vector<float> x = g;
    clip_gradients(x.data(), int64_t(x.size()), ClipConfig{100.0, 0.0});
    CHECK(x == g);
  }
}

TEST_CASE("Learning-rate step decay", "[optimizer]") {
  OptimConfig c;
  c.kind = OptimKind::Sgd;
  c.lr = 1.0;
  c.lr_gamma = 0.5;
  c.lr_every = 2;
  Optimizer<float> opt(c, 1);
  float p = 0, g = 1;
  std::vector<double> rates;
  for (int i = 0; i < 5; ++i) rates.push_back(opt.step(&p, &g));
  CHECK(rates == std::vector<double>{1.0, 1.0, 0.5, 0.5, 0.25});
}

TEST_CASE("Optimizer settings are validated", "[optimizer]") {
  OptimConfig c;
  c.lr = -1;
  CHECK_FALSE(validate(c).is_ok());
  c.lr = std::nan("");
  CHECK_FALSE(validate(c).is_ok());
  c = OptimConfig();
  c.beta1 = 1.0;
  CHECK_FALSE(validate(c).is_ok());
  CHECK(validate(OptimConfig()).is_ok());
  CHECK_FALSE(validate(ClipConfig{-1, 0}).is_ok());
}
