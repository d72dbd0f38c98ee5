#include "engine/layers/time_pooling.hpp"

namespace rp {

const std::vector<PoolInfo>& pool_kinds() {
  static const std::vector<PoolInfo> rows = {
      {PoolKind::Last, "last", "last state"},
      {PoolKind::Max, "max", "max over time"},
      {PoolKind::Mean, "mean", "mean over time"},
  };
  return rows;
}

const char* pool_name(PoolKind kind) {
  for (const auto& p : pool_kinds())
    if (p.kind == kind) return p.name;
  return "";
}

bool parse_pool(std::string_view name, PoolKind& out) {
  for (const auto& p : pool_kinds())
    if (name == p.name) {
      out = p.kind;
      return true;
    }
  return false;
}

}  // namespace rp
