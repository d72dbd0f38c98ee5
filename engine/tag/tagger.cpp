#include "engine/tag/tagger.hpp"

#include "engine/layers/cross_entropy.hpp"

namespace rp {

Status validate(const TaggerConfig& c) {
  if (c.vocab < 2 || c.vocab > 200001) return Status::error("vocabulary must have between 1 and 200000 words");
  if (c.tags < 2 || c.tags > 1000) return Status::error("there must be between 2 and 1000 tags");
  if (c.embed < 0 || c.embed > 1024) return Status::error("embedding size must be between 0 (one-hot) and 1024");
  if (c.embed == 0 && c.vocab > 65536) return Status::error("one-hot input needs at most 65536 words: use an embedding");
  if (c.hidden < 1 || c.hidden > 1024) return Status::error("hidden size must be between 1 and 1024");
  if (c.layers < 1 || c.layers > 4) return Status::error("number of layers must be between 1 and 4");
  if (!c.cell) return Status::error("no cell");
  return Status::ok();
}

template <class T> Tagger<T>::Tagger(const TaggerConfig& c) : config_(c) {
  reader_ = std::make_unique<SequenceReader<T>>(c.reader(), "embed.", "rnn.", params_);
  head_ = std::make_unique<Linear<T>>(c.state_size(), c.tags, "head.", params_);
  params_.allocate();
}

template <class T> void Tagger<T>::init(Rng& rng) {
  reader_->init(rng);
  head_->init(rng);
  weights_changed();
}

template <class T> void Tagger<T>::prepare() {
  if (prepared_) return;
  reader_->prepare();
  head_->prepare();
  prepared_ = true;
}

template <class T> void Tagger<T>::resize(TaggerWorkspace<T>& ws, int max_steps, int batch) const {
  const size_t rows = size_t(max_steps) * size_t(batch), C = size_t(config_.tags);
  ws.max_steps = max_steps;
  ws.batch = batch;
  reader_->resize(ws.reader, max_steps, batch);
  ws.logits = zeros<T>(rows, C);
  ws.dlogits = zeros<T>(rows, C);
}

template <class T> void Tagger<T>::logits(const TokenId* ids, const int* len, int S, TaggerWorkspace<T>& ws) {
  prepare();
  const int D = config_.state_size();
  reader_->forward(ids, len, S, ws.reader);
  head_->forward(S * ws.batch, reader_->output(ws.reader), D, ws.logits.data(), config_.tags);
}

template <class T> double Tagger<T>::forward(const TaggerBatch& batch, TaggerWorkspace<T>& ws) {
  logits(batch.ids.data(), batch.len.data(), batch.S, ws);
  return softmax_cross_entropy(batch.S * ws.batch, config_.tags, ws.logits.data(), batch.tags.data(), kPadTag,
                               ws.dlogits.data(), static_cast<T*>(nullptr))
      .mean();
}

template <class T> void Tagger<T>::backward(const TaggerBatch& batch, TaggerWorkspace<T>& ws) {
  const int D = config_.state_size(), C = config_.tags;
  reader_->zero_output_grad(ws.reader);
  // Padded rows have zero dlogits, so nothing flows back from positions the loss does not count.
  head_->backward(batch.S * ws.batch, reader_->output(ws.reader), D, ws.dlogits.data(), C,
                  reader_->d_output(ws.reader), D);
  reader_->backward(batch.ids.data(), ws.reader);
}

template class Tagger<float>;
template class Tagger<double>;

}  // namespace rp
