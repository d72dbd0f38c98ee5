// A view's request to the worker that repeats while training runs (a probe, a sample, an evaluation...):
// at most one in flight, a newer one replacing it when forced, and no sooner than `every` ms after the last
// one ended; with `slowdown`, the gap grows to that many times the last one's duration, so a slow request
// (a big model) never crowds out training. The family decides when it is wanted and how to send it.
export class LiveRequest {
  // every: ms; slowdown: 0 or a factor; wanted(): true when the views need it now; send(): issues the
  // bridge request and handles its reply, returning {promise, cancel} (or null: nothing to send).
  constructor({ every, slowdown = 0, wanted = () => true, send }) {
    Object.assign(this, { every, slowdown, wanted, send });
    this.gap = every;
    this.inflight = null;
    this.last = 0;
  }

  // Sends now; with force, instead of one in flight.
  fire(force = false) {
    if (this.inflight) {
      if (!force) return;
      this.inflight.cancel();
    }
    const t0 = performance.now();
    const req = this.send();
    if (!req) return;
    this.inflight = req;
    req.promise.catch(() => {}).finally(() => {
      if (this.inflight === req) this.inflight = null;
      this.last = performance.now();
      if (this.slowdown) this.gap = Math.max(this.every, this.slowdown * (this.last - t0));
    });
  }

  // The periodic check while training: sends when wanted and due.
  tick(now) {
    if (!this.inflight && now - this.last >= this.gap && this.wanted()) this.fire();
  }

  cancel() {
    if (this.inflight) this.inflight.cancel();
  }
}
