// Your own pairs, pasted or uploaded, and the checks they must pass before the engine reads them (it names
// every remaining problem with its line number): not empty, well-formed Unicode, at least one line with a
// source, a tab and a target; a file is strict UTF-8 and at most 32 MB.
import { isWellFormed } from '../shell/link-values.js';
import { readTextFile } from '../shell/text-file.js';
import { pairStats } from './tasks.js';

const MAX_PAIRS_FILE = 32 * 1024 * 1024;

// {text} or {error (a sentence), lineError (for the pairs box, when one line is to blame)}.
export function checkPairs(text) {
  if (typeof text !== 'string' || !text.trim()) return { error: 'There is nothing there: paste one source<TAB>target pair per line.' };
  if (!isWellFormed(text)) return { error: 'They contain broken Unicode (a lone surrogate), which cannot be encoded as UTF-8.' };
  const st = pairStats(text);
  if (!st.pairs) {
    return {
      error: 'No line has a source, a tab and a target.',
      lineError: st.firstBad ? `line ${st.firstBad}: ${st.firstProblem}` : 'no pairs',
    };
  }
  return { text };
}

// Reads an uploaded File as strict UTF-8 (without a byte-order mark). Returns {text} or {error}.
export const readPairsFile = (file) => readTextFile(file, MAX_PAIRS_FILE, 'pair files');
