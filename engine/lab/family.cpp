#include "engine/lab/family.hpp"

#include "engine/lab/network.hpp"

namespace rp {
namespace {

json::Value describe() {
  json::Value o = json::Value::make_object();
  o.object.emplace_back("fields", lab_fields().describe(LabExperiment{}));
  json::Value activations = json::Value::make_array();
  for (const LabActivation& a : lab_activations()) {
    json::Value entry = json::Value::make_object();
    entry.object.emplace_back("name", json::Value::from_string(a.name));
    entry.object.emplace_back("label", json::Value::from_string(a.label));
    activations.array.push_back(entry);
  }
  o.object.emplace_back("activations", activations);
  o.object.emplace_back("trains", json::Value::from_bool(false));
  o.object.emplace_back("maxSize", json::Value::from_int(kLabMaxSize));
  o.object.emplace_back("maxSteps", json::Value::from_int(kLabMaxSteps));
  o.object.emplace_back("maxWeight", json::Value::from_double(kLabMaxWeight));
  return o;
}

// Nothing here is big: the estimate is the parameter count and a few buffers.
Status estimate(const std::string& experiment_json, const std::string&, Estimate& out) {
  LabNetwork net;
  std::string field;
  RP_TRY(parse_lab_network(experiment_json, net, field));
  Estimate e;
  e.params = int64_t(net.H) * (net.I + net.H + 1) + int64_t(net.O) * (net.H + 1);
  e.bytes = double(e.params + int64_t(net.T) * (net.I + 5 * net.H + net.O)) * 8 * 3;
  e.flops_per_step = 2.0 * double(net.T) * double(e.params);
  e.units_per_step = net.T;
  out = e;
  return Status::ok();
}

}  // namespace

Family lab_family() {
  return {"lab", "Worked example (lab)", "type a tiny RNN's weights and inputs; see every hidden state and output, step by step",
          "", describe, estimate};
}

}  // namespace rp
