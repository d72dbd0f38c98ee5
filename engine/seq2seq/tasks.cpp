// The task registry, validate, generate (over the generators in tasks/) and score. The user's pairs are
// tasks/pairs.cpp.
#include "engine/seq2seq/tasks.hpp"

#include <algorithm>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>

#include "engine/core/rng.hpp"
#include "engine/core/utf8.hpp"
#include "engine/seq2seq/tasks/draw.hpp"
#include "engine/seq2seq/tasks/generator.hpp"

namespace rp::seq2seq {

namespace {

using detail::fisher_yates;
using detail::Generator;
using detail::kMaxSentenceWords;
using detail::kMinSentenceWords;

constexpr int64_t kMaxExamples = 1000000;
// A task whose whole space is at most this many sources can be listed: then "not enough distinct examples"
// is an exact count rather than a guess from failed draws.
constexpr uint64_t kListLimit = uint64_t(1) << 21;
constexpr int kMaxSymbols = 200;  // reverse/sort/copy source length and copy delay
constexpr int kMaxDigits = 50;    // add: digits per operand

// Each generated task's own generator (engine/seq2seq/tasks/); nullptr for the user's pairs.
std::unique_ptr<Generator> make_generator(const TaskSpec& spec) {
  switch (spec.kind) {
    case TaskKind::Reverse:
    case TaskKind::Sort:
    case TaskKind::CopyDelay: return detail::symbol_generator(spec);
    case TaskKind::Addition: return detail::addition_generator(spec);
    case TaskKind::Dates: return detail::date_generator();
    case TaskKind::Translation: return detail::translation_generator(spec);
    case TaskKind::Pairs: break;
  }
  return nullptr;
}

Status check_range(const char* task, const char* field, int value, int lo, int hi) {
  if (value >= lo && value <= hi) return Status::ok();
  return Status::error(std::string(task) + ": " + field + " must be between " + std::to_string(lo) + " and " +
                       std::to_string(hi) + " (got " + std::to_string(value) + ")");
}

Status check_lengths(const char* task, const TaskSpec& spec, int hi) {
  RP_TRY(check_range(task, "min_len", spec.min_len, 1, hi));
  RP_TRY(check_range(task, "max_len", spec.max_len, 1, hi));
  if (spec.min_len > spec.max_len)
    return Status::error(std::string(task) + ": min_len (" + std::to_string(spec.min_len) +
                         ") must not exceed max_len (" + std::to_string(spec.max_len) + ")");
  return Status::ok();
}

// Decodes without failing: each byte that does not start a valid sequence becomes `bad`, which is not a
// Unicode scalar value and so never equals a real character.
std::u32string lenient_decode(std::string_view s, char32_t bad) {
  std::u32string out;
  size_t pos = 0;
  while (pos < s.size()) {
    char32_t cp = 0;
    const size_t n = utf8::decode_one(s, pos, cp);
    out.push_back(n == 0 ? bad : cp);
    pos += n == 0 ? 1 : n;
  }
  return out;
}

}  // namespace

const std::vector<TaskInfo>& tasks() {
  static const std::vector<TaskInfo> rows = {
      {TaskKind::Reverse, "reverse", "Reverse",
       "Write the letters backwards. The first output letter is the last input letter, as far away as it gets: the "
       "classic case for attention, and the clearest picture of it (an anti-diagonal).",
       "dbhacg", "gcahbd", {"min_len", "max_len", "alphabet", "train_size", "held_size"}, "letters", 3, 20},
      {TaskKind::Sort, "sort", "Sort",
       "Sort the letters alphabetically. No output letter comes from one fixed place: the model has to count how "
       "many of each letter it has read.",
       "dbhacg", "abcdgh", {"min_len", "max_len", "alphabet", "train_size", "held_size"}, "letters", 3, 12},
      {TaskKind::CopyDelay, "copy", "Copy with delay",
       "Write a few underscores, then copy the input. Easy with attention (a diagonal shifted by the delay); without "
       "it, the whole input must survive in one fixed-size state.",
       "dbhac", "___dbhac", {"min_len", "max_len", "alphabet", "delay", "train_size", "held_size"}, "letters", 3, 20},
      {TaskKind::Addition, "add", "Addition",
       "Add two whole numbers written in decimal. Carries run from right to left, against the reading order, so the "
       "model must line the digits up.",
       "123+45", "168", {"min_len", "max_len", "train_size", "held_size"}, "digits per number", 1, 4},
      {TaskKind::Dates, "dates", "Dates",
       "Rewrite a date given in one of 16 styles (“3 May 1999”, “05/03/99”, “Monday, 3 May "
       "1999”, …) as YYYY-MM-DD. Two-digit years 50–99 are 19xx, 00–49 are 20xx.",
       "the 3rd of May, 1999", "1999-05-03", {"train_size", "held_size"}, "", 0, 0},
      {TaskKind::Translation, "translate", "Toy translation",
       "Translate a tiny English-like language (subject, verb, object) into an invented one that puts the verb last "
       "and marks nouns with suffixes. Attention has to jump around, not sweep.",
       "the big dog sees some cats under an old tree", "vuma-ka grom nolu-ne ebo pem miso-nir-o nami-ta",
       {"min_len", "max_len", "train_size", "held_size"}, "words (sentences have 5–11)", 5, 11},
      {TaskKind::Pairs, "pairs", "Your own pairs",
       "Your own examples: one “source<TAB>target” pair per line (paste them or upload a .tsv). They are "
       "split into training and held-out pairs by the seed; pairs with the same source stay on the same side.",
       "colour", "color", {"held_fraction"}, "", 0, 0},
  };
  return rows;
}

const char* task_name(TaskKind kind) {
  for (const TaskInfo& t : tasks())
    if (t.kind == kind) return t.name;
  return "unknown";
}

bool parse_task(std::string_view name, TaskKind& out) {
  for (const TaskInfo& t : tasks())
    if (name == t.name) {
      out = t.kind;
      return true;
    }
  return false;
}

std::string task_names() {
  std::string names;
  for (const TaskInfo& t : tasks()) {
    if (!names.empty()) names += ", ";
    names += t.name;
  }
  return names;
}

Status validate(const TaskSpec& spec) {
  const char* task = task_name(spec.kind);
  switch (spec.kind) {
    case TaskKind::Reverse:
    case TaskKind::Sort:
    case TaskKind::CopyDelay:
      RP_TRY(check_range(task, "alphabet", spec.alphabet, 2, 26));
      RP_TRY(check_lengths(task, spec, kMaxSymbols));
      if (spec.kind == TaskKind::CopyDelay) RP_TRY(check_range(task, "delay", spec.delay, 0, kMaxSymbols));
      return Status::ok();
    case TaskKind::Addition: return check_lengths(task, spec, kMaxDigits);
    case TaskKind::Dates: return Status::ok();
    case TaskKind::Translation:
      RP_TRY(check_lengths(task, spec, 1000));
      if (spec.max_len < kMinSentenceWords || spec.min_len > kMaxSentenceWords)
        return Status::error("translate: sentences have " + std::to_string(kMinSentenceWords) + " to " +
                             std::to_string(kMaxSentenceWords) + " words, none within min_len..max_len = " +
                             std::to_string(spec.min_len) + ".." + std::to_string(spec.max_len));
      return Status::ok();
    case TaskKind::Pairs: return Status::ok();
  }
  return Status::error("unknown task; the tasks are " + task_names());
}

Status generate(const TaskSpec& spec, uint64_t seed, int n_train, int n_held, std::vector<Example>& train,
                std::vector<Example>& held) {
  train.clear();
  held.clear();
  RP_TRY(validate(spec));
  if (spec.kind == TaskKind::Pairs)
    return Status::error("pairs: examples come from a file, not a generator (use parse_pairs and split_pairs)");
  if (n_train < 0 || n_held < 0)
    return Status::error("example counts must not be negative (n_train " + std::to_string(n_train) + ", n_held " +
                         std::to_string(n_held) + ")");
  const int64_t need = int64_t(n_train) + n_held;
  if (need > kMaxExamples)
    return Status::error("at most " + std::to_string(kMaxExamples) + " examples can be generated (asked for " +
                         std::to_string(need) + ")");

  const std::unique_ptr<Generator> gen = make_generator(spec);
  const uint64_t space = gen->size();
  Rng rng(seed);
  std::vector<Example> picked;
  picked.reserve(size_t(need));
  std::unordered_set<std::string> seen;  // only membership is asked, so its hash order cannot leak into results
  seen.reserve(size_t(need));

  // Sampling keeps each task's intended distribution (e.g. uniform lengths). When most of a small space is
  // wanted, rejection would crawl, so the whole space is listed instead.
  const bool list_only = space <= kListLimit && uint64_t(need) * 2 > space;
  if (!list_only) {
    // Generous when failing would be final; short when listing can take over the remainder.
    const int64_t max_draws = space <= kListLimit ? 4 * need + 1000 : 64 * need + 10000;
    for (int64_t draw = 0; draw < max_draws && int64_t(picked.size()) < need; ++draw) {
      Example e = gen->sample(rng);
      if (seen.insert(e.source).second) picked.push_back(std::move(e));
    }
  }
  if (int64_t(picked.size()) < need) {
    if (space > kListLimit)
      return Status::error(std::string(task_name(spec.kind)) + ": found only " + std::to_string(picked.size()) +
                           " distinct examples of the " + std::to_string(need) +
                           " requested; ask for fewer or widen the spec");
    std::vector<Example> rest;
    seen.reserve(size_t(space));
    for (uint64_t i = 0; i < space; ++i) {
      Example e = gen->at(i);
      if (seen.insert(e.source).second) rest.push_back(std::move(e));
    }
    const int64_t distinct = int64_t(picked.size() + rest.size());
    if (distinct < need)
      return Status::error(std::string(task_name(spec.kind)) + ": only " + std::to_string(distinct) +
                           " distinct examples are possible with this spec, but " + std::to_string(need) +
                           " were requested (" + std::to_string(n_train) + " training + " +
                           std::to_string(n_held) + " held-out)");
    fisher_yates(rest, rng);
    rest.resize(size_t(need) - picked.size());
    for (Example& e : rest) picked.push_back(std::move(e));
    fisher_yates(picked, rng);  // so the held-out part is not just the listed remainder
  }
  const auto split = picked.begin() + n_train;
  train.assign(std::make_move_iterator(picked.begin()), std::make_move_iterator(split));
  held.assign(std::make_move_iterator(split), std::make_move_iterator(picked.end()));
  return Status::ok();
}

Accuracy score(const std::vector<std::string>& predictions, const std::vector<Example>& examples) {
  Accuracy acc;
  acc.count = int(examples.size());
  if (examples.empty()) return acc;
  int64_t exact = 0, matched = 0, positions = 0;
  for (size_t i = 0; i < examples.size(); ++i) {
    const std::string_view pred = i < predictions.size() ? std::string_view(predictions[i]) : std::string_view();
    const std::string& target = examples[i].target;
    if (pred == target) ++exact;
    // Different non-characters for the two sides, so two broken bytes never count as a match.
    const std::u32string p = lenient_decode(pred, 0x110000), t = lenient_decode(target, 0x110001);
    const size_t common = std::min(p.size(), t.size());
    for (size_t k = 0; k < common; ++k) matched += p[k] == t[k];
    positions += int64_t(std::max(p.size(), t.size()));
  }
  acc.exact = double(exact) / double(examples.size());
  acc.per_char = positions > 0 ? double(matched) / double(positions) : 1.0;
  return acc;
}

}  // namespace rp::seq2seq
