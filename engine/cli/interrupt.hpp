#pragma once
// SIGINT/SIGTERM handling for the CLI. The handler only sets a flag; the engine
// checks it through SimulationOptions::cancel / EnsembleOptions::cancel (or a
// solver progress callback) at the next step, draw or iteration, and the
// command then writes nothing and exits with 128 + the signal number.
#include <atomic>

namespace corridor::cli {

/// Installs the handlers (once). Before that, signals keep their default action.
void install_interrupt_handlers();
/// Set by the first SIGINT or SIGTERM.
[[nodiscard]] const std::atomic<bool>& interrupt_flag();
/// The signal received (0 if none).
[[nodiscard]] int interrupt_signal();
/// Exit code for an interrupted run: 128 + signal (130 for SIGINT, 143 for SIGTERM).
[[nodiscard]] int interrupted_exit_code();

}  // namespace corridor::cli
