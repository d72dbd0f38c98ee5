// What the engine knows, as the page reads it: its cells (with their gates), optimizers, attention kinds, dropout kinds,
// model families with their settings and tasks, and limits. The page's copy is web/catalogue.js (the
// build's web/engine/catalogue.json); tests hand in others. Every menu, link field, probe source and
// label of an engine setting is read from one of these objects, never written out in the page. No DOM here.

const byName = (list, name) => list.find((x) => x.name === name) || null;

export class Catalogue {
  constructor(json) {
    this.json = json;
    this.cells = json.cells || [];
    this.optimizers = json.optimizers || [];
    this.attention = json.attention || [];
    this.dropout = json.dropout || [];
    this.families = json.families || [];
    this.limits = json.limits || {};
  }

  cell(name) { return byName(this.cells, name); }
  optimizer(name) { return byName(this.optimizers, name); }
  attentionKind(name) { return byName(this.attention, name); }
  family(name) { return byName(this.families, name); }

  // A family's settings as the engine describes them ([] for a family the engine does not know).
  fields(family) {
    const f = this.family(family);
    return f ? f.fields : [];
  }

  tasks(family) {
    const f = this.family(family);
    return (f && f.tasks) || [];
  }

  task(family, name) { return byName(this.tasks(family), name); }

  cellLabel(name) {
    const c = this.cell(name);
    return c ? c.label : name;
  }

  attentionLabel(name) {
    const a = this.attentionKind(name);
    return a ? a.label : name;
  }

  // What the state heatmap and the neuron inspector can show for a cell: the hidden state, the cell state
  // when it has one, then its gate blocks in the engine's order. [{value, label, squash}], squash being
  // 'sigmoid' or 'tanh' for a gate and null for a state.
  sources(cellName) {
    const c = this.cell(cellName);
    const out = [{ value: 'h', label: 'hidden state h', squash: null }];
    if (c && c.cellState) out.push({ value: 'c', label: 'cell state c', squash: null });
    for (const g of (c && c.gates) || []) out.push({ value: g.letter, label: `${g.label} ${g.letter}`, squash: g.squash });
    return out;
  }

  // Every source any cell has (the link's heatmap field takes these).
  sourceNames() {
    const names = ['h'];
    if (this.cells.some((c) => c.cellState)) names.push('c');
    for (const c of this.cells) for (const g of c.gates) if (!names.includes(g.letter)) names.push(g.letter);
    return names;
  }

  // [value, label] for a choice field's menu: the labels of the registry its choices come from (cells,
  // optimizers, attention kinds, a family's tasks or poolings), else the names themselves.
  options(choices) {
    const registries = [this.cells, this.optimizers, this.attention, this.dropout, ...this.families.flatMap((f) => [f.tasks || [], f.pooling || []])];
    const registry = registries.find((r) => r.length && choices.every((c) => byName(r, c)));
    return choices.map((c) => {
      const entry = registry ? byName(registry, c) : null;
      return [c, entry ? entry.label || entry.title || c : c];
    });
  }

  // Does the optimizer read this setting? Settings no optimizer lists (the seed, the batch) are always read.
  optimizerReads(optimName, key) {
    if (!this.optimizers.some((o) => o.uses.includes(key))) return true;
    const o = this.optimizer(optimName);
    return !!o && o.uses.includes(key);
  }
}

// fn(catalogue), made once per catalogue: a family and its table are the same objects wherever they are
// imported from (the registry, a family's module, the tests' default names).
export function perCatalogue(fn) {
  const made = new WeakMap();
  return (catalogue) => {
    if (!made.has(catalogue)) made.set(catalogue, fn(catalogue));
    return made.get(catalogue);
  };
}
