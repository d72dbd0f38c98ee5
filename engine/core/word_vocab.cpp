#include "engine/core/word_vocab.hpp"

#include <algorithm>
#include <set>

#include "engine/core/json.hpp"
#include "engine/core/utf8.hpp"

namespace rp {

Status WordVocab::from_list(std::vector<std::string> words, WordVocab& out) {
  if (words.empty() || words[0] != kUnknown) return Status::error("word vocabulary must start with \"<unk>\"");
  if (words.size() > size_t(kMaxWords))
    return Status::error("word vocabulary has more than " + std::to_string(kMaxWords) + " words");
  WordVocab v;
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    std::u32string decoded;
    if (w.empty() || w.size() > 1000 || !utf8::decode(w, decoded).is_ok())
      return Status::error("word vocabulary entry " + std::to_string(i) + " is not a word of valid UTF-8");
    if (w.find_first_of(" \t\r\n") != std::string::npos)
      return Status::error("word vocabulary entry " + std::to_string(i) + " holds a space");
    if (!v.index_.emplace(w, TokenId(i)).second)
      return Status::error("word vocabulary lists '" + w + "' twice");
  }
  v.words_ = std::move(words);
  out = std::move(v);
  return Status::ok();
}

Status WordVocab::from_sentences(const std::vector<std::vector<std::string>>& sentences, WordVocab& out) {
  std::set<std::string> distinct;
  for (const auto& s : sentences) distinct.insert(s.begin(), s.end());
  distinct.erase(kUnknown);  // a literal "<unk>" in the data reads as the unknown word
  std::vector<std::string> words = {kUnknown};
  words.insert(words.end(), distinct.begin(), distinct.end());
  return from_list(std::move(words), out);
}

Status WordVocab::from_json(std::string_view json_array, WordVocab& out) {
  json::Value v;
  Status s = json::parse(json_array, v);
  if (!s) return Status::error("words: " + s.message());
  if (!v.is_array()) return Status::error("words must be a JSON array of strings");
  std::vector<std::string> words;
  for (const auto& item : v.array) {
    if (!item.is_string()) return Status::error("words must be a JSON array of strings");
    words.push_back(item.string);
  }
  return from_list(std::move(words), out);
}

TokenId WordVocab::encode(const std::string& word) const {
  auto it = index_.find(word);
  return it == index_.end() ? kUnknownId : it->second;
}

std::string WordVocab::to_json() const {
  json::Value a = json::Value::make_array();
  for (const auto& w : words_) a.array.push_back(json::Value::from_string(w));
  return json::dump(a);
}

std::vector<std::string> split_tokens(std::string_view text) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    const size_t start = i;
    while (i < text.size() && text[i] != ' ' && text[i] != '\t') ++i;
    if (i > start) out.emplace_back(text.substr(start, i - start));
  }
  return out;
}

}  // namespace rp
