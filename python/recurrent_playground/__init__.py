"""Recurrent Playground's models in PyTorch: our checkpoint files opened as nn.Modules and torch.optim
optimizers, so training started in the page or the `rnn` command line continues here, and comes back.

Nothing to install: a script puts this package's parent folder (python/) on sys.path.
  safetensors_io  the file format (numpy only)
  checkpoint      our files: metadata, tensors, optimizer-state names <-> torch.optim's state_dict
  optim           our optimizers and learning-rate schedule as torch.optim
  char_lm         the char LM as an nn.Module whose state_dict is the file's tensors
  text_stream     the B parallel streams through a text, window by window, as the engine cuts them
  train_char_lm   the script that continues a char LM's training (one process or torchrun)
"""
