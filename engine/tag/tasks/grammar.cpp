// Part-of-speech tagging on a toy grammar, the lectures' other synced many-to-many task. Many words are both
// nouns and verbs ("book", "watch", "fish", "park", "play", "light", "run") and "can" is a noun or an
// auxiliary, so a word alone cannot say its tag: "i book the flight" against "the book is long", "we can fish"
// against "the can is empty". Tags: DET, NOUN, VERB, AUX, ADJ, ADV, PRON, ADP.
#include "engine/core/draw.hpp"
#include "engine/tag/tasks.hpp"

namespace rp::tag {
namespace {

using Words = std::vector<std::string>;

const Words& nouns() {
  static const Words w = {"book", "watch", "fish", "park", "play", "light", "run", "can",
                          "flight", "dog", "city", "film", "river", "song"};
  return w;
}
const Words& verbs() {  // the base form, after a pronoun or an auxiliary
  static const Words w = {"book", "watch", "fish", "park", "play", "light", "run", "see", "read", "love"};
  return w;
}
const Words& verbs_s() {  // after a singular subject
  static const Words w = {"is", "looks", "sounds", "seems"};
  return w;
}
const Words& adjectives() {
  static const Words w = {"long", "cheap", "empty", "bright", "old", "quiet"};
  return w;
}
const Words& adverbs() {
  static const Words w = {"today", "often", "again", "slowly"};
  return w;
}
const Words& pronouns() {
  static const Words w = {"i", "we", "they", "you"};
  return w;
}
const Words& determiners() {
  static const Words w = {"the", "a", "this", "my"};
  return w;
}
const Words& auxiliaries() {
  static const Words w = {"can", "will", "must", "should"};
  return w;
}
const Words& prepositions() {
  static const Words w = {"in", "near", "by", "to"};
  return w;
}

void put(Rng& rng, Sentence& s, const Words& from, const char* tag) {
  s.tokens.push_back(draw::pick(rng, from));
  s.tags.push_back(tag);
}
// DET (ADJ) NOUN
void noun_phrase(Rng& rng, Sentence& s) {
  put(rng, s, determiners(), "DET");
  if (draw::below(rng, 3) == 0) put(rng, s, adjectives(), "ADJ");
  put(rng, s, nouns(), "NOUN");
}

}  // namespace

Sentence draw_grammar(Rng& rng) {
  Sentence s;
  switch (draw::below(rng, 4)) {
    case 0:  // i book the cheap flight (today)
      put(rng, s, pronouns(), "PRON");
      put(rng, s, verbs(), "VERB");
      noun_phrase(rng, s);
      break;
    case 1:  // we can fish (near the river)
      put(rng, s, pronouns(), "PRON");
      put(rng, s, auxiliaries(), "AUX");
      put(rng, s, verbs(), "VERB");
      if (draw::below(rng, 2) == 0) {
        put(rng, s, prepositions(), "ADP");
        noun_phrase(rng, s);
      }
      break;
    case 2:  // the can is empty
      noun_phrase(rng, s);
      put(rng, s, verbs_s(), "VERB");
      put(rng, s, adjectives(), "ADJ");
      break;
    default:  // they watch the play in the park
      put(rng, s, pronouns(), "PRON");
      put(rng, s, verbs(), "VERB");
      noun_phrase(rng, s);
      put(rng, s, prepositions(), "ADP");
      noun_phrase(rng, s);
      break;
  }
  if (draw::below(rng, 4) == 0) put(rng, s, adverbs(), "ADV");
  return s;
}

}  // namespace rp::tag
