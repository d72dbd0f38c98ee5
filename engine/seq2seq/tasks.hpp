// Deterministic example generators for sequence-to-sequence tasks, user-supplied pairs, and the scoring
// every task shares. All randomness comes from rp::Rng, so a (spec, seed) gives the same examples natively
// and in WebAssembly. Nothing here throws: errors are Status values.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/status.hpp"

namespace rp::seq2seq {

struct Example {
  std::string source, target;  // UTF-8
};

enum class TaskKind { Reverse, Sort, CopyDelay, Addition, Dates, Translation, Pairs };

// One registry row: what the task asks of the model, as the catalogue shows it to the page.
struct TaskInfo {
  TaskKind kind;
  const char* name;                 // "reverse", ...: JSON, links, the command line
  const char* title;                // "Reverse"
  const char* blurb;                // two or three sentences for the page
  const char* example_source;       // one pair, to show the shape
  const char* example_target;
  std::vector<const char*> params;  // the experiment fields the task reads
  const char* length_label;         // what min_len/max_len count ("letters", "digits per number"), or ""
  int default_min_len, default_max_len;  // the range the page starts the task with (0: none)
};
// In menu order; "pairs" (the user's own) last.
const std::vector<TaskInfo>& tasks();

// "reverse", "sort", "copy", "add", "dates", "translate", "pairs".
const char* task_name(TaskKind kind);
bool parse_task(std::string_view name, TaskKind& out);
// All names, comma separated, for error messages.
std::string task_names();

struct TaskSpec {
  TaskKind kind = TaskKind::Reverse;
  // Source length range: characters for reverse/sort/copy (1..200), digits per operand for add (1..50),
  // words for translate (the grammar makes 5..11, and only sentence shapes inside the range are drawn).
  // Dates ignore it.
  int min_len = 3, max_len = 10;
  // reverse/sort/copy: symbols are the first `alphabet` letters of "abcdefghijklmnopqrstuvwxyz" (2..26).
  int alphabet = 10;
  // copy: the target is `delay` '_' characters followed by the source (0..200).
  int delay = 3;
};

// Checks the fields the spec's task uses; the others are ignored.
Status validate(const TaskSpec& spec);

// Deterministic for (spec, seed). Fills n_train training and n_held held-out examples (at most 1,000,000 in
// all). Sources are distinct, so no held-out source appears in training. When the task has fewer distinct
// sources than requested, the error says how many exist. Not for TaskKind::Pairs (see parse_pairs).
Status generate(const TaskSpec& spec, uint64_t seed, int n_train, int n_held, std::vector<Example>& train,
                std::vector<Example>& held);

// User pairs: one "source<TAB>target" per line, LF or CRLF, an optional UTF-8 byte order mark at the start.
// Lines that are empty or only spaces are skipped (a line with a tab is always a pair). Errors name the
// 1-based line: not exactly one tab, empty source or target, invalid UTF-8, more than 1000 bytes (without
// the line ending), more than 200000 pairs; an input without any pair is an error too. Sources and targets
// are kept byte for byte (no trimming). On error `out` is left empty.
Status parse_pairs(std::string_view tsv, std::vector<Example>& out);

// Deterministic split by seed: about held_fraction (clamped to [0, 1]) of the pairs go to `held`, at least 1
// and at most all but 1 when there are >= 2 pairs. Pairs with the same source stay on the same side whenever
// there are two or more distinct sources, so held-out scores measure generalisation. Both outputs keep the
// input order.
void split_pairs(const std::vector<Example>& all, double held_fraction, uint64_t seed, std::vector<Example>& train,
                 std::vector<Example>& held);

// exact: fraction of examples predicted byte for byte. per_char: matching code points at equal positions
// summed over all examples, divided by the summed max(len(prediction), len(target)) in code points (1 when
// every string is empty). count = examples.size(); a missing prediction counts as "", extra ones are ignored.
// Invalid UTF-8 bytes count as one character each that matches nothing.
struct Accuracy {
  double exact = 0, per_char = 0;
  int count = 0;
};
Accuracy score(const std::vector<std::string>& predictions, const std::vector<Example>& examples);

}  // namespace rp::seq2seq
