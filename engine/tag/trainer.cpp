#include "engine/tag/trainer.hpp"

#include <algorithm>
#include <cmath>

namespace rp {

Status TaggerTrainer::encode(const std::vector<std::string>& tokens, std::vector<TokenId>& ids) const {
  if (tokens.empty()) return Status::error("the sentence has no tokens");
  if (int(tokens.size()) > kMaxTagTokens)
    return Status::error("sentences are limited to " + std::to_string(kMaxTagTokens) + " tokens (one has " +
                         std::to_string(tokens.size()) + ")");
  ids.resize(tokens.size());
  for (size_t i = 0; i < tokens.size(); ++i) ids[i] = words_.encode(tokens[i]);
  return Status::ok();
}

Status TaggerTrainer::tag_ids(const tag::Sentence& s, std::vector<TokenId>& ids) const {
  ids.resize(s.tags.size());
  for (size_t i = 0; i < s.tags.size(); ++i) {
    const auto at = std::find(tags_.begin(), tags_.end(), s.tags[i]);
    if (at == tags_.end()) return Status::error("the tag '" + s.tags[i] + "' is not one of the model's tags");
    ids[i] = TokenId(at - tags_.begin());
  }
  return Status::ok();
}

Status TaggerTrainer::create(const TaggerTrainConfig& config_in, const WordVocab& words, std::vector<std::string> tags,
                             std::unique_ptr<Tagger<float>> model, std::vector<tag::Sentence> train,
                             std::vector<tag::Sentence> held, std::unique_ptr<TaggerTrainer>& out) {
  TaggerTrainConfig config = config_in;
  config.model.vocab = words.size();
  config.model.tags = int(tags.size());
  if (model) config.model = model->config();
  RP_TRY(validate(config));
  if (train.empty()) return Status::error("no training sentences");
  if (model && (model->config().vocab != words.size() || model->config().tags != int(tags.size())))
    return Status::error("the model's words or tags do not match its data");
  std::unique_ptr<TaggerTrainer> t(new TaggerTrainer());
  t->words_ = words;
  t->tags_ = std::move(tags);
  for (const auto* set : {&train, &held})
    for (const auto& s : *set) {
      std::vector<TokenId> ids, tag_ids;
      RP_TRY(t->encode(s.tokens, ids));
      RP_TRY(t->tag_ids(s, tag_ids));
      t->longest_ = std::max(t->longest_, int(ids.size()));
      if (set == &train) {
        t->train_ids_.push_back(std::move(ids));
        t->train_tags_.push_back(std::move(tag_ids));
      }
    }
  t->config_ = config;
  if (!model) {
    model = std::make_unique<Tagger<float>>(config.model);
    Rng init = Rng(config.seed).fork(1);
    model->init(init);
  }
  t->model_ = std::move(model);
  t->optimizer_.reset(config.optim, t->model_->params().size());
  t->train_ = std::move(train);
  t->held_ = std::move(held);
  t->order_.resize(t->train_.size());
  for (size_t i = 0; i < t->order_.size(); ++i) t->order_[i] = int(i);
  t->cursor_ = t->order_.size();  // shuffle before the first batch
  t->shuffle_rng_ = Rng(config.seed).fork(3);
  t->model_->resize(t->ws_, t->longest_, config.batch);
  t->model_->resize(t->eval_ws_, t->longest_, config.batch);
  out = std::move(t);
  return Status::ok();
}

StepStats TaggerTrainer::step() {
  StepStats st;
  const int B = config_.batch;
  TaggerBatch& b = batch_;
  b.B = B;
  b.S = 1;
  b.len.assign(size_t(B), 1);
  std::vector<int> rows(static_cast<size_t>(B));
  for (auto& r : rows) {
    if (cursor_ >= order_.size()) {
      // A new pass: Fisher-Yates with the trainer's own generator.
      for (size_t i = order_.size() - 1; i > 0; --i) std::swap(order_[i], order_[shuffle_rng_.next_u64() % (i + 1)]);
      cursor_ = 0;
      st.new_pass = true;
    }
    r = order_[cursor_++];
    b.S = std::max(b.S, int(train_ids_[size_t(r)].size()));
  }
  b.ids.assign(size_t(b.S) * B, 0);
  b.tags.assign(size_t(b.S) * B, kPadTag);
  for (int j = 0; j < B; ++j) {
    const size_t r = size_t(rows[size_t(j)]);
    for (size_t i = 0; i < train_ids_[r].size(); ++i) {
      b.ids[i * B + size_t(j)] = train_ids_[r][i];
      b.tags[i * B + size_t(j)] = train_tags_[r][i];
    }
    b.len[size_t(j)] = int(train_ids_[r].size());
  }
  model_->params().zero_grad();
  const double loss = model_->forward(b, ws_);
  model_->backward(b, ws_);
  const bool new_pass = st.new_pass;
  st = apply_update(*model_, optimizer_, config_.clip, loss);
  st.new_pass = new_pass;
  return st;
}

void TaggerTrainer::run(const std::vector<std::vector<TokenId>>& seqs, std::vector<float>& probs) {
  const int B = config_.batch, C = int(tags_.size());
  size_t positions = 0;
  int longest = 1;
  for (const auto& s : seqs) {
    positions += s.size();
    longest = std::max(longest, int(s.size()));
  }
  probs.assign(positions * size_t(C), 0.f);
  if (longest > eval_ws_.max_steps) model_->resize(eval_ws_, longest, B);
  std::vector<TokenId> ids;
  std::vector<int> len(static_cast<size_t>(B));
  size_t written = 0;
  for (size_t start = 0; start < seqs.size(); start += size_t(B)) {
    const int n = int(std::min(seqs.size() - start, size_t(B)));
    int S = 1;
    for (int j = 0; j < n; ++j) S = std::max(S, int(seqs[start + size_t(j)].size()));
    ids.assign(size_t(S) * B, 0);
    for (int j = 0; j < B; ++j) {
      const auto& s = seqs[start + size_t(std::min(j, n - 1))];  // spare rows repeat the last sentence
      for (size_t i = 0; i < s.size(); ++i) ids[i * B + size_t(j)] = s[i];
      len[size_t(j)] = int(s.size());
    }
    model_->logits(ids.data(), len.data(), S, eval_ws_);
    for (int j = 0; j < n; ++j)
      for (size_t i = 0; i < seqs[start + size_t(j)].size(); ++i) {
        const float* z = eval_ws_.logits.data() + (i * B + size_t(j)) * C;
        float* p = probs.data() + (written++) * C;
        const float zmax = *std::max_element(z, z + C);
        float sum = 0;
        for (int c = 0; c < C; ++c) sum += (p[c] = std::exp(z[c] - zmax));
        for (int c = 0; c < C; ++c) p[c] /= sum;
      }
  }
}

Status TaggerTrainer::evaluate(int limit, TagEvaluation& out) {
  if (held_.empty()) return Status::error("there is no held-out split");
  if (limit > 0 && size_t(limit) < held_.size())
    return evaluate(std::vector<tag::Sentence>(held_.begin(), held_.begin() + limit), out);
  return evaluate(held_, out);
}

Status TaggerTrainer::evaluate(const std::vector<tag::Sentence>& sentences, TagEvaluation& out) {
  if (sentences.empty()) return Status::error("no sentences to evaluate");
  const int C = int(tags_.size());
  std::vector<std::vector<TokenId>> seqs(sentences.size()), truth(sentences.size());
  for (size_t i = 0; i < sentences.size(); ++i) {
    RP_TRY(encode(sentences[i].tokens, seqs[i]));
    RP_TRY(tag_ids(sentences[i], truth[i]));
  }
  std::vector<float> probs;
  run(seqs, probs);
  TagEvaluation e;
  e.confusion.assign(size_t(C) * C, 0);
  double loss = 0;
  size_t at = 0;
  for (size_t i = 0; i < sentences.size(); ++i) {
    std::vector<std::string> predicted;
    std::vector<float> confidence;
    for (size_t k = 0; k < seqs[i].size(); ++k, ++at) {
      const float* p = probs.data() + at * C;
      const int best = int(std::max_element(p, p + C) - p);
      predicted.push_back(tags_[size_t(best)]);
      confidence.push_back(p[best]);
      loss -= std::log(std::max(double(p[truth[i][k]]), 1e-30));
      ++e.confusion[size_t(truth[i][k]) * C + size_t(best)];
    }
    e.score.add(sentences[i].tags, predicted);
    e.predicted.push_back(std::move(predicted));
    e.confidence.push_back(std::move(confidence));
  }
  e.loss = loss / double(std::max<size_t>(at, 1));
  out = std::move(e);
  return Status::ok();
}

Status TaggerTrainer::tag(const std::string& text, std::vector<std::string>& tokens, std::vector<std::string>& tags,
                          std::vector<float>& probs) {
  std::vector<std::string> t = split_tokens(text);
  std::vector<std::vector<TokenId>> seqs(1);
  RP_TRY(encode(t, seqs[0]));
  run(seqs, probs);
  const int C = int(tags_.size());
  tags.clear();
  for (size_t k = 0; k < t.size(); ++k) {
    const float* p = probs.data() + k * C;
    tags.push_back(tags_[size_t(std::max_element(p, p + C) - p)]);
  }
  tokens = std::move(t);
  return Status::ok();
}

}  // namespace rp
