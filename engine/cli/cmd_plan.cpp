// `corridor plan SCENARIO --measures FILE --target T --by YEAR [...]`: the
// least-cost programme of catalogue measures that makes a corridor measure
// reach a target by a year, deterministically or with a probability over the
// scenario's uncertainty; `--frontier FROM..TO` for the cost-versus-year curve
// (docs/planning.md).
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <memory>
#include <optional>
#include <thread>

#include "cli/commands.hpp"
#include "corridor/analysis/ensemble.hpp"
#include "corridor/analysis/plan.hpp"
#include "corridor/error.hpp"
#include "corridor/io/atomic_file.hpp"
#include "corridor/io/measures_loader.hpp"
#include "corridor/io/plan_writer.hpp"
#include "corridor/io/scenario_loader.hpp"
#include "corridor/sim/calendar.hpp"
#include "corridor/sim/report.hpp"
#include "corridor/sim/simulation.hpp"

namespace corridor::cli {
namespace {

struct PlanArgs {
  std::string scenario;
  std::string measures;
  double target = 0.0;
  std::string measure;
  std::optional<int> by;
  std::string frontier;
  std::string decide;
  std::optional<double> probability;
  std::optional<std::uint32_t> draws;
  std::optional<std::uint64_t> seed;
  std::optional<double> budget;
  std::optional<double> discount_rate;
  std::uint64_t max_evaluations = 0;
  unsigned threads = 0;
  std::string out;
};

// "2026..2035" as a pair of years.
std::pair<int, int> year_range(const std::string& text, const std::string& option) {
  const std::size_t dots = text.find("..");
  int a = 0, b = 0;
  try {
    if (dots == std::string::npos) throw std::invalid_argument(text);
    std::size_t used = 0;
    a = std::stoi(text.substr(0, dots), &used);
    if (used != dots) throw std::invalid_argument(text);
    const std::string rest = text.substr(dots + 2);
    b = std::stoi(rest, &used);
    if (used != rest.size()) throw std::invalid_argument(text);
  } catch (const std::exception&) {
    throw InputError({option, 0, 0}, "'" + text + "' is not a range of years",
                     "FROM..TO, e.g. 2026..2035");
  }
  if (a > b) throw InputError({option, 0, 0}, "'" + text + "' runs backwards", "FROM <= TO");
  return {a, b};
}

std::string musd(double usd) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", usd / 1e6);
  return buf;
}

std::vector<std::vector<double>> yearly_measures(const Scenario& s, std::vector<int>& years) {
  const sim::SimulationResult r = sim::simulate(s);
  if (!r.completed()) throw std::runtime_error("a programme's run did not complete: " + r.reason);
  const sim::Report report = sim::make_report(s, r);
  std::vector<std::vector<double>> out(s.corridor.measures.size());
  years.clear();
  for (const sim::YearReport& y : report.years) {
    years.push_back(y.year);
    for (std::size_t m = 0; m < out.size(); ++m) out[m].push_back(y.measures[m].value);
  }
  return out;
}

// Share of draws that reached the target by each year, with the programme.
std::vector<double> reach_shares(const analysis::PlanProblem& p, const Scenario& s) {
  analysis::EnsembleOptions eo;
  eo.seed = p.seed;
  eo.draw_count = p.draws;
  eo.threads = static_cast<int>(p.threads);
  const analysis::EnsembleResult r = analysis::run_ensemble(s, eo);
  if (r.status != analysis::EnsembleStatus::completed)
    throw std::runtime_error("the programme's ensemble did not complete: " + r.reason);
  std::vector<double> share(r.years.size(), 0.0);
  for (std::uint32_t d = 0; d < r.draw_count; ++d) {
    bool reached = false;
    for (std::size_t y = 0; y < r.years.size(); ++y) {
      reached = reached || p.reaches(r.years[y], r.complete[y],
                                     r.at(d, y, p.corridor_measure, r.segment_count));
      share[y] += reached ? 1.0 : 0.0;
    }
  }
  for (double& v : share) v /= static_cast<double>(r.draw_count);
  return share;
}

void print_answers(const analysis::PlanProblem& p, const analysis::PlanResult& r,
                   const CorridorMeasure& cm) {
  std::printf("plan for %s: %s >= %.0f %s/yr (%s)\n", p.base->name.c_str(), cm.id.c_str(), p.target,
              cm.unit(),
              p.draws > 0 ? ("probability >= " + std::to_string(p.probability).substr(0, 4) +
                             " over " + std::to_string(p.draws) + " draws")
                                .c_str()
                          : "deterministic");
  const analysis::PlanAnswer& first = r.answers.front();
  std::printf("  without measures: %s; with every measure as early as allowed: %s\n",
              first.base_reach_year ? std::to_string(*first.base_reach_year).c_str() : "never",
              first.best_reach_year ? std::to_string(*first.best_reach_year).c_str() : "never");
  for (const analysis::PlanAnswer& a : r.answers) {
    std::printf("\n  by %d: %s%s", a.by_year, to_string(a.status), a.proven ? " (proven)" : "");
    if (a.status == analysis::PlanStatus::optimal || a.status == analysis::PlanStatus::feasible) {
      std::printf(", present value %s MUSD (price year %d, %.1f%%/yr)", musd(a.cost_usd).c_str(),
                  p.first_decision_year, p.discount_rate * 100.0);
      if (!a.proven)
        std::printf(", lower bound %s MUSD, gap %.1f%%", musd(a.lower_bound_usd).c_str(),
                    a.gap() * 100.0);
      std::printf(", reached in %s\n", a.reach_year ? std::to_string(*a.reach_year).c_str() : "-");
      for (const analysis::PlanChoice& c : a.programme) {
        const analysis::PlanMeasure& m = p.measures[c.measure];
        std::printf("    decide %d  in service %04d-%02u  %10s MUSD  %s\n", c.decision_year,
                    static_cast<int>(c.in_service.year()),
                    static_cast<unsigned>(c.in_service.month()), musd(c.present_value_usd).c_str(),
                    m.id.c_str());
      }
      if (a.programme.empty()) std::printf("    (no measure needed)\n");
    } else {
      std::printf("\n");
    }
  }
  std::printf("\n%llu programmes evaluated, %llu search nodes, %llu pruned\n",
              static_cast<unsigned long long>(r.stats.programmes_evaluated),
              static_cast<unsigned long long>(r.stats.nodes),
              static_cast<unsigned long long>(r.stats.nodes_pruned));
}

int run(const PlanArgs& args, Context& ctx) {
  io::PlanCatalogue cat = io::load_plan_catalogue(args.scenario, args.measures);
  const Scenario& s = cat.base;
  if (!cat.left_out.empty()) {
    std::string ids;
    for (const std::string& id : cat.left_out) ids += (ids.empty() ? "" : ", ") + id;
    ctx.log->warn("{} measures without a cost are left out of the plan: {}", cat.left_out.size(),
                  ids);
  }
  analysis::PlanProblem p;
  p.base = &s;
  p.measures = cat.measures;
  p.target = args.target;
  if (args.measure.empty()) {
    p.corridor_measure = s.corridor.headline;
  } else {
    const std::int32_t m = s.corridor.find(args.measure);
    if (m < 0)
      throw InputError({"--measure", 0, 0}, "no corridor measure '" + args.measure + "'",
                       "the id of one of the scenario's corridor measures");
    p.corridor_measure = static_cast<std::uint32_t>(m);
  }
  int from = 0, to = 0;
  if (!args.frontier.empty() == args.by.has_value())
    throw InputError({"--by", 0, 0}, "give either --by YEAR or --frontier FROM..TO",
                     "exactly one of them");
  if (args.by) {
    from = to = *args.by;
  } else {
    std::tie(from, to) = year_range(args.frontier, "--frontier");
  }
  const int h0 = static_cast<int>(s.horizon.start.year());
  const int h1 = static_cast<int>(s.horizon.end.year());
  if (from < h0 || to > h1 || !sim::year_complete(s.horizon, to) ||
      !sim::year_complete(s.horizon, from))
    throw InputError({args.by ? "--by" : "--frontier", 0, 0},
                     "target years " + std::to_string(from) + ".." + std::to_string(to) +
                         " are not complete years of the horizon",
                     "years from " + std::to_string(h0) + " to " + std::to_string(h1));
  if (args.decide.empty()) {
    p.first_decision_year = h1;
    for (const analysis::PlanMeasure& m : p.measures)
      p.first_decision_year = std::min(p.first_decision_year, m.earliest_decision_year);
    p.first_decision_year = std::max(p.first_decision_year, h0);
    p.last_decision_year = std::max(p.first_decision_year, to);
  } else {
    std::tie(p.first_decision_year, p.last_decision_year) = year_range(args.decide, "--decide");
  }
  p.discount_rate = args.discount_rate ? *args.discount_rate : cat.discount_rate;
  const std::string rate_source = args.discount_rate ? "--discount-rate" : cat.discount_rate_source;
  p.budget_usd = args.budget;
  if (args.probability || args.draws) {
    p.probability = args.probability.value_or(0.8);
    p.draws = args.draws.value_or(200);
    if (s.uncertainty.empty())
      throw InputError({args.scenario, 0, 0},
                       "--probability needs the scenario's uncertainty section, which is empty",
                       "a scenario with an uncertainty section");
  }
  p.seed = args.seed.value_or(s.seed);
  p.threads = args.threads > 0 ? args.threads : std::max(1u, std::thread::hardware_concurrency());
  p.max_evaluations = args.max_evaluations;
  // Under MPI the plan runs on rank 0 alone (its ensembles use threads).
  if (ctx.rank != 0) return 0;

  std::uint64_t shown = 0;
  const auto progress = [&](const analysis::PlanStats& st) {
    if (ctx.quiet || st.programmes_evaluated < shown + 100) return;
    shown = st.programmes_evaluated;
    ctx.log->info("{} programmes evaluated, {} nodes", st.programmes_evaluated, st.nodes);
  };
  const auto started = std::chrono::steady_clock::now();
  const analysis::PlanResult r = analysis::solve_plan(p, from, to, progress);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  io::PlanOutput out;
  out.problem = &p;
  out.result = &r;
  out.left_out = cat.left_out;
  out.discount_rate_source = rate_source;
  out.frontier = !args.frontier.empty();
  out.seconds = seconds;
  std::vector<int> years;
  const std::vector<std::vector<double>> baseline = yearly_measures(s, years);
  for (const analysis::PlanAnswer& a : r.answers) {
    if (a.status != analysis::PlanStatus::optimal && a.status != analysis::PlanStatus::feasible)
      continue;
    io::PlanTrajectory t;
    t.by_year = a.by_year;
    t.baseline = baseline;
    const Scenario ps = analysis::programme_scenario(p, a.programme);
    t.programme = yearly_measures(ps, t.years);
    if (p.draws > 0) t.reach_share = reach_shares(p, ps);
    out.trajectories.push_back(std::move(t));
  }
  const std::string dir = args.out.empty() ? "results/" + s.name + "/plan" : args.out;
  std::vector<std::string> files = io::load_scenario(args.scenario).files;
  files.push_back(args.measures);
  io::write_plan(dir, out, io::RunMetadata{io::fingerprint_files(files), files, p.seed});
  print_answers(p, r, s.corridor.measures[p.corridor_measure]);
  std::printf("%.1f s, %.1f programmes/s on %u threads\noutputs in %s\n", seconds,
              seconds > 0 ? static_cast<double>(r.stats.programmes_evaluated) / seconds : 0.0,
              p.threads, dir.c_str());
  return 0;
}

}  // namespace

void add_plan_command(CLI::App& app, Context& ctx, Action& selected) {
  auto args = std::make_shared<PlanArgs>();
  CLI::App* cmd = app.add_subcommand(
      "plan",
      "The cheapest programme of catalogue measures (which, decided in which year) that makes a\n"
      "corridor measure reach a target by a year, deterministically or with a probability over\n"
      "the scenario's uncertainty; --frontier gives the cost for each target year "
      "(docs/planning.md).");
  cmd->add_option("SCENARIO", args->scenario, "Scenario YAML file")->required();
  cmd->add_option("--measures", args->measures,
                  "Measures catalogue with costs (docs/scenario-format.md, \"Measures files\")")
      ->required();
  cmd->add_option("--target", args->target, "Target per year, in the measure's unit (e.g. 10e6)")
      ->required()
      ->check(CLI::PositiveNumber);
  cmd->add_option("--measure", args->measure, "Corridor measure id (default: the headline)");
  cmd->add_option("--by", args->by, "Year by which the target must be reached");
  cmd->add_option("--frontier", args->frontier,
                  "FROM..TO: the cheapest programme for each target year");
  cmd->add_option("--decide", args->decide,
                  "FROM..TO: years in which measures may be decided (default: the catalogue's "
                  "earliest decision year to the last target year); FROM is the price year");
  cmd->add_option("--probability", args->probability,
                  "Reach the target with at least this probability over the ensemble")
      ->check(CLI::Range(1e-9, 1.0));
  cmd->add_option("--draws", args->draws, "Draws of the ensemble (default 200 with --probability)")
      ->check(CLI::Range(1u, 1000000u));
  cmd->add_option("--seed", args->seed, "Seed of the draws (default: the scenario's)");
  cmd->add_option("--budget", args->budget, "Largest present value allowed, USD")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--discount-rate", args->discount_rate,
                  "Discount rate a year (default: the catalogue's planning.discount_rate)")
      ->check(CLI::Range(0.0, 0.99));
  cmd->add_option("--max-evaluations", args->max_evaluations,
                  "Stop after this many programme evaluations and report the gap (default: none)");
  cmd->add_option("--threads", args->threads, "Worker threads (default: all cores)")
      ->check(CLI::Range(1u, 256u));
  cmd->add_option("--out", args->out, "Output folder (default results/<scenario name>/plan)");
  cmd->callback([&ctx, &selected, args] { selected = [&ctx, args] { return run(*args, ctx); }; });
}

}  // namespace corridor::cli
