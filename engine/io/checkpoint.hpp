// What every family's checkpoint shares (the families' own files say which tensors and metadata they hold):
//   metadata  model=<kind>, the model fields' metadata keys (from the family's field table), vocab
//   tensors   every parameter under its PyTorch name; a resumable file adds optim.<state>.<param name>
//             (exp_avg, exp_avg_sq, momentum_buffer, sum, square_avg) and the optimizer's optim_step
// Loading is strict, as PyTorch's load_state_dict(strict=True): a missing tensor, a wrong shape, a
// non-finite value or a tensor nobody asked for is refused with a message that names it.
#pragma once
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
// Every parameter from its tensor; refuses a tensor that is neither a parameter nor under one of
// `also_allowed` (prefixes such as "optim."), naming the configuration (`what`) in the message.
Status read_params(const safetensors::File& f, ParamStore<float>& params, const std::vector<std::string>& also_allowed,
                   const std::string& what);

// The optimizer's per-parameter state and its step count (metadata optim_step).
void write_optimizer(const Optimizer<float>& opt, const ParamStore<float>& params, safetensors::File& out);
Status read_optimizer(const safetensors::File& f, const ParamStore<float>& params, Optimizer<float>& opt);

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
