#include "engine/cli/verb.hpp"

#include "engine/cli/files.hpp"

namespace rp::cli {

int fail(const Program& program, const std::string& message) {
  std::fprintf(stderr, "%s: %s\n", program.name.c_str(), message.c_str());
  return 1;
}

Status read_config(const std::string& path, json::Value& root) {
  std::string text;
  Status s = read_file(path, size_t(1) << 20, text);
  if (!s) return Status::error("--config: " + s.message());
  if (!(s = json::parse(text, root))) return Status::error(path + ": " + s.message());
  return Status::ok();
}

std::string family_help(const Program& program, const std::string& summary,
                        const std::vector<std::pair<std::string, std::string>>& verbs) {
  return "usage: " + program.command + " <verb> [flags]\n" + summary + "\n\nverbs:\n" + listing(verbs) + "\n" +
         program.command + " <verb> --help lists the verb's flags with their defaults and ranges.\n";
}

}  // namespace rp::cli
