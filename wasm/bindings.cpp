// The engine's family-independent JavaScript face: the catalogue and the estimator. Each family binds its own
// session class in engine/<family>/bindings.cpp; all of them link into one module (wasm/CMakeLists.txt).
#include "engine/families.hpp"
#include "wasm/js_values.hpp"

namespace rp {
namespace {

using emscripten::val;

// The catalogue of cells, optimizers, attention kinds and families (engine/families.hpp), as JSON text.
std::string catalogue_json() { return json::dump(catalogue()); }

// The cost of an experiment before it is built (engine/train/estimate.hpp).
val estimate(val family_arg, val experiment_arg, val data_arg) {
  std::string family, experiment_json, data_json;
  js::ArgReader in("estimate");
  in.text(family_arg, "family", family).text(experiment_arg, "experiment", experiment_json).text(data_arg, "data", data_json);
  if (!in) return in.error();
  const Family* f = find_family(family);
  if (!f) return js::error(Status::error("unknown family '" + family + "'"));
  Estimate e;
  Status s = f->estimate(experiment_json, data_json, e);
  if (!s) return js::error(s);
  val out = js::ok();
  out.set("params", double(e.params));
  out.set("bytes", e.bytes);
  out.set("activationBytes", e.activation_bytes);
  out.set("flopsPerStep", e.flops_per_step);
  out.set("unitsPerStep", e.units_per_step);
  out.set("evalFlopsPerUnit", e.eval_flops_per_unit);
  out.set("probeFlopsPerUnit", e.probe_flops_per_unit);
  out.set("budgetBytes", kSessionMemoryBudget);
  return out;
}

}  // namespace
}  // namespace rp

EMSCRIPTEN_BINDINGS(engine) {
  emscripten::function("catalogue", &rp::catalogue_json);
  emscripten::function("estimate", &rp::estimate);
}
