// The forecaster model: finite-difference gradient checks in double for every registered cell, both losses
// and stacked layers; golden values against PyTorch (tests/golden/forecast_golden.py); a forecast that feeds
// its own predictions back equals running the model over the longer sequence.
#include <catch2/catch.hpp>
#include <cmath>

#include "engine/forecast/forecaster.hpp"
#include "engine/io/safetensors.hpp"
#include "gradcheck.hpp"
#include "test_util.hpp"

using namespace rp;

namespace {


const safetensors::Tensor& need(const safetensors::File& f, const std::string& name) {
  const safetensors::Tensor* t = f.find(name);
  INFO(name);
  REQUIRE(t != nullptr);
  return *t;
}

double worst_error(const float* ours, const std::vector<float>& golden) {
  double worst = 0;
  for (size_t i = 0; i < golden.size(); ++i)
    worst = std::max(worst, std::abs(double(ours[i]) - golden[i]) / (1e-4 + std::abs(double(golden[i]))));
  return worst;
}

}  // namespace

TEST_CASE("Forecaster gradients match centred differences for every cell and loss", "[forecast][gradcheck]") {
  struct Case {
    const CellType* cell;
    int layers;
    ForecastLoss loss;
  };
  std::vector<Case> cases;
  for (const CellType* cell : test::every_cell()) cases.push_back({cell, 1, ForecastLoss::Mse});
  cases.push_back({find_cell("lstm"), 2, ForecastLoss::Mse});
  cases.push_back({find_cell("gru"), 2, ForecastLoss::Mae});
  for (const Case& k : cases) {
    DYNAMIC_SECTION(k.cell->name << " L=" << k.layers << " " << loss_name(k.loss)) {
      ForecasterConfig c;
      c.channels = 2;
      c.hidden = 3;
      c.layers = k.layers;
      c.cell = k.cell;
      c.loss = k.loss;
      REQUIRE(validate(c).is_ok());
      Forecaster<double> model(c);
      Rng rng(31);
      model.init(rng);
      ForecastBatch<double> batch;
      batch.S = 4;
      batch.B = 2;
      batch.inputs.resize(size_t(batch.S * batch.B * c.channels));
      batch.targets.resize(batch.inputs.size());
      test::fill_uniform(rng, batch.inputs.data(), batch.inputs.size(), -1, 1);
      test::fill_uniform(rng, batch.targets.data(), batch.targets.size(), -1, 1);
      ForecasterWorkspace<double> ws;
      model.resize(ws, batch.S, batch.B);
      auto& params = model.params();
      params.zero_grad();
      model.forward(batch, ws);
      model.backward(batch, ws);
      test::check_param_gradients(model, [&] { return model.forward(batch, ws); });
    }
  }
}

TEST_CASE("Forecaster outputs, loss and gradients match PyTorch", "[forecast][golden]") {
  for (const char* name : {"lstm_mse", "gru_mae"}) {
    DYNAMIC_SECTION(name) {
      safetensors::File f;
      REQUIRE(safetensors::read_file(test::golden_path(std::string("forecaster_") + name + ".safetensors"), f).is_ok());
      ForecasterConfig c;
      c.channels = 2;
      c.hidden = 4;
      c.layers = 2;
      c.cell = find_cell(*f.meta("cell"));
      REQUIRE(parse_loss(*f.meta("loss"), c.loss));
      Forecaster<float> model(c);
      auto& params = model.params();
      for (size_t i = 0; i < params.specs().size(); ++i) {
        const auto& t = need(f, params.specs()[i].name);
        REQUIRE(int64_t(t.data.size()) == params.specs()[i].size);
        std::copy(t.data.begin(), t.data.end(), params.value(int(i)));
      }
      model.weights_changed();
      const auto& in = need(f, "golden.inputs");
      ForecastBatch<float> batch;
      batch.S = int(in.shape[0]);
      batch.B = int(in.shape[1]);
      batch.inputs = in.data;
      batch.targets = need(f, "golden.targets").data;
      ForecasterWorkspace<float> ws;
      model.resize(ws, batch.S, batch.B);
      params.zero_grad();
      const double loss = model.forward(batch, ws);
      model.backward(batch, ws);
      CHECK_THAT(loss, Catch::Matchers::WithinRel(double(need(f, "golden.loss").data[0]), 1e-5));
      const double out_err = worst_error(ws.y.data(), need(f, "golden.outputs").data);
      INFO("outputs: worst relative error " << out_err);
      CHECK(out_err < 2e-4);
      for (size_t i = 0; i < params.specs().size(); ++i) {
        const std::string& p = params.specs()[i].name;
        const double err = worst_error(params.grad(int(i)), need(f, "grad." + p).data);
        INFO("grad " << p << ": worst relative error " << err);
        CHECK(err < 2e-4);
      }
    }
  }
}

TEST_CASE("A forecast feeds its own predictions back as the next inputs", "[forecast]") {
  ForecasterConfig c;
  c.channels = 1;
  c.hidden = 5;
  Forecaster<double> model(c);
  Rng rng(2);
  model.init(rng);
  const int W = 6, K = 3, B = 2;
  std::vector<double> context(size_t(W * B));
  test::fill_uniform(rng, context.data(), context.size(), -1, 1);
  ForecasterWorkspace<double> ws;
  model.resize(ws, W + K, B);
  std::vector<double> out(size_t(K * B));
  model.forecast(context.data(), W, K, ws, out.data());
  // By hand: append each prediction and run the whole sequence again.
  std::vector<double> seq = context;
  for (int k = 0; k < K; ++k) {
    model.predict(seq.data(), W + k, ws);
    for (int b = 0; b < B; ++b) {
      const double next = ws.y.data()[size_t(W + k - 1) * B + b];
      CHECK(out[size_t(k) * B + b] == Approx(next).epsilon(1e-12));
      seq.push_back(next);
    }
  }
}
