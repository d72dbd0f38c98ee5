// Finite-difference gradient checks in double precision for the encoder-decoder: every attention kind,
// unidirectional and bidirectional encoders, 1 and 2 layers, mixed cells, and a ragged batch so that masking
// and padding are exercised. Also: attention weights sum to 1 over the real source positions, 0 on padding.
#include <catch2/catch.hpp>
#include <cmath>

#include "engine/seq2seq/seq2seq.hpp"
#include "gradcheck.hpp"
#include "test_util.hpp"

using namespace rp;

namespace {

// A ragged batch: sources of lengths 5, 3, 2 (EOS included), targets of 4, 2, 3 tokens (EOS included).
Seq2SeqBatch ragged_batch(Rng& rng, int V) {
  Seq2SeqBatch b;
  b.S = 5;
  b.T = 4;
  b.B = 3;
  b.src_len = {5, 3, 2};
  b.tgt_len = {4, 2, 3};
  b.src.assign(size_t(b.S) * b.B, kPad);
  b.tgt_in.assign(size_t(b.T) * b.B, kPad);
  b.tgt_out.assign(size_t(b.T) * b.B, kPad);
  auto draw = [&] { return TokenId(kFirstChar + rng.next_u64() % uint64_t(V - kFirstChar)); };
  for (int j = 0; j < b.B; ++j) {
    for (int s = 0; s < b.src_len[j]; ++s) b.src[size_t(s) * b.B + j] = s + 1 == b.src_len[j] ? kEos : draw();
    TokenId prev = kBos;
    for (int t = 0; t < b.tgt_len[j]; ++t) {
      const TokenId y = t + 1 == b.tgt_len[j] ? kEos : draw();
      b.tgt_in[size_t(t) * b.B + j] = prev;
      b.tgt_out[size_t(t) * b.B + j] = y;
      prev = y;
    }
  }
  return b;
}

}  // namespace

TEST_CASE("Seq2seq gradients match centred differences", "[seq2seq][gradcheck]") {
  struct Case {
    AttentionKind attention;
    bool bi;
    int layers;
    const CellType *enc, *dec;
    RecurrentOptions options = {};
  };
  std::vector<Case> cases;
  for (AttentionKind a : {AttentionKind::None, AttentionKind::Bahdanau, AttentionKind::Dot, AttentionKind::General,
                          AttentionKind::Concat})
    for (bool bi : {false, true})
      for (int layers : {1, 2}) {
        if (a == AttentionKind::Dot && bi) continue;  // dot needs equal sizes
        cases.push_back({a, bi, layers, layers == 1 ? find_cell("lstm") : find_cell("gru"), bi ? find_cell("gru") : find_cell("lstm")});
      }
  cases.push_back({AttentionKind::Bahdanau, true, 1, find_cell("rnn_tanh"), find_cell("lstm_peephole")});
  // Dropout in the encoder's and the decoder's layers (masks held fixed), layer norm, no biases.
  for (const DropoutKindInfo& d : dropout_kinds()) {
    RecurrentOptions o;
    o.dropout = {0.4, d.kind};
    cases.push_back({AttentionKind::Bahdanau, true, 2, find_cell("lstm"), find_cell("gru"), o});
  }
  RecurrentOptions normed;
  normed.norm = Norm::Layer;
  normed.bias = false;
  cases.push_back({AttentionKind::General, true, 2, find_cell("gru"), find_cell("lstm"), normed});
  for (const Case& k : cases) {
    DYNAMIC_SECTION(attention_name(k.attention) << (k.bi ? " bi" : " uni") << " L=" << k.layers << " "
                                                << k.enc->name << "->" << k.dec->name << " dropout="
                                                << k.options.dropout.p << " " << dropout_kind_name(k.options.dropout.kind)
                                                << " norm=" << norm_name(k.options.norm) << " bias=" << k.options.bias) {
      Seq2SeqConfig c;
      c.vocab = 7;
      c.embed = 3;
      c.hidden = 4;
      c.layers = k.layers;
      c.encoder_cell = k.enc;
      c.decoder_cell = k.dec;
      c.bidirectional = k.bi;
      c.attention = k.attention;
      c.attn_size = 3;
      c.options = k.options;
      REQUIRE(validate(c).is_ok());
      Seq2Seq<double> model(c);
      Rng rng(11);
      model.init(rng);
      Seq2SeqBatch batch = ragged_batch(rng, c.vocab);
      Seq2SeqWorkspace<double> ws;
      model.resize(ws, batch.S, batch.T, batch.B);
      model.draw_dropout(k.options.dropout, rng, batch.S, batch.T, ws);  // held fixed for every pass below
      auto& params = model.params();
      params.zero_grad();
      model.forward(batch, ws);
      model.backward(batch, ws);
      if (k.attention != AttentionKind::None)
        for (int t = 0; t < batch.T; ++t)
          for (int b = 0; b < batch.B; ++b) {
            double sum = 0;
            for (int s = 0; s < batch.S; ++s) {
              const double a = ws.attn.alpha(t, b, s);
              if (s >= batch.src_len[b]) CHECK(a == 0.0);
              sum += a;
            }
            CHECK_THAT(sum, Catch::Matchers::WithinAbs(1.0, 1e-12));
          }
      test::check_param_gradients(model, [&] { return model.forward(batch, ws); });
    }
  }
}
