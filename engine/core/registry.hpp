// Lookups in a family's registry table (its tasks, its series): rows with a `kind` and a `name`, in menu order.
#pragma once
#include <string_view>
#include <vector>

namespace rp::registry {

template <class Row, class Kind> const Row* by_kind(const std::vector<Row>& rows, Kind kind) {
  for (const Row& r : rows)
    if (r.kind == kind) return &r;
  return nullptr;
}

template <class Row, class Kind> const char* name_of(const std::vector<Row>& rows, Kind kind) {
  const Row* r = by_kind(rows, kind);
  return r ? r->name : "";
}

template <class Row, class Kind> bool parse(const std::vector<Row>& rows, std::string_view name, Kind& out) {
  for (const Row& r : rows)
    if (name == r.name) {
      out = r.kind;
      return true;
    }
  return false;
}

}  // namespace rp::registry
