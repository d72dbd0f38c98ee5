#include "engine/forecast/series.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "engine/core/registry.hpp"

namespace rp::forecast {

namespace {
constexpr double kTwoPi = 6.283185307179586;
}

// Three sines of incommensurate periods (about 11 to 60 steps) with random phases and amplitudes: smooth,
// never quite repeating, so a model must keep the phases in its state.
std::vector<double> draw_sines(Rng& rng, int n) {
  const double periods[3] = {rng.uniform(11, 17), rng.uniform(23, 31), rng.uniform(45, 60)};
  double amp[3], phase[3];
  for (int k = 0; k < 3; ++k) {
    amp[k] = rng.uniform(0.5, 1.0);
    phase[k] = rng.uniform(0, kTwoPi);
  }
  std::vector<double> x(static_cast<size_t>(n), 0.0);
  for (int t = 0; t < n; ++t)
    for (int k = 0; k < 3; ++k) x[size_t(t)] += amp[k] * std::sin(kTwoPi * t / periods[k] + phase[k]);
  return x;
}

// A damped oscillator, x'' = -w^2 x - 2 z w x', kicked by a random impulse every 40 to 80 steps: it rings and
// dies away, and when the next kick comes cannot be told from the past.
std::vector<double> draw_oscillator(Rng& rng, int n) {
  const double w = kTwoPi / rng.uniform(9, 14), z = rng.uniform(0.04, 0.08), dt = 0.1;
  double x = 1, v = 0;
  int next_kick = int(rng.uniform(40, 80));
  std::vector<double> out(static_cast<size_t>(n), 0.0);
  for (int t = 0; t < n; ++t) {
    if (t == next_kick) {
      v += rng.uniform(-1.5, 1.5) * w;
      next_kick += int(rng.uniform(40, 80));
    }
    for (int sub = 0; sub < 10; ++sub) {  // semi-implicit Euler, 10 sub-steps per sample
      v += dt * (-w * w * x - 2 * z * w * v);
      x += dt * v;
    }
    out[size_t(t)] = x;
  }
  return out;
}

// A sawtooth of period 15 to 30: a ramp and a sudden drop, the same every time.
std::vector<double> draw_sawtooth(Rng& rng, int n) {
  const double period = rng.uniform(15, 30), offset = rng.uniform(0, period);
  std::vector<double> x(static_cast<size_t>(n), 0.0);
  for (int t = 0; t < n; ++t) {
    const double p = std::fmod(t + offset, period) / period;
    x[size_t(t)] = 2 * p - 1;
  }
  return x;
}

// Mackey and Glass (1977), the classic chaotic benchmark: dx/dt = 0.2 x(t-17) / (1 + x(t-17)^10) - 0.1 x(t),
// integrated with 10 Euler sub-steps per unit of time from a random history, sampled every unit after a
// burn-in of 500.
std::vector<double> draw_mackey_glass(Rng& rng, int n) {
  constexpr int kSub = 10, kTau = 17 * kSub, kBurn = 500;
  const double dt = 1.0 / kSub;
  std::vector<double> h(size_t(kTau + 1));
  for (auto& v : h) v = rng.uniform(0.9, 1.3);
  size_t head = 0;  // ring buffer of the last kTau + 1 sub-steps; h[head] is x(t - tau)
  double x = h[size_t(kTau)];
  std::vector<double> out;
  out.reserve(size_t(n));
  for (int t = 0; out.size() < size_t(n); ++t) {
    for (int s = 0; s < kSub; ++s) {
      const double lag = h[head];
      x += dt * (0.2 * lag / (1 + std::pow(lag, 10)) - 0.1 * x);
      h[head] = x;
      head = (head + 1) % h.size();
    }
    if (t >= kBurn) out.push_back(x);
  }
  return out;
}

// Steps of N(0, 1): persistence (tomorrow = today) is the best forecast there is, which a learner should see.
std::vector<double> draw_random_walk(Rng& rng, int n) {
  std::vector<double> x(static_cast<size_t>(n), 0.0);
  double v = 0;
  for (int t = 0; t < n; ++t) x[size_t(t)] = (v += rng.normal());
  return x;
}

const std::vector<SeriesInfo>& series_kinds() {
  static const std::vector<SeriesInfo> rows = {
      {SeriesKind::Sines, "sines", "A sum of sines",
       "Three waves of different periods added up: smooth, but the pattern only repeats after a very long time, "
       "so the model has to keep track of where each wave is.",
       draw_sines},
      {SeriesKind::Oscillator, "oscillator", "A kicked damped oscillator",
       "A spring that rings and slowly dies down, kicked at random moments: between kicks the future follows "
       "from the past, the kicks themselves cannot be foreseen.",
       draw_oscillator},
      {SeriesKind::Sawtooth, "sawtooth", "A sawtooth",
       "A ramp up and a sudden drop, again and again: the drop is where a model that only extrapolates goes "
       "wrong, and one that counts steps gets it right.",
       draw_sawtooth},
      {SeriesKind::MackeyGlass, "mackey_glass", "Mackey-Glass (chaotic)",
       "A delay equation from physiology whose values never repeat: the classic test of forecasting chaos. "
       "Short horizons are learnable; errors grow quickly with the horizon.",
       draw_mackey_glass},
      {SeriesKind::RandomWalk, "random_walk", "A random walk",
       "Each value is the last plus a random step. Nothing can beat \"tomorrow is like today\" here, and a "
       "good model learns exactly that.",
       draw_random_walk},
      {SeriesKind::Csv, "csv", "Your own series", "One column of a CSV file, oldest value first.", nullptr},
  };
  return rows;
}

const SeriesInfo* find_series(SeriesKind kind) { return registry::by_kind(series_kinds(), kind); }
const char* series_name(SeriesKind kind) { return registry::name_of(series_kinds(), kind); }
bool parse_series(std::string_view name, SeriesKind& out) { return registry::parse(series_kinds(), name, out); }

Status generate(SeriesKind kind, int n, double noise, uint64_t seed, std::vector<double>& out) {
  const SeriesInfo* info = find_series(kind);
  if (!info || !info->draw) return Status::error("'csv' is your own series, not a generated one");
  if (n < 16 || n > 1000000) return Status::error("a generated series has between 16 and 1000000 values");
  if (!(noise >= 0 && noise <= 2)) return Status::error("noise must be between 0 and 2");
  Rng rng(seed);
  std::vector<double> x = info->draw(rng, n);
  double mean = 0, var = 0;
  for (double v : x) mean += v;
  mean /= n;
  for (double v : x) var += (v - mean) * (v - mean);
  const double sd = std::sqrt(var / n);
  Rng noise_rng = Rng(seed).fork(7);  // the noise never changes the clean series
  for (double& v : x) v += noise * sd * noise_rng.normal();
  out = std::move(x);
  return Status::ok();
}

namespace {

std::vector<std::string_view> split_cells(std::string_view line) {
  std::vector<std::string_view> cells;
  size_t start = 0;
  for (;;) {
    const size_t comma = line.find(',', start);
    cells.push_back(line.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
    if (comma == std::string_view::npos) return cells;
    start = comma + 1;
  }
}

std::string trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '"')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '"')) s.remove_suffix(1);
  return std::string(s);
}

bool number(const std::string& s, double& out) {
  if (s.empty()) return false;
  char* end = nullptr;
  out = std::strtod(s.c_str(), &end);
  return *end == '\0' && std::isfinite(out);
}

}  // namespace

Status read_csv_column(std::string_view csv, const std::string& column, int min_rows, std::vector<double>& out) {
  out.clear();
  if (csv.size() >= 3 && csv.substr(0, 3) == "\xEF\xBB\xBF") csv.remove_prefix(3);
  std::vector<std::string_view> lines;
  for (size_t start = 0; start < csv.size();) {
    size_t end = csv.find('\n', start);
    if (end == std::string_view::npos) end = csv.size();
    lines.push_back(csv.substr(start, end - start));
    start = end + 1;
  }
  while (!lines.empty() && trimmed(lines.back()).empty()) lines.pop_back();
  if (lines.empty()) return Status::error("the CSV file is empty");
  // The column: a header name, or a 1-based number.
  int index = -1;
  const std::vector<std::string_view> first = split_cells(lines[0]);
  for (size_t i = 0; i < first.size(); ++i)
    if (trimmed(first[i]) == column) index = int(i);
  double ignored = 0;
  bool header = false;
  for (const auto& cell : first) header = header || !number(trimmed(cell), ignored);
  if (index < 0) {
    char* end = nullptr;
    const long k = std::strtol(column.c_str(), &end, 10);
    if (column.empty() || *end != '\0' || k < 1 || k > long(first.size()))
      return Status::error("the CSV file has no column '" + column + "'" +
                           (header ? " (its header names: " + trimmed(lines[0]).substr(0, 120) + ")"
                                   : " (it has " + std::to_string(first.size()) + " columns; give a number)"));
    index = int(k - 1);
  }
  std::vector<double> values;
  for (size_t r = header ? 1 : 0; r < lines.size(); ++r) {
    if (trimmed(lines[r]).empty()) continue;
    const std::vector<std::string_view> cells = split_cells(lines[r]);
    if (size_t(index) >= cells.size())
      return Status::error("row " + std::to_string(r + 1) + " of the CSV file has no column " + std::to_string(index + 1));
    const std::string cell = trimmed(cells[size_t(index)]);
    double v = 0;
    if (!number(cell, v))
      return Status::error("row " + std::to_string(r + 1) + " of the CSV file holds '" + cell.substr(0, 40) +
                           "' in column '" + column + "', which is not a number");
    values.push_back(v);
    if (values.size() > 1000000) return Status::error("the CSV column has more than 1000000 values");
  }
  if (int(values.size()) < min_rows)
    return Status::error("the CSV column has " + std::to_string(values.size()) + " values; at least " +
                         std::to_string(min_rows) + " are needed for a window and a held-out part");
  out = std::move(values);
  return Status::ok();
}

}  // namespace rp::forecast
