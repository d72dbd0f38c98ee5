// The lectures' order-sensitive sentiment: "the film is not good, it's bad" is negative and "the film is good,
// it's not bad" positive, with the same words. Most reviews are two contrasting clauses (the first adjective's
// polarity, flipped by a "not" before it, is the label, and the second clause says it again the other way),
// so every bag of words occurs in both classes; a few are one clause.
#include "engine/classify/tasks.hpp"
#include "engine/core/draw.hpp"

namespace rp::classify {
namespace {

using Words = std::vector<std::string>;

const Words& subjects() {
  static const Words w = {"the film", "the movie", "the book", "the plot", "the show", "the meal",
                          "the song", "the acting", "this play", "the ending", "the cast", "the story"};
  return w;
}
const Words& verbs() {
  static const Words w = {"is", "was", "seems", "felt"};
  return w;
}
const Words& adjectives(bool positive) {
  static const Words good = {"good", "great", "fun", "lovely", "clever", "superb", "brilliant", "charming"};
  static const Words bad = {"bad", "dull", "awful", "boring", "poor", "weak", "clumsy", "bland"};
  return positive ? good : bad;
}
const Words& intensifiers() {
  static const Words w = {"", "", "really ", "very ", "quite "};
  return w;
}
const Words& restatements() {
  static const Words w = {", it's ", ", it is ", "; it's ", ", honestly it's ", ", really it's "};
  return w;
}

std::string clause(Rng& rng, bool positive_word, bool negated) {
  return std::string(negated ? "not " : "") + draw::pick(rng, intensifiers()) + draw::pick(rng, adjectives(positive_word));
}

}  // namespace

std::string draw_sentiment(Rng& rng, int label, int, int) {
  const bool positive = label == 1;
  const bool first_word = draw::below(rng, 2) == 1;  // the first adjective's own polarity
  std::string text = draw::pick(rng, subjects()) + " " + draw::pick(rng, verbs()) + " " +
                     clause(rng, first_word, first_word != positive);
  if (draw::below(rng, 10) < 7) text += draw::pick(rng, restatements()) + clause(rng, !first_word, first_word == positive);
  return text;
}

}  // namespace rp::classify
