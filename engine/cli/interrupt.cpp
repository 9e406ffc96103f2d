#include "cli/interrupt.hpp"

#include <csignal>

namespace corridor::cli {
namespace {

// A lock-free atomic is safe to store from a signal handler (as is sig_atomic_t).
static_assert(std::atomic<bool>::is_always_lock_free);
std::atomic<bool> g_interrupted{false};
volatile std::sig_atomic_t g_signal = 0;

extern "C" void on_signal(int signo) {
  g_signal = signo;
  g_interrupted.store(true);
  // A second signal while we wind down ends the process at once (default action).
  std::signal(signo, SIG_DFL);
}

}  // namespace

void install_interrupt_handlers() {
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
}

const std::atomic<bool>& interrupt_flag() { return g_interrupted; }

int interrupt_signal() { return static_cast<int>(g_signal); }

int interrupted_exit_code() {
  const int signo = interrupt_signal();
  return 128 + (signo != 0 ? signo : SIGINT);
}

}  // namespace corridor::cli
