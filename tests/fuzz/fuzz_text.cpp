// A training text on arbitrary bytes, as the command line reads a --text file (check_text, the in-memory half
// of read_text) and as the page's session takes it (a tiny model configured on it). A text either is refused
// by both with a message or trains in the session, and its vocabulary is the one the session reports.
#include <cstdint>
#include <string>

#include "engine/cli/files.hpp"
#include "engine/core/vocab.hpp"
#include "engine/lm/session.hpp"
#include "tests/fuzz/fuzz_check.hpp"

using namespace rp;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const bool readable = cli::check_text(text, "text").is_ok();
  // A model small enough that a step costs microseconds; the first byte picks the held-out fraction.
  const double held_out = size ? (data[0] % 6) / 10.0 : 0.1;
  CharLMSession session;
  SessionInfo info;
  const Status s = session.configure(R"({"hidden":4,"seq":3,"batch":2,"cell":"gru"})", text, held_out, info);
  if (!readable) {
    FUZZ_CHECK(!s, "a text the command line refuses, the session refuses too");
    return 0;
  }
  if (!s) return 0;  // e.g. too short for a window of three characters after the held-out split
  Vocab vocab;
  FUZZ_CHECK(Vocab::from_text(text, vocab).is_ok() && vocab.to_json() == info.vocab_json,
             "the session's vocabulary is the text's");
  ChunkResult chunk;
  FUZZ_CHECK(session.train(2, chunk).is_ok(), "a configured session trains");
  double loss = 0;
  if (held_out > 0) session.held_out_loss(loss);
  return 0;
}
