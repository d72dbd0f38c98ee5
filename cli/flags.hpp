// A small command-line flag parser for the examples: --name value, --name=value and bare --switch.
// Every flag must be declared; unknown flags, missing values and malformed numbers are reported, never thrown.
#pragma once
#include <charconv>
#include <cmath>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "engine/core/status.hpp"

namespace rp::cli {

class Flags {
 public:
  // Declares the flags a command accepts: value flags and switches (no value).
  Flags(std::set<std::string> values, std::set<std::string> switches)
      : values_(std::move(values)), switches_(std::move(switches)) {}

  Status parse(int argc, char** argv, int first) {
    for (int i = first; i < argc; ++i) {
      std::string arg = argv[i];
      if (arg.rfind("--", 0) != 0) return Status::error("unexpected argument '" + arg + "' (flags start with --)");
      std::string name = arg.substr(2), value;
      const size_t eq = name.find('=');
      const bool inline_value = eq != std::string::npos;
      if (inline_value) {
        value = name.substr(eq + 1);
        name = name.substr(0, eq);
      }
      if (switches_.count(name)) {
        if (inline_value) return Status::error("--" + name + " takes no value");
        set_[name] = "1";
      } else if (values_.count(name)) {
        if (!inline_value) {
          if (i + 1 >= argc) return Status::error("--" + name + " needs a value");
          value = argv[++i];
        }
        set_[name] = value;
      } else {
        return Status::error("unknown flag --" + name + " (known: " + known() + ")");
      }
    }
    return Status::ok();
  }

  bool has(const std::string& name) const { return set_.count(name) > 0; }
  std::string str(const std::string& name, const std::string& fallback) const {
    auto it = set_.find(name);
    return it == set_.end() ? fallback : it->second;
  }

  Status integer(const std::string& name, int64_t lo, int64_t hi, int64_t& out) const {
    auto it = set_.find(name);
    if (it == set_.end()) return Status::ok();
    int64_t v = 0;
    const char* b = it->second.data();
    const char* e = b + it->second.size();
    auto r = std::from_chars(b, e, v);
    if (r.ec != std::errc() || r.ptr != e) return Status::error("--" + name + " must be an integer, got '" + it->second + "'");
    if (v < lo || v > hi)
      return Status::error("--" + name + " must be between " + std::to_string(lo) + " and " + std::to_string(hi));
    out = v;
    return Status::ok();
  }

  Status integer(const std::string& name, int lo, int hi, int& out) const {
    int64_t v = out;
    RP_TRY(integer(name, int64_t(lo), int64_t(hi), v));
    out = int(v);
    return Status::ok();
  }

  Status number(const std::string& name, double& out) const {
    auto it = set_.find(name);
    if (it == set_.end()) return Status::ok();
    // strtod is locale-dependent only for the decimal point; the C locale is in force in these programs.
    char* end = nullptr;
    const double v = std::strtod(it->second.c_str(), &end);
    if (it->second.empty() || *end != '\0' || !std::isfinite(v))
      return Status::error("--" + name + " must be a number, got '" + it->second + "'");
    out = v;
    return Status::ok();
  }

 private:
  std::string known() const {
    std::string s;
    for (const auto& n : values_) s += (s.empty() ? "--" : ", --") + n;
    for (const auto& n : switches_) s += (s.empty() ? "--" : ", --") + n;
    return s;
  }
  std::set<std::string> values_, switches_;
  std::map<std::string, std::string> set_;
};

}  // namespace rp::cli
