// `corridor bottlenecks SCENARIO [--year Y] [--measures FILE] [--threads T] [--out DIR]`:
// what binds, what its capacity is worth, the corridor's maximum throughput and
// minimum cut per year, and the relief measures ranked (docs/bottlenecks.md).
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <memory>
#include <thread>

#include "cli/commands.hpp"
#include "corridor/analysis/bottlenecks.hpp"
#include "corridor/error.hpp"
#include "corridor/io/atomic_file.hpp"
#include "corridor/io/bottlenecks_writer.hpp"
#include "corridor/io/measures_loader.hpp"
#include "corridor/io/scenario_loader.hpp"
#include "corridor/sim/report.hpp"

namespace corridor::cli {
namespace {

struct BottlenecksArgs {
  std::string scenario;
  std::optional<int> year;
  std::string measures;
  unsigned threads = 0;
  std::string out;
};

std::string mt(double t) {
  if (!std::isfinite(t)) return "unlimited";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", t / 1e6);
  return buf;
}

std::string joined_ids(const Scenario& s, const std::vector<std::uint32_t>& elements) {
  std::string out;
  for (const std::uint32_t e : elements) out += (out.empty() ? "" : " ") + sim::element_id(s, e);
  return out.empty() ? "-" : out;
}

// The detail year: --year (checked against the horizon before the analysis), or
// the first complete year in which some element runs full.
std::size_t detail_year(const analysis::BottleneckAnalysis& a, const std::optional<int>& year) {
  const std::vector<int>& years = a.base_years.years;
  if (year) return static_cast<std::size_t>(*year - years.front());
  for (std::size_t y = 0; y < years.size(); ++y) {
    if (a.base_years.complete[y] == 0) continue;
    for (const analysis::ElementMarginal& m : a.marginals) {
      double flow = 0.0;
      for (std::size_t t = 0; t < a.steps.size(); ++t) {
        if (a.steps[t].year == years[y]) flow += a.base.element_flow_t[a.base.at(t, m.element)];
      }
      const double cap = a.year_capacity_t[y][m.element];
      if (cap > 0.0 && flow >= 0.99 * cap) return y;
    }
  }
  return years.size() - 1;
}

void print_years(const Scenario& s, const analysis::BottleneckAnalysis& a) {
  std::printf("scenario %s: %s, tonnage and maximum throughput per year (Mt)\n", s.name.c_str(),
              s.corridor.headline_measure().name.c_str());
  std::printf("  year  corridor  max-flow  minimum cut\n");
  for (std::size_t y = 0; y < a.cuts.size(); ++y) {
    std::printf("  %d  %8s  %8s  %s%s\n", a.cuts[y].year, mt(a.base_years.corridor_t[y]).c_str(),
                mt(a.cuts[y].max_throughput_t).c_str(),
                joined_ids(s, a.cuts[y].cut_elements).c_str(),
                a.base_years.complete[y] != 0 ? "" : "  [part year]");
  }
}

void print_elements(const Scenario& s, const analysis::BottleneckAnalysis& a, std::size_t y) {
  const int year = a.base_years.years[y];
  struct Row {
    std::uint32_t e;
    double util, queue, tonnes_per_t, benefit_usd_per_t;
  };
  std::vector<Row> rows;
  std::size_t last = 0;
  for (std::size_t t = 0; t < a.steps.size(); ++t) {
    if (a.steps[t].year == year) last = t;
  }
  for (const analysis::ElementMarginal& m : a.marginals) {
    const double cap = a.year_capacity_t[y][m.element];
    if (!std::isfinite(cap) || cap <= 0) continue;
    double flow = 0.0;
    for (std::size_t t = 0; t < a.steps.size(); ++t) {
      if (a.steps[t].year == year) flow += a.base.element_flow_t[a.base.at(t, m.element)];
    }
    rows.push_back({m.element, flow / cap, a.base.element_queue_t[a.base.at(last, m.element)],
                    m.corridor_t_per_t[y], m.user_benefit_usd_per_t[y]});
  }
  std::stable_sort(rows.begin(), rows.end(),
                   [](const Row& p, const Row& q) { return p.util > q.util; });
  std::printf(
      "\nbinding elements in %d (by utilisation; value of +1 t capacity, finite difference "
      "+%.0f%%; user benefit in USD)\n",
      year, a.marginal_delta * 100.0);
  std::printf("  %-32s %7s %12s %12s %12s\n", "element", "util", "queue end t", "corridor t/t",
              "benefit/t");
  for (std::size_t i = 0; i < rows.size() && i < 10; ++i) {
    const Row& r = rows[i];
    std::printf("  %-32s %6.1f%% %12.0f %12.3f %12.2f\n", sim::element_id(s, r.e).c_str(),
                r.util * 100.0, r.queue, r.tonnes_per_t, r.benefit_usd_per_t);
  }
}

void print_ranking(const analysis::BottleneckAnalysis& a) {
  std::printf(
      "\nrelief ranking (%s; gains are means over complete years from the measure's start)\n",
      a.default_measures ? "default measures: +10% capacity of each capacitated element"
                         : "measures file");
  std::printf("  %4s  %-36s %6s %14s %16s %10s %12s\n", "rank", "measure", "from", "Mt/yr gained",
              "benefit MUSD/yr", "10 Mt in", "days saved/t");
  for (std::size_t r = 0; r < a.ranking.size(); ++r) {
    const analysis::MeasureResult& m = a.measures[a.ranking[r]];
    const std::string from = m.start_year ? std::to_string(*m.start_year) : "-";
    std::string reach = m.year_10mt ? std::to_string(*m.year_10mt) : "never";
    if (m.year_10mt && m.base_year_10mt && *m.year_10mt != *m.base_year_10mt) {
      reach += " (" + std::to_string(*m.year_10mt - *m.base_year_10mt) + ")";
    } else if (m.year_10mt && !m.base_year_10mt) {
      reach += " (new)";
    }
    std::printf("  %4zu  %-36s %6s %14.3f %16.3f %10s %12.3f\n", r + 1, m.id.c_str(), from.c_str(),
                m.tonnes_gained_per_year / 1e6, m.user_benefit_usd_per_year / 1e6, reach.c_str(),
                m.days_saved_per_tonne);
  }
}

// The base priced delays longer than any tonne waits: user benefits are then
// dominated by the congestion function far past capacity (docs/bottlenecks.md §5).
void warn_priced_delay(const Scenario& s, const analysis::BottleneckAnalysis& a, Context& ctx) {
  const analysis::PricedDelayCheck& c = a.priced_delay;
  if (c.steps_over_limit == 0 || !c.first_step) return;
  const std::chrono::year_month_day first{a.steps[*c.first_step].first_day};
  ctx.log->warn(
      "in {} base steps (the first in {}-{:02}) the route choice priced a delay longer than "
      "max_queue_months ({:.0f} days), up to {:.0f} days at {}: freight that cannot go around "
      "a saturated element; user benefits are dominated by that delay (docs/bottlenecks.md §5)",
      c.steps_over_limit, static_cast<int>(first.year()), static_cast<unsigned>(first.month()),
      c.limit_days, c.worst_delay_days, sim::element_id(s, c.worst_element));
}

std::vector<analysis::Measure> load_measure_list(const BottlenecksArgs& args) {
  std::vector<analysis::Measure> measures;
  if (args.measures.empty()) return measures;
  for (io::LoadedMeasure& lm : io::load_measures(args.scenario, args.measures)) {
    analysis::Measure m;
    m.id = lm.id;
    m.name = lm.name;
    m.scenario = std::make_shared<const Scenario>(std::move(lm.scenario));
    measures.push_back(std::move(m));
  }
  return measures;
}

int run(const BottlenecksArgs& args, Context& ctx) {
  io::LoadedScenario loaded = io::load_scenario(args.scenario);
  for (const std::string& w : loaded.warnings) ctx.log->warn("{}", w);
  const Scenario& s = loaded.scenario;
  const int first = static_cast<int>(s.horizon.start.year()),
            last = static_cast<int>(s.horizon.end.year());
  if (args.year && (*args.year < first || *args.year > last)) {
    throw InputError({"--year", 0, 0},
                     "year " + std::to_string(*args.year) + " is outside the horizon",
                     "a year from " + std::to_string(first) + " to " + std::to_string(last));
  }
  std::vector<analysis::Measure> measures = load_measure_list(args);
  analysis::BottleneckOptions options;
  options.threads =
      args.threads > 0 ? args.threads : std::max(1u, std::thread::hardware_concurrency());
  const auto started = std::chrono::steady_clock::now();
  const analysis::BottleneckAnalysis a =
      analysis::analyse_bottlenecks(s, std::move(measures), options);
  if (a.status != sim::RunStatus::completed)
    return report_failed_run("the bottleneck analysis of " + s.name, a.reason);
  ctx.log->debug("analysis took {:.2f} s on {} threads",
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(),
                 options.threads);
  if (a.base.solver.steps_not_converged > 0) {
    ctx.log->warn("{} of {} base steps stopped before the target gap (worst gap {:.2e})",
                  a.base.solver.steps_not_converged, a.steps.size(),
                  a.base.solver.worst_relative_gap);
  }
  warn_priced_delay(s, a, ctx);
  const std::size_t y = detail_year(a, args.year);
  const std::string dir = args.out.empty() ? "results/" + s.name + "/bottlenecks" : args.out;
  std::vector<std::string> files = loaded.files;
  if (!args.measures.empty()) files.push_back(args.measures);
  const io::RunMetadata meta{io::fingerprint_files(files), files, s.seed};
  io::write_bottlenecks(dir, s, a, meta);
  print_years(s, a);
  print_elements(s, a, y);
  print_ranking(a);
  std::printf("outputs in %s\n", dir.c_str());
  return 0;
}

}  // namespace

void add_bottlenecks_command(CLI::App& app, Context& ctx, Action& selected) {
  auto args = std::make_shared<BottlenecksArgs>();
  CLI::App* cmd = app.add_subcommand(
      "bottlenecks",
      "What binds first and what to fix first: per step and year the utilisation, queue and\n"
      "marginal value of each capacity; per year the corridor's maximum throughput and minimum\n"
      "cut (max-flow); candidate relief measures simulated against the base and ranked.");
  cmd->add_option("SCENARIO", args->scenario, "Scenario YAML file")->required();
  cmd->add_option(
      "--year", args->year,
      "Year of the binding-element table on stdout (default: first year an element runs full)");
  cmd->add_option("--measures", args->measures,
                  "Measures file (docs/scenario-format.md); default: +10% capacity of each "
                  "capacitated element");
  cmd->add_option("--threads", args->threads,
                  "Worker threads for the measure runs (default: all cores)")
      ->check(CLI::Range(1u, 256u));
  cmd->add_option("--out", args->out,
                  "Output folder (default results/<scenario name>/bottlenecks)");
  cmd->callback([&ctx, &selected, args] { selected = [&ctx, args] { return run(*args, ctx); }; });
}

}  // namespace corridor::cli
