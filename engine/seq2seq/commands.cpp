#include "engine/seq2seq/commands.hpp"

#include <algorithm>
#include <cstdio>

#include "engine/cli/example_training.hpp"
#include "engine/cli/files.hpp"
#include "engine/cli/memory.hpp"
#include "engine/cli/progress.hpp"
#include "engine/core/utf8.hpp"
#include "engine/seq2seq/checkpoint.hpp"
#include "engine/seq2seq/estimate.hpp"
#include "engine/seq2seq/experiment.hpp"

namespace rp {
namespace {

using E = Seq2SeqExperiment;
using Args = cli::Args<E>;
const char* kSummary = "encoder-decoders with attention on generated tasks or your own tab-separated pairs";

Status data_source(const Args& a, E& e, std::string& pairs) {
  return cli::pairs_source(a, e.task.kind, seq2seq::TaskKind::Pairs, pairs);
}

// The model, its vocabulary and the experiment it was trained in (defaults when the file has none).
Status load(const std::string& path, std::unique_ptr<Seq2Seq<float>>& model, Vocab& vocab, E& e) {
  safetensors::File file;
  RP_TRY(safetensors::read_file(path, file));
  Status s = import_seq2seq(file, model, vocab);
  if (!s) return Status::error("'" + path + "': " + s.message());
  if (const std::string* stored = file.meta("experiment")) RP_TRY(parse_seq2seq_experiment(*stored, e));
  e.train.model = model->config();
  return Status::ok();
}

Status train(const Args& a) {
  cli::MetricsLog log;
  RP_TRY(cli::start_training(a, log));
  E e = a.experiment;
  // --cell, the old spelling of --encoder-cell, names both cells unless --decoder-cell says otherwise.
  if (a.spelled("cell") && !a.from_flag("decoder_cell")) e.train.model.decoder_cell = e.train.model.encoder_cell;
  safetensors::File resume_file;
  std::unique_ptr<Seq2Seq<float>> resumed;
  RP_TRY(cli::read_resume(a, import_seq2seq, parse_seq2seq_experiment, resume_file, resumed, e));
  std::string pairs;
  RP_TRY(data_source(a, e, pairs));
  RP_TRY(validate(e));
  std::vector<seq2seq::Example> train_set, held;
  RP_TRY(make_examples(e, pairs, train_set, held));
  Vocab vocab;
  RP_TRY(vocab_of(train_set, held, vocab));
  RP_TRY(cli::same_data(a, resume_file, vocab));
  RP_TRY(cli::check_memory(estimate_seq2seq(e.train, pair_shape(train_set, held)), kSeq2SeqSizeAdvice));
  std::unique_ptr<Seq2SeqTrainer> t;
  RP_TRY(Seq2SeqTrainer::create(e.train, vocab, std::move(resumed), train_set, held, t));
  if (!a.options.on("quiet"))
    std::fprintf(stderr, "%s: %s, %zu training / %zu held-out pairs, vocabulary %d, %lld parameters\n", a.program.c_str(),
                 seq2seq::task_name(e.task.kind), train_set.size(), held.size(), vocab.size(),
                 (long long)t->model().params().count());
  auto report = [&](const StepStats& st) {
    seq2seq::Accuracy acc;
    if (t->evaluate(500, acc).is_ok()) {
      std::printf("step %lld  loss %.4f  held-out exact match %.4f  per character %.4f\n", (long long)st.step, st.loss,
                  acc.exact, acc.per_char);
      log.values(st.step, {{"held_out_exact", acc.exact}, {"held_out_per_char", acc.per_char}});
    }
  };
  auto final = [&] {
    seq2seq::Accuracy acc;
    if (t->evaluate(0, acc).is_ok())
      std::printf("final: exact match %.4f, per character %.4f on %d held-out examples\n", acc.exact, acc.per_char, acc.count);
  };
  return cli::run_training(a, e, resume_file, *t, int64_t(e.train.batch) * std::max(1, t->max_target()), report,
                           [&](safetensors::File& out) { export_seq2seq(t->model(), t->vocab(), out); }, final, log);
}

Status eval(const Args& a) {
  const cli::Values& o = a.options;
  if (!o.has("load") || (!a.given("task") && !o.has("pairs")))
    return Status::error("eval needs --load FILE and --task NAME or --pairs FILE.tsv");
  std::unique_ptr<Seq2Seq<float>> model;
  Vocab vocab;
  E e;  // the file's experiment (its task sizes and seed), the flags over it; the model is the file's
  RP_TRY(load(o.text("load"), model, vocab, e));
  a.apply_to(e);
  e.train.model = model->config();
  std::string pairs;
  RP_TRY(data_source(a, e, pairs));
  std::vector<seq2seq::Example> train_set, held;
  RP_TRY(make_examples(e, pairs, train_set, held));
  // --task evaluates the task's held-out split; --pairs evaluates every pair of the file.
  std::vector<seq2seq::Example> examples = held;
  if (e.task.kind == seq2seq::TaskKind::Pairs) {
    examples = train_set;
    examples.insert(examples.end(), held.begin(), held.end());
  }
  std::unique_ptr<Seq2SeqTrainer> t;
  RP_TRY(Seq2SeqTrainer::create(e.train, vocab, std::move(model), examples, {}, t));
  seq2seq::Accuracy acc;
  RP_TRY(t->evaluate(examples, acc));
  std::printf("examples %d\nper_char %.6f\nexact_match %.6f\n", acc.count, acc.per_char, acc.exact);
  return Status::ok();
}

// The best hypothesis's attention: one row per output character (and EOS), one column per source character.
void print_attention(const Vocab& vocab, const std::string& input, const Decoded& best) {
  std::u32string chars, out_chars;
  utf8::decode(input, chars);
  std::printf("# attention (rows: output, columns: source)\n      ");
  for (char32_t c : chars) {
    std::string s1;
    utf8::append(c, s1);
    std::printf("%5s", s1.c_str());
  }
  std::printf("  <eos>\n");
  utf8::decode(decode_chars(vocab, best.tokens), out_chars);
  const int rows = int(best.attention.size()) / std::max(best.source_len, 1);
  for (int r = 0; r < rows; ++r) {
    std::string label = "<eos>";
    if (r < int(out_chars.size())) {
      label.clear();
      utf8::append(out_chars[r], label);
    }
    std::printf("%5s ", label.c_str());
    for (int c = 0; c < best.source_len; ++c) std::printf("%5.2f", best.attention[size_t(r) * best.source_len + c]);
    std::printf("\n");
  }
}

Status translate(const Args& a) {
  const cli::Values& o = a.options;
  if (!o.has("load") || !o.has("input")) return Status::error("translate needs --load FILE and --input TEXT");
  const int beam = a.experiment.decode.beam;
  std::unique_ptr<Seq2Seq<float>> model;
  Vocab vocab;
  E stored;
  RP_TRY(load(o.text("load"), model, vocab, stored));
  const std::string input = o.text("input");
  std::vector<TokenId> src;
  if (input.empty()) return Status::error("--input is empty");
  Status s = encode_chars(vocab, input, src);
  if (!s) return Status::error("--input: " + s.message());
  src.push_back(kEos);
  if (src.size() > 256) return Status::error("--input is longer than 255 characters");
  const int S = int(src.size()), max_len = 2 * S + 16;
  Seq2SeqWorkspace<float> ws;
  model->resize(ws, S, max_len, beam > 0 ? beam : 1);
  std::vector<Decoded> results;
  if (beam > 0) RP_TRY(beam_search(*model, ws, src, beam, max_len, a.experiment.decode.alpha, results));
  else decode_batch(*model, ws, src.data(), &S, S, max_len, 0, nullptr, results);
  for (size_t h = 0; h < results.size(); ++h) {
    const Decoded& d = results[h];
    const std::string text = decode_chars(vocab, d.tokens);
    if (h == 0) std::printf("%s\n", text.c_str());
    if (beam > 0) std::printf("# hypothesis %zu  score %.4f  log-prob %.4f  %s\n", h + 1, d.score, d.log_prob, text.c_str());
  }
  print_attention(vocab, input, results[0]);
  return Status::ok();
}

cli::Option load_option() { return cli::file_option("load", "model file", "a model saved by train"); }
cli::Option pairs_option(const char* help) { return cli::file_option("pairs", "pairs file", help, "FILE.tsv"); }

const std::vector<cli::Verb<E>>& verbs() {
  static const std::vector<cli::Verb<E>> v = {
      {"train", "train on a generated task or your own pairs; held-out exact match every --eval-every steps",
       {"data", "model", "train"}, {},
       cli::example_training_options(
           pairs_option("train on your own pairs, one \"source<TAB>target\" per line, split by the seed"),
           "held-out exact-match"),
       nullptr,
       "train needs --task or --pairs (or --resume), which exclude each other. --cell (the old spelling of --encoder-cell) sets\n"
       "the decoder's cell too unless --decoder-cell is given.",
       train},
      {"eval", "exact match of a model on a task's held-out split or on every pair of a file; last line `exact_match <x>`",
       {"data"}, {"seed"},
       {load_option(), pairs_option("score every pair of this file")}, nullptr,
       "eval regenerates --task's held-out split from the file's experiment (its sizes and seed), the flags over it.",
       eval},
      {"translate", "decode one input: the output, the beam's hypotheses, the attention matrix", {"decode"}, {},
       {load_option(), cli::text_option("input", "input", "the source text to translate (at most 255 characters)")},
       nullptr, "", translate},
  };
  return v;
}

}  // namespace

cli::Family seq2seq_commands() { return {"seq2seq", kSummary, cli::family_main<Seq2SeqExperiment, seq2seq_fields, verbs>}; }

}  // namespace rp
