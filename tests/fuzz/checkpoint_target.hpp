// What every family's checkpoint target checks, so a new family's target is its loader, its writer and its
// estimator in one small file (see fuzz_lm_checkpoint.cpp). On arbitrary bytes: the check the sessions make
// on the header alone (before paying for the tensors) passes for every file the loader accepts, with the
// same model; a file the loader accepts holds exactly the parameters the family's estimator counts for its
// configuration; and the model written back loads again to the same bytes.
#pragma once
#include <cstdint>
#include <memory>
#include <vector>

#include "engine/core/vocab.hpp"
#include "engine/io/safetensors.hpp"
#include "tests/fuzz/fuzz_check.hpp"

namespace rp::fuzz {

template <class Model> struct CheckpointFamily {
  Status (*load)(const safetensors::File&, std::unique_ptr<Model>&, Vocab&);
  void (*save)(const Model&, const Vocab&, safetensors::File&);
  int64_t (*estimated_params)(const Model&);  // the family's estimate for the loaded model's configuration
  // The family's header-only check (read_<family>_config): true when it passes with `model`'s configuration.
  bool (*header_agrees)(const safetensors::File& header, const Model& model);
};

// The loaded model (or null when the bytes were refused), for the family's own further checks.
template <class Model>
std::unique_ptr<Model> fuzz_checkpoint(const uint8_t* data, size_t size, const CheckpointFamily<Model>& family,
                                       Vocab& vocab) {
  safetensors::File file;
  if (!safetensors::parse(data, size, file)) return nullptr;
  return fuzz_checkpoint(file, data, size, family, vocab);
}

// The same on a file already parsed from `data` (which a family may have completed, as the page does with a
// PyTorch file's missing metadata).
template <class Model>
std::unique_ptr<Model> fuzz_checkpoint(const safetensors::File& file, const uint8_t* data, size_t size,
                                       const CheckpointFamily<Model>& family, Vocab& vocab) {
  std::unique_ptr<Model> model;
  if (!family.load(file, model, vocab)) {
    FUZZ_CHECK(!model, "a refused file leaves no model");
    return nullptr;
  }
  FUZZ_CHECK(model->params().count() == family.estimated_params(*model), "parameters == the estimator's count");
  safetensors::File header;
  FUZZ_CHECK(safetensors::parse_header(data, size, header).is_ok(), "a file that parses has a header that parses");
  header.metadata = file.metadata;
  FUZZ_CHECK(family.header_agrees(header, *model), "the header-only check accepts what the loader accepts");
  safetensors::File written;
  family.save(*model, vocab, written);
  const std::vector<uint8_t> bytes = safetensors::serialize(written);
  safetensors::File reread;
  FUZZ_CHECK(safetensors::parse(bytes.data(), bytes.size(), reread).is_ok(), "a written model parses");
  std::unique_ptr<Model> again;
  Vocab again_vocab;
  FUZZ_CHECK(family.load(reread, again, again_vocab).is_ok(), "a written model loads");
  safetensors::File rewritten;
  family.save(*again, again_vocab, rewritten);
  FUZZ_CHECK(safetensors::serialize(rewritten) == bytes, "load(save(model)) saves the same bytes");
  return model;
}

// Sessions the targets open generate few examples, so that an execution costs milliseconds.
constexpr int kMaxSessionExamples = 400;

// Whether a session should open a file the loader accepted, as the page does, and on which experiment: the
// file's own (parse: the family's parser), on a generated task (the fuzzer has no pairs file) of at most
// kMaxSessionExamples examples.
template <class E, class Parse, class Kind>
bool session_experiment(const safetensors::File& file, Parse parse, Kind pairs_kind, E& e) {
  const std::string* stored = file.meta("experiment");
  return stored && parse(*stored, e).is_ok() && e.task.kind != pairs_kind &&
         e.train_size + e.held_size <= kMaxSessionExamples;
}

}  // namespace rp::fuzz
