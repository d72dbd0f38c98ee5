// The char-LM checkpoint loader on arbitrary bytes (checkpoint_target.hpp says what is checked), also after
// completing the metadata of a file without it as the page does for PyTorch's state_dicts (from the shapes,
// and the vocabulary from a text with as many distinct characters as the head has rows); and a file with
// training state opened as the page opens it: a session on a text of the file's own characters, with its
// optimizer state, stream position and carried state restored or refused with a notice.
#include <string>

#include "engine/core/utf8.hpp"
#include "engine/lm/checkpoint.hpp"
#include "engine/lm/estimate.hpp"
#include "engine/lm/pytorch_file.hpp"
#include "engine/lm/session.hpp"
#include "tests/fuzz/checkpoint_target.hpp"

using namespace rp;

namespace {

int64_t estimated_params(const CharLM<float>& m) {
  TrainConfig c;
  c.model = m.config();
  return estimate_lm(c, m.config().vocab).params;
}

bool header_agrees(const safetensors::File& header, const CharLM<float>& m) {
  CharLMConfig c;
  Vocab v;
  return read_char_lm_config(header, c, v).is_ok() && c.vocab == m.config().vocab && c.hidden == m.config().hidden &&
         c.layers == m.config().layers && c.embed == m.config().embed && c.cell == m.config().cell;
}

// Sessions this target opens stay small so that an execution costs milliseconds; the session's refusal of
// what is over its budget is tested in tests/lm/test_session.cpp.
constexpr double kMaxSessionBytes = 64 << 20;

// A text of `n` distinct characters (what a PyTorch file's vocabulary is read from).
std::string distinct_chars(int64_t n) {
  std::string text;
  for (int64_t i = 0; i < n; ++i) utf8::append(char32_t(0x100 + i), text);
  return text;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const fuzz::CheckpointFamily<CharLM<float>> family{import_char_lm, export_char_lm, estimated_params,
                                                            header_agrees};
  safetensors::File file;
  if (!safetensors::parse(data, size, file)) return 0;
  if (!file.meta("model")) {
    const safetensors::Tensor* head = file.find("head.weight");
    const int64_t rows = head && head->shape.size() == 2 ? head->shape[0] : 0;
    std::string notice;
    if (!complete_char_lm_metadata(file, rows > 0 && rows <= 4096 ? distinct_chars(rows) : "", notice)) return 0;
    FUZZ_CHECK(!notice.empty() && file.meta("model"), "a completed file says how and names its model");
  }
  Vocab vocab;
  auto model = fuzz::fuzz_checkpoint(file, data, size, family, vocab);
  if (!model) return 0;
  TrainConfig config;
  if (!has_training_state(file) || !read_train_config(file, config)) return 0;
  config.model = model->config();
  if (estimate_lm(config, vocab.size()).bytes > kMaxSessionBytes) return 0;
  // Every character of the vocabulary, repeated until the file's batch of windows fits once.
  std::string alphabet;
  for (TokenId id = 0; id < vocab.size(); ++id) alphabet += vocab.decode(id);
  std::string text;
  for (int64_t chars = 0; chars <= int64_t(config.seq + 1) * config.batch; chars += vocab.size()) text += alphabet;
  CharLMSession session;
  SessionInfo info;
  if (!session.import_checkpoint(data, size, text, 0.0, "{}", info)) return 0;
  ChunkResult chunk;
  FUZZ_CHECK(session.train(1, chunk).is_ok(), "an opened model trains");
  return 0;
}
