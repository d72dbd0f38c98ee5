// The worked-example lab's experiment JSON (the page's link and configuration) on arbitrary text: what the
// field table accepts round-trips through JSON (experiment_target.hpp), the network it parses to has the
// shapes its sizes say, and the worked example over it runs and fills every step.
#include <cmath>
#include <string>

#include "engine/families.hpp"
#include "engine/lab/worked_example.hpp"
#include "tests/fuzz/experiment_target.hpp"

using namespace rp;

namespace {
Status no_checks(const LabExperiment&) { return Status::ok(); }
Status parse_lab(std::string_view text, LabExperiment& out) { return lab_fields().parse(text, out, no_checks); }
std::string lab_json(const LabExperiment& e) { return lab_fields().to_json(e); }
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  LabExperiment e;
  fuzz::fuzz_experiment<LabExperiment>(text, lab_fields(), parse_lab, lab_json, e);
  LabNetwork net;
  std::string field;
  const Status parsed = parse_lab_network(text, net, field);
  FUZZ_CHECK(parsed.is_ok() || !parsed.message().empty(), "a refusal says why");
  Estimate cost;
  const Status estimated = find_family("lab")->estimate(text, "", cost);
  FUZZ_CHECK(estimated.is_ok() == parsed.is_ok(), "the estimate accepts what the parser accepts");
  if (!parsed) return 0;
  FUZZ_CHECK(net.I >= 1 && net.I <= kLabMaxSize && net.H >= 1 && net.H <= kLabMaxSize && net.O >= 1 &&
                 net.O <= kLabMaxSize && net.T >= 1 && net.T <= kLabMaxSteps,
             "sizes within the lab's bounds");
  FUZZ_CHECK(net.w_in.size() == size_t(net.H * net.I) && net.w_rec.size() == size_t(net.H * net.H) &&
                 net.b_h.size() == size_t(net.H) && net.w_out.size() == size_t(net.O * net.H) &&
                 net.b_y.size() == size_t(net.O) && net.x.size() == size_t(net.T * net.I),
             "every matrix has the shape its sizes say");
  WorkedExample w;
  FUZZ_CHECK(run_worked_example(net, w).is_ok(), "a parsed network runs");
  FUZZ_CHECK(w.h.size() == size_t((net.T + 1) * net.H) && w.y.size() == size_t(net.T * net.O), "every step is filled");
  // |weights| <= 100 over at most 16 steps of 4 units stays far inside double's range.
  for (double v : w.y) FUZZ_CHECK(std::isfinite(v), "every output is finite");
  return 0;
}
