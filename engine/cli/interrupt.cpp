#include "engine/cli/interrupt.hpp"

namespace rp::cli {

namespace {

volatile std::sig_atomic_t g_stop = 0;

extern "C" void on_signal(int sig) {
  if (g_stop) {  // the second time: no more waiting
    std::signal(sig, SIG_DFL);
    std::raise(sig);
    return;
  }
  g_stop = 1;
}

}  // namespace

InterruptGuard::InterruptGuard() : old_int_(std::signal(SIGINT, on_signal)), old_term_(std::signal(SIGTERM, on_signal)) {}

InterruptGuard::~InterruptGuard() {
  std::signal(SIGINT, old_int_);
  std::signal(SIGTERM, old_term_);
}

bool interrupted() { return g_stop != 0; }

}  // namespace rp::cli
