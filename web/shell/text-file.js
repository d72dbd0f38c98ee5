// An uploaded File read as strict UTF-8 (without a byte-order mark), for the families' own-data boxes.
import { fmtBytes } from './format.js';

// {text} or {error}; `what` names the kind of file in the size refusal ("pair files").
export async function readTextFile(file, maxBytes, what) {
  if (file.size > maxBytes) return { error: `${file.name} is ${fmtBytes(file.size)}; the page reads ${what} up to ${fmtBytes(maxBytes)}.` };
  let text;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer());
  } catch {
    return { error: `${file.name} is not valid UTF-8 text. Save it as UTF-8 and try again.` };
  }
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}
