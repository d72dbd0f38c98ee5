// What every family's experiment target checks, so a new family's target is its parser and writer in one
// small file. On arbitrary text: an experiment the field table accepts, written back as JSON, parses to the
// same experiment (the same JSON), and every field of it is within the table's bounds.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "engine/core/fields.hpp"
#include "tests/fuzz/fuzz_check.hpp"

namespace rp::fuzz {

template <class E>
bool fuzz_experiment(std::string_view text, const FieldTable<E>& table, Status (*parse)(std::string_view, E&),
                     std::string (*to_json)(const E&), E& out) {
  if (!parse(text, out)) return false;
  FUZZ_CHECK(table.check(out).is_ok(), "an accepted experiment is within the table's bounds");
  const std::string once = to_json(out);
  E back;
  FUZZ_CHECK(parse(once, back).is_ok(), "a written experiment parses");
  FUZZ_CHECK(to_json(back) == once, "to_json(parse(to_json(e))) == to_json(e)");
  return true;
}

}  // namespace rp::fuzz
