// A model summary as Keras' summary() and torchinfo print one: every parameter tensor with its shape and
// size, grouped by the module its name starts with ("encoder.rnn", "head"), and the total. Read from the
// model's own file (its safetensors header), so every family has one without a line of its own. No DOM.
import { readTensors } from './safetensors.js';

const count = (shape) => shape.reduce((n, d) => n * d, 1);

// The module a parameter belongs to: its name without the last part ("rnn.weight_ih_l0" -> "rnn").
function moduleOf(name) {
  const i = name.lastIndexOf('.');
  return i > 0 ? name.slice(0, i) : name;
}

// bytes: a model file. Returns {rows: [{module, name, shape, params}], modules: [{module, params}], total,
// bytes (as float32)}, or null when the bytes are not a model file.
export function modelSummary(bytes) {
  const tensors = readTensors(bytes);
  if (!tensors) return null;
  const rows = tensors.map((t) => ({ module: moduleOf(t.name), name: t.name, shape: t.shape, params: count(t.shape) }));
  const modules = [];
  for (const r of rows) {
    const last = modules[modules.length - 1];
    if (last && last.module === r.module) last.params += r.params;
    else modules.push({ module: r.module, params: r.params });
  }
  const total = rows.reduce((n, r) => n + r.params, 0);
  return { rows, modules, total, bytes: 4 * total };
}
