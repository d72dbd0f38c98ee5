// A chart's numbers as CSV text (RFC 4180: a field with a comma, quote or line break is quoted, quotes
// doubled), for the export menu every view with a chart has (web/ui/chart-export.js).
export function csvField(v) {
  const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : String(v ?? '');
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvText(rows) {
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
