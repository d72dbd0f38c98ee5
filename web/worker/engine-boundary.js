// The engine module never throws at its callers: every method of the sessions it exports (the families'
// classes) and its estimator answer { ok: false, error } instead. The bindings check their arguments
// themselves (wasm/js_values.hpp), so what can still throw here is embind refusing a call with the wrong
// number of arguments (before anything ran: nothing to undo) and the engine failing inside a call (an
// allocation no estimate foresaw, a trap). After such a failure the module's memory cannot be trusted:
// every later call answers { ok: false, broken: true } and failure() says why, so the worker can report it
// and the page start a fresh engine from the last saved state (web/shell/engine-recovery.js).

// What a failure inside the engine was, in words: a C++ exception reaches JavaScript as a bare number
// (with exception catching compiled out it is almost always std::bad_alloc).
export function describeFailure(e) {
  if (typeof e === 'number') return 'it ran out of memory';
  if (e && typeof e.message === 'string' && e.message) return e.message;
  return String(e);
}

export function guardEngine(Module) {
  let failure = '';
  const guard = (name, fn) => function guarded(...args) {
    if (failure) return { ok: false, broken: true, error: `the engine stopped after an earlier failure (${failure})` };
    try {
      return fn.apply(this, args);
    } catch (e) {
      if (e && e.name === 'BindingError') return { ok: false, error: `${name}: ${e.message}` };
      failure = describeFailure(e);
      return { ok: false, broken: true, error: `the engine failed in ${name}: ${failure}` };
    }
  };
  for (const key of Object.keys(Module)) {
    const value = Module[key];
    if (typeof value !== 'function') continue;
    if (/Session$/.test(key) && value.prototype) {
      const proto = value.prototype;
      for (const method of Object.getOwnPropertyNames(proto)) {
        if (method === 'constructor' || typeof proto[method] !== 'function') continue;
        proto[method] = guard(`${key}.${method}`, proto[method]);
      }
    }
  }
  if (typeof Module.estimate === 'function') Module.estimate = guard('estimate', Module.estimate);
  Module.engineFailure = () => failure;
  return Module;
}
