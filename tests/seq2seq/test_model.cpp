// The encoder-decoder learns: string reversal to >= 95% exact match on held-out inputs within a fixed step
// budget, with attention close to the anti-diagonal; beam search agrees with greedy at width 1 and ranks by
// the model's own (length-normalised) log-probability; checkpoints round-trip; training is deterministic.
#include <catch2/catch.hpp>
#include <cmath>

#include "engine/seq2seq/checkpoint.hpp"
#include "engine/seq2seq/trainer.hpp"

using namespace rp;

namespace {

std::unique_ptr<Seq2SeqTrainer> task_trainer(const seq2seq::TaskSpec& spec, AttentionKind attention, uint64_t seed,
                                             int hidden) {
  std::vector<seq2seq::Example> train, held;
  REQUIRE(seq2seq::generate(spec, seed, 5000, 300, train, held).is_ok());
  Vocab vocab;
  REQUIRE(vocab_of(train, held, vocab).is_ok());
  Seq2SeqTrainConfig c;
  c.model.embed = 32;
  c.model.hidden = hidden;
  c.model.bidirectional = true;
  c.model.attention = attention;
  c.model.attn_size = hidden;
  c.optim.lr = 0.003;
  c.seed = seed;
  std::unique_ptr<Seq2SeqTrainer> t;
  const Status s = Seq2SeqTrainer::create(c, vocab, nullptr, train, held, t);
  INFO(s.message());
  REQUIRE(s.is_ok());
  return t;
}

std::unique_ptr<Seq2SeqTrainer> reversal_trainer(AttentionKind attention, uint64_t seed = 1, int hidden = 64) {
  seq2seq::TaskSpec spec;
  spec.kind = seq2seq::TaskKind::Reverse;
  spec.min_len = 3;
  spec.max_len = 10;
  spec.alphabet = 10;
  return task_trainer(spec, attention, seed, hidden);
}

// Trained once and shared by the tests below (about 8 s natively).
Seq2SeqTrainer& trained_reversal() {
  static std::unique_ptr<Seq2SeqTrainer> t = [] {
    auto tr = reversal_trainer(AttentionKind::Bahdanau);
    for (int i = 0; i < 600; ++i) tr->step();
    return tr;
  }();
  return *t;
}

std::vector<TokenId> source_ids(Seq2SeqTrainer& t, const std::string& text) {
  std::vector<TokenId> ids;
  REQUIRE(encode_chars(t.vocab(), text, ids).is_ok());
  ids.push_back(kEos);
  return ids;
}

}  // namespace

TEST_CASE("Bahdanau attention learns string reversal to 95% exact match in 600 steps", "[seq2seq][convergence][slow]") {
  auto& t = trained_reversal();
  seq2seq::Accuracy acc;
  REQUIRE(t.evaluate(0, acc).is_ok());
  INFO("held-out exact match " << acc.exact << ", per character " << acc.per_char << " on " << acc.count);
  CHECK(acc.count == 300);
  CHECK(acc.exact >= 0.95);
}

TEST_CASE("The learned attention on reversal is close to the anti-diagonal", "[seq2seq][slow]") {
  auto& t = trained_reversal();
  int on_diagonal = 0, steps = 0;
  Seq2SeqWorkspace<float> ws;
  t.model().resize(ws, t.max_source(), t.max_target() + 8, 1);
  for (size_t i = 0; i < 50; ++i) {
    const auto& e = t.held_examples()[i];
    const auto src = source_ids(t, e.source);
    std::vector<Decoded> out;
    decode_batch(t.model(), ws, src.data(), std::vector<int>{int(src.size())}.data(), int(src.size()), ws.max_tgt, 0, nullptr, out);
    const int n = int(src.size()) - 1, S = out[0].source_len;
    for (int k = 0; k < std::min(n, int(out[0].attention.size()) / S); ++k) {
      const float* row = out[0].attention.data() + size_t(k) * S;
      const int argmax = int(std::max_element(row, row + S) - row);
      on_diagonal += argmax == n - 1 - k;
      ++steps;
    }
  }
  INFO(on_diagonal << " of " << steps << " output characters attend most to the mirrored source position");
  CHECK(double(on_diagonal) / steps >= 0.9);
}

TEST_CASE("Beam search: width 1 is greedy; wider beams are sorted by their own log-probability", "[seq2seq][beam]") {
  auto& t = trained_reversal();
  auto& model = t.model();
  const int S = t.max_source(), Tmax = t.max_target() + 8;
  for (const char* text : {"abcdefg", "jihgf", "aaab"}) {
    const auto src = source_ids(t, text);
    Seq2SeqWorkspace<float> greedy_ws, ws1;
    model.resize(greedy_ws, S, Tmax, 1);
    model.resize(ws1, S, Tmax, 1);
    std::vector<Decoded> greedy, beam1;
    decode_batch(model, greedy_ws, src.data(), std::vector<int>{int(src.size())}.data(), int(src.size()), Tmax, 0, nullptr, greedy);
    REQUIRE(beam_search(model, ws1, src, 1, Tmax, 1.0, beam1).is_ok());
    REQUIRE(beam1.size() == 1);
    CHECK(beam1[0].tokens == greedy[0].tokens);
    CHECK_THAT(beam1[0].log_prob, Catch::Matchers::WithinAbs(greedy[0].log_prob, 1e-4));
    const std::string forward(text);
    CHECK(decode_chars(t.vocab(), greedy[0].tokens) == std::string(forward.rbegin(), forward.rend()));

    for (int width : {3, 8}) {
      for (double alpha : {0.0, 1.0}) {
        Seq2SeqWorkspace<float> ws;
        model.resize(ws, S, Tmax, width);
        std::vector<Decoded> hyps;
        REQUIRE(beam_search(model, ws, src, width, Tmax, alpha, hyps).is_ok());
        REQUIRE(hyps.size() == size_t(width));
        Seq2SeqWorkspace<float> score_ws;
        model.resize(score_ws, S, Tmax, 1);
        for (size_t i = 0; i < hyps.size(); ++i) {
          if (i > 0) CHECK(hyps[i - 1].score >= hyps[i].score);
          REQUIRE(hyps[i].finished);
          const double lp = sequence_log_prob(model, score_ws, src, hyps[i].tokens);
          CHECK_THAT(hyps[i].log_prob, Catch::Matchers::WithinAbs(lp, 1e-3));
          CHECK_THAT(hyps[i].score, Catch::Matchers::WithinAbs(lp / std::pow(hyps[i].tokens.size() + 1.0, alpha), 1e-3));
          CHECK(hyps[i].attention.size() == (hyps[i].tokens.size() + 1) * src.size());
        }
        CHECK(hyps[0].tokens == greedy[0].tokens);  // a confident model: the best beam is the greedy answer
      }
    }
  }
  Seq2SeqWorkspace<float> ws;
  model.resize(ws, S, Tmax, 2);
  std::vector<Decoded> none;
  CHECK_FALSE(beam_search(model, ws, source_ids(t, "abc"), 17, Tmax, 1.0, none).is_ok());
  CHECK_FALSE(beam_search(model, ws, source_ids(t, "abc"), 3, Tmax, 1.0, none).is_ok());  // workspace batch != width
}

TEST_CASE("Beam search never returns less than greedy on half-trained models", "[seq2seq][beam][slow]") {
  // Half-trained is where it matters: the model is unsure, hypotheses end at different steps, and greedy's
  // path can drop out of a narrow beam early and still end best. Several tasks and sizes, every input.
  seq2seq::TaskSpec add;
  add.kind = seq2seq::TaskKind::Addition;
  add.min_len = 1;
  add.max_len = 3;
  seq2seq::TaskSpec copy;
  copy.kind = seq2seq::TaskKind::CopyDelay;
  copy.min_len = 3;
  copy.max_len = 8;
  struct Case {
    const char* name;
    std::unique_ptr<Seq2SeqTrainer> trainer;
    int steps;
  };
  Case cases[] = {{"reverse, 64 units", reversal_trainer(AttentionKind::Bahdanau, 3), 200},
                  {"reverse, 32 units", reversal_trainer(AttentionKind::Bahdanau, 1, 32), 200},
                  {"add", task_trainer(add, AttentionKind::Bahdanau, 1, 32), 200},
                  {"copy", task_trainer(copy, AttentionKind::General, 1, 32), 150}};
  int compared = 0;
  for (auto& c : cases) {
    auto& t = *c.trainer;
    for (int i = 0; i < c.steps; ++i) t.step();
    auto& model = t.model();
    const int S = t.max_source(), Tmax = t.max_target() + 8;
    for (size_t i = 0; i < 60; ++i) {
      const auto src = source_ids(t, t.held_examples()[i].source);
      Seq2SeqWorkspace<float> gws;
      model.resize(gws, S, Tmax, 1);
      std::vector<Decoded> greedy;
      decode_batch(model, gws, src.data(), std::vector<int>{int(src.size())}.data(), int(src.size()), Tmax, 0, nullptr, greedy);
      if (!greedy[0].finished) continue;
      for (int width : {2, 3, 4}) {
        for (double alpha : {0.0, 1.0}) {
          Seq2SeqWorkspace<float> ws;
          model.resize(ws, S, Tmax, width);
          std::vector<Decoded> hyps;
          REQUIRE(beam_search(model, ws, src, width, Tmax, alpha, hyps).is_ok());
          const double greedy_score = greedy[0].log_prob / std::pow(greedy[0].tokens.size() + 1.0, alpha);
          INFO(c.name << ": input " << t.held_examples()[i].source << " width " << width << " alpha " << alpha);
          CHECK(hyps[0].score >= greedy_score - 1e-4);
          ++compared;
        }
      }
    }
  }
  CHECK(compared >= 1000);
}

TEST_CASE("Seq2seq checkpoints round-trip and refuse bad files", "[seq2seq][checkpoint]") {
  auto t = reversal_trainer(AttentionKind::General, 3);
  for (int i = 0; i < 5; ++i) t->step();
  safetensors::File f;
  export_seq2seq(t->model(), t->vocab(), f);
  CHECK(f.find("encoder.rnn.weight_ih_l0_reverse") != nullptr);
  const auto bytes = safetensors::serialize(f);
  safetensors::File back;
  REQUIRE(safetensors::parse(bytes.data(), bytes.size(), back).is_ok());
  std::unique_ptr<Seq2Seq<float>> m;
  Vocab v;
  REQUIRE(import_seq2seq(back, m, v).is_ok());
  const auto& a = t->model().params().values();
  const auto& b = m->params().values();
  CHECK(std::equal(a.begin(), a.end(), b.begin(), b.end()));
  CHECK(m->config().attention == AttentionKind::General);
  CHECK(m->config().bidirectional);

  auto refuse = [&](safetensors::File g, const std::string& words) {
    std::unique_ptr<Seq2Seq<float>> mm;
    Vocab vv;
    const Status s = import_seq2seq(g, mm, vv);
    REQUIRE_FALSE(s.is_ok());
    CHECK_THAT(s.message(), Catch::Matchers::Contains(words));
  };
  auto g = back;
  g.set_meta("model", "char_lm");
  refuse(g, "not a seq2seq checkpoint");
  g = back;
  g.set_meta("attention", "magic");
  refuse(g, "unknown attention 'magic'");
  g = back;
  g.set_meta("bidirectional", "false");
  refuse(g, "tensor 'bridge.weight' has shape [64,128], expected [64,64]");
  g = back;
  g.tensors.pop_back();
  refuse(g, "missing tensor 'out.bias'");
  g = back;
  g.find("attn.key.weight")->data[0] = INFINITY;
  refuse(g, "non-finite");
  g = back;
  g.set_meta("hidden_size", "65");
  refuse(g, "has shape");
  // a small file whose metadata claims a big model is refused before the model is allocated
  g = back;
  g.set_meta("hidden_size", "1024");
  g.set_meta("attention_size", "1024");
  refuse(g, "parameter values, but this seq2seq configuration (as its metadata says) has");
}

TEST_CASE("Seq2seq training is deterministic for a seed", "[seq2seq][determinism][slow]") {
  auto losses = [](uint64_t seed) {
    auto t = reversal_trainer(AttentionKind::Concat, seed);
    std::vector<double> out;
    for (int i = 0; i < 8; ++i) out.push_back(t->step().loss);
    return out;
  };
  CHECK(losses(5) == losses(5));
  CHECK(losses(5) != losses(6));
}
