// The lectures' slot filling for a ticket booking: "arrive Oulu on November 2nd" tags Oulu as the destination
// and "leave Oulu on November 2nd" as the place of departure, so the same word's slot depends on the words
// around it (BIO tags: B- begins a slot, I- continues it, O is outside every slot). About a third of the
// sentences say the verb after the city ("Oulu is where I arrive"): only a tagger that also reads right to
// left (bidirectional) can tag those cities, which the lectures' "I wanted ___ to call me" is about.
#include "engine/core/draw.hpp"
#include "engine/tag/tasks.hpp"

namespace rp::tag {
namespace {

using Words = std::vector<std::string>;

const std::vector<Words>& cities() {
  static const std::vector<Words> w = {{"oulu"},  {"taipei"}, {"helsinki"}, {"paris"}, {"lima"},  {"tokyo"},
                                       {"cairo"}, {"oslo"},   {"new", "york"}, {"hong", "kong"}, {"san", "diego"},
                                       {"rio", "de", "janeiro"}};
  return w;
}
const Words& months() {
  static const Words w = {"january", "march", "may", "june", "august", "october", "november", "december"};
  return w;
}
const Words& days() {
  static const Words w = {"1st", "2nd", "3rd", "4th", "9th", "12th", "21st", "30th"};
  return w;
}
const Words& weekdays() {
  static const Words w = {"monday", "tuesday", "friday", "sunday"};
  return w;
}

// Appends words with their BIO tags for `slot` ("" for outside).
void put(Sentence& s, const Words& words, const std::string& slot) {
  for (size_t i = 0; i < words.size(); ++i) {
    s.tokens.push_back(words[i]);
    s.tags.push_back(slot.empty() ? "O" : (i == 0 ? "B-" : "I-") + slot);
  }
}
void put_city(Rng& rng, Sentence& s, const std::string& slot) { put(s, draw::pick(rng, cities()), slot); }
void put_date(Rng& rng, Sentence& s) {
  switch (draw::below(rng, 3)) {
    case 0: put(s, {draw::pick(rng, months()), draw::pick(rng, days())}, "date"); break;
    case 1: put(s, {"the", draw::pick(rng, days()), "of", draw::pick(rng, months())}, "date"); break;
    default: put(s, {"next", draw::pick(rng, weekdays())}, "date"); break;
  }
}
// " on <date>" half of the time.
void maybe_date(Rng& rng, Sentence& s) {
  if (draw::below(rng, 2) == 0) return;
  put(s, {"on"}, "");
  put_date(rng, s);
}

}  // namespace

Sentence draw_booking(Rng& rng) {
  Sentence s;
  const bool arrive = draw::below(rng, 2) == 1;
  const std::string slot = arrive ? "to" : "from";
  const Words verb = {arrive ? "arrive" : "leave"};
  switch (draw::below(rng, 6)) {
    case 0:  // arrive oulu on november 2nd
      put(s, verb, "");
      put_city(rng, s, slot);
      maybe_date(rng, s);
      break;
    case 1:  // i want to arrive in oulu on ...
      put(s, {"i", "want", "to"}, "");
      put(s, verb, "");
      put(s, {arrive ? "in" : "from"}, "");
      put_city(rng, s, slot);
      maybe_date(rng, s);
      break;
    case 2:  // fly from taipei to oulu on ...
      put(s, {"fly", "from"}, "");
      put_city(rng, s, "from");
      put(s, {"to"}, "");
      put_city(rng, s, "to");
      maybe_date(rng, s);
      break;
    case 3:  // oulu is where i arrive on ...: the slot is told after the city
      put_city(rng, s, slot);
      put(s, {"is", "where", "i"}, "");
      put(s, verb, "");
      maybe_date(rng, s);
      break;
    case 4:  // on november 2nd oulu is the city i leave
      put(s, {"on"}, "");
      put_date(rng, s);
      put_city(rng, s, slot);
      put(s, {"is", "the", "city", "i"}, "");
      put(s, verb, "");
      break;
    default:  // book oulu as my destination
      put(s, {"book"}, "");
      put_city(rng, s, slot);
      put(s, {"as", "my", arrive ? "destination" : "departure"}, "");
      maybe_date(rng, s);
      break;
  }
  return s;
}

}  // namespace rp::tag
