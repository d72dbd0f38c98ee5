#include "engine/lm/checkpoint.hpp"

#include <cmath>
#include <string>

#include "engine/lm/experiment.hpp"
#include "engine/io/tensor_io.hpp"

namespace rp {
using tensor_io::copy_tensor;

namespace {

const char* kOptimPrefix = "optim.";
const char* kTrainPrefix = "train.";

bool starts_with(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

}  // namespace

void export_char_lm(const CharLM<float>& model, const Vocab& vocab, safetensors::File& out) {
  const CharLMConfig& c = model.config();
  out.set_meta("model", "char_lm");
  out.set_meta("cell", c.cell->name);
  out.set_meta("vocab", vocab.to_json());
  out.set_meta("hidden_size", std::to_string(c.hidden));
  out.set_meta("num_layers", std::to_string(c.layers));
  out.set_meta("embedding_dim", std::to_string(c.embed));
  const auto& params = model.params();
  for (size_t i = 0; i < params.specs().size(); ++i) {
    const ParamSpec& s = params.specs()[i];
    const float* v = params.value(int(i));
    out.add(s.name, s.shape, std::vector<float>(v, v + s.size));
  }
}

Status import_char_lm(const safetensors::File& f, std::unique_ptr<CharLM<float>>& model, Vocab& vocab) {
  const std::string* kind = f.meta("model");
  if (!kind) return Status::error("not a char_lm checkpoint: metadata 'model' is missing");
  if (*kind != "char_lm") return Status::error("not a char_lm checkpoint: metadata 'model' is '" + *kind + "'");
  CharLMConfig c;
  const std::string* cell = f.meta("cell");
  if (!cell) return Status::error("checkpoint metadata has no 'cell'");
  if (!(c.cell = find_cell(*cell))) return Status::error("unknown cell '" + *cell + "' (expected one of " + cell_names() + ")");
  const std::string* vocab_json = f.meta("vocab");
  if (!vocab_json) return Status::error("checkpoint metadata has no 'vocab'");
  Vocab v;
  RP_TRY(Vocab::from_json(*vocab_json, v));
  c.vocab = v.size();
  RP_TRY(tensor_io::read_int(f, "hidden_size", 1, 2048, c.hidden));
  RP_TRY(tensor_io::read_int(f, "num_layers", 1, 4, c.layers));
  RP_TRY(tensor_io::read_int(f, "embedding_dim", 0, 2048, c.embed));
  RP_TRY(validate(c));
  auto m = std::make_unique<CharLM<float>>(c);
  auto& params = m->params();
  for (size_t i = 0; i < params.specs().size(); ++i)
    RP_TRY(copy_tensor(f, params.specs()[i].name, params.specs()[i].shape, params.value(int(i))));
  for (const auto& t : f.tensors)
    if (params.find(t.name) < 0 && !starts_with(t.name, kOptimPrefix) && !starts_with(t.name, kTrainPrefix))
      return Status::error("unexpected tensor '" + t.name + "' for a " + *cell + " model with " +
                           std::to_string(c.layers) + " layer(s)" + (c.embed ? " and an embedding" : " and one-hot input"));
  m->weights_changed();
  model = std::move(m);
  vocab = std::move(v);
  return Status::ok();
}

void export_training(Trainer& trainer, safetensors::File& out) {
  export_char_lm(trainer.model(), trainer.vocab(), out);
  out.set_meta("train_config", to_json(trainer.config()));
  const auto& opt = trainer.optimizer();
  out.set_meta("optim_step", std::to_string(opt.steps()));
  out.set_meta("train_window", std::to_string(trainer.streams().position()));
  const auto& params = trainer.model().params();
  for (int k = 0; k < opt.state_count(); ++k)
    for (size_t i = 0; i < params.specs().size(); ++i) {
      const ParamSpec& s = params.specs()[i];
      const float* v = opt.state(k) + s.offset;
      out.add(std::string(kOptimPrefix) + opt.state_name(k) + "." + s.name, s.shape, std::vector<float>(v, v + s.size));
    }
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
  const auto& params = trainer.model().params();
  for (int k = 0; k < opt.state_count(); ++k)
    for (size_t i = 0; i < params.specs().size(); ++i) {
      const ParamSpec& s = params.specs()[i];
      RP_TRY(copy_tensor(f, std::string(kOptimPrefix) + opt.state_name(k) + "." + s.name, s.shape,
                         opt.state(k) + s.offset));
    }
  int64_t step = 0, window = 0;
  RP_TRY(tensor_io::read_int(f, "optim_step", int64_t(0), int64_t(1) << 60, step));
  RP_TRY(tensor_io::read_int(f, "train_window", int64_t(0), int64_t(1) << 60, window));
  if (window > trainer.streams().windows_per_pass())
    return Status::error("saved stream position is beyond the text: was the model trained on another text?");
  auto& st = trainer.state();
  const std::vector<int64_t> shape(st.h.shape().begin(), st.h.shape().end());
  RP_TRY(copy_tensor(f, "train.state_h", shape, st.h.data()));
  if (st.c.size()) RP_TRY(copy_tensor(f, "train.state_c", shape, st.c.data()));
  opt.set_steps(step);
  trainer.streams().set_position(window);
  return Status::ok();
}

}  // namespace rp
