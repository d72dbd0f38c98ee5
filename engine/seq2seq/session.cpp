#include "engine/seq2seq/session.hpp"

#include <chrono>
#include <cstdio>

#include "engine/io/checkpoint.hpp"
#include "engine/seq2seq/checkpoint.hpp"
#include "engine/seq2seq/estimate.hpp"
#include "engine/train/training_state.hpp"
#include "engine/core/utf8.hpp"

namespace rp {

namespace {
Status not_ready() { return Status::error("no model yet: configure a session or open a model first"); }

// The training and evaluation workspaces, estimated before anything is allocated (engine/train/session_room.hpp).
Status check_memory(const Seq2SeqTrainConfig& c, const std::vector<seq2seq::Example>& train,
                    const std::vector<seq2seq::Example>& held, double file_bytes, double& bytes) {
  return SessionRoom::check(estimate_seq2seq(c, pair_shape(train, held)), kSeq2SeqSizeAdvice, file_bytes, bytes);
}
}  // namespace

void Seq2SeqSession::fill_info(Seq2SeqInfo& info) const {
  info.config_json = to_json(experiment_);
  info.vocab_json = trainer_->vocab().to_json();
  info.vocab_size = trainer_->vocab().size();
  info.train_examples = int64_t(trainer_->train_examples().size());
  info.held_examples = int64_t(trainer_->held_examples().size());
  info.params = trainer_->model().params().count();
  info.step = trainer_->optimizer().steps();
  const auto& tr = trainer_->train_examples();
  info.samples.assign(tr.begin(), tr.begin() + std::min<size_t>(tr.size(), 5));
}

Status Seq2SeqSession::configure(const std::string& experiment_json, const std::string& pairs_tsv, Seq2SeqInfo& info) {
  Seq2SeqExperiment e;
  RP_TRY(parse_seq2seq_experiment(experiment_json, e));
  std::vector<seq2seq::Example> train, held;
  RP_TRY(make_examples(e, pairs_tsv, train, held));
  Vocab vocab;
  RP_TRY(vocab_of(train, held, vocab));
  double bytes = 0;
  RP_TRY(check_memory(e.train, train, held, 0, bytes));
  room_.make_room(trainer_, bytes);
  std::unique_ptr<Seq2SeqTrainer> t;
  RP_TRY(Seq2SeqTrainer::create(e.train, vocab, nullptr, std::move(train), std::move(held), t));
  experiment_ = e;
  trainer_ = std::move(t);
  room_.hold(bytes);
  fill_info(info);
  return Status::ok();
}

Status Seq2SeqSession::train(int steps, ChunkResult& out) {
  if (!trainer_) return not_ready();
  if (steps < 1 || steps > 100000) return Status::error("steps per chunk must be between 1 and 100000");
  out = train_chunk(*trainer_, steps);
  return Status::ok();
}

Status Seq2SeqSession::set_learning_rate(double lr) {
  if (!trainer_) return not_ready();
  RP_TRY(trainer_->set_learning_rate(lr));
  experiment_.train.optim.lr = lr;  // the files it exports say so
  return Status::ok();
}

Status Seq2SeqSession::evaluate(int limit, seq2seq::Accuracy& acc, std::vector<ExampleResult>& details,
                                std::vector<seq2seq::Example>& examples) {
  if (!trainer_) return not_ready();
  const auto& held = trainer_->held_examples();
  examples.assign(held.begin(), held.begin() + (limit > 0 ? std::min<size_t>(held.size(), size_t(limit)) : held.size()));
  return trainer_->evaluate(examples, acc, &details);
}

Status Seq2SeqSession::translate(const std::string& input, int beam_width, double alpha, Translation& out) {
  if (!trainer_) return not_ready();
  // the arguments first: nothing is sized from them before they are known to be in range
  if (beam_width < 0 || beam_width > 16) return Status::error("beam width must be between 0 (greedy only) and 16");
  if (!(alpha >= 0 && alpha <= 2)) return Status::error("length-normalisation alpha must be between 0 and 2");
  if (input.empty()) return Status::error("the input is empty");
  std::vector<TokenId> src;
  Status s = encode_chars(trainer_->vocab(), input, src);
  if (!s) return Status::error("input: " + s.message());
  src.push_back(kEos);
  // Longer inputs than training saw are allowed (that is the point of the length view), up to a bound.
  if (src.size() > 256) return Status::error("input is longer than 255 characters");
  auto& model = trainer_->model();
  const int S = int(src.size()), max_len = std::max(trainer_->max_target() + 8, 2 * S + 8);
  // The beam's attention buffers grow as max_len x width x S x A: keep them well inside WebAssembly memory.
  const double attention_bytes = 4.0 * max_len * std::max(beam_width, 1) * S * (model.config().attn_size + 2);
  if (attention_bytes > kSessionMemoryBudget / 4)
    return Status::error("this input is too long for a beam of width " + std::to_string(beam_width) +
                         " with this attention size: use a shorter input or a narrower beam");
  Seq2SeqWorkspace<float> ws;
  model.resize(ws, S, max_len, 1);
  std::vector<Decoded> greedy;
  const int len = S;
  decode_batch(model, ws, src.data(), &len, S, max_len, 0, nullptr, greedy);
  out = Translation();
  out.source = input;
  out.source_len = S;
  out.greedy = greedy[0];
  out.greedy_text = decode_chars(trainer_->vocab(), greedy[0].tokens);
  if (beam_width > 0) {
    Seq2SeqWorkspace<float> bws;
    model.resize(bws, S, max_len, beam_width);
    RP_TRY(beam_search(model, bws, src, beam_width, max_len, alpha, out.beams));
    for (const auto& d : out.beams) out.beam_texts.push_back(decode_chars(trainer_->vocab(), d.tokens));
  }
  return Status::ok();
}

Status Seq2SeqSession::export_checkpoint(bool with_training_state, std::vector<uint8_t>& out) {
  if (!trainer_) return not_ready();
  safetensors::File f;
  if (with_training_state) {
    export_training(*trainer_, to_json(experiment_), f);
  } else {
    export_seq2seq(trainer_->model(), trainer_->vocab(), f);
    f.set_meta("experiment", to_json(experiment_));
    f.set_meta("optim_step", std::to_string(trainer_->optimizer().steps()));
  }
  RP_TRY(checkpoint::require_finite(f));
  out = safetensors::serialize(f);
  return Status::ok();
}

Status Seq2SeqSession::import_checkpoint(const uint8_t* bytes, size_t size, const std::string& fallback_experiment_json,
                                         const std::string& pairs_tsv, Seq2SeqInfo& info) {
  // From the header alone, whether the model and its data fit, before paying for the whole file.
  safetensors::File header;
  RP_TRY(safetensors::parse_header(bytes, size, header));
  Seq2SeqConfig model_config;
  Vocab vocab;
  RP_TRY(read_seq2seq_config(header, model_config, vocab));
  // The experiment and optim_step metadata are ours; a model without them trains on the fallback experiment.
  Seq2SeqExperiment e;
  const std::string* stored = header.meta("experiment");
  RP_TRY(parse_seq2seq_experiment(stored ? *stored : fallback_experiment_json, e));
  e.train.model = model_config;
  std::vector<seq2seq::Example> train, held;
  RP_TRY(make_examples(e, pairs_tsv, train, held));
  double session_bytes = 0;
  const double file_bytes = double(size) + safetensors::parsed_bytes(header);
  RP_TRY(check_memory(e.train, train, held, file_bytes, session_bytes));
  room_.make_room(trainer_, session_bytes + file_bytes);
  safetensors::File f;
  RP_TRY(safetensors::parse(bytes, size, f));
  std::unique_ptr<Seq2Seq<float>> model;
  RP_TRY(import_seq2seq(f, model, vocab));
  e.train.model = model->config();
  std::unique_ptr<Seq2SeqTrainer> t;
  RP_TRY(Seq2SeqTrainer::create(e.train, vocab, std::move(model), std::move(train), std::move(held), t));
  const std::string notice = resume_or_restart(f, e.train.optim, *t);
  experiment_ = e;
  trainer_ = std::move(t);
  room_.hold(session_bytes);
  fill_info(info);
  info.notice = notice;
  return Status::ok();
}

}  // namespace rp
