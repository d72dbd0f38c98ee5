#include "engine/seq2seq/decode.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace rp {
namespace {

// log-softmax of one row of logits into out [V].
void log_softmax(const float* z, int V, std::vector<double>& out) {
  out.resize(size_t(V));
  double zmax = z[0];
  for (int v = 1; v < V; ++v) zmax = std::max(zmax, double(z[v]));
  double sum = 0;
  for (int v = 0; v < V; ++v) sum += std::exp(double(z[v]) - zmax);
  const double lse = std::log(sum) + zmax;
  for (int v = 0; v < V; ++v) out[v] = double(z[v]) - lse;
}

// Greedy decoding's choice: the likeliest token that can be generated (EOS or a character; the first on a tie).
TokenId greedy_token(const std::vector<double>& lp) {
  TokenId best = kEos;
  for (int v = kFirstChar; v < int(lp.size()); ++v)
    if (lp[v] > lp[best]) best = TokenId(v);
  return best;
}

// One row of the attention matrix: the weights over this row's own source positions.
void append_attention(const Seq2SeqWorkspace<float>& ws, int t, int b, bool has_attention, Decoded& d) {
  for (int s = 0; s < ws.src_len[b]; ++s) d.attention.push_back(has_attention ? ws.attn.alpha(t, b, s) : 0.f);
}

}  // namespace

void decode_batch(Seq2Seq<float>& model, Seq2SeqWorkspace<float>& ws, const TokenId* src, const int* src_len, int S,
                  int max_len, double temperature, Rng* rng, std::vector<Decoded>& out) {
  const int B = ws.batch, V = model.config().vocab;
  const bool has_attention = model.config().attention != AttentionKind::None;
  model.encode(src, src_len, S, ws);
  out.assign(size_t(B), Decoded());
  for (int b = 0; b < B; ++b) out[b].source_len = ws.src_len[b];
  std::vector<TokenId> inputs(static_cast<size_t>(B), kBos);
  std::vector<double> lp;
  int live = B;
  for (int t = 0; t < std::min(max_len, ws.max_tgt) && live > 0; ++t) {
    model.decode_step(t, inputs.data(), ws);
    for (int b = 0; b < B; ++b) {
      Decoded& d = out[b];
      if (d.finished) continue;
      log_softmax(model.logits(ws, t, b), V, lp);
      lp[kPad] = lp[kBos] = -INFINITY;  // never generated
      TokenId y;
      if (temperature <= 0 || !rng) {
        y = greedy_token(lp);
      } else {
        double sum = 0;
        std::vector<double> w(static_cast<size_t>(V));
        for (int v = 0; v < V; ++v) sum += (w[v] = std::isfinite(lp[v]) ? std::exp(lp[v] / temperature) : 0.0);
        double u = rng->uniform() * sum;
        y = kEos;
        for (int v = 0; v < V; ++v)
          if (w[v] > 0 && (u -= w[v]) < 0) {
            y = TokenId(v);
            break;
          }
      }
      d.log_prob += lp[y];
      append_attention(ws, t, b, has_attention, d);
      if (y == kEos) {
        d.finished = true;
        --live;
      } else {
        d.tokens.push_back(y);
      }
      inputs[b] = y;
    }
  }
  for (auto& d : out) d.score = d.log_prob;
}

Status beam_search(Seq2Seq<float>& model, Seq2SeqWorkspace<float>& ws, const std::vector<TokenId>& src, int width,
                   int max_len, double alpha, std::vector<Decoded>& out) {
  if (width < 1 || width > 16) return Status::error("beam width must be between 1 and 16");
  if (width != ws.batch) return Status::error("beam search workspace must have batch = width");
  if (src.empty() || int(src.size()) > ws.max_src) return Status::error("source is empty or longer than the workspace");
  if (!(alpha >= 0 && alpha <= 2)) return Status::error("length-normalisation alpha must be between 0 and 2");
  const int K = width, V = model.config().vocab, S = int(src.size());
  const bool has_attention = model.config().attention != AttentionKind::None;
  // Every beam row reads the same source.
  std::vector<TokenId> src_rows(size_t(S) * K);
  for (int s = 0; s < S; ++s) std::fill_n(src_rows.begin() + size_t(s) * K, K, src[s]);
  std::vector<int> lens(static_cast<size_t>(K), S);
  model.encode(src_rows.data(), lens.data(), S, ws);

  std::vector<Decoded> beams(static_cast<size_t>(K));
  std::vector<bool> alive(static_cast<size_t>(K), false);
  alive[0] = true;  // one live beam at the start, so the first step does not return K copies
  std::vector<TokenId> inputs(static_cast<size_t>(K), kBos);
  std::vector<Decoded> finished;  // the best K finished hypotheses, best first
  Decoded greedy_done;            // greedy decoding's output once it has ended (greedy_row < 0)
  bool greedy_ended = false;
  int greedy_row = 0;             // the row of greedy's path among the live beams
  std::vector<double> lp;
  struct Candidate {
    double total;
    int beam;
    TokenId token;
  };
  const auto normalised = [&](double log_prob, int steps) { return log_prob / std::pow(double(steps), alpha); };
  const auto by_score = [](const Decoded& a, const Decoded& b) { return a.score > b.score; };
  const int steps_max = std::min(max_len, ws.max_tgt);
  for (int t = 0; t < steps_max; ++t) {
    model.decode_step(t, inputs.data(), ws);
    std::vector<Candidate> cand;
    Candidate greedy_next{-INFINITY, -1, kPad};
    for (int k = 0; k < K; ++k) {
      if (!alive[k]) continue;
      log_softmax(model.logits(ws, t, k), V, lp);
      // Ending here is always a hypothesis; only the best K of them are kept.
      Decoded done = beams[k];
      done.log_prob += lp[kEos];
      done.finished = true;
      done.score = normalised(done.log_prob, int(done.tokens.size()) + 1);
      if (k == greedy_row && !greedy_ended) {  // greedy decoding's step: it ends here (kept aside) or goes on
        const TokenId y = greedy_token(lp);
        if (y == kEos) {
          greedy_done = done;
          append_attention(ws, t, k, has_attention, greedy_done);
          greedy_ended = true;
        } else {
          greedy_next = {beams[k].log_prob + lp[y], k, y};
        }
      }
      if (int(finished.size()) < K || done.score > finished.back().score) {
        append_attention(ws, t, k, has_attention, done);
        finished.insert(std::upper_bound(finished.begin(), finished.end(), done, by_score), std::move(done));
        if (int(finished.size()) > K) finished.pop_back();
      }
      for (int v = kFirstChar; v < V; ++v) cand.push_back({beams[k].log_prob + lp[v], k, TokenId(v)});
    }
    // The K best continuations stay alive; ties by beam then token so the order is deterministic. Greedy's
    // next step stays among them (in the K-th place if it fell out) until greedy decoding ends.
    std::stable_sort(cand.begin(), cand.end(), [](const Candidate& a, const Candidate& b) { return a.total > b.total; });
    if (int(cand.size()) > K) cand.resize(size_t(K));
    greedy_row = -1;
    if (greedy_next.beam >= 0) {
      const auto same = [&](const Candidate& c) { return c.beam == greedy_next.beam && c.token == greedy_next.token; };
      if (std::none_of(cand.begin(), cand.end(), same)) cand.back() = greedy_next;
      greedy_row = int(std::find_if(cand.begin(), cand.end(), same) - cand.begin());
    }
    // Stopping rule: a live hypothesis's log-probability only falls as it grows, so the best score it can
    // still reach is log P / (longest length)^alpha (log P < 0). Stop once K hypotheses have finished and no
    // live one can reach the K-th of them: nothing better than what is returned can be dropped.
    const double worst_kept = int(finished.size()) == K ? finished.back().score : -INFINITY;
    const bool hopeful = std::any_of(cand.begin(), cand.end(), [&](const Candidate& c) {
      return normalised(c.total, steps_max) > worst_kept;
    });
    if (cand.empty() || !hopeful) break;
    std::vector<Decoded> next;
    std::vector<int> order(static_cast<size_t>(K), 0);
    for (size_t j = 0; j < cand.size(); ++j) {
      const Candidate& c = cand[j];
      Decoded d = beams[c.beam];
      d.log_prob = c.total;
      append_attention(ws, t, c.beam, has_attention, d);
      d.tokens.push_back(c.token);
      next.push_back(std::move(d));
      order[j] = c.beam;
    }
    // The surviving hypotheses take rows 0..n-1; their states move with them.
    model.reorder(t, order.data(), ws);
    for (int j = 0; j < K; ++j) {
      alive[j] = j < int(next.size());
      if (alive[j]) {
        beams[j] = std::move(next[j]);
        inputs[j] = beams[j].tokens.back();
      } else {
        inputs[j] = kPad;
      }
    }
    if (t + 1 == steps_max)  // out of steps: the live ones are returned too, flagged unfinished
      for (int j = 0; j < K; ++j)
        if (alive[j]) {
          beams[j].score = normalised(beams[j].log_prob, int(beams[j].tokens.size()));
          finished.push_back(beams[j]);
        }
  }
  const auto greedy_kept = [&](const Decoded& d) { return d.finished && d.tokens == greedy_done.tokens; };
  if (greedy_ended && std::none_of(finished.begin(), finished.end(), greedy_kept)) finished.push_back(greedy_done);
  std::stable_sort(finished.begin(), finished.end(), by_score);
  if (int(finished.size()) > K) finished.resize(size_t(K));
  for (auto& d : finished) d.source_len = S;
  out = std::move(finished);
  return Status::ok();
}

double sequence_log_prob(Seq2Seq<float>& model, Seq2SeqWorkspace<float>& ws, const std::vector<TokenId>& src,
                         const std::vector<TokenId>& target) {
  const int V = model.config().vocab, S = int(src.size()), B = ws.batch;
  std::vector<TokenId> src_rows(size_t(S) * B);
  for (int s = 0; s < S; ++s) std::fill_n(src_rows.begin() + size_t(s) * B, B, src[s]);
  std::vector<int> lens(static_cast<size_t>(B), S);
  model.encode(src_rows.data(), lens.data(), S, ws);
  std::vector<TokenId> inputs(static_cast<size_t>(B), kBos);
  std::vector<double> lp;
  double total = 0;
  for (size_t t = 0; t <= target.size(); ++t) {
    model.decode_step(int(t), inputs.data(), ws);
    log_softmax(model.logits(ws, int(t), 0), V, lp);
    const TokenId y = t < target.size() ? target[t] : kEos;
    total += lp[y];
    std::fill(inputs.begin(), inputs.end(), y);
  }
  return total;
}

}  // namespace rp
