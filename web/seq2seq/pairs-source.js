// Your own pairs, pasted or uploaded, and the checks they must pass before the engine reads them (it names
// every remaining problem with its line number): not empty, well-formed Unicode, at least one line with a
// source, a tab and a target; a file is strict UTF-8 and at most 32 MB.
import { fmtBytes } from '../shell/format.js';
import { isWellFormed } from '../shell/link-values.js';
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
export async function readPairsFile(file) {
  if (file.size > MAX_PAIRS_FILE) return { error: `${file.name} is ${fmtBytes(file.size)}; the page reads pair files up to ${fmtBytes(MAX_PAIRS_FILE)}.` };
  let text;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer());
  } catch {
    return { error: `${file.name} is not valid UTF-8 text. Save it as UTF-8 and try again.` };
  }
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}
