// The `corridor` executable: parses the command line, runs one subcommand and
// owns the exit code. Exit codes: 0 success, 1 internal failure, 2 bad input,
// 3 calibrate ended on a flat objective.
// 128 + signal when SIGINT/SIGTERM interrupted a run (cli/interrupt.hpp).
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/processes.hpp"
#include "corridor/allocator.hpp"
#include "corridor/error.hpp"
#include "corridor/version.hpp"

namespace {

int run_cli(int argc, char** argv, const corridor::cli::Processes& processes) {
  using namespace corridor;
  CLI::App app{
      "corridor: freight on trade corridors (Trans-Caspian first).\n"
      "Simulates tonnage through time on a capacitated multimodal network."};
  app.set_version_flag("--version", std::string("corridor ") + kVersion);
  app.require_subcommand(1);
  app.fallthrough();  // -v/-q may follow the subcommand
  bool verbose = false;
  bool quiet = false;
  app.add_flag("-v,--verbose", verbose, "Log debug detail to stderr");
  app.add_flag("-q,--quiet", quiet, "Log only warnings and errors");

  cli::Context ctx;
  ctx.rank = processes.rank;
  ctx.ranks = processes.size;
  ctx.log = spdlog::stderr_color_mt("corridor");
  ctx.log->set_pattern("%^[%l]%$ %v");
  cli::Action selected;
  cli::add_check_command(app, ctx, selected);
  cli::add_run_command(app, ctx, selected);
  cli::add_bottlenecks_command(app, ctx, selected);
  cli::add_calibrate_command(app, ctx, selected);
  cli::add_sensitivity_command(app, ctx, selected);
  cli::add_assign_command(app, ctx, selected);
  cli::add_compare_command(app, ctx, selected);
  cli::add_plan_command(app, ctx, selected);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }
  ctx.quiet = quiet;
  ctx.log->set_level(verbose ? spdlog::level::debug
                             : (quiet ? spdlog::level::warn : spdlog::level::info));
  // Under MPI only rank 0 speaks; the other ranks compute.
  if (!processes.root()) ctx.log->set_level(spdlog::level::off);
  try {
    return selected ? selected() : 2;
  } catch (const InputError& e) {
    if (processes.root()) std::cerr << e.what() << '\n';
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "corridor: internal error: " << e.what() << '\n';
    return 1;
  }
}

}  // namespace

namespace corridor::cli {

int report_failed_run(const std::string& what, const std::string& reason) {
  std::cerr << "corridor: " << what << " did not complete: " << reason << '\n';
  return 1;
}

}  // namespace corridor::cli

int main(int argc, char** argv) {
  corridor::keep_freed_memory();
  // run_cli reports every std::exception; this catches what escapes it (e.g. from
  // the logger's setup or MPI start-up) so that the exit code is still 1.
  try {
    const corridor::cli::Processes processes = corridor::cli::start_processes(argc, argv);
    const int rc = run_cli(argc, argv, processes);
    corridor::cli::stop_processes();
    return rc;
  } catch (...) {
    std::fputs("corridor: internal error\n", stderr);
    return 1;
  }
}
