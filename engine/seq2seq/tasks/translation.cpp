// translate: a toy English-like SVO language into an invented SOV language.
//
// Source grammar:
//   S    -> NP_subj VERB NP_obj [PREP NP_place]
//   NP   -> DET [ADJ] NOUN          DET: singular "the" | "a"/"an" (an before a vowel), plural "the" | "some"
//   VERB agrees with the subject:   "sees" after a singular subject, "see" after a plural one
// Target grammar (every source sentence has exactly one translation, and the other way round):
//   S    -> NP_subj [NP_place POSTPOSITION] NP_obj-o VERB-ta|-tu
//   NP   -> NOUN-suffix [ADJ]        suffix: the+singular "-ka", a+singular "-ne", the+plural "-kar",
//                                    some+plural "-nir"
//   The object NP's last word takes "-o"; the verb takes "-ta" for a singular subject, "-tu" for a plural.
// Example: "the big dog sees some cats under an old tree"
//       -> "vuma-ka grom nolu-ne ebo pem miso-nir-o nami-ta"
// Sources have 5 words (no adjectives, no place) up to 11; each target has 3 fewer words (no determiners)
// when there is a place phrase, 2 fewer without one.
#include <memory>
#include <string>
#include <vector>

#include "engine/seq2seq/tasks/draw.hpp"
#include "engine/seq2seq/tasks/generator.hpp"

namespace rp::seq2seq::detail {

namespace {

struct Noun {
  const char* singular;
  const char* plural;
  const char* target;
};
constexpr Noun kNouns[] = {
    {"dog", "dogs", "vuma"},           {"cat", "cats", "miso"},       {"bird", "birds", "tiri"},
    {"fox", "foxes", "rako"},          {"horse", "horses", "halun"},  {"mouse", "mice", "pimi"},
    {"child", "children", "nelo"},     {"man", "men", "doran"},       {"woman", "women", "seli"},
    {"farmer", "farmers", "grotu"},    {"teacher", "teachers", "amaki"}, {"owl", "owls", "huhu"},
    {"king", "kings", "basar"},        {"queen", "queens", "belis"},  {"wolf", "wolves", "garu"},
    {"goose", "geese", "konki"},       {"baby", "babies", "lulu"},    {"frog", "frogs", "kwapi"},
    {"rabbit", "rabbits", "simsi"},    {"tree", "trees", "nolu"},
};
struct Verb {
  const char* plural;    // "see": after a plural subject
  const char* singular;  // "sees": after a singular subject
  const char* target;
};
constexpr Verb kVerbs[] = {
    {"see", "sees", "nami"},       {"like", "likes", "sula"},   {"chase", "chases", "dopa"},
    {"follow", "follows", "teki"}, {"find", "finds", "ruka"},   {"hear", "hears", "obu"},
    {"watch", "watches", "wesa"},  {"carry", "carries", "hoka"}, {"help", "helps", "ibri"},
    {"push", "pushes", "zuno"},
};
struct Word {
  const char* source;
  const char* target;
};
constexpr Word kAdjectives[] = {
    {"big", "grom"},   {"small", "lit"}, {"old", "ebo"},    {"red", "rua"},
    {"happy", "fenu"}, {"lazy", "molo"}, {"clever", "kiza"}, {"angry", "ushi"},
};
constexpr Word kPrepositions[] = {
    {"near", "lo"}, {"under", "pem"}, {"behind", "zat"}, {"beside", "ven"}, {"above", "kur"},
};
constexpr uint64_t kNounCount = sizeof(kNouns) / sizeof(kNouns[0]);
constexpr uint64_t kVerbCount = sizeof(kVerbs) / sizeof(kVerbs[0]);
constexpr uint64_t kAdjectiveCount = sizeof(kAdjectives) / sizeof(kAdjectives[0]);
constexpr uint64_t kPrepositionCount = sizeof(kPrepositions) / sizeof(kPrepositions[0]);

// Which optional parts a sentence has; the 12 shapes give 5..11 source words.
struct Shape {
  bool subject_adj = false, object_adj = false, place = false, place_adj = false;
  int words() const { return 5 + subject_adj + object_adj + (place ? 3 + place_adj : 0); }
};

std::vector<Shape> shapes_within(int min_words, int max_words) {
  std::vector<Shape> shapes;
  for (int place = 0; place < 3; ++place)
    for (int s = 0; s < 2; ++s)
      for (int o = 0; o < 2; ++o) {
        Shape shape;
        shape.subject_adj = s == 1;
        shape.object_adj = o == 1;
        shape.place = place > 0;
        shape.place_adj = place == 2;
        if (shape.words() >= min_words && shape.words() <= max_words) shapes.push_back(shape);
      }
  return shapes;
}

struct NounPhrase {
  int noun = 0, adj = -1;  // adj -1: none
  bool plural = false, definite = false;
};

uint64_t phrase_count(bool with_adj) { return 4 * kNounCount * (with_adj ? kAdjectiveCount : 1); }

uint64_t shape_count(const Shape& s) {
  uint64_t n = phrase_count(s.subject_adj) * kVerbCount * phrase_count(s.object_adj);
  if (s.place) n *= kPrepositionCount * phrase_count(s.place_adj);
  return n;
}

// Mixed-radix decoding; `index` is consumed.
NounPhrase phrase_at(uint64_t& index, bool with_adj) {
  NounPhrase p;
  p.plural = index % 2 == 1;
  index /= 2;
  p.definite = index % 2 == 1;
  index /= 2;
  p.noun = int(index % kNounCount);
  index /= kNounCount;
  if (with_adj) {
    p.adj = int(index % kAdjectiveCount);
    index /= kAdjectiveCount;
  }
  return p;
}

NounPhrase phrase_sample(Rng& rng, bool with_adj) {
  NounPhrase p;
  p.plural = below(rng, 2) == 1;
  p.definite = below(rng, 2) == 1;
  p.noun = int(below(rng, kNounCount));
  if (with_adj) p.adj = int(below(rng, kAdjectiveCount));
  return p;
}

struct Sentence {
  NounPhrase subject, object, place;
  int verb = 0, preposition = -1;  // preposition -1: no place phrase
};

void add_word(std::string& out, const std::string& word) {
  if (!out.empty()) out += ' ';
  out += word;
}

void english_phrase(const NounPhrase& p, std::string& out) {
  const Noun& noun = kNouns[p.noun];
  const std::string head = p.adj >= 0 ? kAdjectives[p.adj].source : (p.plural ? noun.plural : noun.singular);
  const bool vowel = head.find_first_of("aeiou") == 0;
  add_word(out, p.plural ? (p.definite ? "the" : "some") : (p.definite ? "the" : (vowel ? "an" : "a")));
  if (p.adj >= 0) add_word(out, kAdjectives[p.adj].source);
  add_word(out, p.plural ? noun.plural : noun.singular);
}

void target_phrase(const NounPhrase& p, bool object, std::string& out) {
  static const char* const kSuffixes[2][2] = {{"-ne", "-ka"}, {"-nir", "-kar"}};  // [plural][definite]
  std::string words = std::string(kNouns[p.noun].target) + kSuffixes[p.plural][p.definite];
  if (p.adj >= 0) words += std::string(" ") + kAdjectives[p.adj].target;
  if (object) words += "-o";  // on the phrase's last word, adjective or noun
  add_word(out, words);
}

Example render(const Sentence& s) {
  Example e;
  english_phrase(s.subject, e.source);
  add_word(e.source, s.subject.plural ? kVerbs[s.verb].plural : kVerbs[s.verb].singular);
  english_phrase(s.object, e.source);
  target_phrase(s.subject, false, e.target);
  if (s.preposition >= 0) {
    add_word(e.source, kPrepositions[s.preposition].source);
    english_phrase(s.place, e.source);
    target_phrase(s.place, false, e.target);
    add_word(e.target, kPrepositions[s.preposition].target);
  }
  target_phrase(s.object, true, e.target);
  add_word(e.target, std::string(kVerbs[s.verb].target) + (s.subject.plural ? "-tu" : "-ta"));
  return e;
}

Example sentence_at(const std::vector<Shape>& shapes, uint64_t index) {
  Shape shape;
  for (const Shape& s : shapes) {
    shape = s;
    if (index < shape_count(s)) break;
    index -= shape_count(s);
  }
  Sentence sentence;
  sentence.subject = phrase_at(index, shape.subject_adj);
  sentence.verb = int(index % kVerbCount);
  index /= kVerbCount;
  sentence.object = phrase_at(index, shape.object_adj);
  if (shape.place) {
    sentence.preposition = int(index % kPrepositionCount);
    index /= kPrepositionCount;
    sentence.place = phrase_at(index, shape.place_adj);
  }
  return render(sentence);
}

Example sentence_sample(const std::vector<Shape>& shapes, Rng& rng) {
  // Shape first, uniformly, so every allowed sentence length is common.
  const Shape& shape = shapes[below(rng, shapes.size())];
  Sentence sentence;
  sentence.subject = phrase_sample(rng, shape.subject_adj);
  sentence.verb = int(below(rng, kVerbCount));
  sentence.object = phrase_sample(rng, shape.object_adj);
  if (shape.place) {
    sentence.preposition = int(below(rng, kPrepositionCount));
    sentence.place = phrase_sample(rng, shape.place_adj);
  }
  return render(sentence);
}

class Translation final : public Generator {
 public:
  explicit Translation(const TaskSpec& spec) : shapes_(shapes_within(spec.min_len, spec.max_len)) {}

  uint64_t size() const override {
    uint64_t n = 0;
    for (const Shape& s : shapes_) n = sat_add(n, shape_count(s));
    return n;
  }

  Example sample(Rng& rng) const override { return sentence_sample(shapes_, rng); }

  Example at(uint64_t index) const override { return sentence_at(shapes_, index); }

 private:
  std::vector<Shape> shapes_;
};

}  // namespace

std::unique_ptr<Generator> translation_generator(const TaskSpec& spec) {
  return std::make_unique<Translation>(spec);
}

}  // namespace rp::seq2seq::detail
