// seq2seq: train, evaluate and run encoder-decoders with attention from the command line.
//   seq2seq train --task reverse [--pairs FILE.tsv] [--cell lstm --hidden 64 --attention bahdanau --bidirectional
//                 --steps 1000 --seed 1 --save FILE ...]
//   seq2seq eval --load FILE (--task NAME [--seed S] | --pairs FILE.tsv)   last line: exact_match <fraction>
//   seq2seq translate --load FILE --input TEXT [--beam K]                  output, then the attention matrix
// Every problem is reported as one line on stderr and a non-zero exit status.
#include <clocale>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "engine/seq2seq/checkpoint.hpp"
#include "engine/seq2seq/experiment.hpp"
#include "engine/core/utf8.hpp"
#include "cli/flags.hpp"
#include "cli/progress.hpp"

using namespace rp;

namespace {

const char* kUsage =
    "usage: seq2seq <command> [flags]\n"
    "  train      --task T | --pairs FILE.tsv  [--min-len 3] [--max-len 10] [--alphabet 10] [--delay 3]\n"
    "             [--train-size 5000] [--held-size 300] [--cell lstm] [--decoder-cell C] [--embed 32]\n"
    "             [--hidden 64] [--layers 1] [--bidirectional] [--attention bahdanau] [--attn-size 64]\n"
    "             [--batch 32] [--optim adam] [--lr 0.003] [--clip 5] [--sampling-rate 0] [--steps 1000]\n"
    "             [--seed 1] [--eval-every 250] [--save FILE] [--quiet]\n"
    "  eval       --load FILE (--task T [--seed S ...] | --pairs FILE.tsv)\n"
    "  translate  --load FILE --input TEXT [--beam K] [--alpha 1]\n"
    "tasks: reverse, sort, copy, add, dates, translate (or --pairs for your own tab-separated pairs)\n"
    "attention: none, bahdanau, dot, general, concat\n";

int fail(const Status& s) {
  std::fprintf(stderr, "seq2seq: %s\n", s.message().c_str());
  return 1;
}

Status read_file(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::error("cannot open '" + path + "'");
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  if (out.size() > (size_t(64) << 20)) return Status::error("'" + path + "' is larger than 64 MiB");
  return Status::ok();
}

// Task and data flags shared by train and eval, applied over `e`.
Status apply_task_flags(const cli::Flags& f, Seq2SeqExperiment& e, std::string& pairs) {
  if (f.has("pairs") && f.has("task")) return Status::error("--task and --pairs exclude each other");
  if (f.has("pairs")) {
    e.task.kind = seq2seq::TaskKind::Pairs;
    RP_TRY(read_file(f.str("pairs", ""), pairs));
  } else if (f.has("task")) {
    const std::string name = f.str("task", "");
    if (!seq2seq::parse_task(name, e.task.kind) || e.task.kind == seq2seq::TaskKind::Pairs)
      return Status::error("unknown task '" + name + "' (one of reverse, sort, copy, add, dates, translate)");
  }
  RP_TRY(f.integer("min-len", 1, 200, e.task.min_len));
  RP_TRY(f.integer("max-len", 1, 200, e.task.max_len));
  RP_TRY(f.integer("alphabet", 2, 26, e.task.alphabet));
  RP_TRY(f.integer("delay", 0, 200, e.task.delay));
  RP_TRY(f.integer("train-size", 1, 200000, e.train_size));
  RP_TRY(f.integer("held-size", 1, 20000, e.held_size));
  int64_t seed = int64_t(e.train.seed);
  RP_TRY(f.integer("seed", 0, INT64_MAX, seed));
  e.train.seed = uint64_t(seed);
  return Status::ok();
}

Status load(const std::string& path, std::unique_ptr<Seq2Seq<float>>& model, Vocab& vocab, Seq2SeqExperiment& e) {
  safetensors::File file;
  RP_TRY(safetensors::read_file(path, file));
  Status s = import_seq2seq(file, model, vocab);
  if (!s) return Status::error("'" + path + "': " + s.message());
  if (const std::string* stored = file.meta("experiment")) RP_TRY(parse_seq2seq_experiment(*stored, e));
  e.train.model = model->config();
  return Status::ok();
}

void print_accuracy(const char* label, const seq2seq::Accuracy& a) {
  std::printf("%s: exact match %.4f, per character %.4f on %d held-out examples\n", label, a.exact, a.per_char, a.count);
}

int train(int argc, char** argv) {
  cli::Flags f({"task", "pairs", "min-len", "max-len", "alphabet", "delay", "train-size", "held-size", "cell",
                "decoder-cell", "embed", "hidden", "layers", "attention", "attn-size", "batch", "optim", "lr", "clip",
                "sampling-rate", "steps", "seed", "eval-every", "save"},
               {"bidirectional", "quiet"});
  Status s = f.parse(argc, argv, 2);
  if (!s) return fail(s);
  if (!f.has("task") && !f.has("pairs")) return fail(Status::error("train needs --task NAME or --pairs FILE.tsv"));
  Seq2SeqExperiment e;
  e.train.optim.lr = 0.003;
  std::string pairs;
  if (!(s = apply_task_flags(f, e, pairs))) return fail(s);
  auto& m = e.train.model;
  const std::string enc = f.str("cell", "lstm"), dec = f.str("decoder-cell", enc), att = f.str("attention", "bahdanau");
  if (!(m.encoder_cell = find_cell(enc))) return fail(Status::error("unknown cell '" + enc + "' (one of " + cell_names() + ")"));
  if (!(m.decoder_cell = find_cell(dec))) return fail(Status::error("unknown decoder cell '" + dec + "'"));
  if (!parse_attention(att, m.attention)) return fail(Status::error("unknown attention '" + att + "' (one of " + attention_names() + ")"));
  const std::string optim = f.str("optim", "adam");
  if (!parse_optim(optim, e.train.optim.kind)) return fail(Status::error("unknown optimizer '" + optim + "'"));
  m.bidirectional = f.has("bidirectional");
  int steps = 1000, eval_every = 250;
  if (!(s = f.integer("embed", 1, 1024, m.embed)) || !(s = f.integer("hidden", 1, 1024, m.hidden)) ||
      !(s = f.integer("layers", 1, 4, m.layers)) || !(s = f.integer("attn-size", 1, 1024, m.attn_size)) ||
      !(s = f.integer("batch", 1, 512, e.train.batch)) || !(s = f.number("lr", e.train.optim.lr)) ||
      !(s = f.number("clip", e.train.clip.max_norm)) || !(s = f.number("sampling-rate", e.train.sampling_rate)) ||
      !(s = f.integer("steps", 1, 10000000, steps)) || !(s = f.integer("eval-every", 0, 10000000, eval_every)) ||
      !(s = validate(e)))
    return fail(s);
  std::vector<seq2seq::Example> train_set, held;
  if (!(s = make_examples(e, pairs, train_set, held))) return fail(s);
  Vocab vocab;
  if (!(s = vocab_of(train_set, held, vocab))) return fail(s);
  std::unique_ptr<Seq2SeqTrainer> t;
  if (!(s = Seq2SeqTrainer::create(e.train, vocab, nullptr, train_set, held, t))) return fail(s);
  const bool quiet = f.has("quiet");
  if (!quiet)
    std::fprintf(stderr, "seq2seq: %s, %zu training / %zu held-out pairs, vocabulary %d, %lld parameters\n",
                 seq2seq::task_name(e.task.kind), train_set.size(), held.size(), vocab.size(),
                 (long long)t->model().params().count());
  cli::Progress progress(steps, int64_t(e.train.batch) * std::max(1, t->max_target()));
  StepStats st;
  for (int i = 1; i <= steps; ++i) {
    st = t->step();
    if (!quiet) progress.update(i, st.loss);
    if (eval_every > 0 && (i % eval_every == 0 || i == steps)) {
      if (!quiet) progress.interrupt();
      seq2seq::Accuracy a;
      if (t->evaluate(500, a).is_ok())
        std::printf("step %d  loss %.4f  held-out exact match %.4f  per character %.4f\n", i, st.loss, a.exact, a.per_char);
      std::fflush(stdout);
    }
  }
  if (!quiet) progress.interrupt();
  seq2seq::Accuracy a;
  if ((s = t->evaluate(0, a))) print_accuracy("final", a);
  if (f.has("save")) {
    safetensors::File out;
    export_seq2seq(t->model(), t->vocab(), out);
    out.set_meta("experiment", to_json(e));
    if (!(s = safetensors::write_file(f.str("save", ""), out))) return fail(s);
    if (!quiet) std::fprintf(stderr, "seq2seq: saved %s\n", f.str("save", "").c_str());
  }
  return 0;
}

int eval(int argc, char** argv) {
  cli::Flags f({"load", "task", "pairs", "min-len", "max-len", "alphabet", "delay", "train-size", "held-size", "seed"}, {});
  Status s = f.parse(argc, argv, 2);
  if (!s) return fail(s);
  if (!f.has("load") || (!f.has("task") && !f.has("pairs")))
    return fail(Status::error("eval needs --load FILE and --task NAME or --pairs FILE.tsv"));
  std::unique_ptr<Seq2Seq<float>> model;
  Vocab vocab;
  Seq2SeqExperiment e;  // the file's experiment (its task sizes and seed) unless flags say otherwise
  if (!(s = load(f.str("load", ""), model, vocab, e))) return fail(s);
  std::string pairs;
  if (!(s = apply_task_flags(f, e, pairs))) return fail(s);
  std::vector<seq2seq::Example> train_set, held;
  if (!(s = make_examples(e, pairs, train_set, held))) return fail(s);
  // --task evaluates the task's held-out split; --pairs evaluates every pair of the file.
  std::vector<seq2seq::Example> examples = held;
  if (e.task.kind == seq2seq::TaskKind::Pairs) {
    examples = train_set;
    examples.insert(examples.end(), held.begin(), held.end());
  }
  std::unique_ptr<Seq2SeqTrainer> t;
  if (!(s = Seq2SeqTrainer::create(e.train, vocab, std::move(model), examples, {}, t))) return fail(s);
  seq2seq::Accuracy a;
  if (!(s = t->evaluate(examples, a))) return fail(s);
  std::printf("examples %d\nper_char %.6f\nexact_match %.6f\n", a.count, a.per_char, a.exact);
  return 0;
}

int translate(int argc, char** argv) {
  cli::Flags f({"load", "input", "beam", "alpha"}, {});
  Status s = f.parse(argc, argv, 2);
  if (!s) return fail(s);
  if (!f.has("load") || !f.has("input")) return fail(Status::error("translate needs --load FILE and --input TEXT"));
  int beam = 0;
  double alpha = 1.0;
  if (!(s = f.integer("beam", 0, 16, beam)) || !(s = f.number("alpha", alpha))) return fail(s);
  std::unique_ptr<Seq2Seq<float>> model;
  Vocab vocab;
  Seq2SeqExperiment e;
  if (!(s = load(f.str("load", ""), model, vocab, e))) return fail(s);
  const std::string input = f.str("input", "");
  std::vector<TokenId> src;
  if (input.empty()) return fail(Status::error("--input is empty"));
  if (!(s = encode_chars(vocab, input, src))) return fail(Status::error("--input: " + s.message()));
  src.push_back(kEos);
  if (src.size() > 256) return fail(Status::error("--input is longer than 255 characters"));
  const int S = int(src.size()), max_len = 2 * S + 16;
  Seq2SeqWorkspace<float> ws;
  model->resize(ws, S, max_len, beam > 0 ? beam : 1);
  std::vector<Decoded> results;
  if (beam > 0) {
    if (!(s = beam_search(*model, ws, src, beam, max_len, alpha, results))) return fail(s);
  } else {
    decode_batch(*model, ws, src.data(), &S, S, max_len, 0, nullptr, results);
  }
  std::u32string chars;
  utf8::decode(input, chars);
  for (size_t h = 0; h < results.size(); ++h) {
    const Decoded& d = results[h];
    const std::string text = decode_chars(vocab, d.tokens);
    if (h == 0) std::printf("%s\n", text.c_str());
    if (beam > 0) std::printf("# hypothesis %zu  score %.4f  log-prob %.4f  %s\n", h + 1, d.score, d.log_prob, text.c_str());
  }
  // The best hypothesis's attention: one row per output character (and EOS), one column per source character.
  const Decoded& best = results[0];
  std::printf("# attention (rows: output, columns: source)\n      ");
  for (char32_t c : chars) {
    std::string s1;
    utf8::append(c, s1);
    std::printf("%5s", s1.c_str());
  }
  std::printf("  <eos>\n");
  std::u32string out_chars;
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
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::setlocale(LC_ALL, "C");
  const std::string cmd = argc > 1 ? argv[1] : "";
  if (cmd == "train") return train(argc, argv);
  if (cmd == "eval") return eval(argc, argv);
  if (cmd == "translate") return translate(argc, argv);
  if (cmd == "--help" || cmd == "-h" || cmd == "help") {
    std::fputs(kUsage, stdout);
    return 0;
  }
  std::fprintf(stderr, "seq2seq: %s\n%s", cmd.empty() ? "no command given" : ("unknown command '" + cmd + "'").c_str(), kUsage);
  return 2;
}
