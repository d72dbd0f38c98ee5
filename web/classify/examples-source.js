// Your own labelled examples, pasted or uploaded: a quick look before the engine reads them (it names every
// remaining problem with its line number, engine/io/tab_columns.hpp) and the checks they must pass first.
// Pure functions (the panel, the controller and the tests use them).
import { isWellFormed } from '../shell/link-values.js';
import { readTextFile } from '../shell/text-file.js';

const MAX_FILE = 32 * 1024 * 1024;

// What is wrong with one line that is not an example, in the engine's words.
function lineProblem(parts) {
  if (parts.length !== 2) return `expected exactly one tab between label and text, found ${parts.length - 1}`;
  if (!parts[0]) return 'empty label';
  return 'empty text';
}

// {examples, labels (distinct), bad, firstBad, firstProblem}
export function labelledStats(text) {
  const lines = text.split(/\r?\n/);
  let examples = 0, bad = 0, firstBad = 0, firstProblem = '';
  const labels = new Set();
  lines.forEach((line, i) => {
    if (line.trim() === '' && !line.includes('\t')) return;
    const parts = line.split('\t');
    if (parts.length !== 2 || !parts[0] || !parts[1]) {
      bad++;
      if (!firstBad) [firstBad, firstProblem] = [i + 1, lineProblem(parts)];
      return;
    }
    examples++;
    labels.add(parts[0]);
  });
  return { examples, labels: labels.size, bad, firstBad, firstProblem };
}

// {text} or {error (a sentence), lineError (for the box, when one line is to blame)}.
export function checkExamples(text) {
  if (typeof text !== 'string' || !text.trim()) return { error: 'There is nothing there: paste one label<TAB>text example per line.' };
  if (!isWellFormed(text)) return { error: 'They contain broken Unicode (a lone surrogate), which cannot be encoded as UTF-8.' };
  const st = labelledStats(text);
  if (!st.examples) return { error: 'No line has a label, a tab and a text.', lineError: st.firstBad ? `line ${st.firstBad}: ${st.firstProblem}` : 'no examples' };
  return { text };
}

export const readExamplesFile = (file) => readTextFile(file, MAX_FILE, 'example files');
