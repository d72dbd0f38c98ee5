#include "engine/tag/tasks.hpp"

#include <set>

#include "engine/core/draw.hpp"
#include "engine/core/registry.hpp"
#include "engine/core/held_out.hpp"
#include "engine/core/word_vocab.hpp"
#include "engine/io/tab_columns.hpp"

namespace rp::tag {

std::string joined(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

const std::vector<TaskInfo>& tasks() {
  static const std::vector<TaskInfo> rows = {
      {TaskKind::Booking, "booking", "Slot filling for a ticket booking",
       "Requests like \"arrive oulu on november 2nd\" and \"leave oulu on november 2nd\": the city is the "
       "destination or the departure depending on the verb. In \"oulu is where i arrive\" the verb comes after "
       "the city, so only a tagger that also reads backwards can get it right.",
       {"O", "B-from", "I-from", "B-to", "I-to", "B-date", "I-date"}, {}, draw_booking},
      {TaskKind::Grammar, "grammar", "Parts of speech in a toy grammar",
       "Sentences like \"i book the flight\" and \"the book is long\": many words are both nouns and verbs, so "
       "the tag of a word depends on the words before it.",
       {"DET", "NOUN", "VERB", "AUX", "ADJ", "ADV", "PRON", "ADP"}, {}, draw_grammar},
      {TaskKind::Pairs, "pairs", "Your own sentences",
       "One \"tokens<TAB>tags\" per line, both space-separated with one tag per token; the tags are your classes.",
       {}, {"held_fraction"}, nullptr},
  };
  return rows;
}

const TaskInfo* find_task(TaskKind kind) { return registry::by_kind(tasks(), kind); }
const char* task_name(TaskKind kind) { return registry::name_of(tasks(), kind); }
bool parse_task(std::string_view name, TaskKind& out) { return registry::parse(tasks(), name, out); }

Status generate(TaskKind kind, uint64_t seed, int n_train, int n_held, std::vector<Sentence>& train,
                std::vector<Sentence>& held) {
  train.clear();
  held.clear();
  const TaskInfo* task = find_task(kind);
  if (!task || !task->draw) return Status::error("'pairs' is your own data, not a generated task");
  if (n_train < 1 || n_held < 0 || int64_t(n_train) + n_held > 1000000)
    return Status::error("between 1 and 1000000 sentences can be generated");
  const size_t want = size_t(n_train) + size_t(n_held);
  Rng rng(seed);
  std::vector<Sentence> all;
  if (!draw::distinct(rng, want, task->draw, [](const Sentence& s) { return joined(s.tokens); }, all))
    return Status::error(std::string("the task '") + task->name + "' has only about " + std::to_string(all.size()) +
                         " distinct sentences; ask for fewer");
  held.assign(all.begin(), all.begin() + n_held);
  train.assign(all.begin() + n_held, all.end());
  return Status::ok();
}

Status parse_tagged(std::string_view tsv, std::vector<Sentence>& out) {
  out.clear();
  std::vector<std::pair<std::string, std::string>> rows;
  RP_TRY(parse_tab_columns(tsv, {"tokens", "tags", "sentences", 200000}, rows));
  std::vector<Sentence> all;
  for (size_t i = 0; i < rows.size(); ++i) {
    Sentence s{split_tokens(rows[i].first), split_tokens(rows[i].second)};
    if (s.tokens.empty() || s.tokens.size() != s.tags.size())
      return Status::error("sentence " + std::to_string(i + 1) + " has " + std::to_string(s.tokens.size()) +
                           (s.tokens.size() == 1 ? " token" : " tokens") + " but " + std::to_string(s.tags.size()) +
                           (s.tags.size() == 1 ? " tag" : " tags") + ": give one tag per token (\"" +
                           rows[i].first.substr(0, 60) + "\")");
    all.push_back(std::move(s));
  }
  out = std::move(all);
  return Status::ok();
}

void split_tagged(const std::vector<Sentence>& all, double held_fraction, uint64_t seed, std::vector<Sentence>& train,
                  std::vector<Sentence>& held) {
  train.clear();
  held.clear();
  std::vector<std::string> texts;
  for (const auto& s : all) texts.push_back(joined(s.tokens));
  const std::vector<std::string_view> keys(texts.begin(), texts.end());
  const std::vector<char> is_held = held_out_rows(keys, held_fraction, seed);
  for (size_t i = 0; i < all.size(); ++i) (is_held[i] ? held : train).push_back(all[i]);
}

Status tag_set(TaskKind kind, const std::vector<Sentence>& train, const std::vector<Sentence>& held,
               std::vector<std::string>& tags) {
  const TaskInfo* task = find_task(kind);
  std::vector<std::string> out;
  if (task && !task->tags.empty()) {
    for (const char* t : task->tags) out.push_back(t);
  } else {
    std::set<std::string> distinct;
    for (const auto& s : train) distinct.insert(s.tags.begin(), s.tags.end());
    out.assign(distinct.begin(), distinct.end());
  }
  const std::set<std::string> known(out.begin(), out.end());
  for (const auto& s : held)
    for (size_t i = 0; i < s.tags.size(); ++i)
      if (!known.count(s.tags[i]))
        return Status::error("the tag '" + s.tags[i] + "' (on '" + s.tokens[i] + "' in the held-out sentence \"" +
                             joined(s.tokens).substr(0, 60) +
                             "\") has no training token, so the model could never predict it: add training "
                             "sentences with it or remove it");
  if (out.size() < 2)
    return Status::error("a tagger needs at least 2 tags in its training sentences, found " +
                         std::to_string(out.size()) + (out.empty() ? "" : " ('" + out[0] + "')"));
  if (out.size() > 1000) return Status::error("at most 1000 tags, found " + std::to_string(out.size()));
  tags = std::move(out);
  return Status::ok();
}

}  // namespace rp::tag
