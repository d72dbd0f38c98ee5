// A controller's experiment for the command line (shell/command.js): "Copy as command" puts the `rnn
// <family> train ...` line of the model the engine has on the clipboard (or shows it when copying is not
// allowed), and "Download experiment JSON" saves its settings for `train --config FILE.json`.
import { buildCommand, experimentJson } from './command.js';
import { downloadBlob } from './download.js';

export class ExperimentExport {
  constructor(controller) {
    this.c = controller;
  }

  // The settings of the model there is (values: what the engine got where the state says otherwise).
  options() {
    const c = this.c;
    return { values: c.commandValues(), steps: c.ready ? c.step : 0 };
  }

  command() {
    return buildCommand(this.c.family, this.c.linkState(), this.options());
  }

  json() {
    return experimentJson(this.c.family, this.c.linkState(), this.options());
  }

  async copyCommand() {
    const c = this.c;
    const { command, notes } = this.command();
    const steps = `${c.step.toLocaleString('en-US')} step${c.step === 1 ? '' : 's'}`;
    const why = c.step > 0 ? `It trains this experiment for the ${steps} this run has taken.` : 'It trains this experiment (for the command\'s default number of steps: add --steps N).';
    try {
      await navigator.clipboard.writeText(command);
      c.notices.info('Command copied', [command, why, ...notes], { key: 'command', timeout: 12000 });
    } catch {
      c.notices.info('Copy this command', [command, why, ...notes], { key: 'command' });
    }
  }

  downloadJson() {
    const c = this.c;
    const name = `${c.family.id}-experiment.json`;
    downloadBlob(new Blob([this.json()], { type: 'application/json' }), name);
    const data = c.family.command.data(c.linkState());
    c.notices.info('Experiment downloaded', [`${name}: run it with  rnn ${c.family.id} train --config ${name} ${data.args.join(' ')}`, ...data.notes], { key: 'command', timeout: 12000 });
  }
}
