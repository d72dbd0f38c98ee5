// The training half of a family's controller (controller.js extends it): play, pause, single steps and
// reset, the status line, progress from the worker with the throughput it implies, the readouts, and the
// periodic work while training (the family's live requests, saves).
import { fmtInt } from './format.js';

const RATE_WINDOW_MS = 2000;

export class TrainingControls {
  togglePlay() {
    if (this.running) this.pause();
    else this.play();
  }

  play() {
    if (!this.ready || this.running) return;
    this.bridge.play();
    this.setRunning(true, true);
  }

  // quiet: the model is about to be replaced, so the views need no refresh
  pause(quiet = false) {
    if (!this.running) return;
    this.bridge.pause();
    this.setRunning(false, true);
    if (!quiet) this.afterPause();
  }

  // The worker handles messages in order, so these run on the weights as they are after the pause.
  afterPause() {
    if (this.info) this.showSize(this.cost, this.info.params);  // now with this device's measured speed
    this.refreshViews();
    this.session.saveSoon();
  }

  stepOnce() {
    if (!this.ready) return;
    if (this.running) this.pause();
    else this.bridge.step(1);
  }

  // Trains exactly n steps and stops (a lesson's). The worker reports the steps as it does while playing and
  // says when it has stopped; pressing pause stops it early. Pressed while the model is still being built, or
  // while a pause is on its way to the worker, it starts as soon as it can (startQueued) instead of doing
  // nothing.
  trainSteps(n) {
    if (this.running) this.pause();
    if (!this.ready || this.running || this.bridge.running) {
      this.queuedSteps = n;
      return true;
    }
    this.queuedSteps = 0;
    this.bridge.step(n);
    this.setRunning(true, true);
    return true;
  }

  // Steps trainSteps could not start yet: once the model is ready and stopped (adopt, a pause arriving).
  startQueued() {
    if (this.queuedSteps && this.ready && !this.running && !this.bridge.running) this.trainSteps(this.queuedSteps);
  }

  // A fresh model from the same seed. The run before is saved first and stays in the Sessions menu; the
  // notice's Undo brings it back (one stray R key must not cost a run).
  async reset() {
    if (!this.applied) return;
    await this.session.leave();
    const before = { id: this.session.id, step: this.step };
    Object.assign(this.state, this.applied);
    this.syncControls();
    if (!(await this.build({ confirmed: true })) || !(before.step > 0) || !before.id) return;
    this.notices.info('Reset to step 0', [`The run you had (step ${fmtInt(before.step)}) is kept in the Sessions menu.`], {
      key: 'reset', timeout: 30000, actions: [{ label: 'Undo reset', testid: 'undo-reset', onClick: () => this.undoReset(before.id) }],
    });
  }

  async undoReset(id) {
    const record = await this.session.load(id);
    if (record) await this.restoreRecord(record, record.state, false);
    else this.notices.warn('The run before the reset is no longer stored', ['It may have been deleted from the Sessions menu.']);
  }

  setRunning(running, local) {
    const was = this.running;
    this.running = running;
    this.toolbar.setRunning(running);
    if (running || this.ready) this.showStatus();
    if (was && !running && !local) this.afterPause();  // the worker stopped by itself
    if (!running) this.startQueued();
  }

  // The status line: what the family is busy with (busyStatus), else training or paused (fresh: a model
  // just built, which is ready rather than paused before its first step).
  showStatus(fresh = false) {
    const busy = this.busyStatus();
    if (busy) this.toolbar.setStatus(busy);
    else if (this.running) this.toolbar.setStatus('Training…');
    else if (fresh && !this.step) this.toolbar.setStatus('Ready: press Space or ▶ Play to train');
    else this.toolbar.setStatus(`Paused at step ${fmtInt(this.step)}`);
  }

  onProgress(m) {
    const wasBusy = !!this.busyStatus();
    this.step = m.step;
    const items = this.progressed(m);
    const t = performance.now();
    this.rate.push([t, items, m.seconds]);
    while (this.rate.length > 1 && t - this.rate[0][0] > RATE_WINDOW_MS) this.rate.shift();
    this.divergence.watch();
    const busy = this.busyStatus();
    if (busy || (!this.running && !this.bridge.running) || wasBusy) this.showStatus();
    this.updateReadouts();
    // single steps (or the end of a catch-up while paused): refresh the views right away, and save them (a
    // save in flight leaves it to the next tick)
    if (!this.running && !busy && (m.losses.length || wasBusy)) {
      this.refreshViews();
      this.session.saveSoon();
      this.session.save();
    }
  }

  renderReadouts() {
    let items = 0, secs = 0;
    for (const [, n, s] of this.rate) {
      items += n;
      secs += s;
    }
    this.toolbar.update({
      step: this.ready ? this.step : NaN,
      loss: this.history.smoothedLoss,
      params: this.info ? this.info.params : NaN,
      extra: this.readouts(secs > 0 ? items / secs : NaN),
    });
  }

  // Periodic work while the family is shown: its live requests while training, and saves.
  background() {
    if (!this.ready || !this.active) return;
    const now = performance.now();
    if (this.running || this.busyStatus()) for (const req of Object.values(this.live)) req.tick(now);
    this.session.tick(now);
    if (this.running) this.session.dirty = true;
  }

}
