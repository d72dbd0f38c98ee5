// The command line's grammar on arbitrary arguments (NUL-separated bytes), with each family's field table as
// its flags: a value it accepts is within its field's bounds, and an error is one line (unless the user typed
// a line break into an argument).
#include <string>
#include <vector>

#include "engine/cli/args.hpp"
#include "engine/lm/experiment.hpp"
#include "engine/seq2seq/experiment.hpp"
#include "tests/fuzz/fuzz_check.hpp"

using namespace rp;

namespace {

template <class E> void parse_with(const FieldTable<E>& table, const std::vector<std::string>& args) {
  static const cli::Option save = cli::file_option("save", "model file", "where to save");
  std::vector<cli::Known> known{{&save.spec, -1}};
  for (size_t i = 0; i < table.rows().size(); ++i) known.push_back({&table.rows()[i].spec, int(i)});
  cli::CommandLine line;
  const Status s = cli::parse_command_line(args, known, {"load", "prime"}, line);
  if (!s) {
    bool typed_newline = false;
    for (const auto& a : args) typed_newline = typed_newline || a.find('\n') != std::string::npos;
    FUZZ_CHECK(typed_newline || s.message().find('\n') == std::string::npos, "an error is one line");
    return;
  }
  for (const auto& a : line.flags) {
    const FieldSpec& spec = a.id < 0 ? save.spec : table.rows()[size_t(a.id)].spec;
    FUZZ_CHECK(check_value(spec, a.value).is_ok(), "an accepted value is within its field's bounds");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<std::string> args(1);
  for (size_t i = 0; i < size; ++i) {
    if (data[i] == 0) args.emplace_back();
    else args.back() += char(data[i]);
  }
  parse_with(lm_fields(), args);
  parse_with(seq2seq_fields(), args);
  return 0;
}
