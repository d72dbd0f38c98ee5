#include "engine/classify/trainer.hpp"

#include <algorithm>
#include <cmath>

namespace rp {

Status validate(const ClassifierTrainConfig& c) {
  RP_TRY(validate(c.model));
  RP_TRY(validate(c.optim));
  RP_TRY(validate(c.clip));
  if (c.batch < 1 || c.batch > 512) return Status::error("batch size must be between 1 and 512");
  return Status::ok();
}

Status vocab_of(const std::vector<classify::Example>& a, const std::vector<classify::Example>& b, Vocab& out) {
  std::string all;
  for (const auto* set : {&a, &b})
    for (const auto& e : *set) all += e.text;
  if (all.empty()) return Status::error("no examples");
  return Vocab::from_text(all, out);
}

Status ClassifierTrainer::encode(const std::string& text, std::vector<TokenId>& ids) const {
  if (text.empty()) return Status::error("the text is empty");
  Status s = vocab_.encode(text, ids);
  if (!s) return Status::error("\"" + text + "\": " + s.message());
  if (int(ids.size()) > kMaxClassifyChars)
    return Status::error("texts are limited to " + std::to_string(kMaxClassifyChars) + " characters (one has " +
                         std::to_string(ids.size()) + ")");
  return Status::ok();
}

Status ClassifierTrainer::label_id(const std::string& label, TokenId& id) const {
  const auto at = std::find(labels_.begin(), labels_.end(), label);
  if (at == labels_.end()) return Status::error("the label '" + label + "' is not one of the model's classes");
  id = TokenId(at - labels_.begin());
  return Status::ok();
}

Status ClassifierTrainer::create(const ClassifierTrainConfig& config_in, const Vocab& vocab,
                                 std::vector<std::string> labels, std::unique_ptr<Classifier<float>> model,
                                 std::vector<classify::Example> train, std::vector<classify::Example> held,
                                 std::unique_ptr<ClassifierTrainer>& out) {
  ClassifierTrainConfig config = config_in;
  config.model.vocab = vocab.size();
  config.model.classes = int(labels.size());
  if (model) config.model = model->config();
  RP_TRY(validate(config));
  if (train.empty()) return Status::error("no training examples");
  if (model && (model->config().vocab != vocab.size() || model->config().classes != int(labels.size())))
    return Status::error("the model's vocabulary or classes do not match its data");
  std::unique_ptr<ClassifierTrainer> t(new ClassifierTrainer());
  t->vocab_ = vocab;
  t->labels_ = std::move(labels);
  for (const auto* set : {&train, &held})
    for (const auto& e : *set) {
      std::vector<TokenId> ids;
      TokenId label = 0;
      RP_TRY(t->encode(e.text, ids));
      RP_TRY(t->label_id(e.label, label));
      t->longest_ = std::max(t->longest_, int(ids.size()));
      if (set == &train) {
        t->train_ids_.push_back(std::move(ids));
        t->train_labels_.push_back(label);
      }
    }
  t->config_ = config;
  if (!model) {
    model = std::make_unique<Classifier<float>>(config.model);
    Rng init = Rng(config.seed).fork(1);
    model->init(init);
  }
  t->model_ = std::move(model);
  t->optimizer_.reset(config.optim, t->model_->params().size());
  t->train_ = std::move(train);
  t->held_ = std::move(held);
  t->order_ = ExampleOrder(t->train_.size(), Rng(config.seed).fork(3));
  t->model_->resize(t->ws_, t->longest_, config.batch);
  t->model_->resize(t->eval_ws_, t->longest_, config.batch);
  out = std::move(t);
  return Status::ok();
}

StepStats ClassifierTrainer::step() {
  const int B = config_.batch;
  rows_.resize(size_t(B));
  const bool new_pass = order_.next(rows_);
  ClassifierBatch& b = batch_;
  b.B = B;
  b.S = 1;
  for (int r : rows_) b.S = std::max(b.S, int(train_ids_[size_t(r)].size()));
  b.len.assign(size_t(B), 1);
  b.labels.assign(size_t(B), 0);
  b.ids.assign(size_t(b.S) * B, 0);
  for (int j = 0; j < B; ++j) {
    const auto& ids = train_ids_[size_t(rows_[size_t(j)])];
    for (size_t i = 0; i < ids.size(); ++i) b.ids[i * B + size_t(j)] = ids[i];
    b.len[size_t(j)] = int(ids.size());
    b.labels[size_t(j)] = train_labels_[size_t(rows_[size_t(j)])];
  }
  model_->params().zero_grad();
  const double loss = model_->forward(b, ws_);
  model_->backward(b, ws_);
  StepStats st = apply_update(*model_, optimizer_, config_.clip, loss);
  st.new_pass = new_pass;
  return st;
}

void ClassifierTrainer::run(const std::vector<std::vector<TokenId>>& seqs, std::vector<float>& probs) {
  const int B = config_.batch, C = int(labels_.size());
  probs.assign(seqs.size() * size_t(C), 0.f);
  int longest = 1;
  for (const auto& s : seqs) longest = std::max(longest, int(s.size()));
  if (longest > eval_ws_.max_steps) model_->resize(eval_ws_, longest, B);
  std::vector<TokenId> ids;
  std::vector<int> len(static_cast<size_t>(B));
  for (size_t start = 0; start < seqs.size(); start += size_t(B)) {
    const int n = int(std::min(seqs.size() - start, size_t(B)));
    int S = 1;
    for (int j = 0; j < n; ++j) S = std::max(S, int(seqs[start + size_t(j)].size()));
    ids.assign(size_t(S) * B, 0);
    for (int j = 0; j < B; ++j) {
      const auto& s = seqs[start + size_t(std::min(j, n - 1))];  // spare rows repeat the last sequence
      for (size_t i = 0; i < s.size(); ++i) ids[i * B + size_t(j)] = s[i];
      len[size_t(j)] = int(s.size());
    }
    model_->logits(ids.data(), len.data(), S, eval_ws_);
    for (int j = 0; j < n; ++j) {
      const float* z = eval_ws_.logits.data() + size_t(j) * C;
      float* p = probs.data() + (start + size_t(j)) * C;
      const float zmax = *std::max_element(z, z + C);
      float sum = 0;
      for (int c = 0; c < C; ++c) sum += (p[c] = std::exp(z[c] - zmax));
      for (int c = 0; c < C; ++c) p[c] /= sum;
    }
  }
}

Status ClassifierTrainer::evaluate(int limit, ClassifyScore& score, std::vector<float>* probs) {
  if (held_.empty()) return Status::error("there is no held-out split");
  if (limit > 0 && size_t(limit) < held_.size())
    return evaluate(std::vector<classify::Example>(held_.begin(), held_.begin() + limit), score, probs);
  return evaluate(held_, score, probs);
}

Status ClassifierTrainer::evaluate(const std::vector<classify::Example>& examples, ClassifyScore& score,
                                   std::vector<float>* probs_out) {
  if (examples.empty()) return Status::error("no examples to evaluate");
  const int C = int(labels_.size());
  std::vector<std::vector<TokenId>> seqs(examples.size());
  std::vector<TokenId> truth(examples.size());
  for (size_t i = 0; i < examples.size(); ++i) {
    RP_TRY(encode(examples[i].text, seqs[i]));
    RP_TRY(label_id(examples[i].label, truth[i]));
  }
  std::vector<float> probs;
  run(seqs, probs);
  score = ClassifyScore();
  score.count = int(examples.size());
  score.confusion.assign(size_t(C) * C, 0);
  double right = 0, loss = 0;
  for (size_t i = 0; i < examples.size(); ++i) {
    const float* p = probs.data() + i * C;
    const int predicted = int(std::max_element(p, p + C) - p);
    right += predicted == truth[i];
    loss -= std::log(std::max(double(p[truth[i]]), 1e-30));
    ++score.confusion[size_t(truth[i]) * C + size_t(predicted)];
  }
  score.accuracy = right / double(examples.size());
  score.loss = loss / double(examples.size());
  if (probs_out) *probs_out = std::move(probs);
  return Status::ok();
}

Status ClassifierTrainer::probabilities(const std::vector<std::string>& texts, std::vector<float>& probs) {
  std::vector<std::vector<TokenId>> seqs(texts.size());
  for (size_t i = 0; i < texts.size(); ++i) RP_TRY(encode(texts[i], seqs[i]));
  run(seqs, probs);
  return Status::ok();
}

Status ClassifierTrainer::over_time(const std::string& text, std::vector<float>& probs) {
  std::vector<TokenId> ids;
  RP_TRY(encode(text, ids));
  std::vector<std::vector<TokenId>> prefixes;
  for (size_t n = 1; n <= ids.size(); ++n) prefixes.emplace_back(ids.begin(), ids.begin() + long(n));
  run(prefixes, probs);
  return Status::ok();
}

}  // namespace rp
