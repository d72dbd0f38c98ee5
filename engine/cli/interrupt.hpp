// Ctrl-C (SIGINT) and SIGTERM during training: the first asks the training loop to stop after the step under
// way, so the run's files are saved as they are then; a second one ends the program at once, as usual.
#pragma once
#include <csignal>

namespace rp::cli {

// Installs the handlers while it lives (the training loop's scope) and restores the ones before.
class InterruptGuard {
 public:
  InterruptGuard();
  ~InterruptGuard();
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

 private:
  void (*old_int_)(int);
  void (*old_term_)(int);
};

// True once a stop was asked for (it stays true for the rest of the program: the verb saves, then exits).
bool interrupted();

}  // namespace rp::cli
