// The char LM's model-file hooks (shell/model-files.js calls them on the controller; see README, "A
// family"): the file's name and what the download notice says, what the file records of its text
// (file-text.js), what its PyTorch project holds besides, and, opening one, the text it trains on and what
// the notice says about the model.
import { fmtCompact, fmtInt } from '../shell/format.js';
import { MAX_TEXT_IN_FILE, fileTextPlan, presetChangedLine, textDigest, textMetadata, textName } from './file-text.js';
import { presetById } from './presets.js';
import { loadPreset } from './text-source.js';

export const modelFileHooks = {
  exportArgs({ save, withState }) {
    return { withTrainingState: save || !!withState };
  },

  downloadName(r, withState) {
    const a = this.applied;
    return `recurrent-${a.cell}-h${a.hidden}${a.layers > 1 ? `x${a.layers}` : ''}-step${r.step}${withState ? '-resumable' : ''}.safetensors`;
  },

  downloadNote(withState) {
    const a = this.applied;
    const own = !presetById(a.preset);
    const kept = !own ? '' : textDigest(this.appliedText).bytes <= MAX_TEXT_IN_FILE ? ' (the text itself is in the file)' : ' (its SHA-256: the text is too big to include)';
    return `safetensors with PyTorch's parameter names${withState ? ', plus the optimizer state to resume training exactly' : '; load it with load_state_dict(strict=True)'}. It records what it was trained on: ${textName(a.preset)}${kept}.`;
  },

  // The metadata the page adds to a downloaded file: its text.
  fileMetadata() {
    const a = this.applied;
    return textMetadata(presetById(a.preset) ? a.preset : null, this.appliedText);
  },

  // The PyTorch project's data (shell/pytorch-project.js): the text as trained on, and the held-out fraction
  // the engine got, on which the data position depends (the file does not record it).
  projectData() {
    const a = this.applied;
    const p = presetById(a.preset);
    const holdout = String(this.appliedFraction ?? a.holdout);
    return {
      summary: `A character language model: ${this.family.catalogue.cellLabel(a.cell)}, ${a.hidden} hidden units × ${a.layers} layer${a.layers > 1 ? 's' : ''}, ${a.embed ? `an embedding of ${a.embed}` : 'one-hot input'}, a vocabulary of ${this.vocab.length}, trained on ${textName(a.preset)}`,
      files: [{ name: 'input.txt', data: this.appliedText, about: `the text it trains on (${p ? `the ${p.title} preset` : 'your own'}), as UTF-8` }],
      data: ['--text', 'input.txt'],
      train: ['--holdout', holdout],
      batch: a.batch,
      notes: [`\`--holdout ${holdout}\` is the held-out fraction this run used (the end of the text, kept for evaluation): the data position depends on it, so keep it as it is.`],
      reopen: `The resumable file keeps the page's record of its text (the preset's name, or your own text when it is at most ${MAX_TEXT_IN_FILE / 1024} KB), so the page goes back to it.`,
      refusal: '',
    };
  },

  // The text to open a file on (its metadata says which it was trained on): {state, lines, warn}; sets
  // this.text to it (the shell puts the old one back if the file does not open).
  async fileData(meta, state) {
    const current = this.applied ? this.appliedText : this.text;
    const plan = fileTextPlan(meta, { preset: state.preset, text: current });
    if (plan.preset) {
      this.text = await loadPreset(plan.preset);
      const changed = presetChangedLine(meta, this.text);
      const probe = plan.preset === state.preset ? state.probe : '';
      return { state: { ...state, preset: plan.preset, probe }, lines: changed ? [...plan.lines, changed] : plan.lines, warn: !!changed };
    }
    if (plan.text !== undefined) {
      this.text = plan.text;
      return { state: { ...state, preset: 'custom', text: plan.text, probe: '' }, lines: plan.lines, warn: false };
    }
    this.text = current;
    return { state, lines: plan.lines, warn: !!plan.warn };
  },

  openFailedHint() {
    return '';
  },

  // An opened model that does not know every character of its text: the text it can read (the worker left
  // out what it cannot).
  openedFile(r) {
    if (r.text === undefined) return;
    this.state.preset = 'custom';
    this.state.text = r.text;
    this.text = r.text;
    this.state.probe = '';
  },

  openedLines(r) {
    const s = this.state;
    const lines = [
      `${this.family.catalogue.cellLabel(s.cell)}, ${s.hidden} hidden units × ${s.layers} layer${s.layers > 1 ? 's' : ''}, ${s.embed ? `embedding ${s.embed}` : 'one-hot input'}, vocabulary of ${r.info.vocabSize}, ${fmtCompact(r.info.params)} parameters.`,
      r.step > 0 ? `Its optimizer state came along: training resumes at step ${fmtInt(r.step)}.` : 'Weights only: training starts a fresh optimizer with the settings on the left.',
    ];
    if (r.notice) lines.push(r.notice);
    return lines;
  },
};
