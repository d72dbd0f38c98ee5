// The families whose training continues in PyTorch, one row each: the module whose state_dict is the
// family's file and the script that resumes its training, both in python/recurrent_playground/. The download
// menu's "PyTorch project" (shell/pytorch-project.js) packs them with every module of the package the script
// imports, the model file and the family controller's projectData() (its data and how the script reads it);
// a family without a row has no such download. DOM-free.
export const PYTORCH_PROJECTS = Object.freeze({
  lm: Object.freeze({ module: 'char_lm.py', script: 'train_char_lm.py' }),
  seq2seq: Object.freeze({ module: 'seq2seq.py', script: 'train_seq2seq.py' }),
});
