#include "engine/layers/dropout.hpp"

namespace rp {

const std::vector<DropoutKindInfo>& dropout_kinds() {
  static const std::vector<DropoutKindInfo> rows = {
      {DropoutKind::Between, "between", "between layers",
       "a new mask every step on the inputs, between layers and on the output; never on the recurrence"},
      {DropoutKind::Naive, "naive", "naive (every step)",
       "a new mask every step on the recurrent state too: memory fades fast"},
      {DropoutKind::Variational, "variational", "variational",
       "one mask per sequence on inputs, outputs and the recurrent state (Gal & Ghahramani)"},
      {DropoutKind::Weight, "weight", "weight (DropConnect)",
       "one mask per sequence on the recurrent weights W_hh, as in AWD-LSTM; inputs and output as between"},
  };
  return rows;
}

const char* dropout_kind_name(DropoutKind k) {
  for (const auto& r : dropout_kinds())
    if (r.kind == k) return r.name;
  return "?";
}

bool parse_dropout_kind(const std::string& name, DropoutKind& out) {
  for (const auto& r : dropout_kinds())
    if (name == r.name) {
      out = r.kind;
      return true;
    }
  return false;
}

std::vector<std::string> dropout_kind_names() {
  std::vector<std::string> out;
  for (const auto& r : dropout_kinds()) out.push_back(r.name);
  return out;
}

}  // namespace rp
