// Joins typed arrays into one of `Type` (the progress a worker coalesces, the chunks a stream delivers).
export function concatArrays(arrays, Type = Float32Array) {
  let n = 0;
  for (const a of arrays) n += a.length;
  const out = new Type(n);
  let o = 0;
  for (const a of arrays) {
    out.set(a, o);
    o += a.length;
  }
  return out;
}
