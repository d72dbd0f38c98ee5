// Number formatting for readouts and axes.

export function fmtInt(n) {
  return Math.round(n).toLocaleString('en-US');
}

// 1234 -> "1.2K", 2500000 -> "2.5M"
export function fmtCompact(n) {
  const a = Math.abs(n);
  if (a >= 1e9) return (n / 1e9).toFixed(a >= 1e10 ? 0 : 1) + 'G';
  if (a >= 1e6) return (n / 1e6).toFixed(a >= 1e7 ? 0 : 1) + 'M';
  if (a >= 1e3) return (n / 1e3).toFixed(a >= 1e4 ? 0 : 1) + 'K';
  return String(Math.round(n));
}

// A loss in nats: 3 decimals while it is an ordinary size, scientific once a run has blown up (never a
// 20-digit number).
export function fmtLoss(x) {
  if (!Number.isFinite(x)) return '–';
  return Math.abs(x) < 1e5 ? x.toFixed(3) : x.toExponential(2);
}

// e^loss, the perplexity: an overflow (past 1e308) is written as the power of e it is, not "Infinity".
export function fmtPerplexity(loss) {
  if (!Number.isFinite(loss)) return '–';
  const p = Math.exp(loss);
  if (!Number.isFinite(p)) return `e^${loss < 1e5 ? Math.round(loss) : loss.toExponential(1)}`;
  return p < 1e5 ? p.toFixed(2) : p.toExponential(2);
}

export function fmtBytes(n) {
  if (n >= 1024 * 1024 * 1024) return (n / 1024 / 1024 / 1024).toFixed(1) + ' GB';
  if (n >= 1024 * 1024) return (n / 1024 / 1024).toFixed(1) + ' MB';
  if (n >= 1024) return (n / 1024).toFixed(1) + ' KB';
  return n + ' B';
}

export function fmtSeconds(s) {
  if (s < 1e-3) return (s * 1e6).toFixed(0) + ' µs';
  if (s < 1) return (s * 1000).toFixed(s < 0.01 ? 1 : 0) + ' ms';
  if (s < 120) return s.toFixed(1) + ' s';
  return (s / 60).toFixed(1) + ' min';
}

// An axis tick label: short, without float noise.
export function fmtTick(x) {
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e4 || a < 1e-3) {
    const e = Math.floor(Math.log10(a));
    const m = x / Math.pow(10, e);
    const ms = Math.abs(m - Math.round(m)) < 1e-9 ? String(Math.round(m)) : m.toFixed(1);
    return ms === '1' ? `1e${e}` : `${ms}e${e}`;
  }
  return String(Number(x.toPrecision(6)));
}

export function fmtAgo(ms) {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86400) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86400)} days ago`;
}
