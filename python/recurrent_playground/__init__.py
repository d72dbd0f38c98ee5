"""Recurrent Playground's models in PyTorch: our checkpoint files opened as nn.Modules and torch.optim
optimizers, so training started in the page or the `rnn` command line continues here, and comes back.

Nothing to install: a script puts this package's parent folder (python/) on sys.path.
  safetensors_io  the file format (numpy only)
  checkpoint      our files: metadata, tensors, optimizer-state names <-> torch.optim's state_dict
  optim           our optimizers, learning-rate schedule, clipping and the step's shared tail as torch.optim
  metrics_log     --log FILE.jsonl, one line per step as the command line writes it
  processes       one process or one of torchrun's: device, its share of a batch, the collective steps
  char_lm         the char LM as an nn.Module whose state_dict is the file's tensors
  text_stream     the B parallel streams through a text, window by window, as the engine cuts them
  train_char_lm   the script that continues a char LM's training (one process or torchrun)
  seq2seq         the encoder-decoder with attention as an nn.Module whose state_dict is the file's tensors
  pairs           your own two-column lines (seq2seq's pairs, the classifier's labelled texts), split as the engine does
  rng             the engine's random generator (the data order and seq2seq's scheduled sampling)
  example_order   the epoch's order of the training examples and its position, as a --save-state file holds it
  train_seq2seq   the script that continues a seq2seq run on your own pairs
  classifier      the sequence classifier as an nn.Module whose state_dict is the file's tensors
  train_classifier  the script that continues a classifier run on your own labelled lines
"""
