#include "engine/cli/metrics_log.hpp"

#include <cmath>

#include "engine/cli/files.hpp"

namespace rp::cli {
namespace {

// JSON has no NaN or infinity: a non-finite value is written as null.
void put(std::FILE* f, const char* key, double v) {
  if (std::isfinite(v)) std::fprintf(f, ",\"%s\":%.9g", key, v);
  else std::fprintf(f, ",\"%s\":null", key);
}

}  // namespace

MetricsLog::~MetricsLog() {
  if (file_) std::fclose(file_);
}

Status MetricsLog::open(const std::string& path, bool append) {
  if (path.empty()) return Status::ok();
  RP_TRY(check_output(path, "--log"));
  file_ = std::fopen(path.c_str(), append ? "a" : "w");
  if (!file_) return Status::error("--log: cannot open '" + path + "' for writing");
  return Status::ok();
}

void MetricsLog::step(const StepStats& st, double chars_per_s) {
  if (!file_) return;
  std::fprintf(file_, "{\"step\":%lld", (long long)st.step);
  put(file_, "loss", st.loss);
  put(file_, "grad_norm", st.grad_norm);
  put(file_, "lr", st.lr);
  put(file_, "chars_per_s", chars_per_s);
  std::fputs("}\n", file_);
  std::fflush(file_);
}

void MetricsLog::values(int64_t step, std::initializer_list<std::pair<const char*, double>> named) {
  if (!file_) return;
  std::fprintf(file_, "{\"step\":%lld", (long long)step);
  for (const auto& [key, v] : named) put(file_, key, v);
  std::fputs("}\n", file_);
  std::fflush(file_);
}

}  // namespace rp::cli
