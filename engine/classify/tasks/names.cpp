// Names in two invented phonotactic styles: Velari (open syllables of soft consonants, long vowel sounds,
// endings like -iel, -wen) and Korrik (clusters and hard closed syllables, endings like -ak, -rok). They share
// some letters (a, o, r, d, m), so single letters are not enough.
#include "engine/classify/tasks.hpp"
#include "engine/core/draw.hpp"

namespace rp::classify {
namespace {

using Parts = std::vector<std::string>;

std::string velari(Rng& rng) {
  static const Parts onsets = {"l", "r", "v", "n", "m", "s", "th", "el", "f", "d"};
  static const Parts vowels = {"a", "e", "i", "ia", "ae", "o", "ei"};
  static const Parts endings = {"a", "iel", "wen", "ith", "ara", "e", "anor", "iel", "is", "ondel"};
  std::string name;
  const int syllables = draw::between(rng, 1, 3);
  for (int s = 0; s < syllables; ++s) name += draw::pick(rng, onsets) + draw::pick(rng, vowels);
  return name + draw::pick(rng, endings);
}

std::string korrik(Rng& rng) {
  static const Parts onsets = {"k", "g", "d", "t", "b", "z", "kr", "gr", "dr", "br", "m", "r"};
  static const Parts vowels = {"o", "u", "a", "u"};
  static const Parts codas = {"k", "g", "rk", "z", "d", "x", "rr", "m", "t"};
  static const Parts endings = {"ak", "rok", "dar", "mor", "ug", "ash", "", "ok"};
  std::string name;
  const int syllables = draw::between(rng, 1, 2);
  for (int s = 0; s < syllables; ++s) name += draw::pick(rng, onsets) + draw::pick(rng, vowels) + draw::pick(rng, codas);
  return name + draw::pick(rng, endings);
}

}  // namespace

std::string draw_name(Rng& rng, int label, int, int) { return label == 0 ? velari(rng) : korrik(rng); }

}  // namespace rp::classify
