// A progress bar on stderr: step, loss, characters per second and time left. Redrawn in place on a terminal,
// printed as a line every few percent otherwise (logs and CI). And the training loop every train verb runs
// under it.
#pragma once
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

#include "engine/cli/args.hpp"
#include "engine/cli/interrupt.hpp"
#include "engine/cli/metrics_log.hpp"
#include "engine/core/status.hpp"
#include "engine/train/step.hpp"

namespace rp::cli {

class Progress {
 public:
  Progress(int64_t total, int64_t chars_per_step)
      : total_(total), chars_per_step_(chars_per_step), tty_(isatty(2)), start_(Clock::now()), last_(start_) {}

  void update(int64_t done, double loss, bool force = false) {
    const auto now = Clock::now();
    const double since_draw = std::chrono::duration<double>(now - last_).count();
    const bool milestone = !tty_ && (done * 20 / total_ != last_done_ * 20 / total_);
    if (!force && !(tty_ && since_draw > 0.1) && !milestone && done != total_) return;
    last_ = now;
    last_done_ = done;
    const double elapsed = std::chrono::duration<double>(now - start_).count();
    const double rate = elapsed > 0 ? double(done - first_) * chars_per_step_ / elapsed : 0;
    const double left = done > first_ ? elapsed / double(done - first_) * double(total_ - done) : 0;
    const int width = 24, filled = int(width * done / total_);
    std::string bar(filled, '#');
    bar += std::string(width - filled, '.');
    std::fprintf(stderr, "%s[%s] step %lld/%lld  loss %.4f  %.0f chars/s  %s left%s", tty_ ? "\r" : "", bar.c_str(),
                 (long long)done, (long long)total_, loss, rate, clock(left).c_str(), tty_ ? "\033[K" : "\n");
    std::fflush(stderr);
  }

  // Moves off the bar's line before other output.
  void interrupt() {
    if (tty_) std::fprintf(stderr, "\n");
  }
  void set_first(int64_t first) { first_ = first; last_done_ = first; }

 private:
  using Clock = std::chrono::steady_clock;
  static std::string clock(double seconds) {
    const long s = long(seconds + 0.5);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
    return buf;
  }
  int64_t total_, chars_per_step_;
  bool tty_;
  Clock::time_point start_, last_;
  int64_t last_done_ = 0, first_ = 0;
};

// Runs training steps until the step count reaches `last` (from `first`), with the bar unless quiet, and
// calls report(stats) every `every` steps and at the last (never when `every` is 0), the bar moved aside and
// stdout flushed after, and save() (the verb's files, -> Status) every `save_every` steps before the last
// (0: never; the verb saves at the end). step() returns the trainer's stats: .step (steps so far), .loss and
// .nonfinite. Stops at the first step with a non-finite loss or gradient (which changed nothing: see
// train/step.hpp), or after the step under way when Ctrl-C or SIGTERM asks (interrupted()). Returns the last
// stats: those of the failed step when .nonfinite. `log` (--log) gets every step's stats, the failed one too.
template <class Step, class Report, class Save>
auto run_steps(int64_t first, int64_t last, int64_t chars_per_step, bool quiet, int64_t every, Step step, Report report,
               int64_t save_every, Save save, MetricsLog* log = nullptr) -> decltype(step()) {
  using Clock = std::chrono::steady_clock;
  InterruptGuard guard;
  Progress progress(last, chars_per_step);
  progress.set_first(first);
  decltype(step()) st{};
  for (int64_t i = first; i < last && !interrupted(); ++i) {
    const auto t0 = Clock::now();
    st = step();
    if (log) {
      const double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
      log->step(st, seconds > 0 ? double(chars_per_step) / seconds : 0);
    }
    if (st.nonfinite) break;
    if (!quiet) progress.update(st.step, st.loss);
    if (every > 0 && (st.step % every == 0 || st.step == last)) {
      if (!quiet) progress.interrupt();
      report(st);
      std::fflush(stdout);
    }
    if (save_every > 0 && st.step % save_every == 0 && st.step != last) {
      if (!quiet) progress.interrupt();
      const Status s = save();
      if (!s) std::fprintf(stderr, "warning: could not save at step %lld: %s\n", (long long)st.step, s.message().c_str());
    }
  }
  if (!quiet) progress.interrupt();
  return st;
}

// The --save-every flag every train verb offers (files: what its saves write, e.g. "--save").
inline Option save_every_option(const std::string& files) {
  return count_option("save_every", "save period", 0, 0, 100000000,
                      "steps between saves of " + files + " during the run (0 = at the end only; Ctrl-C saves too)");
}

// After the files are saved: an error when Ctrl-C or SIGTERM stopped the run early, so the command exits 1
// and says where it stopped.
inline Status stopped_early(int64_t step) {
  if (!interrupted()) return Status::ok();
  return Status::error("interrupted after step " + std::to_string(step) + "; the files of that step are saved");
}

// What a train verb returns after run_steps: an error when training stopped at a diverged step, so the
// command exits non-zero and says why. The files of the last good step are saved first, unless the weights
// themselves were lost (weights_lost), when there is nothing worth saving.
inline bool weights_lost(const StepStats& last) { return last.nonfinite && std::string(last.nonfinite_what) == "weights"; }

inline Status diverged(const StepStats& last) {
  if (!last.nonfinite) return Status::ok();
  const std::string kept = weights_lost(last) ? "nothing was saved"
                                              : "the weights and optimizer state are those of step " + std::to_string(last.step);
  return Status::error("training stopped " + divergence_text(last) + "; " + kept + " (lower --lr, or set --clip-norm)");
}

}  // namespace rp::cli
