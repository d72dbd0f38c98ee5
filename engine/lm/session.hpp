// The page's view of a char-LM experiment, as plain C++: configure from a validated JSON config and a text,
// train a chunk of steps per call, sample, probe, export and import checkpoints. Every call validates its
// input and returns a Status, so nothing the page sends can abort the WebAssembly module. bindings.cpp turns
// this class into JavaScript objects and typed arrays; it is also compiled natively and tested there.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "engine/lm/checkpoint.hpp"
#include "engine/lm/sampler.hpp"
#include "engine/lm/trainer.hpp"

namespace rp {

struct SessionInfo {
  std::string config_json;  // the configuration in force, normalised (defaults filled in)
  std::string vocab_json;   // JSON array of the vocabulary's characters in index order
  int vocab_size = 0;
  int64_t train_chars = 0, held_chars = 0;
  int64_t params = 0;
  int64_t step = 0;         // optimizer steps so far (non-zero after importing training state)
  std::string notice;       // something the user should know that did not stop the call
};

// Introspection of a probe text run from a zero state (B = 1).
struct Probe {
  int steps = 0, layers = 0, hidden = 0, gates = 0;
  std::vector<float> hidden_states;  // [L, T, H]
  std::vector<float> cell_states;    // [L, T, H] (LSTM family; empty otherwise)
  std::vector<float> gate_values;    // [L, T, G*H] post-activation, PyTorch gate order
  std::vector<float> char_loss;      // [T-1] nats of predicting character t+1 after t
};

constexpr int64_t kMaxSessionText = int64_t(16) << 20;  // characters the page may train on
constexpr int kMaxProbeText = 4096;

class CharLMSession {
 public:
  // held_out: fraction of the text (its end) kept for the held-out loss, 0 to 0.5. configure and
  // import_checkpoint keep the current model when they refuse, unless the new one passed every check and the
  // two would not fit in the heap together (kHeapRoom): then the old one goes first.
  Status configure(const std::string& config_json, const std::string& text, double held_out, SessionInfo& info);
  bool ready() const { return trainer_ != nullptr; }

  Status train(int steps, ChunkResult& out);
  Status set_learning_rate(double lr);  // the model and optimizer state stay
  Status held_out_loss(double& loss);
  Status sample(const std::string& prime, int length, const SampleOptions& options, std::string& out);
  // Next-character distribution [V] after reading `text` from a zero state (empty: the start character).
  Status predict(const std::string& text, const SampleOptions& options, std::vector<float>& probs);
  Status probe(const std::string& text, Probe& out);
  Status sensitivity(const std::string& text, std::vector<float>& out);  // [L, T] ||dh_l(t)/dx(1)||
  Status gradient_flow(std::vector<float>& out) const;                  // [L, T] ||dL/dh_l(t)||, last window

  Status export_checkpoint(bool with_training_state, std::vector<uint8_t>& out);
  // Opens a checkpoint (ours or PyTorch's) to inspect and keep training on `text`. Training state in the file
  // is restored when present; otherwise the current configuration's training settings are kept.
  Status import_checkpoint(const uint8_t* bytes, size_t size, const std::string& text, double held_out,
                           const std::string& fallback_config_json, SessionInfo& info);

 private:
  Status encode_probe(const std::string& text, std::vector<TokenId>& ids) const;
  Status start(const TrainConfig& config, const Vocab& vocab, std::unique_ptr<CharLM<float>> model,
               const std::string& text, double held_out, SessionInfo& info);
  void fill_info(SessionInfo& info) const;
  // Lets the current model go when it and one of new_bytes would not fit in the heap together.
  void make_room(double new_bytes);

  std::unique_ptr<Trainer> trainer_;
  std::unique_ptr<Sampler> sampler_;
  std::vector<TokenId> held_;
  int64_t train_chars_ = 0;
  double bytes_ = 0;  // the estimate of what the current model's session holds
  Rng sample_rng_;
};

}  // namespace rp
