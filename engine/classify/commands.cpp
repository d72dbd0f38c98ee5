#include "engine/classify/commands.hpp"

#include <algorithm>
#include <cstdio>

#include "engine/classify/checkpoint.hpp"
#include "engine/classify/estimate.hpp"
#include "engine/classify/experiment.hpp"
#include "engine/cli/confusion.hpp"
#include "engine/cli/example_training.hpp"
#include "engine/cli/files.hpp"
#include "engine/cli/memory.hpp"
#include "engine/cli/progress.hpp"

namespace rp {
namespace {

using E = ClassifyExperiment;
using Args = cli::Args<E>;
const char* kSummary = "sequence classifiers (many to one) on generated tasks or your own label<TAB>text lines";

Status data_source(const Args& a, E& e, std::string& pairs) {
  return cli::pairs_source(a, e.task.kind, classify::TaskKind::Pairs, pairs);
}

struct Loaded {
  std::unique_ptr<Classifier<float>> model;
  Vocab vocab;
  std::vector<std::string> labels;
  E experiment;  // the file's (defaults when it has none), its model the file's
};

Status load(const std::string& path, Loaded& out) {
  safetensors::File file;
  RP_TRY(safetensors::read_file(path, file));
  Status s = import_classifier(file, out.model, out.vocab, out.labels);
  if (!s) return Status::error("'" + path + "': " + s.message());
  if (const std::string* stored = file.meta("experiment")) RP_TRY(parse_classify_experiment(*stored, out.experiment));
  out.experiment.train.model = out.model->config();
  return Status::ok();
}

void print_score(const char* what, const ClassifyScore& s) {
  std::printf("%s accuracy %.4f  loss %.4f on %d examples\n", what, s.accuracy, s.loss, s.count);
}

Status train(const Args& a) {
  cli::MetricsLog log;
  RP_TRY(cli::start_training(a, log));
  E e = a.experiment;
  safetensors::File resume_file;
  std::unique_ptr<Classifier<float>> resumed;
  std::vector<std::string> file_labels;
  auto import = [&](const safetensors::File& f, std::unique_ptr<Classifier<float>>& model, Vocab& vocab) {
    return import_classifier(f, model, vocab, file_labels);
  };
  RP_TRY(cli::read_resume(a, import, parse_classify_experiment, resume_file, resumed, e));
  std::string pairs;
  RP_TRY(data_source(a, e, pairs));
  RP_TRY(validate(e));
  std::vector<classify::Example> train_set, held;
  std::vector<std::string> labels;
  RP_TRY(make_examples(e, pairs, train_set, held, labels));
  Vocab vocab;
  RP_TRY(vocab_of(train_set, held, vocab));
  RP_TRY(cli::same_data(a, resume_file, vocab));
  if (resumed && labels != file_labels)
    return Status::error("'" + a.options.text("resume") + "' was trained on other data (its labels differ from these examples')");
  RP_TRY(cli::check_memory(estimate_classifier(e.train, labelled_shape(train_set, held, int(labels.size()))),
                           kClassifierSizeAdvice));
  std::unique_ptr<ClassifierTrainer> t;
  RP_TRY(ClassifierTrainer::create(e.train, vocab, labels, std::move(resumed), train_set, held, t));
  if (!a.options.on("quiet"))
    std::fprintf(stderr, "%s: %s, %zu training / %zu held-out texts, %zu classes, vocabulary %d, %lld parameters\n",
                 a.program.c_str(), classify::task_name(e.task.kind), train_set.size(), held.size(), labels.size(),
                 vocab.size(), (long long)t->model().params().count());
  auto report = [&](const StepStats& st) {
    ClassifyScore s;
    if (t->evaluate(0, s).is_ok()) {
      std::printf("step %lld  loss %.4f  held-out accuracy %.4f  loss %.4f\n", (long long)st.step, st.loss, s.accuracy, s.loss);
      log.values(st.step, {{"held_out_accuracy", s.accuracy}, {"held_out_loss", s.loss}});
    }
  };
  auto final = [&] {
    ClassifyScore s;
    if (t->evaluate(0, s).is_ok()) print_score("final: held-out", s);
  };
  return cli::run_training(a, e, resume_file, *t, int64_t(e.train.batch) * std::max(1, t->longest()), report,
                           [&](safetensors::File& out) { export_classifier(t->model(), t->vocab(), t->labels(), out); },
                           final, log);
}

Status eval(const Args& a) {
  const cli::Values& o = a.options;
  if (!o.has("load") || (!a.given("task") && !o.has("pairs")))
    return Status::error("eval needs --load FILE and --task NAME or --pairs FILE.tsv");
  Loaded m;
  RP_TRY(load(o.text("load"), m));
  E e = m.experiment;  // its task sizes and seed, the flags over them; the model is the file's
  a.apply_to(e);
  e.train.model = m.model->config();
  std::string pairs;
  RP_TRY(data_source(a, e, pairs));
  std::vector<classify::Example> train_set, held;
  std::vector<std::string> data_labels;
  // The file's own labels decide; a label the model does not know is refused by the evaluation, naming it.
  if (e.task.kind == classify::TaskKind::Pairs) {
    RP_TRY(classify::parse_labelled(pairs, train_set));
  } else {
    RP_TRY(make_examples(e, pairs, train_set, held, data_labels));
    train_set = held;  // --task evaluates the task's held-out split
  }
  std::unique_ptr<ClassifierTrainer> t;
  RP_TRY(ClassifierTrainer::create(e.train, m.vocab, m.labels, std::move(m.model), train_set, {}, t));
  ClassifyScore s;
  RP_TRY(t->evaluate(train_set, s));
  cli::print_confusion("label", t->labels(), s.confusion);
  std::printf("examples %d\nloss %.6f\naccuracy %.6f\n", s.count, s.loss, s.accuracy);
  return Status::ok();
}

Status predict(const Args& a) {
  const cli::Values& o = a.options;
  if (!o.has("load") || !o.has("input")) return Status::error("predict needs --load FILE and --input TEXT");
  Loaded m;
  RP_TRY(load(o.text("load"), m));
  const std::string input = o.text("input");
  if (input.empty()) return Status::error("--input is empty");
  // A trainer over the one text (its own label is not known: the first class stands in and is not used).
  std::unique_ptr<ClassifierTrainer> t;
  Status s = ClassifierTrainer::create(m.experiment.train, m.vocab, m.labels, std::move(m.model),
                                       {classify::Example{input, m.labels[0]}}, {}, t);
  if (!s) return Status::error("--input: " + s.message());
  std::vector<float> probs;
  RP_TRY(t->probabilities({input}, probs));
  const auto best = std::max_element(probs.begin(), probs.end()) - probs.begin();
  std::printf("%s\n", t->labels()[size_t(best)].c_str());
  for (size_t c = 0; c < t->labels().size(); ++c) std::printf("%s %.6f\n", t->labels()[c].c_str(), probs[c]);
  return Status::ok();
}

cli::Option load_option() { return cli::file_option("load", "model file", "a model saved by train"); }
cli::Option pairs_option(const char* help) { return cli::file_option("pairs", "pairs file", help, "FILE.tsv"); }

const std::vector<cli::Verb<E>>& verbs() {
  static const std::vector<cli::Verb<E>> v = {
      {"train", "train on a generated task or your own labelled lines; held-out accuracy every --eval-every steps",
       {"data", "model", "train"}, {},
       cli::example_training_options(
           pairs_option("train on your own examples, one \"label<TAB>text\" per line, split by the seed"),
           "held-out accuracy"),
       nullptr, "train needs --task or --pairs (or --resume), which exclude each other.", train},
      {"eval", "accuracy of a model on a task's held-out split or on every line of a file; last line `accuracy <x>`",
       {"data"}, {"seed"},
       {load_option(), pairs_option("score every line of this file")}, nullptr,
       "eval regenerates --task's held-out split from the file's experiment (its sizes and seed), the flags over it.",
       eval},
      {"predict", "classify one text: the label, then every class with its probability", {}, {},
       {load_option(), cli::text_option("input", "input", "the text to classify")}, nullptr, "", predict},
  };
  return v;
}

}  // namespace

cli::Family classify_commands() { return {"classify", kSummary, cli::family_main<ClassifyExperiment, classify_fields, verbs>}; }

}  // namespace rp
