// The lab's session (engine/lab): the lectures' worked example exactly, in both orders; every intermediate
// adds up; each activation; bad sizes and bad numbers refused with a Status naming the field.
#include <catch2/catch.hpp>
#include <cmath>

#include "engine/lab/worked_example.hpp"

using namespace rp;
using Catch::Matchers::Contains;

namespace {

WorkedExample run(const std::string& json) {
  LabNetwork net;
  std::string field;
  Status s = parse_lab_network(json, net, field);
  INFO(s.message());
  REQUIRE(s.is_ok());
  WorkedExample r;
  REQUIRE(run_worked_example(net, r).is_ok());
  return r;
}

// The message and the field of a refused configuration.
std::pair<std::string, std::string> refused(const std::string& json) {
  LabNetwork net;
  std::string field;
  Status s = parse_lab_network(json, net, field);
  CHECK_FALSE(s.is_ok());
  return {s.message(), field};
}

}  // namespace

TEST_CASE("The lab computes the lectures' worked example exactly", "[lab]") {
  SECTION("inputs [1,1],[1,1],[2,2] give [4,4],[12,12],[32,32]") {
    const WorkedExample r = run("{}");  // the defaults are the lectures' network and inputs
    CHECK(r.T == 3);
    CHECK(r.y == std::vector<double>{4, 4, 12, 12, 32, 32});
    CHECK(r.h == std::vector<double>{0, 0, 2, 2, 6, 6, 16, 16});
  }
  SECTION("the same inputs in the order [2,2],[1,1],[1,1] give [8,8],[20,20],[44,44]") {
    const WorkedExample r = run(R"({"inputs":"2,2;1,1;1,1"})");
    CHECK(r.y == std::vector<double>{8, 8, 20, 20, 44, 44});
  }
  SECTION("the parts of every pre-activation are shown as the layer summed them") {
    const WorkedExample r = run(R"({"inputs":"2,2;1,1;1,1","b_h":"0.5,-1"})");
    for (int t = 0; t < r.T; ++t)
      for (int j = 0; j < r.H; ++j) {
        const size_t k = size_t(t * r.H + j);
        CHECK(r.input_part[k] == r.x[size_t(t * 2)] + r.x[size_t(t * 2 + 1)] + (j ? -1.0 : 0.5));
        CHECK(r.recurrent[k] == r.h[size_t(t * r.H)] + r.h[size_t(t * r.H + 1)]);
        CHECK(r.h[k + size_t(r.H)] == r.pre[k]);  // linear: h is the pre-activation
      }
  }
}

TEST_CASE("The lab's activations and shapes", "[lab]") {
  SECTION("tanh, relu and sigmoid squash the same pre-activations") {
    const std::string net = R"("input_size":1,"hidden":1,"output_size":1,"w_in":"0.5","w_rec":"-2","b_h":"0.1","w_out":"3","b_y":"1","inputs":"1;-1;2")";
    const WorkedExample lin = run("{" + net + "}");
    for (const char* act : {"tanh", "relu", "sigmoid"}) {
      const WorkedExample r = run(std::string("{\"activation\":\"") + act + "\"," + net + "}");
      for (int t = 0; t < r.T; ++t) {
        const double a = r.pre[size_t(t)];
        CHECK(a == Approx(0.5 * r.x[size_t(t)] + 0.1 - 2 * r.h[size_t(t)]).epsilon(1e-15));
        const double want = std::string(act) == "tanh" ? std::tanh(a) : std::string(act) == "relu" ? std::max(a, 0.0) : 1 / (1 + std::exp(-a));
        CHECK_THAT(r.h[size_t(t + 1)], Catch::Matchers::WithinAbs(want, 1e-12));
        CHECK_THAT(r.y[size_t(t)], Catch::Matchers::WithinAbs(3 * want + 1, 1e-12));
      }
    }
    CHECK(lin.h[1] == 0.6);  // the first step has no recurrent part
  }
  SECTION("sizes other than 2: three inputs, one hidden unit, four outputs") {
    const WorkedExample r = run(R"({"input_size":3,"hidden":1,"output_size":4,"w_in":"1,2,3","w_rec":"0.5","b_h":"0",)"
                                R"("w_out":"1;2;3;4","b_y":"0,0,0,1","inputs":"1,0,0;0,1,0"})");
    // h1 = 1, h2 = 2 + 0.5 = 2.5
    CHECK(r.h == std::vector<double>{0, 1, 2.5});
    CHECK(r.y == std::vector<double>{1, 2, 3, 5, 2.5, 5, 7.5, 11});
  }
}

TEST_CASE("The lab refuses bad sizes and bad numbers, naming the field", "[lab]") {
  auto [m1, f1] = refused(R"({"hidden":5})");
  CHECK(f1 == "hidden");
  CHECK_THAT(m1, Contains("hidden units") && Contains("between 1 and 4"));
  auto [m2, f2] = refused(R"({"input_size":0})");
  CHECK(f2 == "input_size");
  auto [m3, f3] = refused(R"({"hidden":3})");  // W_in still has two rows
  CHECK(f3 == "w_in");
  CHECK_THAT(m3, Contains("W_in needs 3 rows (one per hidden unit), got 2"));
  auto [m4, f4] = refused(R"({"w_rec":"1,1;1,x"})");
  CHECK(f4 == "w_rec");
  CHECK_THAT(m4, Contains("W_rec hidden unit 2: 'x' is not a number"));
  auto [m5, f5] = refused(R"({"b_y":"0,1e9"})");
  CHECK(f5 == "b_y");
  CHECK_THAT(m5, Contains("out of range"));
  auto [m6, f6] = refused(R"({"inputs":"1,1;1"})");
  CHECK(f6 == "inputs");
  CHECK_THAT(m6, Contains("inputs step 2 needs 2 numbers, got 1"));
  std::string many = "1,1";
  for (int t = 1; t < kLabMaxSteps + 1; ++t) many += ";1,1";
  auto [m7, f7] = refused(R"({"inputs":")" + many + "\"}");
  CHECK(f7 == "inputs");
  auto [m8, f8] = refused(R"({"activation":"softplus"})");
  CHECK(f8 == "activation");
  auto [m9, f9] = refused(R"({"w_out":"nan,1;1,1"})");
  CHECK(f9 == "w_out");
  auto [m10, f10] = refused(R"({"hiden":2})");
  CHECK_THAT(m10, Contains("unknown field 'hiden'"));
  SECTION("the session refuses a network whose numbers do not match its sizes") {
    LabNetwork net;
    std::string field;
    REQUIRE(parse_lab_network("{}", net, field).is_ok());
    net.H = 3;
    WorkedExample r;
    CHECK_FALSE(run_worked_example(net, r).is_ok());
    net.H = 5;
    CHECK_FALSE(run_worked_example(net, r).is_ok());
  }
}
