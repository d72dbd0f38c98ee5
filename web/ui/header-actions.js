// The header's buttons: copy the share link, download the model (its menu beside it: the PyTorch project),
// open a model file, and the experiment for the command line (copied as an `rnn` command, or downloaded as
// the experiment JSON).
import { fileButton, fileInput, h, icon } from '../shell/dom.js';
import { Menu } from './menu.js';

export class HeaderActions {
  // onCopyLink(), onDownload(withTrainingState), onDownloadProject(), onOpenModel(File), onCopyCommand(),
  // onDownloadExperiment(), onSummary()
  constructor({ onCopyLink, onDownload, onDownloadProject, onOpenModel, onCopyCommand, onDownloadExperiment, onSummary }) {
    this.copy = h('button', { type: 'button', class: 'btn', dataset: { testid: 'copy-link' }, title: 'Copy a link that reproduces this experiment', onclick: () => onCopyLink() }, icon('link'), 'Copy link');
    this.withState = h('input', { type: 'checkbox', dataset: { testid: 'download-with-state' } });
    this.download = h('button', { type: 'button', class: 'btn', dataset: { testid: 'download-model' }, title: 'Download the weights as .safetensors (loads in PyTorch)', onclick: () => onDownload(this.withState.checked) }, icon('download'), h('span', null, 'Download', h('span', { class: 'long' }, ' model')));
    // the download button's own menu (a split button): the other ways to take the model away
    this.downloads = new Menu({
      label: [], title: 'More ways to download this model', testid: 'download-menu', className: 'split-menu',
      items: [{ id: 'pytorch', label: 'PyTorch project (.zip)', note: 'the model and its training state, its PyTorch module and training script, its data, a README with the commands', testid: 'download-pytorch' }],
      onPick: () => onDownloadProject(),
    });
    this.summary = h('button', { type: 'button', class: 'btn', dataset: { testid: 'model-summary-button' }, title: 'Every parameter tensor with its shape and size, as torchinfo prints it', onclick: () => onSummary() }, icon('table'), h('span', null, 'Summary'));
    this.file = fileInput({ id: 'open-model', accept: '.safetensors,application/octet-stream', testid: 'open-model', onFile: onOpenModel });
    this.open = fileButton(this.file, { class: 'btn', title: 'Open a .safetensors model (from here or PyTorch) to inspect and keep training', dataset: { testid: 'open-model-button' } },
      icon('upload'), h('span', null, 'Open', h('span', { class: 'long' }, ' model'), '…'));
    this.command = new Menu({
      label: [icon('terminal'), 'Command line'], title: 'Run this experiment with the rnn command line', testid: 'command-menu',
      items: [
        { id: 'command', label: 'Copy as command', note: 'rnn … train with these settings', testid: 'copy-command' },
        { id: 'json', label: 'Download experiment JSON', note: 'for rnn … train --config FILE.json', testid: 'download-experiment' },
      ],
      onPick: (id) => (id === 'command' ? onCopyCommand() : onDownloadExperiment()),
    });
    this.el = h('div', { class: 'header-actions' },
      this.copy,
      h('span', { class: 'btn-group' }, h('span', { class: 'split' }, this.download, this.downloads.el),
        h('label', { class: 'check check-small', title: 'Include the optimizer state and stream position, to resume training exactly (PyTorch\'s load_state_dict(strict=True) wants it off)' }, this.withState, '+ optimizer state')),
      this.summary, this.open, this.file, this.command.el);
  }

  setEnabled(on) {
    this.download.disabled = !on;
    this.downloads.setEnabled(on);
    this.summary.disabled = !on;
    this.copy.disabled = false;
  }

  // What the shown family downloads: {title, withState} (withState: it can include its optimizer state), or
  // null for a family with no model files and no command line (the lab): both are hidden. project: it has a
  // PyTorch project (PYTORCH_PROJECTS in families.js), which its download menu offers.
  setDownload(download, project = false) {
    this.download.closest('.btn-group').hidden = !download;
    this.command.el.hidden = !download;
    this.downloads.el.hidden = !project;
    this.download.classList.toggle('split-main', !!project);
    if (!download) return;
    this.withState.closest('label').hidden = !download.withState;
    this.download.title = download.title;
  }
}
