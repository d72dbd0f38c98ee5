#include "engine/seq2seq/trainer.hpp"

#include <algorithm>
#include <cmath>

#include "engine/core/utf8.hpp"

namespace rp {

Status validate(const Seq2SeqTrainConfig& c) {
  RP_TRY(validate(c.model));
  RP_TRY(validate(c.optim));
  RP_TRY(validate(c.clip));
  if (c.batch < 1 || c.batch > 512) return Status::error("batch size must be between 1 and 512");
  if (!(c.sampling_rate >= 0 && c.sampling_rate <= 1)) return Status::error("scheduled sampling rate must be in [0, 1]");
  return Status::ok();
}

Status encode_chars(const Vocab& vocab, const std::string& text, std::vector<TokenId>& ids) {
  RP_TRY(vocab.encode(text, ids));
  for (auto& id : ids) id += kFirstChar;
  return Status::ok();
}

std::string decode_chars(const Vocab& vocab, const std::vector<TokenId>& ids) {
  std::string s;
  for (TokenId id : ids)
    if (id >= kFirstChar) s += vocab.decode(id - kFirstChar);
  return s;
}

Status vocab_of(const std::vector<seq2seq::Example>& a, const std::vector<seq2seq::Example>& b, Vocab& out) {
  std::string all;
  for (const auto* set : {&a, &b})
    for (const auto& e : *set) all += e.source + e.target;
  if (all.empty()) return Status::error("no examples");
  return Vocab::from_text(all, out);
}

Status Seq2SeqTrainer::create(const Seq2SeqTrainConfig& config_in, const Vocab& vocab,
                              std::unique_ptr<Seq2Seq<float>> model, std::vector<seq2seq::Example> train,
                              std::vector<seq2seq::Example> held, std::unique_ptr<Seq2SeqTrainer>& out) {
  Seq2SeqTrainConfig config = config_in;
  config.model.vocab = vocab.size() + kFirstChar;
  if (model) config.model = model->config();
  RP_TRY(validate(config));
  if (train.empty()) return Status::error("no training examples");
  std::unique_ptr<Seq2SeqTrainer> t(new Seq2SeqTrainer());
  for (const auto& e : train) {
    std::vector<TokenId> s, y;
    Status st = encode_chars(vocab, e.source, s);
    if (!st) return Status::error("source '" + e.source + "': " + st.message());
    if (!(st = encode_chars(vocab, e.target, y))) return Status::error("target '" + e.target + "': " + st.message());
    if (s.empty() || y.empty()) return Status::error("empty source or target in the training examples");
    if (s.size() > 200 || y.size() > 200) return Status::error("examples are limited to 200 characters a side");
    s.push_back(kEos);
    t->max_src_ = std::max(t->max_src_, int(s.size()));
    t->max_tgt_ = std::max(t->max_tgt_, int(y.size()) + 1);
    t->train_src_.push_back(std::move(s));
    t->train_tgt_.push_back(std::move(y));
  }
  for (const auto& e : held) {
    std::vector<TokenId> s, y;
    Status st = encode_chars(vocab, e.source, s);
    if (!st) return Status::error("held-out source '" + e.source + "': " + st.message());
    if (!(st = encode_chars(vocab, e.target, y))) return Status::error("held-out target: " + st.message());
    if (s.size() > 200 || y.size() > 200) return Status::error("examples are limited to 200 characters a side");
    t->max_src_ = std::max(t->max_src_, int(s.size()) + 1);
    t->max_tgt_ = std::max(t->max_tgt_, int(y.size()) + 1);
  }
  t->config_ = config;
  t->vocab_ = vocab;
  if (!model) {
    model = std::make_unique<Seq2Seq<float>>(config.model);
    Rng init = Rng(config.seed).fork(1);
    model->init(init);
  }
  t->model_ = std::move(model);
  t->optimizer_.reset(config.optim, t->model_->params().size());
  t->train_ = std::move(train);
  t->held_ = std::move(held);
  t->order_ = ExampleOrder(t->train_.size(), Rng(config.seed).fork(3));
  t->sampling_rng_ = Rng(config.seed).fork(4);
  // Decoding may run a few steps past the longest target before giving up.
  t->model_->resize(t->ws_, t->max_src_, t->max_tgt_, config.batch);
  t->model_->resize(t->eval_ws_, t->max_src_, t->max_tgt_ + 8, config.batch);
  out = std::move(t);
  return Status::ok();
}

void Seq2SeqTrainer::fill_batch(const std::vector<int>& rows) {
  const int B = config_.batch;
  Seq2SeqBatch& b = batch_;
  b.B = B;
  b.S = 0;
  b.T = 0;
  for (int r : rows) {
    b.S = std::max(b.S, int(train_src_[r].size()));
    b.T = std::max(b.T, int(train_tgt_[r].size()) + 1);
  }
  b.src.assign(size_t(b.S) * B, kPad);
  b.tgt_in.assign(size_t(b.T) * B, kPad);
  b.tgt_out.assign(size_t(b.T) * B, kPad);
  b.src_len.assign(size_t(B), 1);
  b.tgt_len.assign(size_t(B), 0);
  for (int j = 0; j < B; ++j) {
    const auto& s = train_src_[rows[j]];
    const auto& y = train_tgt_[rows[j]];
    for (size_t i = 0; i < s.size(); ++i) b.src[i * B + j] = s[i];
    b.src_len[j] = int(s.size());
    b.tgt_len[j] = int(y.size()) + 1;
    for (size_t i = 0; i <= y.size(); ++i) {
      b.tgt_in[i * B + j] = i == 0 ? kBos : y[i - 1];
      b.tgt_out[i * B + j] = i < y.size() ? y[i] : kEos;
    }
  }
}

ExamplePosition Seq2SeqTrainer::position() const {
  ExamplePosition p = order_.position();
  p.generators.emplace_back();
  sampling_rng_.get_state(p.generators.back().data());
  return p;
}

Status Seq2SeqTrainer::set_position(const ExamplePosition& p) {
  if (p.generators.size() != generators()) return Status::error("the saved data position is malformed");
  RP_TRY(order_.set_position(p));
  sampling_rng_.set_state(p.generators[1].data());
  return Status::ok();
}

StepStats Seq2SeqTrainer::step() {
  rows_.resize(size_t(config_.batch));
  const bool new_pass = order_.next(rows_);
  fill_batch(rows_);
  model_->params().zero_grad();
  const double loss = model_->forward(batch_, ws_, config_.sampling_rate, &sampling_rng_);
  model_->backward(batch_, ws_);
  StepStats st = apply_update(*model_, optimizer_, config_.clip, loss);
  st.new_pass = new_pass;
  return st;
}

Status Seq2SeqTrainer::evaluate(int limit, seq2seq::Accuracy& acc, std::vector<ExampleResult>* details) {
  if (held_.empty()) return Status::error("there is no held-out split");
  if (limit > 0 && size_t(limit) < held_.size()) {
    std::vector<seq2seq::Example> part(held_.begin(), held_.begin() + limit);
    return evaluate(part, acc, details);
  }
  return evaluate(held_, acc, details);
}

Status Seq2SeqTrainer::evaluate(const std::vector<seq2seq::Example>& examples, seq2seq::Accuracy& acc,
                                std::vector<ExampleResult>* details) {
  const int B = config_.batch;
  std::vector<std::string> predictions;
  std::vector<Decoded> decoded;
  for (size_t start = 0; start < examples.size(); start += size_t(B)) {
    const int n = int(std::min(examples.size() - start, size_t(B)));
    std::vector<std::vector<TokenId>> srcs(static_cast<size_t>(B));
    int S = 1;
    for (int j = 0; j < B; ++j) {
      const auto& e = examples[start + size_t(std::min(j, n - 1))];  // spare rows repeat the last example
      RP_TRY(encode_chars(vocab_, e.source, srcs[j]));
      srcs[j].push_back(kEos);
      if (int(srcs[j].size()) > eval_ws_.max_src) return Status::error("source longer than any seen in training");
      S = std::max(S, int(srcs[j].size()));
    }
    std::vector<TokenId> src(static_cast<size_t>(S) * B, kPad);
    std::vector<int> lens(static_cast<size_t>(B));
    for (int j = 0; j < B; ++j) {
      for (size_t i = 0; i < srcs[j].size(); ++i) src[i * B + j] = srcs[j][i];
      lens[j] = int(srcs[j].size());
    }
    decode_batch(*model_, eval_ws_, src.data(), lens.data(), S, eval_ws_.max_tgt, 0.0, nullptr, decoded);
    for (int j = 0; j < n; ++j) predictions.push_back(decode_chars(vocab_, decoded[j].tokens));
  }
  acc = seq2seq::score(predictions, examples);
  if (details) {
    details->clear();
    for (size_t i = 0; i < examples.size(); ++i) {
      ExampleResult r;
      std::u32string chars;
      utf8::decode(examples[i].source, chars);
      r.source_len = int(chars.size());
      r.prediction = predictions[i];
      const auto one = seq2seq::score({predictions[i]}, {examples[i]});
      r.exact = one.exact > 0.5;
      r.char_accuracy = one.per_char;
      details->push_back(std::move(r));
    }
  }
  return Status::ok();
}

}  // namespace rp
