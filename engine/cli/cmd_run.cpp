// `corridor run SCENARIO [--out DIR]`: simulate the scenario's horizon and write
// the outputs (docs/outputs.md); print the headline on stdout.
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "corridor/io/atomic_file.hpp"
#include "corridor/io/results_writer.hpp"
#include "corridor/io/scenario_loader.hpp"
#include "corridor/sim/report.hpp"
#include "corridor/sim/simulation.hpp"

namespace corridor::cli {
namespace {

struct RunArgs {
  std::string scenario;
  std::string out;
  std::optional<std::uint64_t> seed;
};

void print_headline(const Scenario& s, const sim::Report& report, const std::string& dir) {
  std::printf("scenario %s: %s tonnage per year (Mt)\n", s.name.c_str(), s.corridor.name.c_str());
  std::printf("  year  corridor  binding element (utilisation)\n");
  for (const sim::YearReport& y : report.years) {
    std::printf("  %d  %8.3f  %s (%.0f%%)%s\n", y.year, y.corridor_t / 1e6,
                y.binding_element >= 0 ? sim::element_id(s, static_cast<std::uint32_t>(y.binding_element)).c_str() : "-",
                y.binding_utilisation * 100.0, y.complete ? "" : "  [part year]");
  }
  const int last = report.years.empty() ? 0 : report.years.back().year;
  for (const sim::Milestone& m : report.milestones) {
    if (m.first_year) {
      std::printf("reaches %.0f Mt in %d\n", m.threshold_t / 1e6, *m.first_year);
    } else {
      std::printf("does not reach %.0f Mt by %d\n", m.threshold_t / 1e6, last);
    }
  }
  std::printf("outputs in %s\n", dir.c_str());
}

int run(const RunArgs& args, Context& ctx) {
  const auto started = std::chrono::steady_clock::now();
  io::LoadedScenario loaded = io::load_scenario(args.scenario);
  for (const std::string& w : loaded.warnings) ctx.log->warn("{}", w);
  Scenario& s = loaded.scenario;
  if (args.seed) s.seed = *args.seed;
  const std::string dir = args.out.empty() ? "results/" + s.name : args.out;
  sim::SimulationOptions options;
  options.log = ctx.log;
  const sim::SimulationResult result = sim::simulate(s, options);
  const sim::Report report = sim::make_report(s, result);
  if (result.solver.steps_not_converged > 0) {
    ctx.log->warn("{} of {} steps stopped before the target gap (worst gap {:.2e})", result.solver.steps_not_converged,
                  result.steps.size(), result.solver.worst_relative_gap);
  }
  const io::RunMetadata meta{io::fingerprint_files(loaded.files), loaded.files, s.seed};
  io::write_results(dir, s, result, report, meta);
  io::write_timing(dir, std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  print_headline(s, report, dir);
  return 0;
}

}  // namespace

void add_run_command(CLI::App& app, Context& ctx, Action& selected) {
  auto args = std::make_shared<RunArgs>();
  CLI::App* cmd = app.add_subcommand(
      "run", "Simulate a scenario step by step over its horizon and write the outputs\n"
             "(per-step element flows, yearly corridor tonnage, balance, route shares, summary.json).");
  cmd->add_option("SCENARIO", args->scenario, "Scenario YAML file")->required();
  cmd->add_option("--out", args->out, "Output folder (default results/<scenario name>)");
  cmd->add_option("--seed", args->seed, "Seed for random streams (overrides the scenario's)");
  cmd->callback([&ctx, &selected, args] { selected = [&ctx, args] { return run(*args, ctx); }; });
}

}  // namespace corridor::cli
