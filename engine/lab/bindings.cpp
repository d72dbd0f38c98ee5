// The lab for JavaScript: LabSession.run(experimentJson) runs the typed network (engine/lab) and returns
// { ok: true, I, H, O, T, x, inputPart, recurrent, pre, h, y } (Float64Arrays, row-major; h has T + 1 rows,
// h(0) first) or { ok: false, error, field } with `field` the setting at fault ('' when it is none). A class,
// like every family's session, so the worker's guard (web/worker/engine-boundary.js) covers it; it keeps
// nothing between calls. Its argument is checked here (wasm/js_values.hpp); nothing throws.
#include "engine/lab/worked_example.hpp"
#include "wasm/js_values.hpp"

namespace rp {
namespace {

using emscripten::val;

val doubles(const std::vector<double>& v) {
  return val::global("Float64Array").new_(emscripten::typed_memory_view(v.size(), v.data()));
}

class LabSessionJs {
 public:
  val run(val experiment_arg) {
    std::string experiment_json;
    js::ArgReader in("run");
    in.text(experiment_arg, "experiment", experiment_json);
    if (!in) return with_field(in.error(), "");
    LabNetwork net;
    std::string field;
    Status s = parse_lab_network(experiment_json, net, field);
    WorkedExample r;
    if (s) s = run_worked_example(net, r);
    if (!s) return with_field(js::error(s), field);
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

 private:
  static val with_field(val refusal, const std::string& field) {
    refusal.set("field", field);
    return refusal;
  }
};

}  // namespace
}  // namespace rp

EMSCRIPTEN_BINDINGS(lab) {
  emscripten::class_<rp::LabSessionJs>("LabSession").constructor<>().function("run", &rp::LabSessionJs::run);
}
