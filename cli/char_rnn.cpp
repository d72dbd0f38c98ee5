// char_rnn: train, evaluate and sample character-level RNN language models from the command line.
//   char_rnn train  --text FILE [--cell lstm --hidden 128 --layers 1 --embed 0 --seq 64 --batch 32
//                   --optim adam --lr 0.002 --clip 5 --steps 2000 --seed 1 --save model.safetensors ...]
//   char_rnn eval   --load FILE --text FILE
//   char_rnn sample --load FILE [--prime TEXT --len 500 --temperature 1 --top-k K | --greedy --seed 1]
// Every problem is reported as one line on stderr and a non-zero exit status.
#include <clocale>
#include <cstdio>
#include <string>

#include "engine/lm/checkpoint.hpp"
#include "engine/core/rng.hpp"
#include "engine/lm/sampler.hpp"
#include "engine/lm/trainer.hpp"
#include "cli/flags.hpp"
#include "cli/progress.hpp"
#include "cli/text_file.hpp"

using namespace rp;

namespace {

const char* kUsage =
    "usage: char_rnn <command> [flags]\n"
    "  train   --text FILE [--cell C] [--hidden 128] [--layers 1] [--embed 0] [--seq 64] [--batch 32]\n"
    "          [--optim adam] [--lr 0.002] [--weight-decay 0] [--momentum 0.9] [--nesterov]\n"
    "          [--lr-decay 1] [--lr-every 1000] [--clip 5] [--clip-value 0] [--reset-state]\n"
    "          [--steps 2000] [--seed 1] [--holdout 0.05] [--sample-every 500] [--sample-len 200]\n"
    "          [--temperature 1] [--top-k K | --greedy] [--save FILE] [--save-state FILE]\n"
    "          [--resume FILE | --init FILE] [--quiet]\n"
    "  eval    --load FILE --text FILE\n"
    "  sample  --load FILE [--prime TEXT] [--len 500] [--temperature 1] [--top-k K | --greedy] [--seed 1]\n"
    "cells: rnn_tanh, rnn_relu, lstm, lstm_peephole, lstm_coupled, gru\n"
    "optimizers: sgd, momentum, adagrad, rmsprop, adam\n";

int fail(const Status& s) {
  std::fprintf(stderr, "char_rnn: %s\n", s.message().c_str());
  return 1;
}

Status load_model(const std::string& path, std::unique_ptr<CharLM<float>>& model, Vocab& vocab, safetensors::File& file) {
  Status s = safetensors::read_file(path, file);
  if (!s) return s;
  s = import_char_lm(file, model, vocab);
  if (!s) return Status::error("'" + path + "': " + s.message());
  return Status::ok();
}

// Draws `len` characters after priming with `prime` (or a newline / the first character when empty).
std::string generate(CharLM<float>& model, const Vocab& vocab, const std::vector<TokenId>& prime, int len,
                     const SampleOptions& options, Rng& rng) {
  Sampler sampler(model);
  sampler.prime(prime, vocab.start_id());
  std::vector<TokenId> out;
  for (int i = 0; i < len; ++i) out.push_back(sampler.next(options, rng));
  return vocab.decode(out);
}

Status sample_options(const cli::Flags& f, SampleOptions& o) {
  RP_TRY(f.number("temperature", o.temperature));
  RP_TRY(f.integer("top-k", 0, 65536, o.top_k));
  o.greedy = f.has("greedy");
  if (o.greedy && f.has("top-k")) return Status::error("--greedy and --top-k exclude each other");
  return validate(o);
}

int train(int argc, char** argv) {
  cli::Flags f({"text", "cell", "hidden", "layers", "embed", "seq", "batch", "optim", "lr", "weight-decay", "momentum",
                "lr-decay", "lr-every", "clip", "clip-value", "steps", "seed", "holdout", "sample-every", "sample-len",
                "temperature", "top-k", "save", "save-state", "resume", "init"},
               {"nesterov", "reset-state", "quiet", "greedy"});
  Status s = f.parse(argc, argv, 2);
  if (!s) return fail(s);
  if (!f.has("text")) return fail(Status::error("train needs --text FILE"));
  std::string text;
  if (!(s = cli::read_text(f.str("text", ""), text))) return fail(s);

  TrainConfig c;
  std::unique_ptr<CharLM<float>> model;
  Vocab vocab;
  safetensors::File resume_file;
  if (f.has("resume") && f.has("init")) return fail(Status::error("--resume and --init exclude each other"));
  if (f.has("resume")) {
    if (!(s = load_model(f.str("resume", ""), model, vocab, resume_file))) return fail(s);
    if (!(s = read_train_config(resume_file, c))) return fail(s);
  } else {
    const std::string cell = f.str("cell", "lstm");
    if (!(c.model.cell = find_cell(cell))) return fail(Status::error("unknown cell '" + cell + "' (one of " + cell_names() + ")"));
    const std::string optim = f.str("optim", "adam");
    if (!parse_optim(optim, c.optim.kind)) return fail(Status::error("unknown optimizer '" + optim + "' (one of " + optim_names() + ")"));
    if (!(s = f.integer("hidden", 1, 2048, c.model.hidden)) || !(s = f.integer("layers", 1, 4, c.model.layers)) ||
        !(s = f.integer("embed", 0, 2048, c.model.embed)) || !(s = f.integer("seq", 1, 1024, c.seq)) ||
        !(s = f.integer("batch", 1, 1024, c.batch)) || !(s = f.number("lr", c.optim.lr)) ||
        !(s = f.number("weight-decay", c.optim.weight_decay)) || !(s = f.number("momentum", c.optim.momentum)) ||
        !(s = f.number("lr-decay", c.optim.lr_gamma)) || !(s = f.integer("lr-every", 1, 1 << 30, c.optim.lr_every)) ||
        !(s = f.number("clip", c.clip.max_norm)) || !(s = f.number("clip-value", c.clip.max_value)))
      return fail(s);
    int64_t seed = 1;
    if (!(s = f.integer("seed", 0, INT64_MAX, seed))) return fail(s);
    c.seed = uint64_t(seed);
    c.optim.nesterov = f.has("nesterov");
    c.reset_state = f.has("reset-state");
    if (f.has("init")) {
      // Start from a model's weights (ours or PyTorch's) with a fresh optimizer; its shape and vocabulary win.
      safetensors::File init_file;
      if (!(s = load_model(f.str("init", ""), model, vocab, init_file))) return fail(s);
      c.model = model->config();
    } else if (!(s = Vocab::from_text(text, vocab))) {
      return fail(s);
    }
  }
  int steps = 2000, sample_every = 500, sample_len = 200;
  double holdout = 0.05;
  SampleOptions sample_opts;
  if (!(s = f.integer("steps", 1, 100000000, steps)) || !(s = f.integer("sample-every", 0, 100000000, sample_every)) ||
      !(s = f.integer("sample-len", 1, 100000, sample_len)) || !(s = f.number("holdout", holdout)) ||
      !(s = sample_options(f, sample_opts)))
    return fail(s);
  if (holdout < 0 || holdout > 0.5) return fail(Status::error("--holdout must be between 0 and 0.5"));

  std::vector<TokenId> ids;
  if (!(s = vocab.encode(text, ids))) return fail(Status::error("training text: " + s.message()));
  // The last `holdout` fraction of the text is held out for evaluation (at least 2 characters when used).
  std::vector<TokenId> held;
  const size_t n_held = holdout > 0 ? std::max<size_t>(2, size_t(double(ids.size()) * holdout)) : 0;
  if (n_held > 0 && n_held + 2 < ids.size()) {
    held.assign(ids.end() - n_held, ids.end());
    ids.resize(ids.size() - n_held);
  }
  std::unique_ptr<Trainer> trainer;
  if (!(s = Trainer::create(c, vocab, std::move(model), ids, trainer))) return fail(s);
  if (f.has("resume") && !(s = import_training(resume_file, *trainer))) return fail(s);

  const bool quiet = f.has("quiet");
  const int64_t first = trainer->optimizer().steps(), last = first + steps;
  if (!quiet)
    std::fprintf(stderr, "char_rnn: %s, %d layer(s), H=%d, %s input, %lld parameters; %zu training / %zu held-out characters, vocabulary %d\n",
                 c.model.cell->name, c.model.layers, c.model.hidden,
                 c.model.embed ? ("E=" + std::to_string(c.model.embed)).c_str() : "one-hot",
                 (long long)trainer->model().params().count(), ids.size(), held.size(), vocab.size());
  cli::Progress progress(last, int64_t(c.seq) * c.batch);
  progress.set_first(first);
  Rng sample_rng = Rng(c.seed).fork(2);
  StepStats st;
  int nonfinite = 0;
  for (int64_t i = first; i < last; ++i) {
    st = trainer->step();
    if (st.nonfinite) ++nonfinite;
    if (!quiet) progress.update(st.step, st.loss);
    const bool report = sample_every > 0 && (st.step % sample_every == 0 || st.step == last);
    if (report) {
      if (!quiet) progress.interrupt();
      double held_loss = 0;
      if (!held.empty() && trainer->evaluate(held, held_loss).is_ok())
        std::printf("step %lld  train loss %.4f  held-out loss %.4f\n", (long long)st.step, st.loss, held_loss);
      else
        std::printf("step %lld  train loss %.4f\n", (long long)st.step, st.loss);
      std::printf("----\n%s\n----\n", generate(trainer->model(), vocab, {}, sample_len, sample_opts, sample_rng).c_str());
      std::fflush(stdout);
    }
  }
  if (!quiet) progress.interrupt();
  if (nonfinite > 0)
    std::fprintf(stderr, "char_rnn: warning: %d step(s) had a non-finite loss or gradient and were skipped (try a lower --lr or --clip)\n", nonfinite);
  std::printf("final train loss %.4f\n", st.loss);
  if (f.has("save")) {
    // The plain model: exactly the tensors PyTorch's strict load_state_dict expects.
    safetensors::File out;
    export_char_lm(trainer->model(), trainer->vocab(), out);
    if (!(s = safetensors::write_file(f.str("save", ""), out))) return fail(s);
    if (!quiet) std::fprintf(stderr, "char_rnn: saved the model to %s\n", f.str("save", "").c_str());
  }
  if (f.has("save-state")) {
    // Model plus optimizer state, stream position and carried state, for --resume.
    safetensors::File out;
    export_training(*trainer, out);
    if (!(s = safetensors::write_file(f.str("save-state", ""), out))) return fail(s);
    if (!quiet) std::fprintf(stderr, "char_rnn: saved the training state to %s\n", f.str("save-state", "").c_str());
  }
  return 0;
}

int eval(int argc, char** argv) {
  cli::Flags f({"load", "text"}, {});
  Status s = f.parse(argc, argv, 2);
  if (!s) return fail(s);
  if (!f.has("load") || !f.has("text")) return fail(Status::error("eval needs --load FILE and --text FILE"));
  std::unique_ptr<CharLM<float>> model;
  Vocab vocab;
  safetensors::File file;
  if (!(s = load_model(f.str("load", ""), model, vocab, file))) return fail(s);
  std::string text;
  if (!(s = cli::read_text(f.str("text", ""), text))) return fail(s);
  std::vector<TokenId> ids;
  if (!(s = vocab.encode(text, ids))) return fail(Status::error("evaluation text: " + s.message()));
  double loss = 0;
  if (!(s = evaluate_stream(*model, ids, 256, loss))) return fail(s);
  std::printf("characters %zu\nbits per character %.4f\nloss %.6f\n", ids.size(), loss / std::log(2.0), loss);
  return 0;
}

int sample(int argc, char** argv) {
  cli::Flags f({"load", "prime", "len", "temperature", "top-k", "seed"}, {"greedy"});
  Status s = f.parse(argc, argv, 2);
  if (!s) return fail(s);
  if (!f.has("load")) return fail(Status::error("sample needs --load FILE"));
  std::unique_ptr<CharLM<float>> model;
  Vocab vocab;
  safetensors::File file;
  if (!(s = load_model(f.str("load", ""), model, vocab, file))) return fail(s);
  SampleOptions o;
  int len = 500;
  int64_t seed = 1;
  if (!(s = sample_options(f, o)) || !(s = f.integer("len", 0, 10000000, len)) || !(s = f.integer("seed", 0, INT64_MAX, seed)))
    return fail(s);
  std::vector<TokenId> prime;
  if (!(s = vocab.encode(f.str("prime", ""), prime))) return fail(Status::error("--prime: " + s.message()));
  Rng rng{uint64_t(seed)};
  std::printf("%s%s\n", f.str("prime", "").c_str(), generate(*model, vocab, prime, len, o, rng).c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::setlocale(LC_ALL, "C");
  const std::string cmd = argc > 1 ? argv[1] : "";
  if (cmd == "train") return train(argc, argv);
  if (cmd == "eval") return eval(argc, argv);
  if (cmd == "sample") return sample(argc, argv);
  if (cmd == "--help" || cmd == "-h" || cmd == "help") {
    std::fputs(kUsage, stdout);
    return 0;
  }
  std::fprintf(stderr, "char_rnn: %s\n%s", cmd.empty() ? "no command given" : ("unknown command '" + cmd + "'").c_str(), kUsage);
  return 2;
}
