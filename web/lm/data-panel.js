// The training text: a preset, or your own text pasted or uploaded, with its size, vocabulary and held-out
// split.
import { h } from '../shell/dom.js';
import { ownTextBox } from '../ui/own-text.js';
import { PRESETS, presetById } from './presets.js';
import { fmtInt } from '../shell/format.js';

export class DataPanel {
  // onPreset(id), onCustomText(text, sourceName), onFile(File), onHoldout(raw fraction); holdout: its field
  // (the engine's label and bounds; the box shows a percentage)
  constructor({ onPreset, onCustomText, onFile, onHoldout, holdout }) {
    this.select = h('select', { id: 'preset-select', dataset: { testid: 'preset-select' }, onchange: (e) => onPreset(e.target.value) },
      PRESETS.map((p) => h('option', { value: p.id }, p.title)),
      h('option', { value: 'custom' }, 'Your own text'));
    this.blurb = h('p', { class: 'note' });
    this.stats = h('p', { class: 'stats', dataset: { testid: 'text-stats' } }, '…');
    const own = ownTextBox({
      summary: 'Use your own text',
      textarea: { rows: 5, dataset: { testid: 'text-input' }, placeholder: 'Paste any text here (at least a few thousand characters works best)…', 'aria-label': 'Your own training text' },
      use: { label: 'Train on this text', testid: 'use-text' },
      upload: { label: 'Upload .txt…', id: 'text-upload', accept: '.txt,text/plain', testid: 'text-upload' },
      tooLong: { testid: 'text-too-long' },
      onUse: (text) => onCustomText(text, 'pasted text'),
      onFile,
    });
    this.own = own.el;
    this.textarea = own.textarea;
    this.showText = own.show;
    this.holdout = h('input', { type: 'number', id: 'ctl-holdout', min: 100 * holdout.min, max: 100 * holdout.max, step: 1, dataset: { testid: 'ctl-holdout' },
      onchange: (e) => onHoldout(String(Number(e.target.value) / 100)) });
    this.el = h('div', { class: 'fields' },
      h('div', { class: 'field field-stack' }, h('label', { for: 'preset-select' }, 'training text'), this.select),
      this.blurb,
      this.stats,
      h('div', { class: 'field', title: holdout.help }, h('label', { for: 'ctl-holdout' }, holdout.label, h('span', { class: 'hint' }, '%, at the end, never trained on')), this.holdout),
      this.own);
  }

  setValues(state) {
    this.select.value = state.preset;
    const p = presetById(state.preset);
    this.blurb.textContent = p ? p.blurb : 'Your own text. It stays in this browser; small texts also travel in the share link.';
    if (!p) this.showText(state.text);
    this.holdout.value = String(Math.round(state.holdout * 1000) / 10);
  }

  // {chars, distinct, trainChars, heldChars, capped, asked}
  setStats(s) {
    if (!s) {
      this.stats.textContent = '…';
      return;
    }
    const pct = s.chars ? ((s.heldChars / s.chars) * 100).toFixed(1) : '0';
    const why = s.capped ? `; capped from the ${(s.asked * 100).toFixed(0)}% asked for, so that one held-out evaluation stays around a second` : '';
    this.stats.textContent = `${fmtInt(s.chars)} characters · ${fmtInt(s.distinct)} distinct · ${fmtInt(s.trainChars)} to train on, ${fmtInt(s.heldChars)} held out (${pct}%${why})`;
  }
}
