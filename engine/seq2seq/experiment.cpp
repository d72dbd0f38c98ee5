#include "engine/seq2seq/experiment.hpp"

#include "engine/core/optimizer_fields.hpp"

namespace rp {
namespace {

using E = Seq2SeqExperiment;

std::vector<std::string> task_choices() {
  std::vector<std::string> out;
  for (const auto& task : seq2seq::tasks()) out.push_back(task.name);
  return out;
}

std::vector<std::string> attention_choices() {
  std::vector<std::string> out;
  for (const auto& a : attention_kinds()) out.push_back(a.name);
  return out;
}

void add_data(FieldTable<E>& t) {
  t.add_choice(FieldSpec("task", "task", "data").one_of(task_choices()).about("what the model learns to write (pairs: your own)"),
               [](const E& e) { return std::string(seq2seq::task_name(e.task.kind)); },
               [](E& e, const std::string& name) { seq2seq::parse_task(name, e.task.kind); });
  t.add_int(FieldSpec("min_len", "shortest input", "data").range(1, 200).about("shortest source: characters, digits or words"),
            [](E& e) -> int& { return e.task.min_len; });
  t.add_int(FieldSpec("max_len", "longest input", "data").range(1, 200).page("20").about("longest source"),
            [](E& e) -> int& { return e.task.max_len; });
  t.add_int(FieldSpec("alphabet", "alphabet size", "data").range(2, 26).about("letters the symbol tasks draw from"),
            [](E& e) -> int& { return e.task.alphabet; });
  t.add_int(FieldSpec("delay", "delay", "data").range(0, 200).about("copy: underscores written before the copy"),
            [](E& e) -> int& { return e.task.delay; });
  t.add_int(FieldSpec("train_size", "training examples", "data").range(1, 200000).about("generated training pairs"),
            [](E& e) -> int& { return e.train_size; });
  t.add_int(FieldSpec("held_size", "held-out examples", "data").range(1, 20000).page("500").about("generated held-out pairs"),
            [](E& e) -> int& { return e.held_size; });
  t.add_number(FieldSpec("held_fraction", "held-out fraction", "data").above(0, 0.5).about("your own pairs: the share held out"),
               [](E& e) -> double& { return e.held_fraction; });
}

void add_model(FieldTable<E>& t) {
  t.add_choice(FieldSpec("encoder_cell", "encoder cell", "model").one_of(cell_name_list()).stored_as("encoder_cell")
                   .alias("cell").about("the encoder's recurrent cell"),
               [](const E& e) { return std::string(e.train.model.encoder_cell ? e.train.model.encoder_cell->name : ""); },
               [](E& e, const std::string& name) { e.train.model.encoder_cell = find_cell(name); });
  t.add_choice(FieldSpec("decoder_cell", "decoder cell", "model").one_of(cell_name_list()).stored_as("decoder_cell")
                   .about("the decoder's recurrent cell"),
               [](const E& e) { return std::string(e.train.model.decoder_cell ? e.train.model.decoder_cell->name : ""); },
               [](E& e, const std::string& name) { e.train.model.decoder_cell = find_cell(name); });
  t.add_int(FieldSpec("embed", "embedding size", "model").range(1, 1024).stored_as("embedding_dim").about("character embedding size (E)"),
            [](E& e) -> int& { return e.train.model.embed; });
  t.add_int(FieldSpec("hidden", "hidden size", "model").range(1, 1024).stored_as("hidden_size").about("units per layer (H)"),
            [](E& e) -> int& { return e.train.model.hidden; });
  t.add_int(FieldSpec("layers", "number of layers", "model").range(1, 4).stored_as("num_layers")
                .about("stacked layers in the encoder and in the decoder"),
            [](E& e) -> int& { return e.train.model.layers; });
  t.add_bool(FieldSpec("bidirectional", "bidirectional encoder", "model").stored_as("bidirectional").page("true")
                 .about("read the source both ways and join the two states"),
             [](E& e) -> bool& { return e.train.model.bidirectional; });
  t.add_choice(FieldSpec("attention", "attention", "model").one_of(attention_choices()).stored_as("attention")
                   .about("how the decoder scores the source positions"),
               [](const E& e) { return std::string(attention_name(e.train.model.attention)); },
               [](E& e, const std::string& name) { parse_attention(name, e.train.model.attention); });
  t.add_int(FieldSpec("attn_size", "attention size", "model").range(1, 1024).stored_as("attention_size")
                .about("hidden size of additive attention (A)"),
            [](E& e) -> int& { return e.train.model.attn_size; });
  t.include(recurrent_option_fields(), +[](E& e) -> RecurrentOptions& { return e.train.model.options; });
}

void add_train(FieldTable<E>& t) {
  t.add_int(FieldSpec("batch", "batch size", "train").range(1, 512).about("pairs per step (B)"),
            [](E& e) -> int& { return e.train.batch; });
  t.include(optim_fields(), +[](E& e) -> OptimConfig& { return e.train.optim; });
  t.include(clip_fields(), +[](E& e) -> ClipConfig& { return e.train.clip; });
  t.add_number(FieldSpec("sampling_rate", "scheduled sampling rate", "train").range(0, 1)
                   .about("chance of feeding the decoder its own previous guess instead of the truth"),
               [](E& e) -> double& { return e.train.sampling_rate; });
  t.add_uint64(seed_field(), [](E& e) -> uint64_t& { return e.train.seed; });
}

void add_decode(FieldTable<E>& t) {
  t.add_int(FieldSpec("beam", "beam width", "decode").range(0, 16).page("4").about("hypotheses beam search keeps (0 = greedy only)"),
            [](E& e) -> int& { return e.decode.beam; });
  t.add_number(FieldSpec("alpha", "length normalisation alpha", "decode").range(0, 2)
                   .about("beam search ranks hypotheses by log P / length^alpha"),
               [](E& e) -> double& { return e.decode.alpha; });
}

FieldTable<E> make_table() {
  FieldTable<E> t;
  add_data(t);
  add_model(t);
  add_train(t);
  add_decode(t);
  return t;
}

}  // namespace

const FieldTable<Seq2SeqExperiment>& seq2seq_fields() {
  static const FieldTable<Seq2SeqExperiment> t = make_table();
  return t;
}

Status validate(const Seq2SeqExperiment& e) {
  RP_TRY(seq2seq_fields().check(e));
  if (e.task.kind != seq2seq::TaskKind::Pairs) RP_TRY(seq2seq::validate(e.task));
  Seq2SeqTrainConfig t = e.train;
  t.model.vocab = 100;  // the real vocabulary comes from the data; validate the rest
  return validate(t);
}

std::string to_json(const Seq2SeqExperiment& e) { return seq2seq_fields().to_json(e); }

Status parse_seq2seq_experiment(std::string_view json_text, Seq2SeqExperiment& out) {
  return seq2seq_fields().parse(json_text, out, validate);
}

Status make_examples(const Seq2SeqExperiment& e, std::string_view pairs_tsv, std::vector<seq2seq::Example>& train,
                     std::vector<seq2seq::Example>& held) {
  if (e.task.kind == seq2seq::TaskKind::Pairs) {
    std::vector<seq2seq::Example> all;
    RP_TRY(seq2seq::parse_pairs(pairs_tsv, all));
    if (all.size() < 2) return Status::error("at least 2 pairs are needed (one to train on, one to hold out)");
    seq2seq::split_pairs(all, e.held_fraction, e.train.seed, train, held);
    return Status::ok();
  }
  return seq2seq::generate(e.task, e.train.seed, e.train_size, e.held_size, train, held);
}

}  // namespace rp
