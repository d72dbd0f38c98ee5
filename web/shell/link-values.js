// One value of a field table (see field-table.js): its text form in a link, and parsing and validating it
// from a link or from a control. Field types: int, number, bool, enum, string, list (a subset of `values`),
// text (a family's own text: written by link-text.js). No DOM here.

function formatNumber(x) {
  return String(x);  // shortest string that reads back as the same double
}

export function formatValue(f, value) {
  switch (f.type) {
    case 'bool': return value ? '1' : '0';
    case 'int':
    case 'number': return formatNumber(value);
    case 'list': return value.join(',');
    default: return String(value);
  }
}

// A raw value as notices quote it (cut at 40 characters).
export function describe(raw) {
  const shown = raw.length > 40 ? raw.slice(0, 40) + '…' : raw;
  return `'${shown}'`;
}

function rangeText(f) {
  const lo = f.exclusiveMin ? `above ${f.min}` : `at least ${f.min}`;
  return `${lo} and at most ${f.max}`;
}

// '-0' reads as 0: a link writes -0 as '0', so keeping it would make a decoded state differ from the same
// link read again (found by tests/web/link-fuzz.test.mjs).
const withoutNegativeZero = (v) => (Object.is(v, -0) ? 0 : v);

// Parses a value for field f from its text form. Returns { value } or { error } (a sentence without the
// field name). Also used to validate what a user types into a control.
export function parseValue(f, raw) {
  if (typeof raw !== 'string') return { error: 'is missing' };
  if (raw.trim() === '' && f.type !== 'string' && f.type !== 'list') return { error: 'is empty' };
  switch (f.type) {
    case 'int': {
      if (!/^[+-]?\d+$/.test(raw.trim())) return { error: `${describe(raw)} is not a whole number` };
      const v = Number(raw.trim());
      if (!Number.isSafeInteger(v) || v < f.min || v > f.max) return { error: `${describe(raw)} is out of range (must be ${rangeText(f)})` };
      return { value: withoutNegativeZero(v) };
    }
    case 'number': {
      const t = raw.trim();
      if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return { error: `${describe(raw)} is not a number` };
      const v = Number(t);
      if (!Number.isFinite(v)) return { error: `${describe(raw)} is not a finite number` };
      if (v < f.min || v > f.max || (f.exclusiveMin && v === f.min)) return { error: `${describe(raw)} is out of range (must be ${rangeText(f)})` };
      return { value: withoutNegativeZero(v) };
    }
    case 'bool': {
      const t = raw.trim().toLowerCase();
      if (t === '1' || t === 'true') return { value: true };
      if (t === '0' || t === 'false') return { value: false };
      return { error: `${describe(raw)} is not 1/0 or true/false` };
    }
    case 'enum': {
      if (!f.values.includes(raw)) return { error: `${describe(raw)} is not one of ${f.values.join(', ')}` };
      return { value: raw };
    }
    case 'string': {
      if (raw.length > f.maxLength) return { error: `is longer than ${f.maxLength} characters` };
      if (!isWellFormed(raw)) return { error: 'contains a broken Unicode character' };
      return { value: raw };
    }
    case 'list': {
      const items = raw.split(',').filter((x) => x !== '');
      const bad = items.filter((x) => !f.values.includes(x));
      const good = f.values.filter((x) => items.includes(x));  // canonical order, no duplicates
      if (bad.length) return { value: good, error: `has unknown ${bad.length === 1 ? 'entry' : 'entries'} ${bad.map(describe).join(', ')} (known: ${f.values.join(', ')})` };
      return { value: good };
    }
    default:
      return { error: 'cannot be read' };
  }
}

export function isWellFormed(s) {
  if (typeof s.isWellFormed === 'function') return s.isWellFormed();
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
}

// Characters as the engine counts them (code points).
export function countChars(s) {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff) n++;
  }
  return n;
}
