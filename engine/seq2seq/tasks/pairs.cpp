// The user's own pairs: parse_pairs reads "source<TAB>target" lines, split_pairs divides them by seed into
// training and held-out pairs.
#include "engine/seq2seq/tasks.hpp"

#include <algorithm>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "engine/core/rng.hpp"
#include "engine/core/utf8.hpp"
#include "engine/seq2seq/tasks/draw.hpp"

namespace rp::seq2seq {

namespace {

using detail::fisher_yates;

constexpr size_t kMaxLineBytes = 1000;
constexpr size_t kMaxPairs = 200000;

bool is_blank(std::string_view line) { return line.find_first_not_of(' ') == std::string_view::npos; }

}  // namespace

Status parse_pairs(std::string_view tsv, std::vector<Example>& out) {
  out.clear();
  std::vector<Example> pairs;
  size_t pos = 0;
  if (tsv.substr(0, 3) == "\xEF\xBB\xBF") pos = 3;  // byte order mark from some Windows editors
  int64_t line_no = 0;
  while (pos < tsv.size()) {
    size_t end = tsv.find('\n', pos);
    if (end == std::string_view::npos) end = tsv.size();
    std::string_view line = tsv.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (is_blank(line)) continue;
    const std::string where = "line " + std::to_string(line_no) + ": ";
    if (line.size() > kMaxLineBytes)
      return Status::error(where + "longer than " + std::to_string(kMaxLineBytes) + " bytes (" +
                           std::to_string(line.size()) + ")");
    for (size_t at = 0; at < line.size();) {
      char32_t cp = 0;
      const size_t n = utf8::decode_one(line, at, cp);
      if (n == 0) return Status::error(where + "invalid UTF-8 at byte " + std::to_string(at) + " of the line");
      at += n;
    }
    const size_t tabs = size_t(std::count(line.begin(), line.end(), '\t'));
    if (tabs != 1)
      return Status::error(where + "expected exactly one tab between source and target, found " +
                           std::to_string(tabs));
    const size_t tab = line.find('\t');
    if (tab == 0) return Status::error(where + "empty source");
    if (tab + 1 == line.size()) return Status::error(where + "empty target");
    if (pairs.size() == kMaxPairs)
      return Status::error(where + "more than " + std::to_string(kMaxPairs) + " pairs");
    pairs.push_back(Example{std::string(line.substr(0, tab)), std::string(line.substr(tab + 1))});
  }
  if (pairs.empty()) return Status::error("no source<TAB>target pairs in the input");
  out = std::move(pairs);
  return Status::ok();
}

void split_pairs(const std::vector<Example>& all, double held_fraction, uint64_t seed, std::vector<Example>& train,
                 std::vector<Example>& held) {
  train.clear();
  held.clear();
  const size_t n = all.size();
  double fraction = held_fraction > 0 ? held_fraction : 0;  // also maps NaN to 0
  if (fraction > 1) fraction = 1;
  size_t want = size_t(fraction * double(n) + 0.5);
  if (n < 2) want = 0;
  else want = std::min(std::max<size_t>(want, 1), n - 1);

  // Groups of pairs sharing a source, in order of first appearance.
  std::unordered_map<std::string_view, size_t> group_of;
  std::vector<std::vector<size_t>> groups;
  for (size_t i = 0; i < n; ++i) {
    const auto found = group_of.emplace(all[i].source, groups.size());
    if (found.second) groups.emplace_back();
    groups[found.first->second].push_back(i);
  }

  Rng rng(seed);
  std::vector<char> is_held(n, 0);
  if (want > 0 && groups.size() >= 2) {
    std::vector<size_t> order(groups.size());
    for (size_t g = 0; g < order.size(); ++g) order[g] = g;
    fisher_yates(order, rng);
    size_t taken = 0;
    for (size_t g : order)
      if (taken + groups[g].size() <= want) {
        for (size_t i : groups[g]) is_held[i] = 1;
        taken += groups[g].size();
      }
    if (taken == 0) {
      // Every group is bigger than the target: hold out the smallest one, which leaves training non-empty.
      size_t best = order[0];
      for (size_t g : order)
        if (groups[g].size() < groups[best].size()) best = g;
      for (size_t i : groups[best]) is_held[i] = 1;
    }
  } else if (want > 0) {
    // A single source repeated: keeping it on one side would leave the other empty, so split the pairs.
    std::vector<size_t> order(n);
    for (size_t i = 0; i < n; ++i) order[i] = i;
    fisher_yates(order, rng);
    for (size_t k = 0; k < want; ++k) is_held[order[k]] = 1;
  }
  for (size_t i = 0; i < n; ++i) (is_held[i] ? held : train).push_back(all[i]);
}

}  // namespace rp::seq2seq
