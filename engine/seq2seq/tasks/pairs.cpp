// The user's own pairs: parse_pairs reads "source<TAB>target" lines, split_pairs divides them by seed into
// training and held-out pairs.
#include "engine/seq2seq/tasks.hpp"

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/core/held_out.hpp"
#include "engine/io/tab_columns.hpp"

namespace rp::seq2seq {

namespace {

constexpr size_t kMaxPairs = 200000;

}  // namespace

Status parse_pairs(std::string_view tsv, std::vector<Example>& out) {
  out.clear();
  std::vector<std::pair<std::string, std::string>> rows;
  RP_TRY(parse_tab_columns(tsv, {"source", "target", "pairs", kMaxPairs}, rows));
  for (auto& [source, target] : rows) out.push_back(Example{std::move(source), std::move(target)});
  return Status::ok();
}

void split_pairs(const std::vector<Example>& all, double held_fraction, uint64_t seed, std::vector<Example>& train,
                 std::vector<Example>& held) {
  train.clear();
  held.clear();
  std::vector<std::string_view> sources;
  for (const auto& e : all) sources.push_back(e.source);
  const std::vector<char> is_held = held_out_rows(sources, held_fraction, seed);
  for (size_t i = 0; i < all.size(); ++i) (is_held[i] ? held : train).push_back(all[i]);
}

}  // namespace rp::seq2seq
