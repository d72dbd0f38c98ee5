// The tagger learns: on the booking task a bidirectional LSTM fills the slots, and beats a left-to-right one
// on the cities whose slot is told only after them (the lectures' reason for reading both ways); the grammar
// task's ambiguous words are tagged by context; training is deterministic for a seed.
#include <catch2/catch.hpp>

#include "engine/tag/trainer.hpp"

using namespace rp;

namespace {

std::unique_ptr<TaggerTrainer> trainer_for(const TagExperiment& e) {
  std::vector<tag::Sentence> train, held;
  std::vector<std::string> tags;
  REQUIRE(make_sentences(e, "", train, held, tags).is_ok());
  WordVocab words;
  REQUIRE(words_of(train, words).is_ok());
  std::unique_ptr<TaggerTrainer> t;
  REQUIRE(TaggerTrainer::create(e.train, words, tags, nullptr, train, held, t).is_ok());
  return t;
}

TagExperiment booking(bool bidirectional) {
  TagExperiment e;
  e.train_size = 1500;
  e.held_size = 300;
  e.train.model.hidden = 24;
  e.train.model.embed = 12;
  e.train.model.bidirectional = bidirectional;
  e.train.batch = 16;
  e.train.optim.lr = 0.01;
  return e;
}

// Accuracy on the first token of held-out sentences that start with a city (its slot is told later).
double told_after_accuracy(TaggerTrainer& t, const TagEvaluation& ev) {
  int n = 0, right = 0;
  const auto& held = t.held_sentences();
  for (size_t i = 0; i < held.size(); ++i)
    if (held[i].tags[0] != "O") {
      ++n;
      right += ev.predicted[i][0] == held[i].tags[0];
    }
  REQUIRE(n > 20);
  return double(right) / n;
}

}  // namespace

TEST_CASE("A bidirectional tagger fills the booking slots, and beats a left-to-right one where the verb comes later",
          "[tag][slow]") {
  auto bi = trainer_for(booking(true));
  auto uni = trainer_for(booking(false));
  for (int i = 0; i < 400; ++i) {
    REQUIRE(std::isfinite(bi->step().loss));
    REQUIRE(std::isfinite(uni->step().loss));
  }
  TagEvaluation bi_ev, uni_ev;
  REQUIRE(bi->evaluate(0, bi_ev).is_ok());
  REQUIRE(uni->evaluate(0, uni_ev).is_ok());
  const double bi_after = told_after_accuracy(*bi, bi_ev), uni_after = told_after_accuracy(*uni, uni_ev);
  INFO("bidirectional: accuracy " << bi_ev.score.accuracy() << " span F1 " << bi_ev.score.f1() << " told-after "
                                  << bi_after << "; left to right: accuracy " << uni_ev.score.accuracy()
                                  << " span F1 " << uni_ev.score.f1() << " told-after " << uni_after);
  CHECK(bi_ev.score.f1() > 0.95);
  CHECK(bi_after > 0.95);
  CHECK(uni_after < 0.75);  // about a coin toss between "to" and "from"
  CHECK(uni_ev.score.f1() < bi_ev.score.f1());
}

TEST_CASE("A tagger learns the grammar task's ambiguous words from their context", "[tag]") {
  TagExperiment e;
  e.task = tag::TaskKind::Grammar;
  e.train_size = 800;
  e.held_size = 200;
  e.train.model.hidden = 16;
  e.train.model.embed = 8;
  e.train.batch = 16;
  e.train.optim.lr = 0.01;
  auto t = trainer_for(e);
  for (int i = 0; i < 250; ++i) t->step();
  TagEvaluation ev;
  REQUIRE(t->evaluate(0, ev).is_ok());
  INFO("accuracy " << ev.score.accuracy() << " span F1 " << ev.score.f1() << " loss " << ev.loss);
  CHECK(ev.score.accuracy() > 0.97);
  std::vector<std::string> tokens, tags;
  std::vector<float> probs;
  REQUIRE(t->tag("i book the book", tokens, tags, probs).is_ok());
  CHECK(tags == std::vector<std::string>{"PRON", "VERB", "DET", "NOUN"});
  CHECK(probs.size() == 4 * t->tags().size());
  REQUIRE(t->tag("we can zorp", tokens, tags, probs).is_ok());  // an unseen word reads as <unk>
  CHECK(tags.size() == 3);
  CHECK(!t->tag("   ", tokens, tags, probs));
}

TEST_CASE("Tagger training is deterministic for a seed", "[tag]") {
  TagExperiment e = booking(true);
  e.train_size = 100;
  e.held_size = 20;
  auto a = trainer_for(e), b = trainer_for(e);
  for (int i = 0; i < 10; ++i) CHECK(a->step().loss == b->step().loss);
  e.train.seed = 2;
  auto c = trainer_for(e);
  CHECK(c->step().loss != a->step().loss);
}
