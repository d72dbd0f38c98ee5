// Native training throughput on the standard workload W1 and its neighbours, in characters per second.
// W1: vocabulary 65, one-hot input, LSTM H=128, 1 layer, T=64, B=32, Adam lr 2e-3, clip 5, full BPTT per window.
// Prints one JSON line per workload (for bench/run.sh to compare with PyTorch) and a table on stderr.
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>

#include "engine/seq2seq/trainer.hpp"
#include "engine/lm/trainer.hpp"
#include "engine/core/utf8.hpp"

using namespace rp;

namespace {

struct Workload {
  const char* name;
  const char* cell;
  int layers;
};

double measure(const Workload& w, int steps, int warmup) {
  const int V = 65, T = 64, B = 32;
  std::u32string chars;
  for (int i = 0; i < V; ++i) chars.push_back(char32_t(0x21 + i));
  Vocab vocab;
  Vocab::from_chars(chars, vocab);
  Rng rng(1);
  std::vector<TokenId> ids(size_t(B) * T * 8 + 1);
  for (auto& id : ids) id = TokenId(rng.next_u64() % V);
  TrainConfig c;
  c.model = {find_cell(w.cell), V, 128, w.layers, 0};
  c.seq = T;
  c.batch = B;
  c.optim.kind = OptimKind::Adam;
  c.optim.lr = 2e-3;
  c.clip.max_norm = 5;
  std::unique_ptr<Trainer> t;
  const Status s = Trainer::create(c, vocab, nullptr, ids, t);
  if (!s) {
    std::fprintf(stderr, "bench: %s\n", s.message().c_str());
    return 0;
  }
  for (int i = 0; i < warmup; ++i) t->step();
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < steps; ++i) t->step();
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return double(steps) * T * B / secs;
}

// The standard seq2seq workload: bidirectional LSTM encoder H=128, LSTM decoder H=128, Bahdanau attention
// (A=128), embeddings 64, batch 32, source and target length 20 (19 characters + EOS), vocabulary 40
// (37 characters + PAD, BOS, EOS), Adam lr 3e-3, clip 5. Throughput in target characters per second.
double measure_seq2seq(int steps, int warmup) {
  const int B = 32, len = 19;
  std::u32string chars;
  for (int i = 0; i < 37; ++i) chars.push_back(char32_t(0x41 + i));
  Vocab vocab;
  Vocab::from_chars(chars, vocab);
  Rng rng(2);
  std::vector<seq2seq::Example> train;
  for (int i = 0; i < 512; ++i) {
    seq2seq::Example e;
    for (int k = 0; k < len; ++k) {
      utf8::append(chars[rng.next_u64() % chars.size()], e.source);
      utf8::append(chars[rng.next_u64() % chars.size()], e.target);
    }
    train.push_back(e);
  }
  Seq2SeqTrainConfig c;
  c.model.embed = 64;
  c.model.hidden = 128;
  c.model.bidirectional = true;
  c.model.attention = AttentionKind::Bahdanau;
  c.model.attn_size = 128;
  c.batch = B;
  c.optim.lr = 3e-3;
  std::unique_ptr<Seq2SeqTrainer> t;
  const Status s = Seq2SeqTrainer::create(c, vocab, nullptr, train, {}, t);
  if (!s) {
    std::fprintf(stderr, "bench: %s\n", s.message().c_str());
    return 0;
  }
  for (int i = 0; i < warmup; ++i) t->step();
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < steps; ++i) t->step();
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return double(steps) * B * (len + 1) / secs;
}

}  // namespace

int main(int argc, char** argv) {
  int steps = 40;
  const char* only = "";  // --only seq2seq | charlm: one family (for profiling)
  for (int i = 1; i + 1 < argc; ++i) {
    if (!std::strcmp(argv[i], "--steps")) steps = std::max(1, std::atoi(argv[i + 1]));
    if (!std::strcmp(argv[i], "--only")) only = argv[i + 1];
  }
  const Workload workloads[] = {{"W1 lstm L=1", "lstm", 1},
                                {"lstm L=2", "lstm", 2},
                                {"gru L=1", "gru", 1},
                                {"rnn_tanh L=1", "rnn_tanh", 1}};
  for (const auto& w : workloads) {
    if (!std::strcmp(only, "seq2seq")) break;
    const double cps = measure(w, steps, 5);
    std::printf("{\"impl\":\"native\",\"workload\":\"%s\",\"cell\":\"%s\",\"layers\":%d,\"chars_per_sec\":%.0f}\n", w.name,
                w.cell, w.layers, cps);
    std::fflush(stdout);
  }
  if (std::strcmp(only, "charlm"))
    std::printf("{\"impl\":\"native\",\"workload\":\"seq2seq bilstm-bahdanau\",\"chars_per_sec\":%.0f}\n",
                measure_seq2seq(std::max(5, steps / 2), 3));
  return 0;
}
