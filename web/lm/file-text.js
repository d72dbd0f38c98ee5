// What a char-LM file made by the page says about the text it was trained on, and what the page trains an
// opened file on. Its safetensors metadata (strings, beside the engine's keys; the engine, the `rnn` command
// line and PyTorch ignore them) holds:
//   text_sha256   the SHA-256 of the text's UTF-8 bytes, as `sha256sum` prints it
//   text_chars    its length in characters
//   text_preset   the preset's id, when it is a preset
//   text          your own text itself, when it is at most MAX_TEXT_IN_FILE bytes of UTF-8
// in every file, weights only or resumable: a file should reopen on its text, and a small own text travels
// in share links too. No DOM here.
import { countChars } from '../shell/link-values.js';
import { fmtInt } from '../shell/format.js';
import { sha256Bytes } from '../shell/sha256.js';
import { presetById } from './presets.js';
import { checkText } from './text-source.js';

export const MAX_TEXT_IN_FILE = 256 * 1024;

let memo = { text: null };

// {sha256, bytes} of a text (the last one is remembered: downloads and opens ask again for the same).
export function textDigest(text) {
  if (memo.text !== text) {
    const utf8 = new TextEncoder().encode(text);
    memo = { text, sha256: sha256Bytes(utf8), bytes: utf8.length };
  }
  return memo;
}

// The metadata entries for a model trained on `text`; preset: its id, or null for your own text.
export function textMetadata(preset, text) {
  const d = textDigest(text);
  const out = { text_sha256: d.sha256, text_chars: String(countChars(text)) };
  if (preset) out.text_preset = preset;
  else if (d.bytes <= MAX_TEXT_IN_FILE) out.text = text;
  return out;
}

// How the notices name the text of a state.
export function textName(preset) {
  const p = presetById(preset);
  return p ? `the ${p.title} preset` : 'your own text';
}

// What to train an opened file on, from its metadata and the text there is ({preset, text}): {preset} (a
// preset to load), {text} (the text the file carries) or {} (the text there is), with the lines saying so;
// warn: the page trains it on another text than its own.
export function fileTextPlan(meta, current) {
  const here = textName(current.preset);
  const chars = /^\d+$/.test(meta.text_chars || '') ? `${fmtInt(Number(meta.text_chars))} characters, ` : '';
  const preset = presetById(meta.text_preset);
  if (preset) {
    return { preset: preset.id, lines: [current.preset === preset.id ? `Trained on ${textName(preset.id)}, as here.` : `Trained on ${textName(preset.id)}: the page switched to it.`] };
  }
  if (meta.text_preset)
    return { warn: true, lines: [`It was trained on a preset this page does not have ('${meta.text_preset}'), so the page trains it on ${here}: its held-out loss is not the one it had.`] };
  const hash = typeof meta.text_sha256 === 'string' ? meta.text_sha256 : '';
  if (!hash) return { lines: [`The file does not say what it was trained on; the page trains it on ${here}.`] };
  if (current.preset === 'custom' && textDigest(current.text).sha256 === hash) return { lines: ['Trained on your own text, the one here.'] };
  if (typeof meta.text === 'string' && !checkText(meta.text).error && textDigest(meta.text).sha256 === hash)
    return { text: meta.text, lines: [`Its own text (${fmtInt(countChars(meta.text))} characters) came with the file: the page trains on it and shows it under “Use your own text”.`] };
  return {
    warn: true,
    lines: [`It was trained on a text that is not here (${chars}SHA-256 ${hash.slice(0, 16)}…), so the page trains it on ${here} instead: its held-out loss is not the one it had. To go on with its own text, paste that text under “Use your own text” and open the file again.`],
  };
}

// A preset loaded for a file whose digest it no longer matches (the page's preset changed since).
export function presetChangedLine(meta, presetText) {
  const hash = meta.text_sha256;
  if (!hash || textDigest(presetText).sha256 === hash) return '';
  return `The ${presetById(meta.text_preset).title} preset has changed since the file was made; the page trains it on today's.`;
}
