// What every family's training step shares once its forward and backward have filled the gradients:
// clipping, the guard against non-finite values, the optimizer update and the step's statistics; and the
// loop that runs a chunk of steps for the page or the command line. A family's trainer only brings its data
// and its passes.
#pragma once
#include <chrono>
#include <cmath>
#include <vector>

#include "engine/core/optimizer.hpp"

namespace rp {

struct StepStats {
  int64_t step = 0;        // optimizer steps taken so far, this one included
  double loss = 0;         // the family's training loss of this step (nats per predicted token)
  double grad_norm = 0;    // global gradient norm before clipping
  double lr = 0;           // learning rate used
  bool new_pass = false;   // the step started a new pass over the data
  bool nonfinite = false;  // loss or gradient was NaN/inf: the update was skipped, weights unchanged
};

// Clips the gradients in `model.params()`, then updates unless the loss or the gradient is not finite (the
// weights stay as they were; the caller decides what else to reset). Calls model.weights_changed().
template <class Model> StepStats apply_update(Model& model, Optimizer<float>& optimizer, const ClipConfig& clip, double loss) {
  StepStats s;
  s.loss = loss;
  auto& params = model.params();
  s.grad_norm = clip_gradients(params.grads().data(), params.size(), clip);
  s.nonfinite = !std::isfinite(s.loss) || !std::isfinite(s.grad_norm);
  if (s.nonfinite) {
    s.lr = optimizer.current_lr();
  } else {
    s.lr = optimizer.step(params.values().data(), params.grads().data());
    model.weights_changed();
  }
  s.step = optimizer.steps();
  return s;
}

// A chunk of steps as the page and the command line see it.
struct ChunkResult {
  std::vector<float> losses;      // loss of every step of the chunk
  std::vector<float> grad_norms;  // gradient norm before clipping of every step
  StepStats last;
  int nonfinite_steps = 0;
  double seconds = 0;             // wall time of the chunk
};

// Runs `steps` steps of any trainer with a step() -> StepStats.
template <class Trainer> ChunkResult train_chunk(Trainer& trainer, int steps) {
  ChunkResult out;
  out.losses.reserve(size_t(steps));
  out.grad_norms.reserve(size_t(steps));
  const auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < steps; ++i) {
    out.last = trainer.step();
    out.losses.push_back(float(out.last.loss));
    out.grad_norms.push_back(float(out.last.grad_norm));
    out.nonfinite_steps += out.last.nonfinite;
  }
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return out;
}

}  // namespace rp
