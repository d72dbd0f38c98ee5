// Unit tests of the engine worker's loop (web/worker/loop.js) with a fake family runner, a hand-driven
// scheduler and clock: node --test tests/web/
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { TrainingLoop } from '../../web/worker/loop.js';
import { CHUNK_TARGET_MS, MSG, PROGRESS_MIN_MS } from '../../web/shell/protocol.js';

// A runner whose steps take `msPerStep` of fake time; progress is the list of chunk sizes.
class FakeRunner {
  constructor(clock, msPerStep = 1) {
    Object.assign(this, { clock, msPerStep });
    this.step = 0;
    this.busy = false;
    this.pending = null;
    this.chunks = [];
    this.pauses = 0;
    this.fail = '';
  }

  get hasProgress() { return !!this.pending; }

  start(msg) {
    if (msg.refuse) return { ok: false, error: 'refused' };
    this.step = msg.step || 0;
    this.pending = null;
    return { ok: true, reply: { info: { made: msg.tag } } };
  }

  open(msg) { return this.start(msg); }

  trainChunk(n) {
    if (this.fail) return { ok: false, error: this.fail };
    this.chunks.push(n);
    this.step += n;
    this.clock.t += n * this.msPerStep;
    (this.pending ||= { chunks: [] }).chunks.push(n);
    return { ok: true, steps: this.busy ? 0 : n, work: n, seconds: (n * this.msPerStep) / 1000 };
  }

  paused() { this.pauses++; }

  takeProgress() {
    const p = this.pending;
    this.pending = null;
    return { fields: { chunks: p.chunks }, transfer: [] };
  }
}

FakeRunner.prototype.requests = {
  echo(a, io) { io.answer({ ok: true, echo: a.x }); },
  refuse(a, io) { io.answer({ ok: false, error: 'no such thing' }); },
  // answers after `count` slices, streaming each one
  slices(a, io) {
    io.slices.n = (io.slices.n || 0) + 1;
    io.chunk(String(io.slices.n));
    if (io.slices.n < a.count) return true;
    io.answer({ ok: true, n: io.slices.n });
    return false;
  },
  crash() { throw new Error('the module aborted'); },
  // what embind throws for a value it cannot convert (a number where the engine takes a string)
  badType() { throw Object.assign(new Error('Cannot pass 7 as a std::string'), { name: 'BindingError' }); },
};

function setup({ msPerStep = 1, estimate = null, engineFailure = () => '' } = {}) {
  const clock = { t: 1000 };
  const posted = [];
  const timers = [];
  let scheduled = false;
  const runner = new FakeRunner(clock, msPerStep);
  const loop = new TrainingLoop({
    post: (msg) => posted.push(msg),
    schedule: () => { scheduled = true; },
    runners: new Map([['fake', runner]]),
    unavailable: new Map([['old', 'this engine build has no old sessions']]),
    estimate,
    engineFailure,
    now: () => clock.t,
    setTimer: (fn, ms) => { timers.push({ fn, ms }); return timers.length; },
  });
  // Runs the loop until it stops asking to be scheduled (at most `max` turns).
  const drain = (max = 1000) => {
    let turns = 0;
    while (scheduled && turns++ < max) {
      scheduled = false;
      loop.pump();
    }
    return turns;
  };
  const of = (type) => posted.filter((m) => m.type === type);
  return { clock, posted, timers, runner, loop, drain, of, isScheduled: () => scheduled };
}

function configure(s, run = 1, extra = {}) {
  s.loop.handle({ type: MSG.CONFIGURE, run, family: 'fake', tag: `model ${run}`, ...extra });
}

test('configure: the family named builds the model; unknown and unavailable families are refused', () => {
  const s = setup();
  s.loop.handle({ type: MSG.CONFIGURE, run: 1, family: 'nope' });
  s.loop.handle({ type: MSG.CONFIGURE, run: 2, family: 'old' });
  configure(s, 3);
  const [a, b, c] = s.of(MSG.CONFIGURED);
  assert.deepEqual([a.ok, a.keptRun], [false, 0]);
  assert.match(a.error, /no family 'nope'/);
  assert.equal(b.error, 'this engine build has no old sessions');
  assert.deepEqual(c, { type: MSG.CONFIGURED, run: 3, family: 'fake', ok: true, step: 0, info: { made: 'model 3' } });
});

test('a refused model keeps the current one and its run', () => {
  const s = setup();
  configure(s, 1);
  configure(s, 2, { refuse: true });
  const last = s.of(MSG.CONFIGURED).at(-1);
  assert.deepEqual([last.ok, last.run, last.keptRun], [false, 2, 1]);
  s.loop.handle({ type: MSG.STEP, run: 1, steps: 2 });
  s.drain();
  assert.equal(s.runner.step, 2, 'run 1 still trains');
});

test('single steps train exactly as many steps, then report progress and a stopped run', () => {
  const s = setup();
  configure(s);
  s.loop.handle({ type: MSG.STEP, run: 1, steps: 3 });
  s.drain();
  assert.equal(s.runner.step, 3);
  const progress = s.of(MSG.PROGRESS);
  assert.deepEqual(progress.flatMap((m) => m.chunks), [1, 2], 'chunks of 1, then 2 (never past the steps asked for)');
  assert.deepEqual([progress.at(-1).run, progress.at(-1).family, progress.at(-1).step], [1, 'fake', 3]);
  assert.deepEqual(s.of(MSG.RUN_STATE).at(-1), { type: MSG.RUN_STATE, run: 1, family: 'fake', running: false, step: 3 });
  s.loop.handle({ type: MSG.STEP, run: 0, steps: 5 });
  assert.equal(s.isScheduled(), false, 'a step for another run is ignored');
});

test('while playing, chunks grow at most 2x a time towards the target length', () => {
  const s = setup({ msPerStep: 0.5 });
  configure(s);
  s.loop.handle({ type: MSG.PLAY, run: 1 });
  assert.equal(s.of(MSG.RUN_STATE).at(-1).running, true);
  s.drain(12);
  const c = s.runner.chunks;
  assert.deepEqual(c.slice(0, 7), [1, 2, 4, 8, 16, 32, 64]);
  assert.ok(c.slice(7).every((n) => n === CHUNK_TARGET_MS / 0.5), `then CHUNK_TARGET_MS worth: ${c}`);
  s.loop.handle({ type: MSG.PAUSE, run: 1 });
  assert.equal(s.runner.pauses, 1, 'the runner measures where it stopped');
  assert.equal(s.of(MSG.RUN_STATE).at(-1).running, false);
  assert.equal(s.isScheduled(), true);
  s.drain();
  assert.equal(s.runner.chunks.length, c.length, 'nothing more trains after a pause');
});

test('progress is coalesced to one message per PROGRESS_MIN_MS, the rest by a timer', () => {
  const s = setup({ msPerStep: 1e-5 });
  configure(s);
  s.loop.handle({ type: MSG.PLAY, run: 1 });
  s.drain(12);
  const progress = s.of(MSG.PROGRESS);
  assert.equal(progress.length, 1, 'twelve fast chunks, one message');
  assert.equal(s.timers.length, 1);
  assert.equal(s.timers[0].ms, PROGRESS_MIN_MS);
  s.clock.t += PROGRESS_MIN_MS;
  s.timers[0].fn();
  const all = s.of(MSG.PROGRESS).flatMap((m) => m.chunks);
  assert.equal(all.reduce((a, b) => a + b, 0), s.runner.step, 'every step is reported once');
});

test('requests: answered in order between chunks, sliced ones streamed, stale and unknown ones refused', () => {
  const s = setup();
  configure(s);
  s.loop.handle({ type: MSG.PLAY, run: 1 });
  s.loop.handle({ type: MSG.REQUEST, id: 1, run: 1, kind: 'slices', args: { count: 3 } });
  s.loop.handle({ type: MSG.REQUEST, id: 2, run: 1, kind: 'echo', args: { x: 42 } });
  s.loop.handle({ type: MSG.REQUEST, id: 3, run: 0, kind: 'echo', args: { x: 1 } });
  s.loop.handle({ type: MSG.REQUEST, id: 4, run: 1, kind: 'missing' });
  s.loop.handle({ type: MSG.REQUEST, id: 5, run: 1, kind: 'refuse' });
  s.drain(8);
  const chunks = s.of(MSG.SAMPLE_CHUNK);
  assert.deepEqual(chunks.map((m) => [m.id, m.text]), [[1, '1'], [1, '2'], [1, '3']]);
  const replies = s.of(MSG.REPLY);
  assert.deepEqual(replies.map((m) => m.id), [1, 2, 3, 4, 5]);
  assert.deepEqual([replies[0].ok, replies[0].n], [true, 3]);
  assert.deepEqual([replies[1].ok, replies[1].echo, replies[1].run], [true, 42, 1]);
  assert.deepEqual([replies[2].ok, replies[2].stale], [false, true]);
  assert.match(replies[3].error, /'missing' is not a request/);
  assert.deepEqual([replies[4].ok, replies[4].error], [false, 'no such thing']);
  assert.ok(s.runner.chunks.length >= 5, 'training went on between the slices');
});

test('a cancelled request is answered once; a new model answers the queue stale', () => {
  const s = setup();
  configure(s);
  s.loop.handle({ type: MSG.REQUEST, id: 1, run: 1, kind: 'echo', args: {} });
  s.loop.handle({ type: MSG.REQUEST, id: 2, run: 1, kind: 'echo', args: {} });
  s.loop.handle({ type: MSG.CANCEL, id: 1 });
  configure(s, 2);
  s.drain();
  const replies = s.of(MSG.REPLY);
  assert.deepEqual(replies.map((m) => [m.id, m.cancelled || false, m.stale || false]), [[1, true, false], [2, false, true]]);
  s.loop.handle({ type: MSG.REQUEST, id: 3, run: 2, kind: 'echo', args: { x: 'new' } });
  s.drain();
  assert.equal(s.of(MSG.REPLY).at(-1).echo, 'new');
});

test('a runner that keeps itself busy trains without play, and single steps do not count its steps', () => {
  const s = setup();
  configure(s);
  s.runner.busy = true;
  s.loop.handle({ type: MSG.STEP, run: 1, steps: 1 });
  s.drain(5);
  assert.equal(s.runner.chunks.length, 5, 'it trains as long as it is busy');
  s.runner.busy = false;
  s.drain();
  assert.equal(s.runner.chunks.length, 6, 'then the single step');
  assert.equal(s.of(MSG.RUN_STATE).at(-1).running, false);
});

test('a failed chunk stops training with an error; an exception is fatal', () => {
  const s = setup();
  configure(s);
  s.loop.handle({ type: MSG.PLAY, run: 1 });
  s.runner.fail = 'the loss is NaN';
  s.drain();
  assert.deepEqual(s.of(MSG.ERROR), [{ type: MSG.ERROR, run: 1, family: 'fake', error: 'the loss is NaN' }]);
  assert.equal(s.of(MSG.RUN_STATE).at(-1).running, false);
  s.loop.handle({ type: MSG.REQUEST, id: 9, run: 1, kind: 'crash', args: {} });
  s.drain();
  assert.deepEqual(s.of(MSG.FATAL), [{ type: MSG.FATAL, error: 'the module aborted' }]);
  s.loop.handle({ type: MSG.REQUEST, id: 10, run: 1, kind: 'echo', args: {} });
  assert.deepEqual(s.of(MSG.REPLY).at(-1), { type: MSG.REPLY, id: 10, run: 1, ok: false, error: 'the engine stopped' });
});

test('a request with arguments the engine\'s glue refuses fails alone; the engine goes on', () => {
  const s = setup();
  configure(s);
  s.loop.handle({ type: MSG.REQUEST, id: 4, run: 1, kind: 'badType', args: {} });
  s.drain();
  assert.deepEqual(s.of(MSG.REPLY).at(-1), { type: MSG.REPLY, id: 4, run: 1, ok: false, error: "bad arguments for 'badType': Cannot pass 7 as a std::string" });
  assert.deepEqual(s.of(MSG.FATAL), []);
  s.loop.handle({ type: MSG.REQUEST, id: 5, run: 1, kind: 'echo', args: { x: 3 } });
  s.drain();
  assert.deepEqual(s.of(MSG.REPLY).at(-1), { type: MSG.REPLY, id: 5, run: 1, ok: true, echo: 3 });
});

test('estimates are answered at once, before a model and whatever the run, with the engine\'s reply', () => {
  const asked = [];
  const s = setup({
    estimate: (family, experiment, data) => {
      asked.push([family, experiment, data]);
      return family === 'fake' ? { ok: true, params: 42, bytes: 1e6 } : { ok: false, error: `unknown family '${family}'` };
    },
  });
  s.loop.handle({ type: MSG.ESTIMATE, id: 1, run: 0, family: 'fake', experiment: '{"hidden":3}', data: '{"vocab":5}' });
  s.loop.handle({ type: MSG.ESTIMATE, id: 2, run: 7, family: 'nope', experiment: '{}', data: '{}' });
  assert.deepEqual(asked, [['fake', '{"hidden":3}', '{"vocab":5}'], ['nope', '{}', '{}']]);
  assert.deepEqual(s.of(MSG.REPLY), [
    { type: MSG.REPLY, id: 1, run: 0, ok: true, params: 42, bytes: 1e6 },
    { type: MSG.REPLY, id: 2, run: 7, ok: false, error: "unknown family 'nope'" },
  ]);
  assert.equal(s.isScheduled(), false, 'no training turn for an estimate');
  const none = setup();
  none.loop.handle({ type: MSG.ESTIMATE, id: 3, run: 0, family: 'fake', experiment: '{}', data: '{}' });
  assert.equal(none.of(MSG.REPLY)[0].ok, false, 'an engine without an estimator says so');
});

test('a call that failed inside the engine stops the loop with FATAL, though the call itself answered {ok: false}', () => {
  let failure = '';
  const s = setup({ engineFailure: () => failure });
  configure(s);
  s.loop.handle({ type: MSG.PLAY, run: 1 });
  s.drain(3);
  assert.equal(s.of(MSG.FATAL).length, 0, 'a sound engine trains on');
  failure = 'it ran out of memory';
  s.runner.fail = 'the engine failed in CharLMSession.train: it ran out of memory';
  s.drain();
  const fatal = s.of(MSG.FATAL);
  assert.equal(fatal.length, 1, 'reported once');
  assert.match(fatal[0].error, /the engine failed \(it ran out of memory\)/);
  s.loop.handle({ type: MSG.REQUEST, id: 9, run: 1, kind: 'echo', args: { x: 1 } });
  assert.deepEqual(s.posted.at(-1), { type: MSG.REPLY, id: 9, run: 1, ok: false, error: 'the engine stopped' }, 'nothing more runs on it');
  assert.equal(s.isScheduled(), false);
});
