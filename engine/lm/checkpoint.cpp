#include "engine/lm/checkpoint.hpp"

#include <cmath>
#include <string>

#include "engine/lm/estimate.hpp"
#include "engine/lm/experiment.hpp"
#include "engine/io/checkpoint.hpp"
#include "engine/io/tensor_io.hpp"

namespace rp {
namespace {

const char* kTrainPrefix = "train.";

}  // namespace

void export_char_lm(const CharLM<float>& model, const Vocab& vocab, safetensors::File& out) {
  checkpoint::write_kind("char_lm", out);
  checkpoint::write_model_meta(lm_model_fields(), model.config(), out);
  out.set_meta("vocab", vocab.to_json());
  checkpoint::write_params(model.params(), out);
}

namespace {
std::string describe(const CharLMConfig& c) {
  return std::string("a ") + c.cell->name + " model with " + std::to_string(c.layers) + " layer(s)" +
         (c.embed ? " and an embedding" : " and one-hot input");
}
}  // namespace

Status read_char_lm_config(const safetensors::File& f, CharLMConfig& config, Vocab& vocab) {
  RP_TRY(checkpoint::check_kind(f, "char_lm"));
  CharLMConfig c;
  RP_TRY(checkpoint::read_model_meta(lm_model_fields(), f, c));
  const std::string* vocab_json = f.meta("vocab");
  if (!vocab_json) return Status::error("checkpoint metadata has no 'vocab'");
  Vocab v;
  RP_TRY(Vocab::from_json(*vocab_json, v));
  c.vocab = v.size();
  RP_TRY(validate(c));
  TrainConfig sized;
  sized.model = c;
  RP_TRY(checkpoint::check_param_count(f, estimate_lm(sized, c.vocab).params, {checkpoint::kOptimPrefix, kTrainPrefix}, describe(c)));
  config = c;
  vocab = std::move(v);
  return Status::ok();
}

Status import_char_lm(const safetensors::File& f, std::unique_ptr<CharLM<float>>& model, Vocab& vocab) {
  CharLMConfig c;
  Vocab v;
  RP_TRY(read_char_lm_config(f, c, v));
  RP_TRY(checkpoint::build_model(f, c, {checkpoint::kOptimPrefix, kTrainPrefix}, describe(c), model));
  vocab = std::move(v);
  return Status::ok();
}

void export_training(Trainer& trainer, safetensors::File& out) {
  export_char_lm(trainer.model(), trainer.vocab(), out);
  out.set_meta("train_config", to_json(trainer.config()));
  out.set_meta("train_window", std::to_string(trainer.streams().position()));
  checkpoint::write_optimizer(trainer.optimizer(), trainer.model().params(), out);
  const auto& st = trainer.state();
  std::vector<int64_t> shape(st.h.shape().begin(), st.h.shape().end());
  out.add("train.state_h", shape, std::vector<float>(st.h.begin(), st.h.end()));
  if (st.c.size()) out.add("train.state_c", shape, std::vector<float>(st.c.begin(), st.c.end()));
}

bool has_training_state(const safetensors::File& file) { return file.meta("train_config") != nullptr; }

Status read_train_config(const safetensors::File& file, TrainConfig& config) {
  const std::string* s = file.meta("train_config");
  if (!s) return Status::error("checkpoint has no training state (metadata 'train_config')");
  return parse_train_config(*s, config);
}

Status import_training(const safetensors::File& f, Trainer& trainer) {
  auto& opt = trainer.optimizer();
  RP_TRY(checkpoint::read_optimizer(f, trainer.model().params(), opt));
  int64_t window = 0;
  RP_TRY(tensor_io::read_int(f, "train_window", int64_t(0), int64_t(1) << 60, window));
  if (window > trainer.streams().windows_per_pass())
    return Status::error("saved stream position is beyond the text: was the model trained on another text?");
  auto& st = trainer.state();
  const std::vector<int64_t> shape(st.h.shape().begin(), st.h.shape().end());
  RP_TRY(tensor_io::copy_tensor(f, "train.state_h", shape, st.h.data()));
  if (st.c.size()) RP_TRY(tensor_io::copy_tensor(f, "train.state_c", shape, st.c.data()));
  trainer.streams().set_position(window);
  return Status::ok();
}

}  // namespace rp
