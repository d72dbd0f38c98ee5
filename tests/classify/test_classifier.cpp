// The classifier learns: the order-sensitive sentiment grammar to >= 95% held-out accuracy in a fixed step
// budget; training is deterministic; checkpoints round-trip and refuse what is not theirs; the decision over
// time ends on the text's own probabilities; the estimator counts the parameters exactly; bad data is refused;
// a file with its training state resumes exactly (N + M steps == N steps, save, resume M) in the trainer and
// the session.
#include <catch2/catch.hpp>
#include <algorithm>
#include <chrono>
#include <cmath>

#include "engine/classify/checkpoint.hpp"
#include "engine/classify/estimate.hpp"
#include "engine/classify/experiment.hpp"
#include "engine/classify/session.hpp"
#include "engine/train/training_state.hpp"
#include "test_util.hpp"

using namespace rp;
using Catch::Matchers::Contains;

namespace {

std::unique_ptr<ClassifierTrainer> trainer_for(ClassifyExperiment e) {
  std::vector<classify::Example> train, held;
  std::vector<std::string> labels;
  REQUIRE(make_examples(e, "", train, held, labels).is_ok());
  Vocab vocab;
  REQUIRE(vocab_of(train, held, vocab).is_ok());
  std::unique_ptr<ClassifierTrainer> t;
  const Status s = ClassifierTrainer::create(e.train, vocab, labels, nullptr, train, held, t);
  INFO(s.message());
  REQUIRE(s.is_ok());
  return t;
}

// Trained once and shared by the tests below.
ClassifierTrainer& trained_sentiment() {
  static std::unique_ptr<ClassifierTrainer> t = [] {
    auto tr = trainer_for(ClassifyExperiment{});
    const auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < 400; ++i) tr->step();
    WARN("400 sentiment steps in " << std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() << " s");
    return tr;
  }();
  return *t;
}

}  // namespace

TEST_CASE("An LSTM classifier learns the order-sensitive sentiment grammar to 95% in 400 steps", "[classify][convergence]") {
  auto& t = trained_sentiment();
  ClassifyScore s;
  REQUIRE(t.evaluate(0, s).is_ok());
  INFO("held-out accuracy " << s.accuracy << ", loss " << s.loss << " on " << s.count);
  CHECK(s.count == 300);
  CHECK(s.accuracy >= 0.95);
  int64_t total = 0, diagonal = 0;
  for (int r = 0; r < 2; ++r)
    for (int c = 0; c < 2; ++c) (total += s.confusion[size_t(r) * 2 + c]), diagonal += r == c ? s.confusion[size_t(r) * 2 + c] : 0;
  CHECK(total == 300);
  CHECK(double(diagonal) / 300 == Approx(s.accuracy));
}

TEST_CASE("The lecture's pair gets opposite labels, and the word after 'not' decides over time", "[classify]") {
  auto& t = trained_sentiment();
  std::vector<float> p;
  REQUIRE(t.probabilities({"the film is not good, it's bad", "the film is good, it's not bad"}, p).is_ok());
  CHECK(p[0] > 0.9f);  // negative
  CHECK(p[3] > 0.9f);  // positive
  const std::string good = "the film is not good", bad = "the film is not bad";
  std::vector<float> over_good, over_bad, whole;
  REQUIRE(t.over_time(good, over_good).is_ok());
  REQUIRE(t.over_time(bad, over_bad).is_ok());
  REQUIRE(over_good.size() == 2 * good.size());
  REQUIRE(t.probabilities({good}, whole).is_ok());
  CHECK_THAT(over_good[over_good.size() - 2], Catch::Matchers::WithinAbs(whole[0], 1e-5));
  // The same prefix "the film is not " gives the same probabilities; the adjective then sends them apart.
  const size_t shared = std::string("the film is not ").size();
  for (size_t i = 0; i < 2 * shared; ++i) CHECK(over_good[i] == over_bad[i]);
  CHECK(over_good[over_good.size() - 2] > 0.9f);  // P(negative) at the end of "not good"
  CHECK(over_bad[over_bad.size() - 1] > 0.9f);    // P(positive) at the end of "not bad"
}

TEST_CASE("Classifier training is deterministic for a seed", "[classify][determinism]") {
  ClassifyExperiment e;
  e.train_size = 200;
  e.held_size = 20;
  e.train.model.bidirectional = true;
  e.train.model.pooling = PoolKind::Mean;
  auto a = trainer_for(e), b = trainer_for(e);
  for (int i = 0; i < 5; ++i) CHECK(a->step().loss == b->step().loss);
  e.train.seed = 2;
  auto c = trainer_for(e);
  CHECK(c->step().loss != trainer_for(ClassifyExperiment{})->step().loss);
}

TEST_CASE("Classifier checkpoints round-trip for every pooling and refuse other files", "[classify][checkpoint]") {
  for (const auto& p : pool_kinds()) {
    ClassifyExperiment e;
    e.task.kind = classify::TaskKind::Names;
    e.train_size = 100;
    e.held_size = 10;
    e.train.model.pooling = p.kind;
    e.train.model.bidirectional = p.kind != PoolKind::Mean;
    e.train.model.layers = 2;
    e.train.model.embed = p.kind == PoolKind::Max ? 0 : 8;
    auto t = trainer_for(e);
    t->step();
    safetensors::File f;
    export_classifier(t->model(), t->vocab(), t->labels(), f);
    const auto bytes = safetensors::serialize(f);
    safetensors::File back;
    REQUIRE(safetensors::parse(bytes.data(), bytes.size(), back).is_ok());
    std::unique_ptr<Classifier<float>> model;
    Vocab vocab;
    std::vector<std::string> labels;
    REQUIRE(import_classifier(back, model, vocab, labels).is_ok());
    CHECK(labels == t->labels());
    CHECK(vocab.chars() == t->vocab().chars());
    CHECK(model->config().pooling == p.kind);
    const auto& a = model->params().values();
    const auto& b = t->model().params().values();
    CHECK(std::equal(a.begin(), a.end(), b.begin(), b.end()));
    back.set_meta("model", "char_lm");
    CHECK_THAT(import_classifier(back, model, vocab, labels).message(), Contains("not a classifier checkpoint"));
    back.set_meta("model", "classifier");
    back.set_meta("labels", "[\"only\"]");
    CHECK_THAT(import_classifier(back, model, vocab, labels).message(), Contains("2 to 1000 classes"));
  }
}

TEST_CASE("A classifier's training state resumes exactly: N + M steps == N steps, save, resume M", "[classify][checkpoint]") {
  for (const OptimKind kind : {OptimKind::Adam, OptimKind::Momentum, OptimKind::RmsProp}) {
    ClassifyExperiment e;
    e.task.kind = classify::TaskKind::Names;
    e.train_size = 90;  // 11.25 batches of 8: the resumed steps cross an epoch's reshuffle
    e.held_size = 10;
    e.train.batch = 8;
    e.train.model.hidden = 12;
    e.train.model.embed = 6;
    e.train.model.bidirectional = true;
    e.train.model.pooling = PoolKind::Mean;
    e.train.optim.kind = kind;
    auto full = trainer_for(e), part = trainer_for(e);
    std::vector<double> expected;
    for (int i = 0; i < 7; ++i) full->step(), part->step();
    for (int i = 0; i < 9; ++i) expected.push_back(full->step().loss);
    safetensors::File f;
    export_training(*part, "{}", f);
    const auto bytes = safetensors::serialize(f);
    safetensors::File back;
    REQUIRE(safetensors::parse(bytes.data(), bytes.size(), back).is_ok());
    REQUIRE(has_example_training_state(back));
    std::unique_ptr<Classifier<float>> model;
    Vocab vocab;
    std::vector<std::string> labels;
    REQUIRE(import_classifier(back, model, vocab, labels).is_ok());
    std::unique_ptr<ClassifierTrainer> resumed;
    REQUIRE(ClassifierTrainer::create(e.train, vocab, labels, std::move(model), part->train_examples(),
                                      part->held_examples(), resumed).is_ok());
    REQUIRE(import_training_state(back, *resumed).is_ok());
    CHECK(resumed->optimizer().steps() == 7);
    std::vector<double> got;
    for (int i = 0; i < 9; ++i) got.push_back(resumed->step().loss);
    CHECK(got == expected);  // bit for bit: the same batches and optimizer moments
    const auto& a = resumed->model().params().values();
    const auto& b = full->model().params().values();
    CHECK(std::equal(a.begin(), a.end(), b.begin(), b.end()));

    // another data set's order is refused, naming why
    e.train_size = 91;
    auto other = trainer_for(e);
    CHECK_THAT(import_training_state(back, *other).message(), Contains("trained on other data"));
  }
}

TEST_CASE("A classifier session's file with its training state resumes exactly; a weights-only file restarts", "[classify][session]") {
  const char* experiment = R"({"task":"names","train_size":60,"held_size":10,"hidden":8,"embed":4,"batch":8,"seed":3})";
  ClassifySession s;
  ClassifyInfo info;
  REQUIRE(s.configure(experiment, "", info).is_ok());
  ChunkResult before, expected;
  REQUIRE(s.train(11, before).is_ok());
  std::vector<uint8_t> resumable, weights_only;
  REQUIRE(s.export_checkpoint(true, resumable).is_ok());
  REQUIRE(s.export_checkpoint(false, weights_only).is_ok());
  REQUIRE(s.train(10, expected).is_ok());

  ClassifySession r;
  REQUIRE(r.import_checkpoint(resumable.data(), resumable.size(), "{}", "", info).is_ok());
  CHECK(info.step == 11);
  CHECK(info.notice.empty());
  ChunkResult resumed;
  REQUIRE(r.train(10, resumed).is_ok());
  CHECK(resumed.losses == expected.losses);

  ClassifySession w;
  REQUIRE(w.import_checkpoint(weights_only.data(), weights_only.size(), "{}", "", info).is_ok());
  CHECK(info.step == 0);
  ChunkResult other;
  REQUIRE(w.train(10, other).is_ok());
  CHECK(other.losses != expected.losses);

  // a training state for other data keeps the model and says why the optimizer restarts
  safetensors::File f;
  REQUIRE(safetensors::parse(resumable.data(), resumable.size(), f).is_ok());
  f.set_meta("experiment", R"({"task":"names","train_size":70,"held_size":10,"hidden":8,"embed":4,"batch":8,"seed":3})");
  const auto moved = safetensors::serialize(f);
  ClassifySession m;
  REQUIRE(m.import_checkpoint(moved.data(), moved.size(), "{}", "", info).is_ok());
  CHECK_THAT(info.notice, Contains("training restarts the optimizer"));
  CHECK(info.step == 0);
}

TEST_CASE("The classifier's estimate counts its parameters exactly", "[classify][estimate]") {
  for (const CellType* cell : test::every_cell())
    for (int layers : {1, 3})
      for (bool bi : {false, true})
        for (int embed : {0, 5}) {
          ClassifierTrainConfig c;
          c.model.vocab = 11;
          c.model.classes = 4;
          c.model.cell = cell;
          c.model.layers = layers;
          c.model.bidirectional = bi;
          c.model.embed = embed;
          c.model.hidden = 7;
          LabelledShape shape;
          shape.vocab = 11;
          shape.classes = 4;
          shape.longest = 20;
          shape.mean = 10;
          Classifier<float> model(c.model);
          CHECK(estimate_classifier(c, shape).params == model.params().count());
        }
}

TEST_CASE("The session refuses bad data and texts it cannot read, with clear messages", "[classify][session]") {
  ClassifySession s;
  ClassifyInfo info;
  CHECK_THAT(s.configure("{\"task\":\"pairs\"}", "", info).message(), Contains("no label<TAB>text examples"));
  CHECK_THAT(s.configure("{\"task\":\"pairs\"}", "good\tnice\nbad no tab\n", info).message(), Contains("line 2"));
  CHECK_THAT(s.configure("{\"task\":\"pairs\",\"held_fraction\":0.5}", "a\tx\nb\ty\n", info).message(),
             Contains("has no training example"));
  CHECK_THAT(s.over_time("abc", *std::make_unique<std::vector<float>>()).message(), Contains("no model yet"));
  REQUIRE(s.configure("{\"task\":\"names\",\"train_size\":50,\"held_size\":10,\"hidden\":8}", "", info).is_ok());
  CHECK(info.labels == std::vector<std::string>{"velari", "korrik"});
  std::vector<float> probs;
  CHECK_THAT(s.over_time("grok!", probs).message(), Contains("not in the model's vocabulary"));
  CHECK_THAT(s.over_time("", probs).message(), Contains("empty"));
  REQUIRE(s.over_time("grok", probs).is_ok());
  CHECK(probs.size() == 8);
  std::vector<uint8_t> bytes;
  REQUIRE(s.export_checkpoint(false, bytes).is_ok());
  ClassifySession other;
  REQUIRE(other.import_checkpoint(bytes.data(), bytes.size(), "{}", "", info).is_ok());
  CHECK(info.labels == std::vector<std::string>{"velari", "korrik"});
  std::vector<float> again;
  REQUIRE(other.over_time("grok", again).is_ok());
  CHECK(again == probs);
}
