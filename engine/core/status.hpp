// Errors as values. The engine never throws across its API: under Emscripten a C++ throw would abort the
// whole module, so every fallible call returns a Status (or fills an out-parameter and returns one).
#pragma once
#include <string>
#include <utility>

namespace rp {

class Status {
 public:
  Status() = default;
  static Status ok() { return Status(); }
  static Status error(std::string message) {
    Status s;
    s.message_ = message.empty() ? std::string("unknown error") : std::move(message);
    return s;
  }
  bool is_ok() const { return message_.empty(); }
  explicit operator bool() const { return is_ok(); }
  const std::string& message() const { return message_; }

 private:
  std::string message_;
};

// Early return for the common "propagate the first error" pattern.
#define RP_TRY(expr)                       \
  do {                                     \
    ::rp::Status rp_status_ = (expr);      \
    if (!rp_status_.is_ok()) return rp_status_; \
  } while (0)

}  // namespace rp
