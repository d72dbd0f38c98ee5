// When the engine fails (its worker died, or a call failed inside the module, which cannot be trusted after
// it): a fresh worker starts at once and the session continues from its last saved state (saved every few
// seconds while training, web/shell/session-keeper.js), or is rebuilt, with a notice saying so. A failure
// that comes back within a minute is not retried on its own: the controller goes quiet and one click
// restarts it.
const AUTO_RESTART_GAP_MS = 60000;

export class EngineRecovery {
  constructor(controller, now = () => Date.now()) {
    this.c = controller;
    this.now = now;
    this.lastAutomatic = -Infinity;
  }

  stopped(error) {
    const c = this.c;
    if (!c.engineStarted) return;  // it never started: start() explains that
    c.ready = false;
    c.running = false;
    c.toolbar.setRunning(false);
    c.toolbar.setEnabled(false);
    const t = this.now();
    if (t - this.lastAutomatic >= AUTO_RESTART_GAP_MS) {
      this.lastAutomatic = t;
      this.restart(error);
      return;
    }
    c.toolbar.setStatus('The engine stopped');
    c.notices.error('The engine stopped', [error, 'It failed again soon after a restart. Restart it to continue from the last saved state of this session.'], {
      key: 'fatal',
      actions: [{ label: 'Restart the engine', testid: 'restart-engine', onClick: () => this.restart('') }],
    });
  }

  // error: why the engine stopped, when this restart was not asked for (the notice then says what happened).
  async restart(error) {
    const c = this.c;
    c.notices.clearKey('fatal');
    c.toolbar.setStatus('Restarting the engine…');
    try {
      await c.bridge.restart();
    } catch (e) {
      this.stopped(String(e.message || e));
      return;
    }
    const stored = await c.session.load();
    const resume = stored && c.applied && c.table.sameExperiment(stored.state, c.linkState());
    if (resume) await c.restoreRecord(stored, { ...c.state }, false);
    else await c.build({ confirmed: true });
    if (error) {
      const where = resume ? `It continues from step ${c.step.toLocaleString('en-US')}, the last saved state of this session.` : 'The model was built again from the settings.';
      c.notices.warn('The engine failed and was restarted', [error, where], { key: 'engine-restarted' });
    }
  }
}
