// What a configuration will cost before it is built: parameters, memory and the work of one training step,
// so that big models are refused or warned about before they start. Pure functions.

import { fmtBytes, fmtCompact, fmtSeconds } from './format.js';

export const GATES = Object.freeze({ rnn_tanh: 1, rnn_relu: 1, lstm: 4, lstm_peephole: 4, lstm_coupled: 3, gru: 3 });
const OPTIM_STATES = { sgd: 0, momentum: 1, adagrad: 1, rmsprop: 1, adam: 2 };

export const WARN_PARAMS = 5e6;
export const WARN_STEP_SECONDS = 1;
export const MAX_BYTES = 1.5 * 1024 * 1024 * 1024;  // the module may grow to 2 GiB; leave room for the rest

// Floating-point operations per second this device does in training; refined from measured steps.
let flopsPerSecond = 6e9;

export function calibrate(flopsPerStep, steps, seconds) {
  if (!(seconds > 0.02) || !(flopsPerStep > 0)) return;
  const measured = (flopsPerStep * steps) / seconds;
  flopsPerSecond = 0.7 * flopsPerSecond + 0.3 * measured;
}

export function estimate(state, vocabSize) {
  const V = Math.max(2, vocabSize | 0);
  const H = state.hidden, L = state.layers, E = state.embed, G = GATES[state.cell] || 4;
  const B = state.batch, T = state.seq;
  let params = E > 0 ? V * E : 0;
  let macsPerChar = 0;
  for (let l = 0; l < L; l++) {
    const input = l === 0 ? (E > 0 ? E : V) : H;
    params += G * H * (input + H) + 2 * G * H + (state.cell === 'lstm_peephole' ? 3 * H : 0);
    // One-hot input is a row gather, not a product.
    macsPerChar += G * H * ((l === 0 && E === 0 ? 0 : input) + H);
  }
  params += H * V + V;
  macsPerChar += H * V;
  // forward + backward (about twice the forward) + weight gradients: ~3 passes of 2 flops per MAC
  const flopsPerStep = 6 * macsPerChar * B * T;
  const optimStates = OPTIM_STATES[state.optim] ?? 2;
  // parameters, gradients, transposed copies, optimizer state, plus the sampler/probe copies of activations
  const paramBytes = params * 4 * (3 + optimStates);
  const perRow = (G + 4) * H * L * 2 + V * 3 + E * 2;  // the engine's own activation estimate, in floats
  const activationBytes = perRow * T * B * 4;
  const bytes = paramBytes + activationBytes + 16 * 1024 * 1024;
  const stepSeconds = flopsPerStep / flopsPerSecond;
  return { params, flopsPerStep, bytes, activationBytes, stepSeconds, charsPerStep: B * T };
}

// The verdict every family shares on an estimate: too big for WebAssembly's memory, big enough to warn
// about, or fine.
function sizeVerdict(e) {
  if (e.bytes > MAX_BYTES)
    return { e, refuse: `This model would need about ${fmtBytes(e.bytes)} of memory; a browser tab's WebAssembly can use at most 2 GB. Make it smaller.` };
  const warnings = [];
  if (e.params > WARN_PARAMS) warnings.push(`${fmtCompact(e.params)} parameters (${fmtBytes(e.bytes)} of memory)`);
  if (e.stepSeconds > WARN_STEP_SECONDS) warnings.push(`about ${fmtSeconds(e.stepSeconds)} per training step on this device`);
  if (warnings.length) return { e, warn: `This model is big: ${warnings.join(' and ')}. The page stays responsive, but training will be slow.` };
  return { e };
}

// {refuse: message} when it cannot work, {warn: message} when it would be slow or big, or {} when fine.
export function judge(state, vocabSize, textChars) {
  const e = estimate(state, vocabSize);
  const needed = state.batch * state.seq + 1;
  if (textChars !== undefined && textChars < needed)
    return { e, refuse: `The training text has ${textChars.toLocaleString('en-US')} characters, but batch × sequence length needs at least ${needed.toLocaleString('en-US')}. Lower the batch size or sequence length, or use a longer text.` };
  if (e.activationBytes > 1024 * 1024 * 1024)
    return { e, refuse: `This needs over 1 GB for one window's activations (${fmtBytes(e.activationBytes)}); lower the batch size, sequence length or hidden size.` };
  return sizeVerdict(e);
}

// How many characters of the probe text the sensitivity figure can cover in about `seconds` of work: the
// forward-mode Jacobian costs one tangent pass per input dimension (vocabulary or embedding size).
export function sensitivityChars(state, vocabSize, maxChars, seconds = 0.25) {
  const V = Math.max(2, vocabSize | 0);
  const H = state.hidden, G = GATES[state.cell] || 4;
  const K = state.embed > 0 ? state.embed : V;
  let perChar = 0;
  for (let l = 0; l < state.layers; l++) perChar += G * H * ((l === 0 ? K : H) + H) * 2;
  perChar *= K;
  return Math.max(2, Math.min(maxChars, Math.floor((seconds * flopsPerSecond) / perChar)));
}

// The held-out text is evaluated as one stream (batch 1), which is slow for big models; cap its length so
// one evaluation stays around a second. Deterministic in the settings (it decides the train/held-out split).
export function heldOutCap(state, vocabSize) {
  const V = Math.max(2, vocabSize | 0);
  const H = state.hidden, G = GATES[state.cell] || 4, E = state.embed;
  let perChar = 2 * H * V;
  for (let l = 0; l < state.layers; l++) perChar += 2 * G * H * ((l === 0 ? (E > 0 ? E : 0) : H) + H);
  return Math.max(1000, Math.min(10000, Math.round(3e9 / perChar / 100) * 100));
}

// ---- seq2seq ----

// What an encoder-decoder costs: parameters (the engine's layout: embeddings, encoder layers per direction,
// bridge, decoder layers fed the context, attention, output layer), memory and the work of one training
// step for typical lengths {source, target, longest} in characters. vocabSize: distinct characters.
export function estimateSeq2Seq(s, vocabSize, lengths) {
  const V = Math.max(2, vocabSize | 0) + 3;  // PAD, BOS, EOS
  const E = s.embed, H = s.hidden, L = s.layers, dirs = s.bidirectional ? 2 : 1, Hd = dirs * H, A = s.attn_size;
  const layer = (cell, input) => {
    const G = GATES[cell] || 4;
    return { params: G * H * (input + H) + 2 * G * H + (cell === 'lstm_peephole' ? 3 * H : 0), macs: G * H * (input + H) };
  };
  let params = 2 * V * E + L * H * Hd + L * H + V * (H + Hd) + V;
  let encMacs = 0, decMacs = V * (H + Hd);
  for (let l = 0; l < L; l++) {
    const e = layer(s.encoder_cell, l === 0 ? E : Hd);
    params += dirs * e.params;
    encMacs += dirs * e.macs;
    const d = layer(s.decoder_cell, l === 0 ? E + Hd : H);
    params += d.params;
    decMacs += d.macs;
  }
  const S = lengths.source + 1, T = lengths.target + 1;
  let keyMacs = 0, stepAttn = 0;
  switch (s.attention) {
    case 'bahdanau': params += A * H + A * Hd + A; keyMacs = S * A * Hd; stepAttn = A * H + 2 * S * A + S * Hd; break;
    case 'general': params += H * Hd; keyMacs = S * H * Hd; stepAttn = 2 * S * Hd; break;
    case 'concat': params += A * (H + Hd) + A; stepAttn = S * A * (H + Hd) + S * A + S * Hd; break;
    case 'dot': stepAttn = 2 * S * Hd; break;
    default: break;
  }
  const B = s.batch;
  const flopsPerStep = 6 * B * (S * encMacs + keyMacs + T * (decMacs + stepAttn));
  const optimStates = OPTIM_STATES[s.optim] ?? 2;
  const paramBytes = params * 4 * (3 + optimStates);
  const Gmax = Math.max(GATES[s.encoder_cell] || 4, GATES[s.decoder_cell] || 4);
  const longest = lengths.longest + 1;
  const activationBytes = 4 * B * longest * ((Gmax + 4) * H * L * (dirs + 1) * 2 + V * 3 + 2 * E + longest * 2);
  const bytes = paramBytes + 2 * activationBytes + 16 * 1024 * 1024;
  return { params, flopsPerStep, bytes, activationBytes, stepSeconds: flopsPerStep / flopsPerSecond, targetCharsPerStep: B * T };
}

// {refuse} / {warn} / {} for a seq2seq configuration, as judge() does for the char LM.
export function judgeSeq2Seq(s, vocabSize, lengths) {
  const e = estimateSeq2Seq(s, vocabSize, lengths);
  return sizeVerdict(e);
}
