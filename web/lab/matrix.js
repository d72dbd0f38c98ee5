// The lab's matrices as the link and the engine write them: rows separated by ';', numbers by ','
// ("1,1;1,1"). Reading, writing and reshaping them; the engine (engine/lab/network.cpp) is what checks a
// network and computes with it, this only keeps the page's own copy in shape. No DOM here.

// Every typed number is within ±MAX_WEIGHT (the engine's bound, from the catalogue).
export function numberField(maxWeight) {
  return { type: 'number', min: -maxWeight, max: maxWeight };
}

// '1,1;1,1' -> [[1, 1], [1, 1]] (NaN for an entry that is not a number).
export function readMatrix(text) {
  return String(text).split(';').map((row) => row.split(',').map((x) => (x.trim() === '' ? NaN : Number(x))));
}

export function writeMatrix(rows) {
  return rows.map((row) => row.map((x) => String(x)).join(',')).join(';');
}

// The matrix with exactly `rows` rows of `cols` numbers: what overlaps is kept, the rest is 0.
export function reshape(m, rows, cols) {
  return Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => {
    const x = m[r] && m[r][c];
    return Number.isFinite(x) ? x : 0;
  }));
}

// The shape each matrix of a lab state must have: [rows, cols] (inputs: its own number of steps).
export function shapes(s) {
  const steps = Math.max(1, readMatrix(s.inputs).length);
  return {
    w_in: [s.hidden, s.input_size],
    w_rec: [s.hidden, s.hidden],
    b_h: [1, s.hidden],
    w_out: [s.output_size, s.hidden],
    b_y: [1, s.output_size],
    inputs: [steps, s.input_size],
  };
}

export const MATRIX_KEYS = Object.freeze(['w_in', 'w_rec', 'b_h', 'w_out', 'b_y', 'inputs']);

// Puts every matrix of a state in the shape its sizes ask for, at most maxSteps inputs, each number within
// ±maxWeight (a number that is not one, or out of range, becomes 0). Returns the keys it changed.
export function fitMatrices(s, { maxSteps, maxWeight }) {
  const changed = [];
  const want = shapes(s);
  for (const key of MATRIX_KEYS) {
    let [rows, cols] = want[key];
    if (key === 'inputs') rows = Math.min(rows, maxSteps);
    const m = readMatrix(s[key]).map((row) => row.map((x) => (Math.abs(x) <= maxWeight ? x : NaN)));
    const fitted = writeMatrix(reshape(m, rows, cols));
    if (fitted !== s[key]) {
      s[key] = fitted;
      changed.push(key);
    }
  }
  return changed;
}
