#include "engine/lm/session.hpp"

#include <chrono>
#include <cstdio>
#include <cmath>

#include "engine/lm/estimate.hpp"
#include "engine/lm/experiment.hpp"
#include "engine/lm/pytorch_file.hpp"
#include "engine/core/utf8.hpp"
#include "engine/io/checkpoint.hpp"

namespace rp {

namespace {
Status not_ready() { return Status::error("no model yet: configure a session or open a model first"); }

}  // namespace

Status CharLMSession::start(const TrainConfig& config, const Vocab& vocab, std::unique_ptr<CharLM<float>> model,
                            const std::string& text, double held_out, SessionInfo& info) {
  if (!(held_out >= 0 && held_out <= 0.5)) return Status::error("held-out fraction must be between 0 and 0.5");
  std::vector<TokenId> ids;
  Status s = vocab.encode(text, ids);
  if (!s) return Status::error("text: " + s.message());
  if (int64_t(ids.size()) > kMaxSessionText)
    return Status::error("text has " + std::to_string(ids.size()) + " characters; the page trains on at most " +
                         std::to_string(kMaxSessionText));
  std::vector<TokenId> held;
  const size_t n_held = held_out > 0 ? std::max<size_t>(2, size_t(double(ids.size()) * held_out)) : 0;
  if (n_held > 0 && n_held + 2 < ids.size()) {
    held.assign(ids.end() - n_held, ids.end());
    ids.resize(ids.size() - n_held);
  }
  const int64_t train_chars = int64_t(ids.size());
  TrainConfig sized = config;
  sized.model.vocab = vocab.size();
  RP_TRY(validate(sized));      // the engine's own limits first: their messages are the more specific
  // WebAssembly memory ends at 2 GiB and a failed allocation aborts the module: estimate first.
  const Estimate cost = estimate_lm(sized, vocab.size());
  RP_TRY(check_budget(cost, kLmSizeAdvice));
  make_room(cost.bytes);
  std::unique_ptr<Trainer> t;
  RP_TRY(Trainer::create(config, vocab, std::move(model), std::move(ids), t));
  trainer_ = std::move(t);
  sampler_ = std::make_unique<Sampler>(trainer_->model());
  held_ = std::move(held);
  train_chars_ = train_chars;
  bytes_ = cost.bytes;
  sample_rng_ = Rng(config.seed).fork(2);
  fill_info(info);
  return Status::ok();
}

void CharLMSession::fill_info(SessionInfo& info) const {
  info.config_json = to_json(trainer_->config());
  info.vocab_json = trainer_->vocab().to_json();
  info.vocab_size = trainer_->vocab().size();
  info.train_chars = train_chars_;
  info.held_chars = int64_t(held_.size());
  info.params = trainer_->model().params().count();
  info.step = trainer_->optimizer().steps();
}

void CharLMSession::make_room(double new_bytes) {
  if (trainer_ && bytes_ + new_bytes > kHeapRoom) {  // the two would not fit side by side
    sampler_.reset();
    trainer_.reset();
  }
}

Status CharLMSession::configure(const std::string& config_json, const std::string& text, double held_out,
                                SessionInfo& info) {
  TrainConfig config;
  RP_TRY(parse_train_config(config_json, config));
  if (text.empty()) return Status::error("the text is empty");
  Vocab vocab;
  Status s = Vocab::from_text(text, vocab);
  if (!s) return Status::error("text: " + s.message());
  if (vocab.size() < 2) return Status::error("the text has only one distinct character; a language model needs at least two");
  return start(config, vocab, nullptr, text, held_out, info);
}

Status CharLMSession::train(int steps, ChunkResult& out) {
  if (!trainer_) return not_ready();
  if (steps < 1 || steps > 100000) return Status::error("steps per chunk must be between 1 and 100000");
  out = train_chunk(*trainer_, steps);
  return Status::ok();
}

Status CharLMSession::set_learning_rate(double lr) {
  if (!trainer_) return not_ready();
  return trainer_->set_learning_rate(lr);
}

Status CharLMSession::held_out_loss(double& loss) {
  if (!trainer_) return not_ready();
  if (held_.size() < 2) return Status::error("no held-out text (the held-out fraction is 0 or the text is too short)");
  return trainer_->evaluate(held_, loss);
}

Status CharLMSession::encode_probe(const std::string& text, std::vector<TokenId>& ids) const {
  Status s = trainer_->vocab().encode(text, ids);
  if (!s) return s;
  if (int(ids.size()) > kMaxProbeText)
    return Status::error("probe text is longer than " + std::to_string(kMaxProbeText) + " characters");
  return Status::ok();
}

Status CharLMSession::sample(const std::string& prime, int length, const SampleOptions& options, std::string& out) {
  if (!trainer_) return not_ready();
  RP_TRY(validate(options));
  if (length < 0 || length > 100000) return Status::error("sample length must be between 0 and 100000");
  std::vector<TokenId> ids;
  RP_TRY(encode_probe(prime, ids));
  sampler_->prime(ids, trainer_->vocab().start_id());
  std::vector<TokenId> drawn;
  drawn.reserve(size_t(length));
  for (int i = 0; i < length; ++i) drawn.push_back(sampler_->next(options, sample_rng_));
  out = trainer_->vocab().decode(drawn);
  return Status::ok();
}

Status CharLMSession::predict(const std::string& text, const SampleOptions& options, std::vector<float>& probs) {
  if (!trainer_) return not_ready();
  RP_TRY(validate(options));
  std::vector<TokenId> ids;
  RP_TRY(encode_probe(text, ids));
  sampler_->prime(ids, trainer_->vocab().start_id());
  probs.resize(size_t(trainer_->vocab().size()));
  sampler_->distribution(options, probs.data());
  return Status::ok();
}

Status CharLMSession::probe(const std::string& text, Probe& out) {
  if (!trainer_) return not_ready();
  std::vector<TokenId> ids;
  RP_TRY(encode_probe(text, ids));
  if (ids.empty()) return Status::error("the probe text is empty");
  CharLM<float>& model = trainer_->model();
  const CharLMConfig& c = model.config();
  const int T = int(ids.size()), H = c.hidden, G = c.cell->blocks, L = c.layers;
  CharLMWorkspace<float> ws;
  RecurrentState<float> state;
  model.resize(ws, T, 1);
  model.resize(state, 1);
  model.forward(ids.data(), nullptr, T, ws, state);
  out = Probe();
  out.steps = T;
  out.layers = L;
  out.hidden = H;
  out.gates = G;
  for (int l = 0; l < L; ++l) {
    const auto& buf = ws.layers[l];
    out.hidden_states.insert(out.hidden_states.end(), buf.h.data() + H, buf.h.data() + size_t(T + 1) * H);
    if (model.has_cell_state())
      out.cell_states.insert(out.cell_states.end(), buf.c.data() + H, buf.c.data() + size_t(T + 1) * H);
    out.gate_values.insert(out.gate_values.end(), buf.gates.data(), buf.gates.data() + size_t(T) * G * H);
  }
  // Surprise of each next character under the model, from the same logits.
  const int V = c.vocab;
  for (int t = 0; t + 1 < T; ++t) {
    const float* z = model.logits(ws, t, 0);
    double zmax = z[0], sum = 0;
    for (int v = 1; v < V; ++v) zmax = std::max(zmax, double(z[v]));
    for (int v = 0; v < V; ++v) sum += std::exp(double(z[v]) - zmax);
    out.char_loss.push_back(float(std::log(sum) + zmax - z[ids[t + 1]]));
  }
  return Status::ok();
}

Status CharLMSession::sensitivity(const std::string& text, std::vector<float>& out) {
  if (!trainer_) return not_ready();
  std::vector<TokenId> ids;
  RP_TRY(encode_probe(text, ids));
  if (ids.empty()) return Status::error("the probe text is empty");
  if (ids.size() > 512) ids.resize(512);  // the Jacobian costs K = V (or E) forward passes' worth of work
  CharLM<float>& model = trainer_->model();
  CharLMWorkspace<float> ws;
  model.resize(ws, int(ids.size()), 1);
  out.assign(size_t(model.config().layers) * ids.size(), 0.f);
  model.input_sensitivity(ids.data(), int(ids.size()), ws, out.data());
  return Status::ok();
}

Status CharLMSession::gradient_flow(std::vector<float>& out) const {
  if (!trainer_) return not_ready();
  const auto& ws = trainer_->workspace();
  out.clear();
  for (const auto& buf : ws.layers) out.insert(out.end(), buf.dh_norm.begin(), buf.dh_norm.end());
  return Status::ok();
}

Status CharLMSession::export_checkpoint(bool with_training_state, std::vector<uint8_t>& out) {
  if (!trainer_) return not_ready();
  safetensors::File f;
  if (with_training_state)
    export_training(*trainer_, f);
  else
    export_char_lm(trainer_->model(), trainer_->vocab(), f);
  RP_TRY(checkpoint::require_finite(f));
  out = safetensors::serialize(f);
  return Status::ok();
}

Status CharLMSession::import_checkpoint(const uint8_t* bytes, size_t size, const std::string& text, double held_out,
                                        const std::string& fallback_config_json, SessionInfo& info) {
  // From the header alone, whether the model fits, before paying for the whole file: its bytes and their
  // parsed copy (as floats) are held while the model is built.
  safetensors::File header;
  RP_TRY(safetensors::parse_header(bytes, size, header));
  std::string inferred;
  RP_TRY(complete_char_lm_metadata(header, text, inferred));
  CharLMConfig model_config;
  Vocab vocab;
  RP_TRY(read_char_lm_config(header, model_config, vocab));
  TrainConfig config;
  const bool resume = has_training_state(header);
  if (resume) {
    RP_TRY(read_train_config(header, config));
  } else {
    RP_TRY(parse_train_config(fallback_config_json, config));
  }
  config.model = model_config;
  Estimate cost = estimate_lm(config, vocab.size());
  cost.bytes += double(size) + safetensors::parsed_bytes(header);
  RP_TRY(check_budget(cost, kLmSizeAdvice, "opening this file"));
  make_room(cost.bytes);
  safetensors::File f;
  RP_TRY(safetensors::parse(bytes, size, f));
  f.metadata = header.metadata;  // with what the shapes told, when the file had no metadata
  std::unique_ptr<CharLM<float>> model;
  RP_TRY(import_char_lm(f, model, vocab));
  config.model = model->config();
  RP_TRY(start(config, vocab, std::move(model), text, held_out, info));
  if (resume) {
    Status s = import_training(f, *trainer_);
    if (!s) {
      // The model itself loaded: keep it, start the optimizer afresh, and say why.
      trainer_->optimizer().reset(config.optim, trainer_->model().params().size());
      fill_info(info);
      info.notice = "the model loaded, but its training state did not (" + s.message() + "); training restarts the optimizer";
      return Status::ok();
    }
  }
  fill_info(info);
  info.notice = inferred;
  return Status::ok();
}

}  // namespace rp
