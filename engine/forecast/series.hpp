// The forecaster's data: real-valued series, generated (deterministic for a kind, a length, a noise level
// and a seed, on rp::Rng only, so native and WebAssembly agree) or a column of the user's CSV file.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/rng.hpp"
#include "engine/core/status.hpp"

namespace rp::forecast {

enum class SeriesKind { Sines, Oscillator, Sawtooth, MackeyGlass, RandomWalk, Csv };

struct SeriesInfo {
  SeriesKind kind;
  const char* name;   // "sines": JSON, links, the command line
  const char* title;  // "A sum of sines"
  const char* blurb;  // two or three sentences for the page
  // n values without noise, from the seed (null for csv).
  std::vector<double> (*draw)(Rng& rng, int n);
};
// In menu order; "csv" (the user's own) last.
const std::vector<SeriesInfo>& series_kinds();
const SeriesInfo* find_series(SeriesKind kind);
const char* series_name(SeriesKind kind);
bool parse_series(std::string_view name, SeriesKind& out);

// A generated series of n values: the kind's clean values plus Gaussian noise of `noise` times their standard
// deviation. n from 16 to 1,000,000; noise from 0 to 2.
Status generate(SeriesKind kind, int n, double noise, uint64_t seed, std::vector<double>& out);

// One column of a CSV text (comma-separated, optional header row; the column named by its header or by its
// 1-based number). Refused, naming the row: text in the column, a row without it, fewer than `min_rows` values.
Status read_csv_column(std::string_view csv, const std::string& column, int min_rows, std::vector<double>& out);

// The generators (series.cpp).
std::vector<double> draw_sines(Rng& rng, int n);
std::vector<double> draw_oscillator(Rng& rng, int n);
std::vector<double> draw_sawtooth(Rng& rng, int n);
std::vector<double> draw_mackey_glass(Rng& rng, int n);
std::vector<double> draw_random_walk(Rng& rng, int n);

}  // namespace rp::forecast
