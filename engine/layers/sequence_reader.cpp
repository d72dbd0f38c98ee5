#include "engine/layers/sequence_reader.hpp"

namespace rp {

template <class T>
SequenceReader<T>::SequenceReader(const ReaderConfig& c, const std::string& embed_prefix, const std::string& rnn_prefix,
                                  ParamStore<T>& store)
    : E_(c.embed) {
  if (c.embed > 0) embed_ = std::make_unique<Embedding<T>>(c.vocab, c.embed, embed_prefix, store);
  rnn_ = std::make_unique<RecurrentStack<T>>(*c.cell, c.embed > 0 ? c.embed : c.vocab, c.hidden, c.layers,
                                             c.bidirectional, rnn_prefix, store);
}

template <class T> void SequenceReader<T>::init(Rng& rng) {
  if (embed_) embed_->init(rng);
  rnn_->init(rng);
}

template <class T> void SequenceReader<T>::resize(ReaderBuffers<T>& buf, int max_steps, int batch) const {
  const size_t S = embed_ ? size_t(max_steps) : 0;
  buf.emb = zeros<T>(S, size_t(batch), size_t(E_));
  buf.d_emb = zeros<T>(S, size_t(batch), size_t(E_));
  rnn_->resize(buf.rnn, max_steps, batch);
}

template <class T> LayerInput<T> SequenceReader<T>::input(const TokenId* ids, const ReaderBuffers<T>& buf) const {
  LayerInput<T> x;
  if (embed_) x.dense = buf.emb.data();
  else x.ids = ids;
  return x;
}

template <class T>
void SequenceReader<T>::forward(const TokenId* ids, const int* len, int S, ReaderBuffers<T>& buf) const {
  if (embed_) embed_->forward(S * buf.rnn.batch, ids, buf.emb.data(), E_);
  rnn_->forward(input(ids, buf), len, S, buf.rnn);
}

template <class T> void SequenceReader<T>::backward(const TokenId* ids, ReaderBuffers<T>& buf, const T* d_final) {
  rnn_->backward(input(ids, buf), buf.rnn, d_final, embed_ ? buf.d_emb.data() : nullptr);
  if (embed_) embed_->backward(buf.rnn.S * buf.rnn.batch, ids, buf.d_emb.data(), E_);
}

template class SequenceReader<float>;
template class SequenceReader<double>;

}  // namespace rp
