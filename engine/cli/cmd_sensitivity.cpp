// `corridor sensitivity SCENARIO [--method oat|sobol] [--draws N] [--seed S]
// [--threads K] [--years Y,Y] [--bootstrap B] [--out DIR]`: which uncertain input
// moves each corridor figure most (docs/sensitivity.md).
#include <spdlog/spdlog.h>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <memory>
#include <numeric>
#include <sstream>
#include <thread>

#include "cli/commands.hpp"
#include "cli/interrupt.hpp"
#include "cli/processes.hpp"
#include "cli/progress_bar.hpp"
#include "corridor/analysis/sensitivity.hpp"
#include "corridor/error.hpp"
#include "corridor/io/atomic_file.hpp"
#include "corridor/io/scenario_loader.hpp"
#include "corridor/io/sensitivity_writer.hpp"
#include "corridor/sim/calendar.hpp"

namespace corridor::cli {
namespace {

struct SensitivityArgs {
  std::string scenario;
  std::string method = "oat";
  std::uint32_t draws = 1000;
  std::optional<std::uint64_t> seed;
  unsigned threads = 0;
  std::string years;
  std::uint32_t bootstrap = 1000;
  std::string out;
};

// "2030,2035" as years of the horizon; bad input names the option.
std::vector<int> parse_years(const std::string& text, const Horizon& horizon) {
  std::vector<int> years;
  std::stringstream list(text);
  std::string item;
  const int first = static_cast<int>(horizon.start.year());
  const int last = static_cast<int>(horizon.end.year());
  while (std::getline(list, item, ',')) {
    std::size_t used = 0;
    int y = 0;
    try {
      y = std::stoi(item, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used == 0 || used != item.size())
      throw InputError({"--years", 0, 0}, "'" + item + "' is not a year", "years like 2030,2035");
    if (y < first || y > last) {
      throw InputError({"--years", 0, 0}, "year " + item + " is outside the horizon",
                       "years from " + std::to_string(first) + " to " + std::to_string(last));
    }
    if (std::find(years.begin(), years.end(), y) == years.end()) years.push_back(y);
  }
  if (years.empty()) throw InputError({"--years", 0, 0}, "no year given", "years like 2030,2035");
  std::sort(years.begin(), years.end());
  return years;
}

// A value for the console: Mt (thousand TEU), or a year ("not by END" when censored).
std::string shown(const Scenario& s, const analysis::SensitivityOutput& o, double x) {
  char buf[64];
  if (o.kind == analysis::SensitivityOutput::Kind::year_reaching) {
    if (x >= analysis::censored_year(s.horizon))
      return "not by " + std::to_string(analysis::censored_year(s.horizon) - 1);
    std::snprintf(buf, sizeof buf, "%.0f", x);
  } else {
    std::snprintf(buf, sizeof buf, "%.3f",
                  s.corridor.measures[o.measure].in_teu() ? x / 1e3 : x / 1e6);
  }
  return buf;
}

std::string unit_of(const Scenario& s, const analysis::SensitivityOutput& o) {
  if (o.kind == analysis::SensitivityOutput::Kind::year_reaching) return "year";
  return s.corridor.measures[o.measure].in_teu() ? "thousand TEU" : "Mt";
}

std::size_t id_width(const io::SensitivitySubject& subject) {
  std::size_t w = 5;
  for (const analysis::UncertainInput& in : subject.inputs) w = std::max(w, in.id.size());
  return w;
}

void print_oat(const Scenario& s, const io::SensitivitySubject& subject,
               const std::vector<analysis::OatSwing>& swings) {
  const std::size_t k = subject.inputs.size();
  const int w = static_cast<int>(id_width(subject));
  std::printf(
      "scenario %s: one-at-a-time swings of %zu inputs between P10 and P90 (others at P50)\n",
      s.name.c_str(), k);
  for (std::size_t o = 0; o < subject.outputs.size(); ++o) {
    const analysis::SensitivityOutput& out = subject.outputs[o];
    std::printf("%s (%s): %s with every input at P50\n", io::output_label(s, out).c_str(),
                unit_of(s, out).c_str(), shown(s, out, swings[o * k].base).c_str());
    std::vector<std::size_t> order(k);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return std::fabs(swings[o * k + a].swing()) > std::fabs(swings[o * k + b].swing());
    });
    for (const std::size_t i : order) {
      const analysis::OatSwing& sw = swings[o * k + i];
      std::printf("  %-*s  P10 %12s  P90 %12s\n", w, subject.inputs[i].id.c_str(),
                  shown(s, out, sw.low).c_str(), shown(s, out, sw.high).c_str());
    }
  }
}

void print_sobol(const Scenario& s, const io::SensitivitySubject& subject,
                 const analysis::SaltelliDesign& design, const analysis::SobolOptions& options,
                 const std::vector<analysis::SobolOutput>& indices) {
  const int w = static_cast<int>(id_width(subject));
  std::printf("scenario %s: Sobol' indices of %u inputs, N = %u (%u runs), %.0f%% intervals\n",
              s.name.c_str(), design.inputs, design.base_rows, design.runs(),
              options.confidence * 100.0);
  for (std::size_t o = 0; o < subject.outputs.size(); ++o) {
    const analysis::SensitivityOutput& out = subject.outputs[o];
    const analysis::SobolOutput& r = indices[o];
    std::printf("%s (%s): mean %s", io::output_label(s, out).c_str(), unit_of(s, out).c_str(),
                shown(s, out, r.mean).c_str());
    if (!(r.variance > 0.0)) {
      std::printf(", the same in every run: no indices\n");
      continue;
    }
    std::printf("\n  %-*s  first order (interval)     total (interval)\n", w, "input");
    for (std::size_t i = 0; i < subject.inputs.size(); ++i) {
      const analysis::IndexEstimate& f = r.first_order[i];
      const analysis::IndexEstimate& t = r.total[i];
      std::printf("  %-*s  %6.3f (%6.3f, %6.3f)   %6.3f (%6.3f, %6.3f)\n", w,
                  subject.inputs[i].id.c_str(), f.value, f.ci_low, f.ci_high, t.value, t.ci_low,
                  t.ci_high);
    }
  }
}

int report_interrupt(const analysis::RunTable& t) {
  std::fprintf(stderr, "\ninterrupted after %u of %u runs; no outputs written\n", t.runs_completed,
               t.run_count);
  return interrupted_exit_code();
}

// The runs of this process, gathered on rank 0 (which then holds all `total`).
analysis::RunTable compute_runs(const SensitivityArgs& args, const Scenario& s,
                                const analysis::RunPlan& plan, std::uint32_t total,
                                const std::vector<analysis::SensitivityOutput>& outputs,
                                Context& ctx) {
  const Processes processes{ctx.rank, ctx.ranks};
  analysis::RunTableOptions options;
  options.seed = s.seed;
  options.threads = static_cast<int>(
      args.threads > 0 ? args.threads : std::max(1u, std::thread::hardware_concurrency()));
  options.cancel = &interrupt_flag();
  my_draws(processes, total, options.first_run, options.run_count);
  ProgressBar bar(options.run_count, processes.root() && !ctx.quiet && isatty(fileno(stderr)) != 0,
                  "runs");
  options.progress = [&bar](std::uint32_t done) { bar(done); };
  analysis::RunTable table = analysis::run_plan(s, plan, outputs, options);
  if (table.status == analysis::EnsembleStatus::completed) {
    gather_rows(processes, table.values, table.width, total);
    table.first_run = 0;
    table.run_count = total;
  }
  return table;
}

int run(const SensitivityArgs& args, Context& ctx) {
  install_interrupt_handlers();
  io::LoadedScenario loaded = io::load_scenario(args.scenario);
  for (const std::string& w : loaded.warnings) ctx.log->warn("{}", w);
  Scenario& s = loaded.scenario;
  if (args.seed) s.seed = *args.seed;
  io::SensitivitySubject subject;
  subject.inputs = analysis::uncertain_inputs(s);
  if (subject.inputs.empty()) {
    throw InputError({loaded.files.front(), 0, 0}, "the scenario has no uncertain input",
                     "an 'uncertainty' section with at least one item");
  }
  const std::vector<int> years = args.years.empty() ? analysis::default_sensitivity_years(s.horizon)
                                                    : parse_years(args.years, s.horizon);
  subject.outputs = analysis::sensitivity_outputs(s, years);
  const auto k = static_cast<std::uint32_t>(subject.inputs.size());
  const bool sobol = args.method == "sobol";
  const analysis::OatDesign oat{k};
  const analysis::SaltelliDesign saltelli{args.draws, k};
  const analysis::RunPlan plan = [&](std::uint32_t r) {
    return sobol ? saltelli.settings(r) : oat.settings(r);
  };
  const std::uint32_t total = sobol ? saltelli.runs() : oat.runs();
  const analysis::RunTable table = compute_runs(args, s, plan, total, subject.outputs, ctx);
  if (table.status == analysis::EnsembleStatus::cancelled) return report_interrupt(table);
  if (table.status != analysis::EnsembleStatus::completed)
    return report_failed_run("the sensitivity runs of " + s.name, table.reason);
  if (ctx.rank != 0) return 0;
  const std::string dir = args.out.empty() ? "results/" + s.name : args.out;
  const io::RunMetadata meta{io::fingerprint_files(loaded.files), loaded.files, s.seed};
  if (sobol) {
    const analysis::SobolOptions options{args.bootstrap, 0.95, s.seed};
    const std::vector<analysis::SobolOutput> indices =
        analysis::sobol_indices(saltelli, table, options);
    io::write_sobol(dir, s, subject, saltelli, options, table, indices, meta);
    print_sobol(s, subject, saltelli, options, indices);
  } else {
    const std::vector<analysis::OatSwing> swings = analysis::oat_swings(oat, table);
    io::write_oat(dir, s, subject, oat, swings, meta);
    print_oat(s, subject, swings);
  }
  std::printf("outputs in %s\n", dir.c_str());
  return 0;
}

}  // namespace

void add_sensitivity_command(CLI::App& app, Context& ctx, Action& selected) {
  auto args = std::make_shared<SensitivityArgs>();
  CLI::App* cmd = app.add_subcommand(
      "sensitivity",
      "Which uncertain input moves each corridor measure most: one-at-a-time swings between\n"
      "P10 and P90 (oat), or Sobol' first-order and total indices (sobol), for the measures'\n"
      "tonnage in chosen years and the years they reach their milestones.");
  cmd->add_option("SCENARIO", args->scenario, "Scenario YAML file with an 'uncertainty' section")
      ->required();
  cmd->add_option("--method", args->method, "oat (default) or sobol")
      ->check(CLI::IsMember({"oat", "sobol"}));
  cmd->add_option("--draws", args->draws,
                  "sobol: base draws N of Saltelli's design (N x (inputs + 2) runs; default 1000)")
      ->check(CLI::Range(2u, 1000000u));
  cmd->add_option("--seed", args->seed, "Seed for random streams (overrides the scenario's)");
  cmd->add_option("--threads", args->threads, "Threads for the runs (default: all cores)")
      ->check(CLI::Range(1u, 1024u));
  cmd->add_option("--years", args->years,
                  "Years whose tonnage is analysed, e.g. 2030,2035 (default: every 5th year)");
  cmd->add_option("--bootstrap", args->bootstrap,
                  "sobol: resamples for the 95% intervals (default 1000)")
      ->check(CLI::Range(0u, 100000u));
  cmd->add_option("--out", args->out, "Output folder (default results/<scenario name>)");
  cmd->callback([&ctx, &selected, args] { selected = [&ctx, args] { return run(*args, ctx); }; });
}

}  // namespace corridor::cli
