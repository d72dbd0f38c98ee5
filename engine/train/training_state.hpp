// A resumable file's training state, shared by every family that trains on separate examples: the optimizer's
// per-parameter state and step count (optim.<state>.<param> tensors and optim_step, engine/io/checkpoint.hpp)
// and the data position (engine/train/example_order.hpp) as metadata:
//   train_order   JSON array: the epoch's order of the training examples
//   train_cursor  the next position in it
//   train_rng     JSON array of strings: 4 words of each generator's state, the shuffling's first
// so that training continues exactly where it stopped, in the page, the command line and PyTorch alike.
// A trainer plugs in with model(), optimizer(), train_examples(), generators() (how many states its position
// holds), position() and set_position().
#pragma once
#include "engine/io/checkpoint.hpp"
#include "engine/io/safetensors.hpp"
#include "engine/train/example_order.hpp"

namespace rp {

void write_training_state(const Optimizer<float>& opt, const ParamStore<float>& params, const ExamplePosition& p,
                          safetensors::File& out);
bool has_example_training_state(const safetensors::File& f);
// examples: how many training examples the order must cover (also bounds the parse of a hostile file);
// generators: how many generator states the family's position holds.
Status read_position(const safetensors::File& f, size_t examples, size_t generators, ExamplePosition& p);

// Appends the trainer's training state to a file that already holds its model and experiment.
template <class Trainer> void export_training_state(Trainer& t, safetensors::File& out) {
  write_training_state(t.optimizer(), t.model().params(), t.position(), out);
}

// Into a trainer built from the file's model and experiment on the same data. The position is checked first
// (another data set is named as such); on failure the trainer's position is as it was.
template <class Trainer> Status import_training_state(const safetensors::File& f, Trainer& t) {
  ExamplePosition p;
  RP_TRY(read_position(f, t.train_examples().size(), t.generators(), p));
  const ExamplePosition was = t.position();
  RP_TRY(t.set_position(p));
  const Status s = checkpoint::read_optimizer(f, t.model().params(), t.optimizer());
  if (!s) t.set_position(was);
  return s;
}

// What the page does with an opened file that has a training state: restores it, or, when it does not fit,
// keeps the model, restarts the optimizer and returns the notice that says why ("" when nothing was wrong).
template <class Trainer>
std::string resume_or_restart(const safetensors::File& f, const OptimConfig& optim, Trainer& t) {
  if (!has_example_training_state(f)) return "";
  const Status s = import_training_state(f, t);
  if (s) return "";
  t.optimizer().reset(optim, t.model().params().size());
  return "the model loaded, but its training state did not (" + s.message() + "); training restarts the optimizer";
}

}  // namespace rp
