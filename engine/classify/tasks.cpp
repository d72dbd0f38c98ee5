#include "engine/classify/tasks.hpp"

#include <algorithm>
#include <set>

#include "engine/core/draw.hpp"
#include "engine/core/registry.hpp"
#include "engine/core/held_out.hpp"
#include "engine/io/tab_columns.hpp"

namespace rp::classify {

const std::vector<TaskInfo>& tasks() {
  static const std::vector<TaskInfo> rows = {
      {TaskKind::Sentiment, "sentiment", "Sentiment where order matters",
       "Short reviews like \"the film is not good, it's bad\" (negative) and \"the film is good, it's not bad\" "
       "(positive): both hold the same words, so only their order tells the classes apart. A bag of words cannot "
       "do better than about two in three.",
       {"negative", "positive"}, {}, draw_sentiment},
      {TaskKind::Counting, "counting", "Counting a's and b's",
       "Strings like \"abbab\": which letter occurs more often? A model that reads only its last state has to keep "
       "a running count through every step; one that averages over time gets the count for free.",
       {"a", "b"}, {"min_len", "max_len"}, draw_counting},
      {TaskKind::Names, "names", "Names in two invented styles",
       "Names from two made-up languages: flowing Velari names (liravel, sethiel) and clipped Korrik ones "
       "(grokdar, zukmor). They share letters, so the model learns which sounds go together.",
       {"velari", "korrik"}, {}, draw_name},
      {TaskKind::Pairs, "pairs", "Your own examples", "One \"label<TAB>text\" per line; the labels are your classes.",
       {}, {"held_fraction"}, nullptr},
  };
  return rows;
}

const TaskInfo* find_task(TaskKind kind) { return registry::by_kind(tasks(), kind); }
const char* task_name(TaskKind kind) { return registry::name_of(tasks(), kind); }
bool parse_task(std::string_view name, TaskKind& out) { return registry::parse(tasks(), name, out); }

Status validate(const TaskSpec& spec) {
  if (spec.kind != TaskKind::Counting) return Status::ok();
  if (spec.min_len < 1 || spec.max_len > 64 || spec.min_len > spec.max_len)
    return Status::error("counting strings need 1 <= shortest <= longest <= 64 letters");
  return Status::ok();
}

Status generate(const TaskSpec& spec, uint64_t seed, int n_train, int n_held, std::vector<Example>& train,
                std::vector<Example>& held) {
  train.clear();
  held.clear();
  const TaskInfo* task = find_task(spec.kind);
  if (!task || !task->draw) return Status::error("'pairs' is your own data, not a generated task");
  RP_TRY(validate(spec));
  if (n_train < 1 || n_held < 0 || int64_t(n_train) + n_held > 1000000)
    return Status::error("between 1 and 1000000 examples can be generated");
  const size_t want = size_t(n_train) + size_t(n_held);
  const int classes = int(task->labels.size());
  Rng rng(seed);
  std::vector<Example> all;
  const auto next = [&](Rng& r) {
    const int label = int(draw::below(r, uint64_t(classes)));
    std::string text = task->draw(r, label, spec.min_len, spec.max_len);
    return Example{std::move(text), task->labels[size_t(label)]};
  };
  if (!draw::distinct(rng, want, next, [](const Example& e) { return e.text; }, all))
    return Status::error(std::string("the task '") + task->name + "' has only about " + std::to_string(all.size()) +
                         " distinct texts with these settings; ask for fewer examples or widen the lengths");
  held.assign(all.begin(), all.begin() + n_held);
  train.assign(all.begin() + n_held, all.end());
  return Status::ok();
}

Status parse_labelled(std::string_view tsv, std::vector<Example>& out) {
  out.clear();
  std::vector<std::pair<std::string, std::string>> rows;
  RP_TRY(parse_tab_columns(tsv, {"label", "text", "examples", 200000}, rows));
  for (auto& [label, text] : rows) out.push_back(Example{std::move(text), std::move(label)});
  return Status::ok();
}

void split_labelled(const std::vector<Example>& all, double held_fraction, uint64_t seed, std::vector<Example>& train,
                    std::vector<Example>& held) {
  train.clear();
  held.clear();
  std::vector<std::string_view> texts;
  for (const auto& e : all) texts.push_back(e.text);
  const std::vector<char> is_held = held_out_rows(texts, held_fraction, seed);
  for (size_t i = 0; i < all.size(); ++i) (is_held[i] ? held : train).push_back(all[i]);
}

Status label_set(TaskKind kind, const std::vector<Example>& train, const std::vector<Example>& held,
                 std::vector<std::string>& labels) {
  const TaskInfo* task = find_task(kind);
  std::vector<std::string> out;
  if (task && !task->labels.empty()) {
    for (const char* l : task->labels) out.push_back(l);
  } else {
    std::set<std::string> distinct;
    for (const auto& e : train) distinct.insert(e.label);
    out.assign(distinct.begin(), distinct.end());
  }
  const std::set<std::string> known(out.begin(), out.end());
  for (const auto& e : held)
    if (!known.count(e.label))
      return Status::error("the label '" + e.label + "' (held-out example \"" + e.text +
                           "\") has no training example, so the model could never predict it: add training lines "
                           "with it or remove it");
  if (out.size() < 2)
    return Status::error("a classifier needs at least 2 labels in its training examples, found " +
                         std::to_string(out.size()) + (out.empty() ? "" : " ('" + out[0] + "')"));
  if (out.size() > 1000) return Status::error("at most 1000 labels, found " + std::to_string(out.size()));
  labels = std::move(out);
  return Status::ok();
}

}  // namespace rp::classify
