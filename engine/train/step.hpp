// What every family's training step shares once its forward and backward have filled the gradients:
// clipping, the guard against non-finite values, the optimizer update and the step's statistics; and the
// loop that runs a chunk of steps for the page or the command line. A family's trainer only brings its data
// and its passes.
//
// Divergence: a step whose loss or gradient is not finite changes nothing (no update, the optimizer's state
// and step count stay), and a chunk stops there, so the page and the command line can pause on the last
// good weights, say which step and which quantity, and let the user continue with a lower learning rate.
#pragma once
#include <chrono>
#include <cmath>
#include <string>
#include <vector>

#include "engine/core/finite.hpp"
#include "engine/core/optimizer.hpp"

namespace rp {

struct StepStats {
  int64_t step = 0;        // optimizer steps taken so far, this one included
  double loss = 0;         // the family's training loss of this step (nats per predicted token)
  double grad_norm = 0;    // global gradient norm before clipping
  double lr = 0;           // learning rate used
  bool new_pass = false;   // the step started a new pass over the data
  bool nonfinite = false;  // loss or gradient was NaN/inf: the update was skipped, weights unchanged
  // When nonfinite: "loss" or "gradient" (the weights are the last good ones), or "weights" when an
  // earlier update had already overflowed them (then nothing good is left to keep: reset or reopen).
  const char* nonfinite_what = "";
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
    s.nonfinite_what = std::isfinite(s.loss) ? "gradient" : "loss";
    if (!all_finite(params.values().data(), params.size())) s.nonfinite_what = "weights";  // rare: only checked now
    s.lr = optimizer.current_lr();
  } else {
    s.lr = optimizer.step(params.values().data(), params.grads().data());
    model.weights_changed();
  }
  s.step = optimizer.steps();
  return s;
}

// The value that was not finite in a failed step (its loss, else its gradient norm), as text.
inline const char* failed_value(const StepStats& failed) {
  return nonfinite_text(std::isfinite(failed.loss) ? failed.grad_norm : failed.loss);
}

// "at step 37 the loss was NaN": the command line's words for a failed step.
inline std::string divergence_text(const StepStats& failed) {
  const std::string what = failed.nonfinite_what;
  const std::string at = "at step " + std::to_string(failed.step + 1) + ": ";
  if (what == "weights") return at + "the weights were no longer finite (an earlier update overflowed them)";
  return at + "the " + (what == "gradient" ? "gradient norm" : "loss") + " was " + failed_value(failed);
}

// A chunk of steps as the page and the command line see it.
struct ChunkResult {
  std::vector<float> losses;      // loss of every step taken (a diverged step is not one)
  std::vector<float> grad_norms;  // gradient norm before clipping of every step taken
  StepStats last;                 // the last step taken (its .step is the count so far, also after divergence)
  bool diverged = false;          // the chunk stopped at a step with a non-finite loss or gradient...
  StepStats failed;               // ...whose stats these are (step number: last.step + 1)
  double seconds = 0;             // wall time of the chunk
};

// Runs up to `steps` steps of any trainer with a step() -> StepStats, stopping at the first non-finite one.
template <class Trainer> ChunkResult train_chunk(Trainer& trainer, int steps) {
  ChunkResult out;
  out.losses.reserve(size_t(steps));
  out.grad_norms.reserve(size_t(steps));
  const auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < steps; ++i) {
    const StepStats st = trainer.step();
    if (st.nonfinite) {
      out.diverged = true;
      out.failed = st;
      out.last.step = st.step;  // unchanged by the failed step
      out.last.lr = st.lr;
      break;
    }
    out.last = st;
    out.losses.push_back(float(st.loss));
    out.grad_norms.push_back(float(st.grad_norm));
  }
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return out;
}

}  // namespace rp
