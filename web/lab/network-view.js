// The "Weights" card: the network's five matrices, each typed number by number. Rows of W_in and W_rec are
// hidden units; W_out's rows are outputs (README: the lab's equations).
import { Card } from '../ui/card.js';
import { readMatrix } from './matrix.js';
import { MatrixEditor } from './matrix-editor.js';

const sub = (i) => String(i + 1);

// key -> how its editor is labelled: its title, what it multiplies, and its row and column names
const MATRICES = {
  w_in: { title: 'W_in', note: 'hidden × input', row: (r) => `h${sub(r)}`, col: (c) => `x${sub(c)}` },
  w_rec: { title: 'W_rec', note: 'hidden × hidden', row: (r) => `h${sub(r)}`, col: (c) => `h${sub(c)}(t−1)` },
  b_h: { title: 'b_h', note: 'hidden bias', row: () => '', col: (c) => `h${sub(c)}` },
  w_out: { title: 'W_out', note: 'output × hidden', row: (r) => `y${sub(r)}`, col: (c) => `h${sub(c)}` },
  b_y: { title: 'b_y', note: 'output bias', row: () => '', col: (c) => `y${sub(c)}` },
};

export class NetworkView {
  // onToggle(open), onCell(key, row, col, raw)
  constructor({ onToggle, onCell }) {
    this.card = new Card({
      id: 'network', title: 'Weights', subtitle: 'typed number by number',
      help: [
        'Type any number from −100 to 100 in a box and press Enter or leave it: the engine runs the network again at once.',
        'Each row of W_in and W_rec belongs to one hidden unit: it says how much of each input, and of each unit\'s previous value, goes into that unit. Each row of W_out makes one output from the hidden units.',
      ],
      onToggle,
    });
    this.editors = {};
    for (const [key, m] of Object.entries(MATRICES)) {
      this.editors[key] = new MatrixEditor({
        testid: `lab-${key.replace(/_/g, '-')}`, title: m.title, note: m.note, rowLabel: m.row, colLabel: m.col,
        onCell: (r, c, raw) => onCell(key, r, c, raw),
      });
      this.card.body.append(this.editors[key].el);
    }
    this.card.body.classList.add('lab-network');
  }

  setState(s) {
    for (const [key, editor] of Object.entries(this.editors)) editor.set(readMatrix(s[key]));
  }
}
