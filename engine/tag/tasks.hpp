// The tagger's data: sentences of space-separated tokens with one tag per token. Generated tasks
// (deterministic for a spec and a seed, on rp::Rng only, so native and WebAssembly agree) and the user's own
// "tokens<TAB>tags" lines, with the split and the tag set they share.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/rng.hpp"
#include "engine/core/status.hpp"

namespace rp::tag {

struct Sentence {
  std::vector<std::string> tokens, tags;  // equal counts, >= 1
};
std::string joined(const std::vector<std::string>& words);  // "arrive oulu on may 2nd"

enum class TaskKind { Booking, Grammar, Pairs };

// One registry row, as the catalogue shows it to the page.
struct TaskInfo {
  TaskKind kind;
  const char* name;                // "booking": JSON, links, the command line
  const char* title;               // "Slot filling for a ticket booking"
  const char* blurb;               // two or three sentences for the page
  std::vector<const char*> tags;   // the tag set in index order (empty for pairs: the data's own)
  std::vector<const char*> params; // the experiment fields the task reads
  Sentence (*draw)(Rng& rng);      // null for pairs
};
// In menu order; "pairs" (the user's own) last.
const std::vector<TaskInfo>& tasks();
const TaskInfo* find_task(TaskKind kind);
const char* task_name(TaskKind kind);
bool parse_task(std::string_view name, TaskKind& out);

// n_train training and n_held held-out sentences of a generated task, every sentence distinct (so no
// held-out sentence is trained on). When the task has too few distinct sentences the error says so.
Status generate(TaskKind kind, uint64_t seed, int n_train, int n_held, std::vector<Sentence>& train,
                std::vector<Sentence>& held);

// The user's own sentences: one "tokens<TAB>tags" per line, both columns space-separated with equal counts
// (engine/io/tab_columns.hpp says what else is refused). A count mismatch names the line and both counts.
Status parse_tagged(std::string_view tsv, std::vector<Sentence>& out);
// Deterministic split by seed: about held_fraction held out, the same sentence always on one side.
void split_tagged(const std::vector<Sentence>& all, double held_fraction, uint64_t seed, std::vector<Sentence>& train,
                  std::vector<Sentence>& held);

// The tags: a generated task's own list, or the training split's tags sorted by code point. A held-out tag no
// training token has is refused (the model could never predict it), naming it.
Status tag_set(TaskKind kind, const std::vector<Sentence>& train, const std::vector<Sentence>& held,
               std::vector<std::string>& tags);

// The generators (tasks/*.cpp).
Sentence draw_booking(Rng& rng);
Sentence draw_grammar(Rng& rng);

}  // namespace rp::tag
