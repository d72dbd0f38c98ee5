// --log FILE.jsonl: the run's metrics as JSON lines, one per training step
//   {"step":12,"loss":2.31,"grad_norm":0.84,"lr":0.002,"chars_per_s":151234}
// and one per report ({"step":500,"held_out_loss":1.97}), written as they happen and flushed, so any tool
// (pandas, jq, a spreadsheet) can plot a run while it trains. Every train verb offers it.
#pragma once
#include <cstdio>
#include <string>

#include "engine/cli/args.hpp"
#include "engine/core/status.hpp"
#include "engine/train/step.hpp"

namespace rp::cli {

class MetricsLog {
 public:
  MetricsLog() = default;
  MetricsLog(const MetricsLog&) = delete;
  MetricsLog& operator=(const MetricsLog&) = delete;
  ~MetricsLog();

  // path "" logs nothing. append: keep what the file holds (a resumed run continues its log).
  Status open(const std::string& path, bool append);
  void step(const StepStats& st, double chars_per_s);
  // One line of named values at a step: {"step":N,"held_out_loss":x,...}.
  void values(int64_t step, std::initializer_list<std::pair<const char*, double>> named);

 private:
  std::FILE* file_ = nullptr;
};

inline Option log_option() {
  return file_option("log", "metrics log",
                     "write one JSON line per step (step, loss, grad_norm, lr, chars_per_s) and per report (held-out "
                     "metrics) for any tool to plot; --resume appends",
                     "FILE.jsonl");
}

}  // namespace rp::cli
