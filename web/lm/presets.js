// The texts shipped with the page (web/lm/presets/*.txt) and what each one is good for. Pure data: imported
// by the link table (fields.js, also under Node) and by the data panel.

export const PRESETS = Object.freeze([
  {
    id: 'shakespeare',
    title: 'Shakespeare',
    file: 'presets/shakespeare.txt',
    blurb: 'Speeches and sonnets (public domain). The classic: watch words, line breaks and speaker names appear.',
    probe: 'ROMEO:\nBut, soft! what light through yonder window breaks?\nIt is the east, and Juliet is the sun.\n\nJULIET:\nO Romeo, Romeo! wherefore art thou Romeo?\nDeny thy father and refuse thy name;\nOr, if thou wilt not, be but sworn my love,\nAnd I\'ll no longer be a Capulet.\n',
  },
  {
    id: 'prose',
    title: 'English prose',
    file: 'presets/prose.txt',
    blurb: 'Short essays in plain English: long sentences, commas and paragraphs.',
    probe: 'A river is the only road that builds itself. Nobody surveyed it, nobody paid for it, and yet it runs from the hills to the sea with a patience that no engineer could match. It finds the lowest way through every valley.',
  },
  {
    id: 'code',
    title: 'C source code',
    file: 'presets/code.txt',
    blurb: 'A C program: indentation, braces that must close, comments and identifiers.',
    probe: 'static int ring_peek(const struct ring *r, size_t offset)\n{\n    if (offset >= ring_used(r))\n        return -1;\n    return r->data[(r->head + offset) & (r->capacity - 1)];\n}\n',
  },
  {
    id: 'names',
    title: 'Names',
    file: 'presets/names.txt',
    blurb: 'Invented first names, one per line: a tiny vocabulary of sounds, and a model that learns when a name ends.',
    probe: 'Maren\nTobias\nElina\nCorvin\nAlessa\nDariard\nYolanda\nBrinella\nKestin\nOrlaith\nSimeon\nVelora\nJuno\nHarriet\nZenobia\nLuca\n',
  },
  {
    id: 'brackets',
    title: 'Balanced brackets',
    file: 'presets/brackets.txt',
    blurb: 'Nested ( ) and [ ] up to depth 8. A good model keeps a depth counter in a few units: find them in the neuron inspector.',
    probe: '(()[])\n[[(((()())))]]\n((((((((()))))))))\n([()[()]])\n(((([])))())\n[]\n((((((()))))))[([])]\n(([[(())]]))\n[((((((()))))))]\n()()()\n',
  },
  {
    id: 'counting',
    title: 'Counting aⁿbⁿ',
    file: 'presets/counting.txt',
    blurb: 'Lines of n a\'s followed by exactly n b\'s. Predicting the newline needs a counter: look for a unit that ramps up and down.',
    probe: 'aaaaaaaaaabbbbbbbbbb\naaabbb\naaaaaaaaaaaaaaaaaaaabbbbbbbbbbbbbbbbbbbb\nab\naaaaaaaaaaaaaaabbbbbbbbbbbbbbb\naaaaaabbbbbb\naaaaaaaaaaaaaaaaaaaaaaaabbbbbbbbbbbbbbbbbbbbbbbb\n',
  },
]);

export const PRESET_IDS = Object.freeze(PRESETS.map((p) => p.id));

export function presetById(id) {
  return PRESETS.find((p) => p.id === id) || null;
}
