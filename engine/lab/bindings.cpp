// The lab for JavaScript: Module.workedExample(experimentJson) runs the typed network (engine/lab) and
// returns { ok: true, I, H, O, T, x, inputPart, recurrent, pre, h, y } (Float64Arrays, row-major; h has
// T + 1 rows, h(0) first) or { ok: false, error, field } with `field` the setting at fault. Nothing throws.
#include "engine/lab/worked_example.hpp"
#include "wasm/js_values.hpp"

namespace rp {
namespace {

using emscripten::val;

val doubles(const std::vector<double>& v) {
  return val::global("Float64Array").new_(emscripten::typed_memory_view(v.size(), v.data()));
}

val worked_example(std::string experiment_json) {
  LabNetwork net;
  std::string field;
  Status s = parse_lab_network(experiment_json, net, field);
  WorkedExample r;
  if (s) s = run_worked_example(net, r);
  if (!s) {
    val e = js::error(s);
    e.set("field", field);
    return e;
  }
  val out = js::ok();
  out.set("I", r.I);
  out.set("H", r.H);
  out.set("O", r.O);
  out.set("T", r.T);
  out.set("x", doubles(r.x));
  out.set("inputPart", doubles(r.input_part));
  out.set("recurrent", doubles(r.recurrent));
  out.set("pre", doubles(r.pre));
  out.set("h", doubles(r.h));
  out.set("y", doubles(r.y));
  return out;
}

}  // namespace

EMSCRIPTEN_BINDINGS(lab) { emscripten::function("workedExample", &worked_example); }

}  // namespace rp
