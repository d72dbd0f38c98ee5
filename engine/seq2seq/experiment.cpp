#include "engine/seq2seq/config_json.hpp"

#include <cmath>

#include "engine/core/json.hpp"
#include "engine/core/json_fields.hpp"

namespace rp {
using json_fields::field_error;
using json_fields::number;
using json_fields::read_bool;
using json_fields::read_double;
using json_fields::read_int;

Status validate(const Seq2SeqExperiment& e) {
  if (e.task.kind != seq2seq::TaskKind::Pairs) RP_TRY(seq2seq::validate(e.task));
  if (e.train_size < 1 || e.train_size > 200000) return Status::error("train_size must be between 1 and 200000");
  if (e.held_size < 1 || e.held_size > 20000) return Status::error("held_size must be between 1 and 20000");
  if (!(e.held_fraction > 0 && e.held_fraction <= 0.5)) return Status::error("held_fraction must be in (0, 0.5]");
  Seq2SeqTrainConfig t = e.train;
  t.model.vocab = 100;  // the real vocabulary comes from the data; validate the rest
  return validate(t);
}

std::string to_json(const Seq2SeqExperiment& e) {
  const auto& m = e.train.model;
  std::string s = "{";
  auto add = [&](const char* key, const std::string& value) {
    if (s.size() > 1) s += ",";
    s += json::quote(key) + ":" + value;
  };
  add("task", json::quote(seq2seq::task_name(e.task.kind)));
  add("min_len", std::to_string(e.task.min_len));
  add("max_len", std::to_string(e.task.max_len));
  add("alphabet", std::to_string(e.task.alphabet));
  add("delay", std::to_string(e.task.delay));
  add("train_size", std::to_string(e.train_size));
  add("held_size", std::to_string(e.held_size));
  add("held_fraction", number(e.held_fraction));
  add("encoder_cell", json::quote(m.encoder_cell->name));
  add("decoder_cell", json::quote(m.decoder_cell->name));
  add("embed", std::to_string(m.embed));
  add("hidden", std::to_string(m.hidden));
  add("layers", std::to_string(m.layers));
  add("bidirectional", m.bidirectional ? "true" : "false");
  add("attention", json::quote(attention_name(m.attention)));
  add("attn_size", std::to_string(m.attn_size));
  add("batch", std::to_string(e.train.batch));
  add("optim", json::quote(optim_name(e.train.optim.kind)));
  add("lr", number(e.train.optim.lr));
  add("clip_norm", number(e.train.clip.max_norm));
  add("sampling_rate", number(e.train.sampling_rate));
  add("seed", std::to_string(e.train.seed));
  return s + "}";
}

Status parse_seq2seq_experiment(std::string_view json_text, Seq2SeqExperiment& out) {
  json::Value root;
  Status st = json::parse(json_text, root);
  if (!st) return Status::error("config: " + st.message());
  if (!root.is_object()) return Status::error("config must be a JSON object");
  Seq2SeqExperiment e;
  e.train.optim.lr = 0.003;
  auto& m = e.train.model;
  for (const auto& [key, v] : root.object) {
    if (key == "task") {
      if (!v.is_string() || !seq2seq::parse_task(v.string, e.task.kind)) return field_error(key, "one of " + seq2seq::task_names());
    } else if (key == "encoder_cell" || key == "decoder_cell") {
      const CellType*& c = key == "encoder_cell" ? m.encoder_cell : m.decoder_cell;
      if (!v.is_string() || !(c = find_cell(v.string))) return field_error(key, "one of " + cell_names());
    } else if (key == "attention") {
      if (!v.is_string() || !parse_attention(v.string, m.attention)) return field_error(key, "one of " + attention_names());
    } else if (key == "optim") {
      if (!v.is_string() || !parse_optim(v.string, e.train.optim.kind)) return field_error(key, "one of " + optim_names());
    } else if (key == "bidirectional") {
      RP_TRY(read_bool(v, key, m.bidirectional));
    } else if (key == "seed") {
      uint64_t seed;
      if (!v.as_uint64(seed)) return field_error(key, "a non-negative integer");
      e.train.seed = seed;
    } else if (key == "min_len") {
      RP_TRY(read_int(v, key, e.task.min_len));
    } else if (key == "max_len") {
      RP_TRY(read_int(v, key, e.task.max_len));
    } else if (key == "alphabet") {
      RP_TRY(read_int(v, key, e.task.alphabet));
    } else if (key == "delay") {
      RP_TRY(read_int(v, key, e.task.delay));
    } else if (key == "train_size") {
      RP_TRY(read_int(v, key, e.train_size));
    } else if (key == "held_size") {
      RP_TRY(read_int(v, key, e.held_size));
    } else if (key == "held_fraction") {
      RP_TRY(read_double(v, key, e.held_fraction));
    } else if (key == "embed") {
      RP_TRY(read_int(v, key, m.embed));
    } else if (key == "hidden") {
      RP_TRY(read_int(v, key, m.hidden));
    } else if (key == "layers") {
      RP_TRY(read_int(v, key, m.layers));
    } else if (key == "attn_size") {
      RP_TRY(read_int(v, key, m.attn_size));
    } else if (key == "batch") {
      RP_TRY(read_int(v, key, e.train.batch));
    } else if (key == "lr") {
      RP_TRY(read_double(v, key, e.train.optim.lr));
    } else if (key == "clip_norm") {
      RP_TRY(read_double(v, key, e.train.clip.max_norm));
    } else if (key == "sampling_rate") {
      RP_TRY(read_double(v, key, e.train.sampling_rate));
    } else {
      return Status::error("config has an unknown field '" + key + "'");
    }
  }
  RP_TRY(validate(e));
  out = e;
  return Status::ok();
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
