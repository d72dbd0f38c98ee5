// A word vocabulary, for families that read whole tokens (the tagger): "<unk>" at id 0, then the training
// tokens' distinct words sorted by code point. A word the model never saw reads as <unk>, so held-out and
// typed text always encodes. Stored in checkpoints as a JSON array of strings in index order.
#pragma once
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/core/dims.hpp"
#include "engine/core/status.hpp"

namespace rp {

class WordVocab {
 public:
  static constexpr const char* kUnknown = "<unk>";
  static constexpr TokenId kUnknownId = 0;
  static constexpr int kMaxWords = 200000;

  // From every sentence's tokens (UTF-8 words, no spaces).
  static Status from_sentences(const std::vector<std::vector<std::string>>& sentences, WordVocab& out);
  static Status from_json(std::string_view json_array, WordVocab& out);

  int size() const { return int(words_.size()); }
  const std::string& word(TokenId id) const { return words_[size_t(id)]; }
  TokenId encode(const std::string& word) const;  // kUnknownId when unseen
  std::string to_json() const;

 private:
  static Status from_list(std::vector<std::string> words, WordVocab& out);  // words[0] must be <unk>

  std::vector<std::string> words_;
  std::unordered_map<std::string, TokenId> index_;
};

// Splits a line of text into its space-separated tokens (runs of spaces and tabs count as one separator).
std::vector<std::string> split_tokens(std::string_view text);

}  // namespace rp
