// What a configuration will cost before anything is allocated: its exact parameter count, the memory of its
// weights, gradients, optimizer state and workspaces, and the work of one training step. One estimator per
// family (engine/<family>/estimate.hpp), used by the sessions to refuse what WebAssembly's 2 GiB cannot
// hold and by the page (through the module) to show the size and time of a model before building it.
#pragma once
#include <cstdint>
#include <string>

#include "engine/core/optimizer.hpp"
#include "engine/core/status.hpp"

namespace rp {

// The most a page's session may use: WebAssembly memory ends at 2 GiB, and the module needs room besides.
constexpr double kSessionMemoryBudget = 1.25 * (1 << 30);
// What a session's old and new models may use together while one replaces the other; beyond it the old
// one is let go first (the page has it saved), so a rebuild never runs the heap out.
constexpr double kHeapRoom = 1.75 * (1 << 30);

struct Estimate {
  int64_t params = 0;            // trainable scalars, exactly as the model will have them
  double bytes = 0;              // everything the session allocates for this configuration
  double activation_bytes = 0;   // of which the training workspace's saved activations
  double flops_per_step = 0;     // one training step: forward, backward and weight gradients
  double units_per_step = 0;     // what a step trains on: characters (lm), target characters (seq2seq)
  double eval_flops_per_unit = 0;   // evaluating one held-out unit as a single stream (lm), or 0
  double probe_flops_per_unit = 0;  // the sensitivity probe's forward-mode pass per character (lm), or 0
};

// Optimizer state buffers per parameter (0 for SGD, 2 for Adam).
int optimizer_states(OptimKind kind);

// Refuses an estimate over the session budget with a message that says how much and what to make smaller.
// what: the subject of the message ("this configuration", "opening this file").
Status check_budget(const Estimate& e, const std::string& advice, const char* what = "this configuration");

}  // namespace rp
