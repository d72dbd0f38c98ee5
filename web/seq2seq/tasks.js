// The seq2seq tasks on the page's side: what the catalogue says about each (title, blurb, example pair, the
// settings it reads, its starting lengths; engine/seq2seq/tasks.cpp) read through these helpers, plus what
// only the page does — a default input for the attention view, the right answer when the page can work it
// out, and a quick look at pasted pairs. Pure functions: imported by the panels, the views and the tests.

// The length range a task starts with when you pick it ({} for tasks without one); a link sets its own.
export function taskDefaults(catalogue, id) {
  const t = catalogue.task('seq2seq', id);
  return t && t.defaults ? { ...t.defaults } : {};
}

// Does the task read this setting? (The engine accepts every field for every task and ignores the others.)
export function taskUses(catalogue, id, key) {
  const t = catalogue.task('seq2seq', id);
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

// What is wrong with one line that is not a pair, in the engine's words (engine/seq2seq/tasks/pairs.cpp).
function lineProblem(parts) {
  if (parts.length !== 2) return `expected exactly one tab between source and target, found ${parts.length - 1}`;
  if (!parts[0]) return 'empty source';
  return 'empty target';
}

// A quick look at pasted pairs before the engine reads them: lines, pairs, the lines that are not pairs and
// what is wrong with the first of them (the engine's own check names every problem with its line number).
export function pairStats(text) {
  const lines = text.split(/\r?\n/);
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  let pairs = 0, bad = 0, firstBad = 0, firstProblem = '', src = 0, tgt = 0, longest = 0;
  lines.forEach((line, i) => {
    if (line.trim() === '' && !line.includes('\t')) return;
    const parts = line.split('\t');
    if (parts.length !== 2 || !parts[0] || !parts[1]) {
      bad++;
      if (!firstBad) {
        firstBad = i + 1;
        firstProblem = lineProblem(parts);
      }
      return;
    }
    pairs++;
    const a = Array.from(parts[0]).length, b = Array.from(parts[1]).length;
    src += a;
    tgt += b;
    longest = Math.max(longest, a, b);
  });
  return { lines: lines.length, pairs, bad, firstBad, firstProblem, meanSource: pairs ? src / pairs : 0, meanTarget: pairs ? tgt / pairs : 0, longest };
}
