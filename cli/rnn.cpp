// rnn: one command line for every model family, `rnn <family> <verb> [flags]`. Each family's verbs and their
// flags live with the family (engine/<family>/commands.cpp); this file only picks the family.
// cli/CMakeLists.txt builds it three times: rnn, and char_rnn and seq2seq, which are this program with the
// family fixed (RP_FAMILY), so `char_rnn X` is `rnn lm X` and `seq2seq X` is `rnn seq2seq X`.
#include <clocale>
#include <cstdio>
#include <string>
#include <vector>

#include "engine/classify/commands.hpp"
#include "engine/forecast/commands.hpp"
#include "engine/lm/commands.hpp"
#include "engine/seq2seq/commands.hpp"
#include "engine/tag/commands.hpp"

using namespace rp;

namespace {

std::vector<cli::Family> families() {
  return {
      lm_commands(),
      seq2seq_commands(),
      classify_commands(),
      tag_commands(),
      forecast_commands(),
  };
}

const char* kAbout =
    "\nrnn <family> --help lists a family's verbs; rnn <family> <verb> --help lists every flag with its default\n"
    "and range. Flags have the names and bounds of the experiment JSON and the page's link, --config FILE.json\n"
    "applies an experiment first, and older spellings (--clip, --lr-decay, --len, --cell) still work.\n"
    "char_rnn and seq2seq are the same program as rnn lm and rnn seq2seq.\n";

// rnn itself; the aliases go straight to their family.
[[maybe_unused]] int run(const std::vector<std::string>& args) {
  const cli::Program rnn{"rnn", "rnn"};
  std::vector<std::pair<std::string, std::string>> listed;
  std::vector<std::string> names;
  std::string known;
  for (const auto& f : families()) {
    listed.emplace_back(f.name, f.summary), names.push_back(f.name);
    known += (known.empty() ? "" : ", ") + std::string(f.name);
  }
  if (args.empty()) return cli::fail(rnn, "no family given (" + known + "; rnn --help for more)");
  const std::string& name = args[0];
  if (name == "--help" || name == "-h" || name == "help") {
    std::printf("usage: rnn <family> <verb> [flags]\nTrain and use small sequence models.\n\nfamilies:\n%s%s",
                cli::listing(listed).c_str(), kAbout);
    return 0;
  }
  for (const auto& f : families())
    if (name == f.name) return f.main(f, {"rnn", "rnn " + name}, std::vector<std::string>(args.begin() + 1, args.end()));
  return cli::fail(rnn, "unknown family '" + name + "'" + cli::suggestion(name, names, "") + "; the families are " + known);
}

}  // namespace

int main(int argc, char** argv) {
  std::setlocale(LC_ALL, "C");
  const std::vector<std::string> args(argv + 1, argv + argc);
#ifdef RP_FAMILY
  for (const auto& f : families())
    if (std::string(f.name) == RP_FAMILY) return f.main(f, {RP_PROGRAM, RP_PROGRAM}, args);
  std::fprintf(stderr, "%s: no family '%s' is built in\n", RP_PROGRAM, RP_FAMILY);
  return 1;
#else
  return run(args);
#endif
}
