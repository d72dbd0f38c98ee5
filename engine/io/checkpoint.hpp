// What every family's checkpoint shares (the families' own files say which tensors and metadata they hold):
//   metadata  model=<kind>, the model fields' metadata keys (from the family's field table), vocab
//   tensors   every parameter under its PyTorch name; a resumable file adds optim.<state>.<param name>
//             (exp_avg, exp_avg_sq, momentum_buffer, sum, square_avg) and the optimizer's optim_step
// Loading is strict, as PyTorch's load_state_dict(strict=True): a missing tensor, a wrong shape, a
// non-finite value or a tensor nobody asked for is refused with a message that names it.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "engine/core/fields.hpp"
#include "engine/core/optimizer.hpp"
#include "engine/core/param_store.hpp"
#include "engine/io/safetensors.hpp"

namespace rp::checkpoint {

constexpr const char* kOptimPrefix = "optim.";

void write_kind(const char* kind, safetensors::File& out);
// Refuses a file about to be saved or downloaded when a tensor holds NaN or infinity (a diverged model is
// never written: it could not be loaded again), naming the tensor.
Status require_finite(const safetensors::File& f);
// kind: "char_lm"; the message reads "not a char_lm checkpoint: ...".
Status check_kind(const safetensors::File& f, const char* kind);

void write_params(const ParamStore<float>& params, safetensors::File& out);
// The most parameters a file may ask for: beyond what the page's heap or a laptop's CLI run could train.
constexpr int64_t kMaxParams = int64_t(100) << 20;
// Before a model is allocated from a file's metadata: the configuration (with `expected` parameters, from the
// family's exact estimate) is within kMaxParams, and a big one (over a million) must have that many parameter
// values in the file (its tensors not under `also_allowed`), so a small file whose metadata claims a huge
// model is refused at once. Smaller models are allocated and checked tensor by tensor (read_params), which
// names what is wrong.
Status check_param_count(const safetensors::File& f, int64_t expected, const std::vector<std::string>& also_allowed,
                         const std::string& what);
// Every parameter from its tensor; refuses a tensor that is neither a parameter nor under one of
// `also_allowed` (prefixes such as "optim."), naming the configuration (`what`) in the message.
Status read_params(const safetensors::File& f, ParamStore<float>& params, const std::vector<std::string>& also_allowed,
                   const std::string& what);

// Allocates the model a checked configuration describes (after check_param_count) and fills it from the
// file's tensors: what every family's loader does once it has read its configuration.
template <class Model, class Config>
Status build_model(const safetensors::File& f, const Config& config, const std::vector<std::string>& also_allowed,
                   const std::string& what, std::unique_ptr<Model>& out) {
  auto m = std::make_unique<Model>(config);
  RP_TRY(read_params(f, m->params(), also_allowed, what));
  m->weights_changed();
  out = std::move(m);
  return Status::ok();
}

// The optimizer's per-parameter state and its step count (metadata optim_step).
void write_optimizer(const Optimizer<float>& opt, const ParamStore<float>& params, safetensors::File& out);
Status read_optimizer(const safetensors::File& f, const ParamStore<float>& params, Optimizer<float>& opt);

// A list of class names (a classifier's labels, a tagger's tags) as metadata `key`: a JSON array of distinct
// non-empty strings, 2 to 1000 of them; `what` names them in messages ("classes", "tags").
void write_names(const char* key, const std::vector<std::string>& names, safetensors::File& out);
Status read_names(const safetensors::File& f, const char* key, const char* what, std::vector<std::string>& out);

// The model fields that have a metadata key (hidden -> "hidden_size"), as strings.
template <class C> void write_model_meta(const FieldTable<C>& table, const C& c, safetensors::File& out) {
  for (const auto& r : table.rows())
    if (!r.spec.meta.empty()) out.set_meta(r.spec.meta, value_text(r.get(c)));
}
// Reads them back with the same bounds; a missing key or a bad value names the key.
Status read_meta_value(const safetensors::File& f, const FieldSpec& spec, json::Value& out);
template <class C> Status read_model_meta(const FieldTable<C>& table, const safetensors::File& f, C& c) {
  for (const auto& r : table.rows()) {
    if (r.spec.meta.empty()) continue;
    json::Value v;
    RP_TRY(read_meta_value(f, r.spec, v));
    r.put(c, v);
  }
  return Status::ok();
}

}  // namespace rp::checkpoint
