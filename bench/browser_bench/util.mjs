// Small helpers the browser benchmark's modules share.

export function withTimeout(promise, ms, what) {
  let timer;
  const limit = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

export const round = (x, d = 1) => (typeof x === 'number' && Number.isFinite(x) ? Number(x.toFixed(d)) : x);
export const firstLine = (e) => String((e && e.message) || e).split('\n')[0];
