// The lab's side of the engine worker. Nothing trains: CONFIGURE {experiment} runs the typed network with
// the engine's LabSession (engine/lab/bindings.cpp) and the CONFIGURED reply carries the result — every
// hidden state and output, or the engine's refusal and the field at fault — so each edit is one round trip.
export function createRunner(Module) {
  if (typeof Module.LabSession !== 'function') return { ok: false, error: 'this build of the engine has no worked-example lab' };
  return { ok: true, runner: new LabRunner(new Module.LabSession()) };
}

const NOT_TRAINED = 'the worked-example lab has no training';

export class LabRunner {
  constructor(session) {
    this.session = session;
    this.step = 0;
    this.busy = false;
    this.hasProgress = false;
    this.requests = {};
  }

  // CONFIGURE {experiment: the lab's settings as JSON}: the engine's run of it, {ok, ...} or {ok: false, error, field}.
  start(msg) {
    const r = this.session.run(String(msg.experiment));
    if (r.broken) return { ok: false, error: r.error };  // the engine failed inside the call: the loop stops
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
