// The lab's side of the engine worker. Nothing trains: CONFIGURE {experiment} runs the typed network with
// Module.workedExample (engine/lab/bindings.cpp) and the CONFIGURED reply carries the result — every hidden
// state and output, or the engine's refusal and the field at fault — so each edit is one round trip.
export function createRunner(Module) {
  if (typeof Module.workedExample !== 'function') return { ok: false, error: 'this build of the engine has no worked-example lab' };
  return { ok: true, runner: new LabRunner(Module) };
}

const NOT_TRAINED = 'the worked-example lab has no training';

export class LabRunner {
  constructor(Module) {
    this.Module = Module;
    this.step = 0;
    this.busy = false;
    this.hasProgress = false;
    this.requests = {};
  }

  // CONFIGURE {experiment: the lab's settings as JSON}: the engine's run of it, {ok, ...} or {ok: false, error, field}.
  start(msg) {
    const r = this.Module.workedExample(String(msg.experiment));
    const result = r.ok
      ? { ok: true, I: r.I, H: r.H, O: r.O, T: r.T, x: r.x, inputPart: r.inputPart, recurrent: r.recurrent, pre: r.pre, h: r.h, y: r.y }
      : { ok: false, error: r.error, field: r.field };
    return { ok: true, reply: { info: { params: 0 }, result } };
  }

  open() { return { ok: false, error: 'the worked-example lab opens no model files' }; }
  trainChunk() { return { ok: false, error: NOT_TRAINED }; }
  setLearningRate() { return { ok: false, error: NOT_TRAINED }; }
  takeProgress() { return { fields: {}, transfer: [] }; }
  paused() {}
}
