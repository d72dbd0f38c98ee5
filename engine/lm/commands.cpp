#include "engine/lm/commands.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "engine/cli/files.hpp"
#include "engine/cli/memory.hpp"
#include "engine/cli/progress.hpp"
#include "engine/core/rng.hpp"
#include "engine/lm/checkpoint.hpp"
#include "engine/lm/estimate.hpp"
#include "engine/lm/experiment.hpp"
#include "engine/lm/ngram.hpp"
#include "engine/lm/pytorch_file.hpp"
#include "engine/lm/window_trainer.hpp"

namespace rp {
namespace {

using Args = cli::Args<LmExperiment>;
const char* kSummary = "character-level language models: vanilla RNN, LSTM and GRU cells, up to 4 layers";

// vocab_text: the text the command reads, whose characters are the vocabulary of a PyTorch file without
// metadata (pytorch_file.hpp); the note saying what was read from the shapes goes to stderr.
Status load_model(const Args& a, const std::string& path, const std::string& vocab_text, std::unique_ptr<CharLM<float>>& model,
                  Vocab& vocab, safetensors::File& file) {
  RP_TRY(safetensors::read_file(path, file));
  std::string inferred;
  Status s = complete_char_lm_metadata(file, vocab_text, inferred);
  if (s) s = import_char_lm(file, model, vocab);
  if (!s) return Status::error("'" + path + "': " + s.message());
  if (!inferred.empty() && !a.options.on("quiet")) std::fprintf(stderr, "%s: '%s': %s\n", a.program.c_str(), path.c_str(), inferred.c_str());
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

// The one sampling rule a field's bounds cannot state: the two flags contradict each other.
Status check_sampling(const Args& a) {
  if (a.experiment.sample.greedy && a.from_flag("greedy") && a.from_flag("top_k"))
    return Status::error("--greedy and --top-k exclude each other");
  return validate(a.experiment.sample);
}

Status encode_prime(const Vocab& vocab, const std::string& prime, std::vector<TokenId>& ids) {
  Status s = vocab.encode(prime, ids);
  return s ? s : Status::error("--prime: " + s.message());
}

// The model and vocabulary to train: a resumed run (the model and training settings from the file, then its
// optimizer state), a model's weights with a fresh optimizer (its shape and vocabulary from the file), or a
// new model over the text's characters.
Status start(const Args& a, const std::string& text, LmExperiment& e, std::unique_ptr<CharLM<float>>& model, Vocab& vocab,
             safetensors::File& resume_file) {
  const cli::Values& o = a.options;
  if (o.has("resume") && o.has("init")) return Status::error("--resume and --init exclude each other");
  LmExperiment from_file = e;
  if (o.has("resume")) {
    RP_TRY(load_model(a, o.text("resume"), text, model, vocab, resume_file));
    RP_TRY(read_train_config(resume_file, from_file.train));
    cli::take_from_file(a, from_file, o.text("resume"), "the model and training settings", e);
    return Status::ok();
  }
  if (o.has("init")) {
    safetensors::File init_file;
    RP_TRY(load_model(a, o.text("init"), text, model, vocab, init_file));
    from_file.train.model = model->config();
    from_file.train.model.options.dropout = e.train.model.options.dropout;  // how to train, not the model's shape
    cli::take_from_file(a, from_file, o.text("init"), "the model's shape and vocabulary", e);
    return Status::ok();
  }
  return Vocab::from_text(text, vocab);
}

// The last `holdout` fraction of the text is held out for evaluation (at least 2 characters when used).
void hold_out(double holdout, std::vector<TokenId>& ids, std::vector<TokenId>& held) {
  const size_t n_held = holdout > 0 ? std::max<size_t>(2, size_t(double(ids.size()) * holdout)) : 0;
  if (n_held > 0 && n_held + 2 < ids.size()) {
    held.assign(ids.end() - n_held, ids.end());
    ids.resize(ids.size() - n_held);
  }
}

Status train(const Args& a) {
  const cli::Values& o = a.options;
  if (!o.has("text")) return Status::error("train needs --text FILE");
  if (o.has("save")) RP_TRY(cli::check_output(o.text("save"), "--save"));
  if (o.has("save_state")) RP_TRY(cli::check_output(o.text("save_state"), "--save-state"));
  cli::MetricsLog log;
  RP_TRY(log.open(o.has("log") ? o.text("log") : "", o.has("resume")));
  std::string text;
  RP_TRY(cli::read_text(o.text("text"), text));
  LmExperiment e = a.experiment;
  std::unique_ptr<CharLM<float>> model;
  Vocab vocab;
  safetensors::File resume_file;
  RP_TRY(start(a, text, e, model, vocab, resume_file));
  RP_TRY(check_sampling(a));
  std::vector<TokenId> ids, held, prime;
  Status s = vocab.encode(text, ids);
  if (!s) return Status::error("training text: " + s.message());
  RP_TRY(encode_prime(vocab, e.prime, prime));
  hold_out(e.holdout, ids, held);
  const TrainConfig& c = e.train;
  std::unique_ptr<Trainer> trainer;
  RP_TRY(cli::check_memory(estimate_lm(c, vocab.size()), kLmSizeAdvice));
  RP_TRY(Trainer::create(c, vocab, std::move(model), ids, trainer));
  if (o.has("resume")) RP_TRY(import_training(resume_file, *trainer));

  const bool quiet = o.on("quiet");
  const int64_t first = trainer->optimizer().steps(), last = first + o.integer("steps");
  if (!quiet)
    std::fprintf(stderr, "%s: %s, %d layer(s), H=%d, %s input, %lld parameters; %zu training / %zu held-out characters, vocabulary %d\n",
                 a.program.c_str(), c.model.cell->name, c.model.layers, c.model.hidden,
                 c.model.embed ? ("E=" + std::to_string(c.model.embed)).c_str() : "one-hot",
                 (long long)trainer->model().params().count(), ids.size(), held.size(), vocab.size());
  Rng sample_rng = Rng(c.seed).fork(2);
  auto report = [&](const StepStats& st) {
    double held_loss = 0;
    if (!held.empty() && trainer->evaluate(held, held_loss).is_ok()) {
      std::printf("step %lld  train loss %.4f  held-out loss %.4f\n", (long long)st.step, st.loss, held_loss);
      log.values(st.step, {{"held_out_loss", held_loss}});
    } else
      std::printf("step %lld  train loss %.4f\n", (long long)st.step, st.loss);
    const std::string drawn = generate(trainer->model(), vocab, prime, e.sample_len, e.sample, sample_rng);
    std::printf("----\n%s%s\n----\n", e.prime.c_str(), drawn.c_str());
  };
  // The run's files as they are now: every --save-every steps, at the end, and when Ctrl-C stops the run.
  auto save_files = [&]() -> Status {
    if (o.has("save")) {
      // The plain model: exactly the tensors PyTorch's strict load_state_dict expects.
      safetensors::File out;
      export_char_lm(trainer->model(), trainer->vocab(), out);
      RP_TRY(cli::save(a.program, out, o.text("save"), quiet, "the model"));
    }
    if (o.has("save_state")) {
      // Model plus optimizer state, stream position and carried state (and train_config), for --resume.
      safetensors::File out;
      export_training(*trainer, out);
      RP_TRY(cli::save(a.program, out, o.text("save_state"), quiet, "the training state"));
    }
    return Status::ok();
  };
  const StepStats st = cli::run_steps(first, last, int64_t(c.seq) * c.batch, quiet, o.integer("sample_every"),
                                      [&] { return trainer->step(); }, report, o.integer("save_every"), save_files, &log);
  if (!st.nonfinite) std::printf("final train loss %.4f\n", st.loss);
  if (cli::weights_lost(st)) return cli::diverged(st);
  RP_TRY(save_files());
  RP_TRY(cli::stopped_early(trainer->optimizer().steps()));
  return cli::diverged(st);
}

// The model against the memoryless baselines on the same text and split: the RNN and the window network
// train on the same batches for --steps, the n-gram model is counted from the training split; the last lines
// are each one's held-out loss.
Status baseline(const Args& a) {
  const cli::Values& o = a.options;
  if (!o.has("text")) return Status::error("baseline needs --text FILE");
  std::string text;
  RP_TRY(cli::read_text(o.text("text"), text));
  const LmExperiment& e = a.experiment;
  Vocab vocab;
  RP_TRY(Vocab::from_text(text, vocab));
  std::vector<TokenId> ids, held;
  RP_TRY(vocab.encode(text, ids));
  hold_out(e.holdout, ids, held);
  if (held.size() < 2) return Status::error("baseline needs held-out text: --holdout above 0 and a longer text");
  RP_TRY(cli::check_memory(estimate_lm(e.train, vocab.size()), kLmSizeAdvice));
  std::unique_ptr<Trainer> trainer;
  RP_TRY(Trainer::create(e.train, vocab, nullptr, ids, trainer));
  std::unique_ptr<NgramModel> ngram;
  if (e.ngram > 0) {
    ngram = std::make_unique<NgramModel>();
    RP_TRY(NgramModel::build(ids, vocab.size(), e.ngram, *ngram));
  }
  std::unique_ptr<WindowTrainer> window;
  if (e.window > 0) RP_TRY(WindowTrainer::create(e.window, trainer->config(), vocab.size(), ids, window));
  const bool quiet = o.on("quiet");
  const StepStats st = cli::run_steps(0, o.integer("steps"), int64_t(e.train.seq) * e.train.batch, quiet, 0,
                                      [&] {
                                        if (window) window->step();
                                        return trainer->step();
                                      },
                                      [](const StepStats&) {}, 0, [] { return Status::ok(); });
  if (cli::weights_lost(st)) return cli::diverged(st);
  double loss = 0;
  std::printf("training characters %zu\nheld-out characters %zu\nsteps %lld\n", ids.size(), held.size(),
              (long long)trainer->optimizer().steps());
  RP_TRY(trainer->evaluate(held, loss));
  std::printf("rnn_loss %.6f\n", loss);
  if (ngram) {
    RP_TRY(ngram->evaluate(held, loss));
    std::printf("ngram_loss %.6f\n", loss);
  }
  if (window) {
    RP_TRY(window->evaluate(held, loss));
    std::printf("window_loss %.6f\n", loss);
  }
  return cli::diverged(st);
}

Status eval(const Args& a) {
  const cli::Values& o = a.options;
  if (!o.has("load") || !o.has("text")) return Status::error("eval needs --load FILE and --text FILE");
  std::string text;
  RP_TRY(cli::read_text(o.text("text"), text));
  std::unique_ptr<CharLM<float>> model;
  Vocab vocab;
  safetensors::File file;
  RP_TRY(load_model(a, o.text("load"), text, model, vocab, file));
  std::vector<TokenId> ids;
  Status s = vocab.encode(text, ids);
  if (!s) return Status::error("evaluation text: " + s.message());
  double loss = 0;
  RP_TRY(evaluate_stream(*model, ids, 256, loss));
  if (!std::isfinite(loss))
    return Status::error("the loss on this text is " + std::string(nonfinite_text(loss)) +
                         ": the model's outputs overflow (its weights are finite but far too large)");
  std::printf("characters %zu\nbits per character %.4f\nloss %.6f\n", ids.size(), loss / std::log(2.0), loss);
  return Status::ok();
}

Status sample(const Args& a) {
  const cli::Values& o = a.options;
  if (!o.has("load")) return Status::error("sample needs --load FILE");
  std::unique_ptr<CharLM<float>> model;
  Vocab vocab;
  safetensors::File file;
  RP_TRY(load_model(a, o.text("load"), "", model, vocab, file));
  RP_TRY(check_sampling(a));
  const LmExperiment& e = a.experiment;
  std::vector<TokenId> prime;
  RP_TRY(encode_prime(vocab, e.prime, prime));
  Rng rng{e.train.seed};
  std::printf("%s%s\n", e.prime.c_str(), generate(*model, vocab, prime, e.sample_len, e.sample, rng).c_str());
  return Status::ok();
}

cli::Option load_option() { return cli::file_option("load", "model file", "a model saved by train (or written by PyTorch)"); }
cli::Option text_option(const char* help) { return cli::file_option("text", "text file", help); }

const std::vector<cli::Verb<LmExperiment>>& verbs() {
  static const std::vector<cli::Verb<LmExperiment>> v = {
      {"train", "train on a text file: held-out loss and a sample every --sample-every steps, then `final train loss`",
       {"data", "model", "train", "sample"}, {},
       {text_option("the text to train on (UTF-8); its distinct characters are the vocabulary"),
        cli::file_option("save", "model file", "write the model alone, loadable by PyTorch (strict=True)"),
        cli::file_option("save_state", "training-state file", "write the model with its optimizer state, for --resume"),
        cli::file_option("resume", "training-state file",
                         "continue a --save-state run exactly; its model and training settings win over flags"),
        cli::file_option("init", "model file", "start from a model's weights with a fresh optimizer; its shape and vocabulary win"),
        cli::count_option("steps", "steps", 2000, 1, 100000000, "optimizer steps to take"),
        cli::count_option("sample_every", "report period", 500, 0, 100000000,
                          "steps between reports of the losses and a sample (0 = none)"),
        cli::save_every_option("--save and --save-state"),
        cli::log_option(),
        cli::switch_option("quiet", "quiet", "no progress bar or notes on stderr")},
       nullptr, "--resume and --init exclude each other.", train},
      {"baseline", "the model against the memoryless baselines: last lines `rnn_loss`, `ngram_loss`, `window_loss` (held-out nats per character)",
       {"data", "model", "train", "baseline"}, {},
       {text_option("the text to train and evaluate on (UTF-8); its last --holdout fraction is held out"),
        cli::count_option("steps", "steps", 1000, 1, 100000000, "steps for the RNN and the window network, on the same batches"),
        cli::switch_option("quiet", "quiet", "no progress bar on stderr")},
       [](LmExperiment& e) {
         e.ngram = 5;
         e.window = 8;
       },
       "baseline counts an order-5 n-gram model and trains an 8-character window network unless --ngram or --window say otherwise (0 = off).",
       baseline},
      {"eval", "mean loss of a model on a text; last line `loss <nats per character>`", {}, {},
       {load_option(), text_option("the text to evaluate on; every character must be in the model's vocabulary")}, nullptr,
       "", eval},
      {"sample", "stream characters from a model; the same --seed gives the same text", {"sample"}, {"seed"},
       {load_option()}, [](LmExperiment& e) { e.sample_len = 500; },
       "sample draws 500 characters unless --sample-len (or --len) says otherwise; train's samples are 200.", sample},
  };
  return v;
}

}  // namespace

cli::Family lm_commands() { return {"lm", kSummary, cli::family_main<LmExperiment, lm_fields, verbs>}; }

}  // namespace rp
