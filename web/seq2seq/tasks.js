// The seq2seq tasks the engine generates (engine/seq2seq_tasks.cpp) plus the user's own pairs: what each one
// asks of the model, an example pair, which settings it reads, and a default input for the attention view.
// Pure data and small pure functions: imported by the link table (fields.js, also under Node) and the panels.

export const TASKS = Object.freeze([
  {
    id: 'reverse',
    title: 'Reverse',
    blurb: 'Write the letters backwards. The first output letter is the last input letter, as far away as it gets: the classic case for attention, and the clearest picture of it (an anti-diagonal).',
    example: ['dbhacg', 'gcahbd'],
    params: ['min_len', 'max_len', 'alphabet', 'train_size', 'held_size'],
    lengthLabel: 'letters',
    defaults: { min_len: 3, max_len: 20 },
  },
  {
    id: 'sort',
    title: 'Sort',
    blurb: 'Sort the letters alphabetically. No output letter comes from one fixed place: the model has to count how many of each letter it has read.',
    example: ['dbhacg', 'abcdgh'],
    params: ['min_len', 'max_len', 'alphabet', 'train_size', 'held_size'],
    lengthLabel: 'letters',
    defaults: { min_len: 3, max_len: 12 },
  },
  {
    id: 'copy',
    title: 'Copy with delay',
    blurb: 'Write a few underscores, then copy the input. Easy with attention (a diagonal shifted by the delay); without it, the whole input must survive in one fixed-size state.',
    example: ['dbhac', '___dbhac'],
    params: ['min_len', 'max_len', 'alphabet', 'delay', 'train_size', 'held_size'],
    lengthLabel: 'letters',
    defaults: { min_len: 3, max_len: 20 },
  },
  {
    id: 'add',
    title: 'Addition',
    blurb: 'Add two whole numbers written in decimal. Carries run from right to left, against the reading order, so the model must line the digits up.',
    example: ['123+45', '168'],
    params: ['min_len', 'max_len', 'train_size', 'held_size'],
    lengthLabel: 'digits per number',
    defaults: { min_len: 1, max_len: 4 },
  },
  {
    id: 'dates',
    title: 'Dates',
    blurb: 'Rewrite a date given in one of 16 styles (“3 May 1999”, “05/03/99”, “Monday, 3 May 1999”, …) as YYYY-MM-DD. Two-digit years 50–99 are 19xx, 00–49 are 20xx.',
    example: ['the 3rd of May, 1999', '1999-05-03'],
    params: ['train_size', 'held_size'],
    lengthLabel: '',
  },
  {
    id: 'translate',
    title: 'Toy translation',
    blurb: 'Translate a tiny English-like language (subject, verb, object) into an invented one that puts the verb last and marks nouns with suffixes. Attention has to jump around, not sweep.',
    example: ['the big dog sees some cats under an old tree', 'vuma-ka grom nolu-ne ebo pem miso-nir-o nami-ta'],
    params: ['min_len', 'max_len', 'train_size', 'held_size'],
    lengthLabel: 'words (sentences have 5–11)',
    defaults: { min_len: 5, max_len: 11 },
  },
  {
    id: 'pairs',
    title: 'Your own pairs',
    blurb: 'Your own examples: one “source<TAB>target” pair per line (paste them or upload a .tsv). They are split into training and held-out pairs by the seed; pairs with the same source stay on the same side.',
    example: ['colour', 'color'],
    params: ['held_fraction'],
    lengthLabel: '',
  },
]);

export const TASK_IDS = Object.freeze(TASKS.map((t) => t.id));

export function taskById(id) {
  return TASKS.find((t) => t.id === id) || null;
}

// The length range a task starts with when you pick it ({} for tasks without one); a link sets its own.
export function taskDefaults(id) {
  const t = taskById(id);
  return t && t.defaults ? { ...t.defaults } : {};
}

// Does the task read this setting? (The engine accepts every field for every task and ignores the others.)
export function taskUses(id, key) {
  const t = taskById(id);
  return !!t && t.params.includes(key);
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const PATTERN = 'dbhacgfjeikmlnporqtsuwvyxz';  // a fixed shuffle, so the default input is stable

// The input the attention view reads when the user has typed nothing: valid for the task's settings.
export function defaultInput(s, samples) {
  switch (s.task) {
    case 'reverse':
    case 'sort':
    case 'copy': {
      const letters = LETTERS.slice(0, s.alphabet);
      const n = Math.max(s.min_len, Math.min(s.max_len, 12));
      let out = '';
      for (let i = 0; out.length < n; i++) {
        const c = PATTERN[i % PATTERN.length];
        if (letters.includes(c)) out += c;
        if (i > 200) break;
      }
      return out || 'ab';
    }
    case 'add': {
      const n = Math.max(1, Math.min(s.max_len, 4));
      const m = Math.max(1, Math.min(s.max_len, Math.max(s.min_len, 3)));
      return `${'4721980365'.slice(0, n)}+${'389457'.slice(0, m)}`;
    }
    case 'dates': return 'the 3rd of May, 1999';
    case 'translate': return 'the big dog sees some cats under an old tree';
    default: return samples && samples.length ? samples[0].source : '';
  }
}

// The right answer for an input, when the page can work it out itself (to mark the decoder's hypotheses);
// null when it cannot (dates, translation, your pairs) or the input does not fit the task.
export function solve(s, input) {
  switch (s.task) {
    case 'reverse': return Array.from(input).reverse().join('');
    case 'sort': return Array.from(input).sort().join('');
    case 'copy': return '_'.repeat(s.delay) + input;
    case 'add': {
      const m = /^(\d+)\+(\d+)$/.exec(input);
      if (!m) return null;
      return (BigInt(m[1]) + BigInt(m[2])).toString();
    }
    default: return null;
  }
}

// A guess of the number of distinct characters before the engine has read the data (for the size estimate).
export function vocabGuess(s) {
  switch (s.task) {
    case 'reverse': case 'sort': return s.alphabet;
    case 'copy': return s.alphabet + 1;
    case 'add': return 11;
    case 'dates': return 60;
    case 'translate': return 30;
    default: return Math.max(2, new Set(s.pairs || '').size);
  }
}

// Typical source and target lengths in characters (for the cost estimate before a model is built).
export function typicalLengths(s, pairStats) {
  const mid = (s.min_len + s.max_len) / 2;
  switch (s.task) {
    case 'reverse':
    case 'sort': return { source: mid, target: mid, longest: s.max_len };
    case 'copy': return { source: mid, target: mid + s.delay, longest: s.max_len + s.delay };
    case 'add': return { source: 2 * mid + 1, target: mid + 1, longest: 2 * s.max_len + 1 };
    case 'dates': return { source: 16, target: 10, longest: 30 };
    case 'translate': return { source: 40, target: 35, longest: 60 };
    default: return pairStats && pairStats.pairs
      ? { source: pairStats.meanSource, target: pairStats.meanTarget, longest: pairStats.longest }
      : { source: 10, target: 10, longest: 20 };
  }
}

// A quick look at pasted pairs before the engine reads them: lines, pairs and the first line without
// exactly one tab (the engine's own check names every problem with its line number).
export function pairStats(text) {
  const lines = text.split(/\r?\n/);
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  let pairs = 0, bad = 0, firstBad = 0, src = 0, tgt = 0, longest = 0;
  lines.forEach((line, i) => {
    if (line.trim() === '' && !line.includes('\t')) return;
    const parts = line.split('\t');
    if (parts.length !== 2 || !parts[0] || !parts[1]) {
      bad++;
      if (!firstBad) firstBad = i + 1;
      return;
    }
    pairs++;
    const a = Array.from(parts[0]).length, b = Array.from(parts[1]).length;
    src += a;
    tgt += b;
    longest = Math.max(longest, a, b);
  });
  return { lines: lines.length, pairs, bad, firstBad, meanSource: pairs ? src / pairs : 0, meanTarget: pairs ? tgt / pairs : 0, longest };
}
