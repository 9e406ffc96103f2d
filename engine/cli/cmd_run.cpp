// `corridor run SCENARIO [--out DIR]`: simulate the scenario's horizon and write
// the outputs (docs/outputs.md); print the headline on stdout.
#include <spdlog/spdlog.h>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>

#include "cli/commands.hpp"
#include "cli/interrupt.hpp"
#include "cli/processes.hpp"
#include "cli/progress_bar.hpp"
#include "corridor/analysis/ensemble.hpp"
#include "corridor/io/atomic_file.hpp"
#include "corridor/io/ensemble_writer.hpp"
#include "corridor/io/results_writer.hpp"
#include "corridor/io/scenario_loader.hpp"
#include "corridor/io/select_writer.hpp"
#include "corridor/sim/report.hpp"
#include "corridor/sim/simulation.hpp"

namespace corridor::cli {
namespace {

struct RunArgs {
  std::string scenario;
  std::string out;
  std::optional<std::uint64_t> seed;
  std::uint32_t draws = 0;
  int threads = 1;
  bool per_draw = false;
  std::string select;
};

void print_ensemble(const Scenario& s, const analysis::EnsembleResult& r,
                    const analysis::EnsembleSummary& q) {
  const std::uint32_t h = s.corridor.headline;
  std::printf("ensemble of %u draws: %s (Mt), P10 / P50 / P90\n", r.draw_count,
              s.corridor.headline_measure().id.c_str());
  const analysis::MeasureReach& reach = q.reach[h];
  const auto ten = std::find(reach.thresholds.begin(), reach.thresholds.end(), 10e6);
  for (std::size_t y = 0; y < r.years.size(); ++y) {
    std::printf("  %d  %7.3f %7.3f %7.3f", r.years[y],
                q.quantile(r, y, h, r.segment_count, 1) / 1e6,
                q.quantile(r, y, h, r.segment_count, 2) / 1e6,
                q.quantile(r, y, h, r.segment_count, 3) / 1e6);
    if (ten != reach.thresholds.end()) {
      const auto k = static_cast<std::size_t>(ten - reach.thresholds.begin());
      std::printf("   P(reached 10 Mt) %.2f", reach.probability[k * r.years.size() + y]);
    }
    std::printf("\n");
  }
}

// A measure's value for the console: Mt, or thousand TEU.
double console_value(const CorridorMeasure& c, double value) {
  return c.in_teu() ? value / 1e3 : value / 1e6;
}

std::string threshold_text(const CorridorMeasure& c, double threshold) {
  char buf[64];
  if (c.in_teu()) {
    std::snprintf(buf, sizeof buf, "%.0f TEU", threshold);
  } else {
    std::snprintf(buf, sizeof buf, "%g Mt", threshold / 1e6);
  }
  return buf;
}

void print_headline(const Scenario& s, const sim::Report& report, const std::string& dir) {
  const auto& measures = s.corridor.measures;
  std::printf("scenario %s: corridor measures per year (Mt; TEU measures in thousand TEU)\n",
              s.name.c_str());
  std::printf("  year");
  std::vector<int> width;
  for (std::uint32_t m = 0; m < measures.size(); ++m) {
    const std::string head = measures[m].id + (m == s.corridor.headline ? "*" : "");
    width.push_back(static_cast<int>(std::max<std::size_t>(8, head.size())));
    std::printf("  %*s", width.back(), head.c_str());
  }
  std::printf("  binding element (utilisation)\n");
  for (const sim::YearReport& y : report.years) {
    std::printf("  %d", y.year);
    for (std::uint32_t m = 0; m < measures.size(); ++m)
      std::printf("  %*.3f", width[m], console_value(measures[m], y.measures[m].value));
    std::printf("  %s (%.0f%%)%s\n",
                y.binding_element >= 0
                    ? sim::element_id(s, static_cast<std::uint32_t>(y.binding_element)).c_str()
                    : "-",
                y.binding_utilisation * 100.0, y.complete ? "" : "  [part year]");
  }
  std::printf("* headline: %s\n", s.corridor.headline_measure().name.c_str());
  const int last = report.years.empty() ? 0 : report.years.back().year;
  for (std::uint32_t m = 0; m < measures.size(); ++m) {
    for (const sim::Milestone& ms : report.measure_milestones[m]) {
      const std::string what = threshold_text(measures[m], ms.threshold_t);
      if (ms.first_year) {
        std::printf("%s reaches %s in %d\n", measures[m].id.c_str(), what.c_str(), *ms.first_year);
      } else {
        std::printf("%s does not reach %s by %d\n", measures[m].id.c_str(), what.c_str(), last);
      }
    }
  }
  std::printf("outputs in %s\n", dir.c_str());
}

// Runs the draws of this process and gathers them on rank 0. Writes nothing:
// the files are written only once the whole run has finished.
analysis::EnsembleResult compute_ensemble(const RunArgs& args, const Scenario& s, Context& ctx) {
  const Processes processes{ctx.rank, ctx.ranks};
  analysis::EnsembleOptions options;
  options.seed = s.seed;
  options.threads = args.threads;
  options.cancel = &interrupt_flag();
  my_draws(processes, args.draws, options.first_draw, options.draw_count);
  ProgressBar bar(options.draw_count,
                  processes.root() && !ctx.quiet && isatty(fileno(stderr)) != 0);
  options.progress = [&bar](std::uint32_t done) { bar(done); };
  if (s.uncertainty.empty())
    ctx.log->warn(
        "the scenario has no 'uncertainty' section: every draw equals the deterministic run");
  analysis::EnsembleResult result = analysis::run_ensemble(s, options);
  // An interrupted rank does not gather (under MPI, mpirun forwards the signal to every rank).
  if (result.status == analysis::EnsembleStatus::completed)
    gather_draws(processes, result, args.draws);
  return result;
}

// The interrupt contract (docs/hardening.md): nothing is written, stderr says how far the run got.
int report_interrupt(const std::string& what) {
  std::fprintf(stderr, "\ninterrupted after %s; no outputs written\n", what.c_str());
  return interrupted_exit_code();
}

int run(const RunArgs& args, Context& ctx) {
  const auto started = std::chrono::steady_clock::now();
  // From the start, so that a signal while loading is answered at the first step or draw.
  install_interrupt_handlers();
  io::LoadedScenario loaded = io::load_scenario(args.scenario);
  for (const std::string& w : loaded.warnings) ctx.log->warn("{}", w);
  Scenario& s = loaded.scenario;
  if (args.seed) s.seed = *args.seed;
  if (!args.select.empty()) s.select = io::parse_element_list(s.network, args.select, "--select");
  const std::string dir = args.out.empty() ? "results/" + s.name : args.out;
  const io::RunMetadata meta{io::fingerprint_files(loaded.files), loaded.files, s.seed};
  std::optional<analysis::EnsembleResult> ensemble;
  if (args.draws > 0) {
    ensemble = compute_ensemble(args, s, ctx);
    if (ensemble->status == analysis::EnsembleStatus::cancelled) {
      return report_interrupt(std::to_string(ensemble->draws_completed) + " of " +
                              std::to_string(ensemble->draw_count) + " draws");
    }
    if (ensemble->status != analysis::EnsembleStatus::completed)
      return report_failed_run("the ensemble of " + s.name, ensemble->reason);
  }
  if (ctx.rank != 0) return 0;
  sim::SimulationOptions options;
  options.log = ctx.log;
  options.cancel = &interrupt_flag();
  options.select = s.select;
  const sim::SimulationResult result = sim::simulate(s, options);
  if (result.status == sim::RunStatus::cancelled) {
    return report_interrupt(
        std::to_string(result.steps_completed) + " of " + std::to_string(result.steps.size()) +
        " steps" + (ensemble ? " (all " + std::to_string(args.draws) + " draws done)" : ""));
  }
  if (!result.completed()) return report_failed_run("the run of " + s.name, result.reason);
  const sim::Report report = sim::make_report(s, result);
  if (result.solver.steps_not_converged > 0) {
    ctx.log->warn("{} of {} steps stopped before the target gap (worst gap {:.2e})",
                  result.solver.steps_not_converged, result.steps.size(),
                  result.solver.worst_relative_gap);
  }
  // From here a signal is no longer acted on: writing takes milliseconds and
  // every file is written to a temporary name and renamed.
  std::optional<analysis::EnsembleSummary> summary;
  if (ensemble) {
    summary = analysis::summarize_ensemble(*ensemble);
    io::write_ensemble(dir, s, *ensemble, *summary, meta, args.per_draw);
  }
  if (!result.selected.empty()) io::write_select(dir, s, result);
  io::write_results(dir, s, result, report, meta);
  io::write_timing(
      dir, std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  if (ensemble) print_ensemble(s, *ensemble, *summary);
  print_headline(s, report, dir);
  if (!result.selected.empty()) {
    std::string ids;
    for (const std::uint32_t e : result.selected)
      ids += (ids.empty() ? "" : ", ") + sim::element_id(s, e);
    std::printf(
        "select-element analysis of %s: select_element.csv, select_element_years.csv, "
        "select_links.csv, select_links_years.csv\n",
        ids.c_str());
  }
  return 0;
}

}  // namespace

void add_run_command(CLI::App& app, Context& ctx, Action& selected) {
  auto args = std::make_shared<RunArgs>();
  CLI::App* cmd = app.add_subcommand(
      "run",
      "Simulate a scenario step by step over its horizon and write the outputs\n"
      "(per-step element flows, yearly corridor tonnage, balance, route shares, summary.json).");
  cmd->add_option("SCENARIO", args->scenario, "Scenario YAML file")->required();
  cmd->add_option("--out", args->out, "Output folder (default results/<scenario name>)");
  cmd->add_option("--seed", args->seed, "Seed for random streams (overrides the scenario's)");
  cmd->add_option(
         "--draws", args->draws,
         "Monte-Carlo draws of the scenario's 'uncertainty' section (0: deterministic run only)")
      ->check(CLI::Range(0u, 10000000u));
  cmd->add_option("--threads", args->threads, "Threads for the draws (results do not depend on it)")
      ->check(CLI::Range(1, 1024));
  cmd->add_flag("--per-draw", args->per_draw,
                "Also write draws.csv (corridor tonnes per draw, year, segment)");
  cmd->add_option("--select", args->select,
                  "Select-element analysis of these node or link ids (comma-separated; replaces\n"
                  "the scenario's 'select' list): their freight by OD pair and route, and the\n"
                  "other elements it uses (select_*.csv)");
  cmd->callback([&ctx, &selected, args] { selected = [&ctx, args] { return run(*args, ctx); }; });
}

}  // namespace corridor::cli
