#include "engine/lm/family.hpp"

#include "engine/lm/estimate.hpp"
#include "engine/lm/session.hpp"

namespace rp {
namespace {

json::Value describe() {
  json::Value o = json::Value::make_object();
  o.object.emplace_back("fields", lm_fields().describe(LmExperiment{}));
  o.object.emplace_back("maxTextChars", json::Value::from_int(kMaxSessionText));
  o.object.emplace_back("maxProbeChars", json::Value::from_int(kMaxProbeText));
  return o;
}

Status estimate(const std::string& experiment_json, const std::string& data_json, Estimate& out) {
  LmExperiment e;
  RP_TRY(parse_lm_experiment(experiment_json, e));
  json::Value data;
  RP_TRY(json::parse(data_json, data));
  const json::Value* vocab = data.find("vocab");
  int64_t V = 0;
  if (!vocab || !vocab->as_int64(V) || V < 2 || V > 65536)
    return Status::error("the estimate needs {\"vocab\": the text's distinct characters, 2 to 65536}");
  out = estimate_lm(e.train, int(V));
  return Status::ok();
}

}  // namespace

Family lm_family() {
  return {"lm", "Character language model",
          "predict the next character of a text; sample new text; look inside the cells", "char_lm", describe, estimate};
}

}  // namespace rp
