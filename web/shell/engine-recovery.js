// When the engine's worker dies (out of memory, a failed load): the controller goes quiet with a notice, and
// one click starts a fresh worker and continues from the last saved state of the session (or rebuilds it).
export class EngineRecovery {
  constructor(controller) {
    this.c = controller;
  }

  stopped(error) {
    const c = this.c;
    if (!c.engineStarted) return;  // it never started: start() explains that
    c.ready = false;
    c.running = false;
    c.toolbar.setRunning(false);
    c.toolbar.setEnabled(false);
    c.toolbar.setStatus('The engine stopped');
    c.notices.error('The engine stopped', [error, 'Restart it to continue from the last saved state of this session.'], {
      key: 'fatal',
      actions: [{ label: 'Restart the engine', testid: 'restart-engine', onClick: () => this.restart() }],
    });
  }

  async restart() {
    const c = this.c;
    c.toolbar.setStatus('Restarting the engine…');
    try {
      await c.bridge.restart();
    } catch (e) {
      this.stopped(String(e.message || e));
      return;
    }
    const stored = await c.session.load();
    if (stored && c.applied && c.table.sameExperiment(stored.state, c.linkState())) await c.restoreRecord(stored, { ...c.state }, false);
    else await c.build({ confirmed: true });
  }
}
