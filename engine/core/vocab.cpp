#include "engine/core/vocab.hpp"

#include <algorithm>

#include "engine/core/json.hpp"
#include "engine/core/utf8.hpp"

namespace rp {

Status Vocab::from_text(std::string_view utf8, Vocab& out) {
  std::u32string text;
  RP_TRY(utf8::decode(utf8, text));
  std::sort(text.begin(), text.end());
  text.erase(std::unique(text.begin(), text.end()), text.end());
  return from_chars(text, out);
}

Status Vocab::from_chars(const std::u32string& chars, Vocab& out) {
  if (chars.size() > 65536) return Status::error("vocabulary has more than 65536 characters");
  Vocab v;
  v.chars_ = chars;
  for (size_t i = 0; i < chars.size(); ++i) {
    if (chars[i] > 0x10FFFF || (chars[i] >= 0xD800 && chars[i] <= 0xDFFF))
      return Status::error("vocabulary entry " + std::to_string(i) + " is not a Unicode scalar value");
    if (!v.index_.emplace(chars[i], TokenId(i)).second)
      return Status::error("vocabulary lists " + utf8::describe(chars[i]) + " twice");
  }
  out = std::move(v);
  return Status::ok();
}

Status Vocab::from_json(std::string_view json_array, Vocab& out) {
  json::Value v;
  Status s = json::parse(json_array, v);
  if (!s) return Status::error("vocab: " + s.message());
  if (!v.is_array()) return Status::error("vocab must be a JSON array of one-character strings");
  std::u32string chars;
  for (size_t i = 0; i < v.array.size(); ++i) {
    std::u32string one;
    if (!v.array[i].is_string() || !utf8::decode(v.array[i].string, one).is_ok() || one.size() != 1)
      return Status::error("vocab entry " + std::to_string(i) + " is not a one-character string");
    chars.push_back(one[0]);
  }
  return from_chars(chars, out);
}

bool Vocab::find(char32_t c, TokenId& id) const {
  auto it = index_.find(c);
  if (it == index_.end()) return false;
  id = it->second;
  return true;
}

Status Vocab::encode(std::string_view utf8, std::vector<TokenId>& out) const {
  std::u32string text;
  RP_TRY(utf8::decode(utf8, text));
  out.clear();
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    TokenId id;
    if (!find(text[i], id))
      return Status::error("character " + utf8::describe(text[i]) + " at position " + std::to_string(i) +
                           " is not in the model's vocabulary");
    out.push_back(id);
  }
  return Status::ok();
}

std::string Vocab::decode(TokenId id) const {
  std::string s;
  if (id >= 0 && id < size()) utf8::append(chars_[id], s);
  return s;
}

std::string Vocab::decode(const std::vector<TokenId>& ids) const {
  std::string s;
  for (TokenId id : ids)
    if (id >= 0 && id < size()) utf8::append(chars_[id], s);
  return s;
}

std::string Vocab::to_json() const {
  std::vector<std::string> items;
  for (char32_t c : chars_) {
    std::string s;
    utf8::append(c, s);
    items.push_back(s);
  }
  return json::string_array(items);
}

}  // namespace rp
