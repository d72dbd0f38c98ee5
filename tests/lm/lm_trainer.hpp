// A char-LM trainer on a text, as the tests build them: the text's vocabulary, its ids, and `c`.
#pragma once
#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

#include "engine/lm/trainer.hpp"

namespace rp::test {

inline std::unique_ptr<Trainer> lm_trainer(const std::string& text, const TrainConfig& c) {
  Vocab vocab;
  REQUIRE(Vocab::from_text(text, vocab).is_ok());
  std::vector<TokenId> ids;
  REQUIRE(vocab.encode(text, ids).is_ok());
  std::unique_ptr<Trainer> t;
  const Status s = Trainer::create(c, vocab, nullptr, ids, t);
  INFO(s.message());
  REQUIRE(s.is_ok());
  return t;
}

}  // namespace rp::test
