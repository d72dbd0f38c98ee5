// The char-LM checkpoint loader on arbitrary bytes (checkpoint_target.hpp says what is checked), and a file
// with training state opened as the page opens it: a session on a text of the file's own characters, with
// its optimizer state, stream position and carried state restored or refused with a notice.
#include <string>

#include "engine/lm/checkpoint.hpp"
#include "engine/lm/estimate.hpp"
#include "engine/lm/session.hpp"
#include "tests/fuzz/checkpoint_target.hpp"

using namespace rp;

namespace {

int64_t estimated_params(const CharLM<float>& m) {
  TrainConfig c;
  c.model = m.config();
  return estimate_lm(c, m.config().vocab).params;
}

// Sessions this target opens stay small so that an execution costs milliseconds; the session's refusal of
// what is over its budget is tested in tests/lm/test_session.cpp.
constexpr double kMaxSessionBytes = 64 << 20;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const fuzz::CheckpointFamily<CharLM<float>> family{import_char_lm, export_char_lm, estimated_params};
  Vocab vocab;
  auto model = fuzz::fuzz_checkpoint(data, size, family, vocab);
  if (!model) return 0;
  safetensors::File file;
  safetensors::parse(data, size, file);
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
