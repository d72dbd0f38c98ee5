// The engine worker, a module worker (new Worker(url, {type: 'module'})): loads the WebAssembly module and
// every registered family's runner (families.js), then hands each message to the training loop (loop.js).
// It knows no family by name: CONFIGURE and IMPORT say which runner builds the model.
import { FAMILIES } from '../families.js';
import { MSG } from '../shell/protocol.js';
import { guardEngine } from './engine-boundary.js';
import { TrainingLoop } from './loop.js';

const post = (msg, transfer) => self.postMessage(msg, transfer || []);

// The loop runs on a MessageChannel rather than setTimeout(0), which browsers clamp to 4 ms.
const tick = new MessageChannel();
let scheduled = false;
function schedule() {
  if (!scheduled) {
    scheduled = true;
    tick.port2.postMessage(0);
  }
}

let loop = null;
let starting = null;

tick.port1.onmessage = () => {
  scheduled = false;
  if (loop) loop.pump();
};

async function init() {
  try {
    // imported here rather than at the top, so a missing build is a clear FATAL instead of a failed worker;
    // the runners load while the module compiles
    const runnerModules = Promise.all(FAMILIES.map((family) => family.runner()));
    const { default: createRecurrentEngine } = await import('../engine/recurrent_engine.mjs');
    const Module = guardEngine(await createRecurrentEngine({ locateFile: (f) => new URL(`../engine/${f}`, import.meta.url).href }));
    const runners = new Map();
    const unavailable = new Map();
    const modules = await runnerModules;
    for (const [i, family] of FAMILIES.entries()) {
      const r = modules[i].createRunner(Module);
      if (r.ok) runners.set(family.id, r.runner);
      else unavailable.set(family.id, r.error);  // an engine built before this family existed runs the others
    }
    const estimate = typeof Module.estimate === 'function' ? (...args) => Module.estimate(...args) : null;
    loop = new TrainingLoop({ post, schedule, runners, unavailable, estimate, engineFailure: Module.engineFailure });
    post({ type: MSG.READY });
  } catch (e) {
    post({ type: MSG.FATAL, error: String(e && e.message ? e.message : e) });
  }
}

self.onmessage = (event) => {
  const msg = event.data || {};
  if (msg.type === MSG.INIT) {
    if (!starting) starting = init();
  } else if (!loop) {
    post({ type: MSG.ERROR, run: msg.run, error: 'the engine is still loading' });
  } else {
    loop.handle(msg);
  }
};
