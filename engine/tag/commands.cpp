#include "engine/tag/commands.hpp"

#include <algorithm>
#include <cstdio>

#include "engine/cli/confusion.hpp"
#include "engine/cli/example_training.hpp"
#include "engine/cli/files.hpp"
#include "engine/cli/memory.hpp"
#include "engine/tag/checkpoint.hpp"
#include "engine/tag/estimate.hpp"

namespace rp {
namespace {

using E = TagExperiment;
using Args = cli::Args<E>;
const char* kSummary = "sequence taggers (synced many to many) on generated tasks or your own tokens<TAB>tags lines";

Status data_source(const Args& a, E& e, std::string& pairs) {
  return cli::pairs_source(a, e.task, tag::TaskKind::Pairs, pairs);
}

struct Loaded {
  std::unique_ptr<Tagger<float>> model;
  WordVocab words;
  std::vector<std::string> tags;
  E experiment;  // the file's (defaults when it has none), its model the file's
};

Status load(const std::string& path, Loaded& out) {
  safetensors::File file;
  RP_TRY(safetensors::read_file(path, file));
  Status s = import_tagger(file, out.model, out.words, out.tags);
  if (!s) return Status::error("'" + path + "': " + s.message());
  if (const std::string* stored = file.meta("experiment")) RP_TRY(parse_tag_experiment(*stored, out.experiment));
  out.experiment.train.model = out.model->config();
  return Status::ok();
}

Status train(const Args& a) {
  cli::MetricsLog log;
  RP_TRY(cli::start_training(a, log));
  E e = a.experiment;
  safetensors::File resume_file;
  std::unique_ptr<Tagger<float>> resumed;
  WordVocab file_words;
  std::vector<std::string> file_tags;
  auto import = [&](const safetensors::File& f, std::unique_ptr<Tagger<float>>& model, Vocab&) {
    return import_tagger(f, model, file_words, file_tags);
  };
  RP_TRY(cli::read_resume(a, import, parse_tag_experiment, resume_file, resumed, e));
  std::string pairs;
  RP_TRY(data_source(a, e, pairs));
  RP_TRY(validate(e));
  std::vector<tag::Sentence> train_set, held;
  std::vector<std::string> tags;
  RP_TRY(make_sentences(e, pairs, train_set, held, tags));
  WordVocab words;
  RP_TRY(words_of(train_set, words));
  if (resumed && (words.to_json() != file_words.to_json() || tags != file_tags))
    return Status::error("'" + a.options.text("resume") + "' was trained on other data (its words or tags differ from these sentences')");
  const SentenceShape shape = sentence_shape(train_set, held, words.size(), int(tags.size()));
  RP_TRY(cli::check_memory(estimate_tagger(e.train, shape), kTaggerSizeAdvice));
  std::unique_ptr<TaggerTrainer> t;
  RP_TRY(TaggerTrainer::create(e.train, words, tags, std::move(resumed), train_set, held, t));
  if (!a.options.on("quiet"))
    std::fprintf(stderr, "%s: %s, %zu training / %zu held-out sentences, %zu tags, %d words, %lld parameters\n",
                 a.program.c_str(), tag::task_name(e.task), train_set.size(), held.size(), tags.size(), words.size(),
                 (long long)t->model().params().count());
  auto report = [&](const StepStats& st) {
    TagEvaluation ev;
    if (t->evaluate(0, ev).is_ok()) {
      std::printf("step %lld  loss %.4f  held-out token accuracy %.4f  span F1 %.4f\n", (long long)st.step, st.loss,
                  ev.score.accuracy(), ev.score.f1());
      log.values(st.step, {{"held_out_token_accuracy", ev.score.accuracy()}, {"held_out_span_f1", ev.score.f1()},
                           {"held_out_loss", ev.loss}});
    }
  };
  auto final = [&] {
    TagEvaluation ev;
    if (t->evaluate(0, ev).is_ok())
      std::printf("final: held-out token accuracy %.4f  span F1 %.4f  loss %.4f on %zu sentences\n", ev.score.accuracy(),
                  ev.score.f1(), ev.loss, t->held_sentences().size());
  };
  return cli::run_training(a, e, resume_file, *t, int64_t(e.train.batch) * std::max(1.0, shape.mean), report,
                           [&](safetensors::File& out) { export_tagger(t->model(), t->words(), t->tags(), out); },
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
  std::vector<tag::Sentence> sentences, held;
  std::vector<std::string> data_tags;
  // The file's own tags decide; a tag the model does not know is refused by the evaluation, naming it.
  if (e.task == tag::TaskKind::Pairs) {
    RP_TRY(tag::parse_tagged(pairs, sentences));
  } else {
    RP_TRY(make_sentences(e, pairs, sentences, held, data_tags));
    sentences = held;  // --task evaluates the task's held-out split
  }
  std::unique_ptr<TaggerTrainer> t;
  RP_TRY(TaggerTrainer::create(e.train, m.words, m.tags, std::move(m.model), sentences, {}, t));
  TagEvaluation ev;
  RP_TRY(t->evaluate(sentences, ev));
  cli::print_confusion("tag", t->tags(), ev.confusion);
  std::printf("sentences %zu\ntokens %lld\nloss %.6f\ntoken_accuracy %.6f\nspan_f1 %.6f\n", sentences.size(),
              (long long)ev.score.tokens, ev.loss, ev.score.accuracy(), ev.score.f1());
  return Status::ok();
}

Status predict(const Args& a) {
  const cli::Values& o = a.options;
  if (!o.has("load") || !o.has("input")) return Status::error("predict needs --load FILE and --input \"TOKENS\"");
  Loaded m;
  RP_TRY(load(o.text("load"), m));
  const std::vector<std::string> tokens = split_tokens(o.text("input"));
  if (tokens.empty()) return Status::error("--input has no tokens");
  // A trainer over the one sentence (its own tags are not known: the first tag stands in and is not used).
  std::unique_ptr<TaggerTrainer> t;
  tag::Sentence stand_in{tokens, std::vector<std::string>(tokens.size(), m.tags[0])};
  Status s = TaggerTrainer::create(m.experiment.train, m.words, m.tags, std::move(m.model), {stand_in}, {}, t);
  if (!s) return Status::error("--input: " + s.message());
  std::vector<std::string> words, tags;
  std::vector<float> probs;
  RP_TRY(t->tag(o.text("input"), words, tags, probs));
  const size_t C = t->tags().size();
  // One line per token: the token, its tag and that tag's probability; unknown words are marked.
  for (size_t i = 0; i < words.size(); ++i) {
    const float* p = probs.data() + i * C;
    std::printf("%s\t%s\t%.4f%s\n", words[i].c_str(), tags[i].c_str(), double(*std::max_element(p, p + C)),
                t->words().encode(words[i]) == WordVocab::kUnknownId ? "\t(unknown word)" : "");
  }
  return Status::ok();
}

cli::Option load_option() { return cli::file_option("load", "model file", "a model saved by train"); }
cli::Option pairs_option(const char* help) { return cli::file_option("pairs", "pairs file", help, "FILE.tsv"); }

const std::vector<cli::Verb<E>>& verbs() {
  static const std::vector<cli::Verb<E>> v = {
      {"train", "train on a generated task or your own tagged sentences; held-out span F1 every --eval-every steps",
       {"data", "model", "train"}, {},
       cli::example_training_options(
           pairs_option("train on your own sentences, one \"tokens<TAB>tags\" per line, split by the seed"),
           "held-out token accuracy and span F1"),
       nullptr, "train needs --task or --pairs (or --resume), which exclude each other.", train},
      {"eval", "token accuracy and span F1 of a model on a task's held-out split or on every line of a file; last lines "
               "`token_accuracy <x>` and `span_f1 <x>`",
       {"data"}, {"seed"},
       {load_option(), pairs_option("score every line of this file")}, nullptr,
       "eval regenerates --task's held-out split from the file's experiment (its sizes and seed), the flags over it.",
       eval},
      {"predict", "tag one sentence: each token with its tag and that tag's probability", {}, {},
       {load_option(), cli::text_option("input", "input", "the space-separated tokens to tag")}, nullptr, "", predict},
  };
  return v;
}

}  // namespace

cli::Family tag_commands() { return {"tag", kSummary, cli::family_main<TagExperiment, tag_fields, verbs>}; }

}  // namespace rp
