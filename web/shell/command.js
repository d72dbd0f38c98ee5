// The experiment on the page as the command line runs it: `rnn <family> train ...` with the catalogue's flag
// for every engine setting that differs from the engine's own default (so the command says what this run
// changed), the family's data (a preset's file, a task, or your own text or pairs saved to a file), and the
// steps the run has taken; and the same settings as the experiment JSON that `train --config FILE.json`
// reads. A family's descriptor says which groups its train verb takes and what its data is
// (`command: {groups, data(state) -> {args, notes, skip}}`). No DOM here.

const PLAIN = /^[A-Za-z0-9_@%+=:,./-]+$/;

// A word as a POSIX shell reads it back unchanged: bare when it is plain, else in single quotes.
export function shellQuote(word) {
  const s = String(word);
  return s !== '' && PLAIN.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

const valueOf = (f, state, values) => (Object.hasOwn(values, f.key) ? values[f.key] : state[f.key]);

// The command's flags for one setting (already quoted), or none when it has the engine's default.
function flagWords(f, v) {
  if (v === f.engineDefault) return [];
  if (f.type === 'bool') return [v ? f.flag : `${f.flag}=false`];
  // text may start with '-': joined to its flag it can never be read as another flag
  if (f.type === 'string') return [`${f.flag}=${shellQuote(v)}`];
  return [f.flag, shellQuote(String(v))];
}

// state: the family's state; values: settings the run used that differ from the state's (the char LM's
// held-out fraction as the engine got it); steps: the run's step count (0: leave it to the command's
// default). Returns {command, notes} (notes: what to do before running it).
export function buildCommand(family, state, { values = {}, steps = 0 } = {}) {
  const data = family.command.data(state);
  const words = ['rnn', family.id, 'train', ...data.args.map(shellQuote)];
  for (const f of family.fields.fields) {
    if (!f.engine || !family.command.groups.includes(f.group) || (data.skip || []).includes(f.key)) continue;
    words.push(...flagWords(f, valueOf(f, state, values)));
  }
  if (steps > 0) words.push('--steps', String(steps));
  return { command: words.join(' '), notes: data.notes };
}

// Every engine setting of the state, as the experiment JSON (`rnn <family> train --config FILE.json`).
export function experimentObject(family, state, { values = {} } = {}) {
  const out = {};
  for (const f of family.fields.fields) if (f.engine) out[f.key] = valueOf(f, state, values);
  return out;
}

export const experimentJson = (family, state, options) => `${JSON.stringify(experimentObject(family, state, options), null, 2)}\n`;
