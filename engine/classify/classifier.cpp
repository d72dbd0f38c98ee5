#include "engine/classify/classifier.hpp"

#include <algorithm>

#include "engine/layers/cross_entropy.hpp"

namespace rp {

Status validate(const ClassifierConfig& c) {
  if (c.vocab < 1 || c.vocab > 65536) return Status::error("vocabulary must have between 1 and 65536 characters");
  if (c.classes < 2 || c.classes > 1000) return Status::error("there must be between 2 and 1000 classes");
  if (c.embed < 0 || c.embed > 1024) return Status::error("embedding size must be between 0 (one-hot) and 1024");
  if (c.hidden < 1 || c.hidden > 1024) return Status::error("hidden size must be between 1 and 1024");
  if (c.layers < 1 || c.layers > 4) return Status::error("number of layers must be between 1 and 4");
  if (!c.cell) return Status::error("no cell");
  return Status::ok();
}

template <class T> Classifier<T>::Classifier(const ClassifierConfig& c) : config_(c) {
  reader_ = std::make_unique<SequenceReader<T>>(c.reader(), "embed.", "rnn.", params_);
  head_ = std::make_unique<Linear<T>>(c.state_size(), c.classes, "head.", params_);
  params_.allocate();
}

template <class T> void Classifier<T>::init(Rng& rng) {
  reader_->init(rng);
  head_->init(rng);
  weights_changed();
}

template <class T> void Classifier<T>::prepare() {
  if (prepared_) return;
  reader_->prepare();
  head_->prepare();
  prepared_ = true;
}

template <class T> void Classifier<T>::resize(ClassifierWorkspace<T>& ws, int max_steps, int batch) const {
  const size_t B = batch, D = config_.state_size(), C = config_.classes;
  ws.max_steps = max_steps;
  ws.batch = batch;
  reader_->resize(ws.reader, max_steps, batch);
  ws.pooled = zeros<T>(B, D);
  ws.d_pooled = zeros<T>(B, D);
  ws.argmax.assign(B * D, 0);
  ws.logits = zeros<T>(B, C);
  ws.dlogits = zeros<T>(B, C);
}

template <class T> void Classifier<T>::logits(const TokenId* ids, const int* len, int S, ClassifierWorkspace<T>& ws) {
  prepare();
  const int B = ws.batch, D = config_.state_size(), C = config_.classes;
  reader_->forward(ids, len, S, ws.reader);
  pool_forward(config_.pooling, S, B, D, config_.bidirectional ? 2 : 1, reader_->output(ws.reader),
               reader_->lengths(ws.reader), ws.pooled.data(), ws.argmax.data());
  head_->forward(B, ws.pooled.data(), D, ws.logits.data(), C);
}

template <class T> double Classifier<T>::forward(const ClassifierBatch& batch, ClassifierWorkspace<T>& ws) {
  logits(batch.ids.data(), batch.len.data(), batch.S, ws);
  return softmax_cross_entropy(ws.batch, config_.classes, ws.logits.data(), batch.labels.data(), kNoIgnore,
                               ws.dlogits.data(), static_cast<T*>(nullptr))
      .mean();
}

template <class T> void Classifier<T>::backward(const ClassifierBatch& batch, ClassifierWorkspace<T>& ws) {
  const int B = ws.batch, D = config_.state_size(), C = config_.classes, S = batch.S;
  ws.d_pooled.fill(T(0));
  head_->backward(B, ws.pooled.data(), D, ws.dlogits.data(), C, ws.d_pooled.data(), D);
  reader_->zero_output_grad(ws.reader);
  pool_backward(config_.pooling, S, B, D, config_.bidirectional ? 2 : 1, reader_->lengths(ws.reader),
                ws.argmax.data(), ws.d_pooled.data(), reader_->d_output(ws.reader));
  reader_->backward(batch.ids.data(), ws.reader);
}

template class Classifier<float>;
template class Classifier<double>;

}  // namespace rp
