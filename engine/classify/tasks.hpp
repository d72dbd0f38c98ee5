// The classifier's data: generated tasks (deterministic for a spec and a seed, on rp::Rng only, so native and
// WebAssembly agree) and the user's own "label<TAB>text" lines, with the split and the label set they share.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/rng.hpp"
#include "engine/core/status.hpp"

namespace rp::classify {

struct Example {
  std::string text, label;  // UTF-8
};

enum class TaskKind { Sentiment, Counting, Names, Pairs };

// One registry row, as the catalogue shows it to the page.
struct TaskInfo {
  TaskKind kind;
  const char* name;                  // "sentiment": JSON, links, the command line
  const char* title;                 // "Sentiment, order matters"
  const char* blurb;                 // two or three sentences for the page
  std::vector<const char*> labels;   // the classes in index order (empty for pairs: the data's own)
  std::vector<const char*> params;   // the experiment fields the task reads
  // Draws one text of class `label` (an index into labels); null for pairs.
  std::string (*draw)(Rng& rng, int label, int min_len, int max_len);
};
// In menu order; "pairs" (the user's own) last.
const std::vector<TaskInfo>& tasks();
const TaskInfo* find_task(TaskKind kind);

const char* task_name(TaskKind kind);
bool parse_task(std::string_view name, TaskKind& out);

struct TaskSpec {
  TaskKind kind = TaskKind::Sentiment;
  int min_len = 3, max_len = 15;  // counting: letters per string (1..64, made odd); the other tasks ignore them
};
Status validate(const TaskSpec& spec);

// n_train training and n_held held-out examples of a generated task, classes drawn uniformly, every text
// distinct (so no held-out text is trained on). When the task has too few distinct texts the error says so.
Status generate(const TaskSpec& spec, uint64_t seed, int n_train, int n_held, std::vector<Example>& train,
                std::vector<Example>& held);

// The user's own examples: one "label<TAB>text" per line (engine/io/tab_columns.hpp says what is refused).
Status parse_labelled(std::string_view tsv, std::vector<Example>& out);
// Deterministic split by seed: about held_fraction held out, the same text always on one side.
void split_labelled(const std::vector<Example>& all, double held_fraction, uint64_t seed, std::vector<Example>& train,
                    std::vector<Example>& held);

// The classes: a generated task's own list, or the training split's labels sorted by code point. A held-out
// label no training example has is refused (the model could never predict it), naming it.
Status label_set(TaskKind kind, const std::vector<Example>& train, const std::vector<Example>& held,
                 std::vector<std::string>& labels);

// The texts of the three generators (tasks/*.cpp).
std::string draw_sentiment(Rng& rng, int label, int min_len, int max_len);
std::string draw_counting(Rng& rng, int label, int min_len, int max_len);
std::string draw_name(Rng& rng, int label, int min_len, int max_len);

}  // namespace rp::classify
