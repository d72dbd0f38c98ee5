// A whole seq2seq experiment — the task (or "pairs" for the user's own), the data sizes, the model, the
// training and the decoding settings — and its field table (engine/core/fields.hpp), the one place each
// setting is named and bounded. The same JSON is the page's configuration, the command line's --config file
// and the checkpoint's `experiment` metadata. Example (every field optional):
//   {"task":"reverse","min_len":3,"max_len":10,"alphabet":10,"delay":3,"train_size":5000,"held_size":300,
//    "held_fraction":0.1,"encoder_cell":"lstm","decoder_cell":"lstm","embed":32,"hidden":64,"layers":1,
//    "bidirectional":false,"attention":"bahdanau","attn_size":64,"batch":32,"optim":"adam","lr":0.003,...,
//    "clip_norm":5,"sampling_rate":0,"seed":1,"beam":0,"alpha":1}
#pragma once
#include <string>
#include <string_view>

#include "engine/core/fields.hpp"
#include "engine/seq2seq/tasks.hpp"
#include "engine/seq2seq/trainer.hpp"

namespace rp {

struct DecodeOptions {
  int beam = 0;        // beam width; 0 = greedy decoding only
  double alpha = 1.0;  // length normalisation: a hypothesis scores log P / length^alpha
};

struct Seq2SeqExperiment {
  Seq2SeqExperiment() { train.optim.lr = 0.003; }
  seq2seq::TaskSpec task;
  int train_size = 5000, held_size = 300;  // generated tasks; pairs use held_fraction
  double held_fraction = 0.1;
  Seq2SeqTrainConfig train;
  DecodeOptions decode;
};

// Groups: data (task and sizes), model, train, decode.
const FieldTable<Seq2SeqExperiment>& seq2seq_fields();

Status validate(const Seq2SeqExperiment& e);
std::string to_json(const Seq2SeqExperiment& e);
Status parse_seq2seq_experiment(std::string_view json_text, Seq2SeqExperiment& out);

// The examples an experiment trains and evaluates on: generated from the seed, or split from `pairs_tsv`.
Status make_examples(const Seq2SeqExperiment& e, std::string_view pairs_tsv, std::vector<seq2seq::Example>& train,
                     std::vector<seq2seq::Example>& held);

}  // namespace rp
