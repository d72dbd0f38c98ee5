// A character vocabulary: Unicode code points (not bytes) in index order. Built from a training text as its
// distinct characters sorted by code point; stored in checkpoints as a JSON array of one-character strings.
#pragma once
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/core/dims.hpp"
#include "engine/core/status.hpp"

namespace rp {

class Vocab {
 public:
  static Status from_text(std::string_view utf8, Vocab& out);
  static Status from_chars(const std::u32string& chars, Vocab& out);  // index order; must be distinct
  static Status from_json(std::string_view json_array, Vocab& out);

  int size() const { return static_cast<int>(chars_.size()); }
  const std::u32string& chars() const { return chars_; }
  bool find(char32_t c, TokenId& id) const;
  // Fails on invalid UTF-8 or a character outside the vocabulary, naming it and its position.
  Status encode(std::string_view utf8, std::vector<TokenId>& out) const;
  std::string decode(TokenId id) const;
  std::string decode(const std::vector<TokenId>& ids) const;
  std::string to_json() const;
  // Where generation starts without a prime: the newline if the vocabulary has one, else the first character.
  TokenId start_id() const {
    TokenId id = 0;
    find(U'\n', id);
    return id;
  }

 private:
  std::u32string chars_;
  std::unordered_map<char32_t, TokenId> index_;
};

}  // namespace rp
