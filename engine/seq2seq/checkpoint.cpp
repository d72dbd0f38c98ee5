#include "engine/seq2seq/checkpoint.hpp"

#include "engine/core/json.hpp"
#include "engine/io/checkpoint.hpp"
#include "engine/seq2seq/estimate.hpp"
#include "engine/seq2seq/experiment.hpp"

namespace rp {

void export_seq2seq(const Seq2Seq<float>& model, const Vocab& vocab, safetensors::File& out) {
  checkpoint::write_kind("seq2seq", out);
  out.set_meta("vocab", vocab.to_json());
  Seq2SeqExperiment e;
  e.train.model = model.config();
  checkpoint::write_model_meta(seq2seq_fields(), e, out);
  checkpoint::write_params(model.params(), out);
}

Status read_seq2seq_config(const safetensors::File& f, Seq2SeqConfig& config, Vocab& vocab) {
  RP_TRY(checkpoint::check_kind(f, "seq2seq"));
  Seq2SeqExperiment e;
  RP_TRY(checkpoint::read_model_meta(seq2seq_fields(), f, e));
  Seq2SeqConfig c = e.train.model;
  const std::string* vocab_json = f.meta("vocab");
  if (!vocab_json) return Status::error("checkpoint metadata has no 'vocab'");
  Vocab v;
  RP_TRY(Vocab::from_json(*vocab_json, v));
  c.vocab = v.size() + kFirstChar;
  RP_TRY(validate(c));
  Seq2SeqTrainConfig sized;
  sized.model = c;
  PairShape shape;
  shape.vocab = v.size();
  RP_TRY(checkpoint::check_param_count(f, estimate_seq2seq(sized, shape).params, {checkpoint::kOptimPrefix}, "this seq2seq configuration"));
  config = c;
  vocab = std::move(v);
  return Status::ok();
}

Status import_seq2seq(const safetensors::File& f, std::unique_ptr<Seq2Seq<float>>& model, Vocab& vocab) {
  Seq2SeqConfig c;
  Vocab v;
  RP_TRY(read_seq2seq_config(f, c, v));
  RP_TRY(checkpoint::build_model(f, c, {checkpoint::kOptimPrefix}, "this seq2seq configuration", model));
  vocab = std::move(v);
  return Status::ok();
}

namespace {

std::string u64_list(const uint64_t (&a)[4], const uint64_t (&b)[4]) {
  json::Value v = json::Value::make_array();
  for (uint64_t x : a) v.array.push_back(json::Value::from_string(std::to_string(x)));
  for (uint64_t x : b) v.array.push_back(json::Value::from_string(std::to_string(x)));
  return json::dump(v);
}

Status read_u64(const json::Value& v, uint64_t& out) {
  if (!v.is_string() || v.string.empty() || v.string.size() > 20) return Status::error("bad generator state");
  uint64_t x = 0;
  for (char c : v.string) {
    if (c < '0' || c > '9') return Status::error("bad generator state");
    const uint64_t next = x * 10 + uint64_t(c - '0');
    if (next / 10 != x) return Status::error("bad generator state");
    x = next;
  }
  out = x;
  return Status::ok();
}

// examples: how many training examples the order must cover (bounds the parse of a hostile file).
Status position_of(const safetensors::File& f, size_t examples, Seq2SeqTrainer::Position& p) {
  const std::string* order = f.meta("train_order");
  const std::string* cursor = f.meta("train_cursor");
  const std::string* rng = f.meta("train_rng");
  if (!order || !cursor || !rng) return Status::error("the file's data position (train_order, train_cursor, train_rng) is incomplete");
  json::Value o, r;
  if (!json::parse(*order, o, examples + 2).is_ok() || !json::parse(*rng, r, 16).is_ok())
    return Status::error("the file's data position does not fit these training pairs (was it trained on other data?)");
  if (!o.is_array() || !r.is_array() || r.array.size() != 8) return Status::error("the file's data position is malformed");
  for (const json::Value& x : o.array) {
    int64_t i = 0;
    if (!x.as_int64(i) || i < 0 || i > (int64_t(1) << 30)) return Status::error("the file's data order is malformed");
    p.order.push_back(int(i));
  }
  int64_t c = 0;
  json::Value cv;
  if (!json::parse(*cursor, cv).is_ok() || !cv.as_int64(c) || c < 0) return Status::error("the file's train_cursor is malformed");
  p.cursor = size_t(c);
  for (int i = 0; i < 4; ++i) RP_TRY(read_u64(r.array[size_t(i)], p.shuffle_rng[i]));
  for (int i = 0; i < 4; ++i) RP_TRY(read_u64(r.array[size_t(4 + i)], p.sampling_rng[i]));
  return Status::ok();
}

}  // namespace

void export_training(Seq2SeqTrainer& trainer, const std::string& experiment_json, safetensors::File& out) {
  export_seq2seq(trainer.model(), trainer.vocab(), out);
  out.set_meta("experiment", experiment_json);
  checkpoint::write_optimizer(trainer.optimizer(), trainer.model().params(), out);
  const Seq2SeqTrainer::Position p = trainer.position();
  json::Value order = json::Value::make_array();
  for (int i : p.order) order.array.push_back(json::Value::from_int(i));
  out.set_meta("train_order", json::dump(order));
  out.set_meta("train_cursor", std::to_string(p.cursor));
  out.set_meta("train_rng", u64_list(p.shuffle_rng, p.sampling_rng));
}

bool has_seq2seq_training_state(const safetensors::File& file) { return file.meta("train_rng") != nullptr; }

Status import_training(const safetensors::File& f, Seq2SeqTrainer& trainer) {
  Seq2SeqTrainer::Position p;
  RP_TRY(position_of(f, trainer.train_examples().size(), p));
  RP_TRY(checkpoint::read_optimizer(f, trainer.model().params(), trainer.optimizer()));
  return trainer.set_position(p);
}

}  // namespace rp
