// Choosing the output of a trained encoder-decoder: greedy, temperature sampling, and beam search.
// Beam search keeps the `width` most probable unfinished outputs by summed log-probability; at every step each
// of them may also end (EOS), and the `width` best finished hypotheses are kept, ranked by
//   score = log P(y, EOS | x) / (len + 1)^alpha        (len output characters, +1 for EOS; alpha 0 = none)
// It stops only when `width` have finished and no live hypothesis can still reach the worst of them (a
// log-probability only falls as the output grows, so log P / (longest length)^alpha bounds what it can
// reach), or at max_len steps (unfinished ones are then returned too, flagged). So a live hypothesis better
// than what is returned is never dropped for having finished late. Greedy's path is always one of the live
// hypotheses (it takes the K-th place when it would fall out) and its ending is always a candidate, so the
// best returned never scores below greedy decoding's output, which a narrow beam can otherwise lose.
#pragma once
#include <vector>

#include "engine/seq2seq/seq2seq.hpp"

namespace rp {

struct Decoded {
  std::vector<TokenId> tokens;  // output characters, EOS excluded
  double log_prob = 0;          // log P(tokens, EOS | source) under the model (EOS excluded when unfinished)
  double score = 0;             // length-normalised log_prob (beam search ranking)
  bool finished = false;        // ended with EOS within max_len
  std::vector<float> attention; // [steps, source_len] attention weights of every output step (EOS step included)
  int source_len = 0;           // source characters + EOS
};

// Greedy (temperature <= 0) or sampled decoding of every row of a batch of sources at once.
// src [S, B] and src_len as in Seq2SeqBatch; ws sized for (S, max_len, B).
void decode_batch(Seq2Seq<float>& model, Seq2SeqWorkspace<float>& ws, const TokenId* src, const int* src_len, int S,
                  int max_len, double temperature, Rng* rng, std::vector<Decoded>& out);

// Beam search for one source (ids with the final EOS); ws sized for (S, max_len, width). Results sorted by
// score, best first.
Status beam_search(Seq2Seq<float>& model, Seq2SeqWorkspace<float>& ws, const std::vector<TokenId>& src, int width,
                   int max_len, double alpha, std::vector<Decoded>& out);

// log P(target, EOS | source) by teacher forcing: the quantity beam search ranks, for checking it.
double sequence_log_prob(Seq2Seq<float>& model, Seq2SeqWorkspace<float>& ws, const std::vector<TokenId>& src,
                         const std::vector<TokenId>& target);

}  // namespace rp
