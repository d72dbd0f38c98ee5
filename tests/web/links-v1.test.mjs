// Links already shared keep opening: links of version 1, as the first page wrote them (the fixtures below
// are its own output, made with that page's code: the char LM without mode=, its keys temp/topk/slen), and
// the shorter forms the other tests use, are read with the names of version 2 and open the same
// experiment, without a notice. Sessions that page saved in IndexedDB get the same renaming.
//   node --test tests/web/
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { CATALOGUE } from '../../web/catalogue.js';
import { FAMILIES, decodeHash } from '../../web/families.js';
import { engineConfig, defaultState } from '../../web/lm/fields.js';
import { s2sEngineConfig } from '../../web/seq2seq/fields.js';
import { familyById, renameKeys } from '../../web/shell/legacy.js';
import { LINK_VERSION } from '../../web/shell/link.js';

// The migration, written out here independently of the page: v1 key -> v2 key.
const RENAMED = { temp: 'temperature', topk: 'top_k', slen: 'sample_len' };
const renamed = (state) => Object.fromEntries(Object.entries(state).map(([k, v]) => [RENAMED[k] || k, v]));

const V1 = [
  { family: "lm", name: "defaults",
    hash: "v=1&preset=shakespeare&holdout=0.1&cell=lstm&hidden=128&layers=1&embed=0&seq=64&batch=16&optim=adam&lr=0.003&momentum=0.9&nesterov=0&weight_decay=0&lr_gamma=1&lr_every=1000&clip_norm=5&clip_value=0&reset_state=0&seed=1&temp=0.8&topk=0&greedy=0&slen=300&prime=&probe=&layer=0&unit=0&heat=h&logy=1&views=loss,samples,predict,states,gates,neuron,gradients",
    config: {"cell":"lstm","hidden":128,"layers":1,"embed":0,"seq":64,"batch":16,"optim":"adam","lr":0.003,"momentum":0.9,"nesterov":false,"weight_decay":0,"lr_gamma":1,"lr_every":1000,"clip_norm":5,"clip_value":0,"reset_state":false,"seed":1},
    state: {"preset":"shakespeare","holdout":0.1,"cell":"lstm","hidden":128,"layers":1,"embed":0,"seq":64,"batch":16,"optim":"adam","lr":0.003,"momentum":0.9,"nesterov":false,"weight_decay":0,"lr_gamma":1,"lr_every":1000,"clip_norm":5,"clip_value":0,"reset_state":false,"seed":1,"temp":0.8,"topk":0,"greedy":false,"slen":300,"prime":"","probe":"","layer":0,"unit":0,"heat":"h","logy":true,"views":["loss","samples","predict","states","gates","neuron","gradients"]} },
  { family: "lm", name: "settings",
    hash: "v=1&preset=names&holdout=0.1&cell=gru&hidden=48&layers=1&embed=0&seq=32&batch=8&optim=adam&lr=0.01&momentum=0.9&nesterov=0&weight_decay=0&lr_gamma=1&lr_every=1000&clip_norm=1&clip_value=0&reset_state=0&seed=4242&temp=1.3&topk=5&greedy=1&slen=120&prime=ROMEO:%20&probe=&layer=0&unit=0&heat=z&logy=1&views=loss,samples",
    config: {"cell":"gru","hidden":48,"layers":1,"embed":0,"seq":32,"batch":8,"optim":"adam","lr":0.01,"momentum":0.9,"nesterov":false,"weight_decay":0,"lr_gamma":1,"lr_every":1000,"clip_norm":1,"clip_value":0,"reset_state":false,"seed":4242},
    state: {"preset":"names","holdout":0.1,"cell":"gru","hidden":48,"layers":1,"embed":0,"seq":32,"batch":8,"optim":"adam","lr":0.01,"momentum":0.9,"nesterov":false,"weight_decay":0,"lr_gamma":1,"lr_every":1000,"clip_norm":1,"clip_value":0,"reset_state":false,"seed":4242,"temp":1.3,"topk":5,"greedy":true,"slen":120,"prime":"ROMEO: ","probe":"","layer":0,"unit":0,"heat":"z","logy":true,"views":["loss","samples"]} },
  { family: "lm", name: "custom text",
    hash: "v=1&preset=custom&holdout=0.1&cell=rnn_tanh&hidden=16&layers=1&embed=0&seq=64&batch=16&optim=adam&lr=0.003&momentum=0.9&nesterov=0&weight_decay=0&lr_gamma=1&lr_every=1000&clip_norm=5&clip_value=0&reset_state=0&seed=1&temp=0.8&topk=0&greedy=0&slen=300&prime=&probe=&layer=0&unit=0&heat=h&logy=1&views=loss,samples,predict,states,gates,neuron,gradients&text=32.S0xKVkhMSlFITErlKslIVSgszUzOVkgqyi_PU0jLr-ACAA",
    config: {"cell":"rnn_tanh","hidden":16,"layers":1,"embed":0,"seq":64,"batch":16,"optim":"adam","lr":0.003,"momentum":0.9,"nesterov":false,"weight_decay":0,"lr_gamma":1,"lr_every":1000,"clip_norm":5,"clip_value":0,"reset_state":false,"seed":1},
    state: {"preset":"custom","holdout":0.1,"cell":"rnn_tanh","hidden":16,"layers":1,"embed":0,"seq":64,"batch":16,"optim":"adam","lr":0.003,"momentum":0.9,"nesterov":false,"weight_decay":0,"lr_gamma":1,"lr_every":1000,"clip_norm":5,"clip_value":0,"reset_state":false,"seed":1,"temp":0.8,"topk":0,"greedy":false,"slen":300,"prime":"","probe":"","layer":0,"unit":0,"heat":"h","logy":true,"views":["loss","samples","predict","states","gates","neuron","gradients"]} },
  { family: "seq2seq", name: "defaults",
    hash: "v=1&mode=seq2seq&task=reverse&min_len=3&max_len=20&alphabet=10&delay=3&train_size=5000&held_size=500&held_fraction=0.1&encoder_cell=lstm&decoder_cell=lstm&embed=32&hidden=64&layers=1&bidirectional=1&attention=bahdanau&attn_size=64&batch=32&optim=adam&lr=0.003&clip_norm=5&sampling_rate=0&seed=1&compare=0&input=&beam=4&alpha=1&logy=1&views=curves,attention,beam,length,examples",
    config: {"task":"reverse","min_len":3,"max_len":20,"alphabet":10,"delay":3,"train_size":5000,"held_size":500,"held_fraction":0.1,"encoder_cell":"lstm","decoder_cell":"lstm","embed":32,"hidden":64,"layers":1,"bidirectional":true,"attention":"bahdanau","attn_size":64,"batch":32,"optim":"adam","lr":0.003,"clip_norm":5,"sampling_rate":0,"seed":1},
    state: {"task":"reverse","min_len":3,"max_len":20,"alphabet":10,"delay":3,"train_size":5000,"held_size":500,"held_fraction":0.1,"encoder_cell":"lstm","decoder_cell":"lstm","embed":32,"hidden":64,"layers":1,"bidirectional":true,"attention":"bahdanau","attn_size":64,"batch":32,"optim":"adam","lr":0.003,"clip_norm":5,"sampling_rate":0,"seed":1,"compare":false,"input":"","beam":4,"alpha":1,"logy":true,"views":["curves","attention","beam","length","examples"]} },
  { family: "seq2seq", name: "settings",
    hash: "v=1&mode=seq2seq&task=sort&min_len=3&max_len=12&alphabet=10&delay=3&train_size=5000&held_size=500&held_fraction=0.1&encoder_cell=lstm&decoder_cell=lstm&embed=32&hidden=48&layers=1&bidirectional=0&attention=general&attn_size=64&batch=32&optim=adam&lr=0.003&clip_norm=5&sampling_rate=0&seed=9&compare=1&input=cab&beam=7&alpha=0.5&logy=1&views=curves,beam",
    config: {"task":"sort","min_len":3,"max_len":12,"alphabet":10,"delay":3,"train_size":5000,"held_size":500,"held_fraction":0.1,"encoder_cell":"lstm","decoder_cell":"lstm","embed":32,"hidden":48,"layers":1,"bidirectional":false,"attention":"general","attn_size":64,"batch":32,"optim":"adam","lr":0.003,"clip_norm":5,"sampling_rate":0,"seed":9},
    state: {"task":"sort","min_len":3,"max_len":12,"alphabet":10,"delay":3,"train_size":5000,"held_size":500,"held_fraction":0.1,"encoder_cell":"lstm","decoder_cell":"lstm","embed":32,"hidden":48,"layers":1,"bidirectional":false,"attention":"general","attn_size":64,"batch":32,"optim":"adam","lr":0.003,"clip_norm":5,"sampling_rate":0,"seed":9,"compare":true,"input":"cab","beam":7,"alpha":0.5,"logy":true,"views":["curves","beam"]} },
  { family: "seq2seq", name: "pairs",
    hash: "v=1&mode=seq2seq&task=pairs&min_len=3&max_len=20&alphabet=10&delay=3&train_size=5000&held_size=500&held_fraction=0.3&encoder_cell=lstm&decoder_cell=lstm&embed=32&hidden=64&layers=1&bidirectional=1&attention=bahdanau&attn_size=64&batch=32&optim=adam&lr=0.003&clip_norm=5&sampling_rate=0&seed=1&compare=0&input=&beam=4&alpha=1&logy=1&views=curves,attention,beam,length,examples&pairs=42.S87PyS8t4kzOz8kv4krLSSwD8cB0EVdyal5JUSoniEot4gIA",
    config: {"task":"pairs","min_len":3,"max_len":20,"alphabet":10,"delay":3,"train_size":5000,"held_size":500,"held_fraction":0.3,"encoder_cell":"lstm","decoder_cell":"lstm","embed":32,"hidden":64,"layers":1,"bidirectional":true,"attention":"bahdanau","attn_size":64,"batch":32,"optim":"adam","lr":0.003,"clip_norm":5,"sampling_rate":0,"seed":1},
    state: {"task":"pairs","min_len":3,"max_len":20,"alphabet":10,"delay":3,"train_size":5000,"held_size":500,"held_fraction":0.3,"encoder_cell":"lstm","decoder_cell":"lstm","embed":32,"hidden":64,"layers":1,"bidirectional":true,"attention":"bahdanau","attn_size":64,"batch":32,"optim":"adam","lr":0.003,"clip_norm":5,"sampling_rate":0,"seed":1,"compare":false,"input":"","beam":4,"alpha":1,"logy":true,"views":["curves","attention","beam","length","examples"]} },
];
const TEXTS = { 'custom text': 'abc abd abe\nthe quick brown fox\n', pairs: 'colour\tcolor\nflavour\tflavor\ncentre\tcenter\n' };

test('this page writes version 2', () => {
  assert.equal(LINK_VERSION, 2);
});

for (const link of V1) {
  test(`a v1 ${link.family} link (${link.name}) opens the same experiment, without notices`, async () => {
    const r = await decodeHash(`#${link.hash}`);
    assert.deepEqual(r.notices, []);
    assert.equal(r.mode, link.family);
    assert.equal(r.version, 1);
    const state = link.family === 'lm' ? r.state : r.s2s;
    // what the engine is configured with: the same settings
    const config = link.family === 'lm' ? engineConfig(state) : s2sEngineConfig(state);
    for (const [key, value] of Object.entries(link.config)) assert.deepEqual(config[key], value, key);
    // settings the v1 page never sent (or that came later: dropout, norm, bias) are the engine's defaults
    for (const key of Object.keys(config).filter((k) => !(k in link.config)))
      assert.deepEqual(config[key], CATALOGUE.fields(link.family).find((f) => f.name === key).default, key);
    // and every other setting, under its new name
    for (const [key, value] of Object.entries(renamed(link.state))) assert.deepEqual(state[key], value, key);
    if (TEXTS[link.name]) assert.equal(state.text ?? state.pairs, TEXTS[link.name]);
  });
}

test('the v1 forms the other tests use: mode=charlm, no version, a few fields, old keys', async () => {
  const explicit = await decodeHash(`#v=1&mode=charlm&${V1[1].hash.slice(4)}`);
  assert.deepEqual(explicit.notices, []);
  assert.equal(explicit.mode, 'lm');
  assert.equal(explicit.state.temperature, 1.3);
  const short = await decodeHash('#cell=gru&hidden=64&temp=1.5&slen=77');
  assert.equal(short.mode, 'lm');
  assert.deepEqual([short.state.cell, short.state.hidden, short.state.temperature, short.state.sample_len], ['gru', 64, 1.5, 77]);
  assert.equal(short.state.lr, 0.003, 'a v1 link without a learning rate has the v1 default');
  assert.equal(short.notices.length, 1);
  assert.match(short.notices[0], /no version/);
  const cut = await decodeHash(`#${V1[0].hash.slice(0, V1[0].hash.indexOf('&optim='))}`);
  assert.match(cut.notices.join('\n'), /missing optim, lr, .*cut short/);
  assert.equal(cut.state.lr, 0.003);
  const s2sShort = await decodeHash('#mode=seq2seq&task=add');
  assert.equal(s2sShort.s2s.task, 'add');
  assert.equal(s2sShort.notices.length, 1);
  // v2 names in a v1 link are read too; v1 names in a v2 link are not the page's
  assert.equal((await decodeHash('#v=1&temperature=2')).state.temperature, 2);
  assert.match((await decodeHash(`#v=2&mode=lm&temp=2`)).notices.join('\n'), /unknown setting 'temp'/);
  // a v2 link without a mode is the first family's, as v1's were the char LM's
  assert.equal((await decodeHash('#v=2&cell=gru')).mode, 'lm');
});

test('a session the first page saved: its family id and keys are renamed', () => {
  const lm = familyById(FAMILIES, 'charlm');
  assert.equal(lm.id, 'lm');
  assert.equal(familyById(FAMILIES, 'seq2seq').id, 'seq2seq');
  assert.equal(familyById(FAMILIES, 'transformer'), null);
  const old = { ...V1[1].state, text: '' };
  const state = renameKeys(lm, old);
  assert.deepEqual(state, renamed(old));
  assert.ok(!('temp' in state) && !('topk' in state) && !('slen' in state));
  assert.deepEqual(Object.keys({ ...defaultState(), ...state }).sort(), Object.keys(defaultState()).sort(), 'nothing left over');
  assert.deepEqual(renameKeys(lm, { temperature: 2, temp: 1 }), { temperature: 2 }, 'a new name wins over the old');
});
