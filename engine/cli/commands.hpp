#pragma once
// Each subcommand lives in its own cmd_*.cpp and registers itself on the app.
// Registration stores in `selected` the action to run once parsing succeeded;
// the action returns the process exit code (0 success, 2 bad input,
// 3 calibrate: flat objective).
#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <string>

namespace spdlog {
class logger;
}

namespace corridor::cli {

using Action = std::function<int()>;

/// A run the engine could not finish (a status other than completed or
/// cancelled): says so on stderr, naming `what` and the reason; returns 1.
int report_failed_run(const std::string& what, const std::string& reason);

/// Shared state of one invocation: the logger every command uses.
struct Context {
  std::shared_ptr<spdlog::logger> log;
  bool quiet = false;  ///< --quiet: no progress bar, only warnings and errors
  int rank = 0;        ///< MPI rank (0 without MPI)
  int ranks = 1;       ///< MPI world size (1 without MPI)
};

void add_check_command(CLI::App& app, Context& ctx, Action& selected);
void add_assign_command(CLI::App& app, Context& ctx, Action& selected);
void add_run_command(CLI::App& app, Context& ctx, Action& selected);
void add_compare_command(CLI::App& app, Context& ctx, Action& selected);
void add_plan_command(CLI::App& app, Context& ctx, Action& selected);
void add_bottlenecks_command(CLI::App& app, Context& ctx, Action& selected);
void add_calibrate_command(CLI::App& app, Context& ctx, Action& selected);
void add_sensitivity_command(CLI::App& app, Context& ctx, Action& selected);

}  // namespace corridor::cli
