// Sensitivity runs on the toy scenario: one-at-a-time swings equal direct runs
// with the input at its levels, the quantile levels mean what
// docs/sensitivity.md says, and the tables do not depend on threads or splits.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cmath>

#include "corridor/analysis/sensitivity.hpp"
#include "corridor/sim/report.hpp"
#include "corridor/sim/simulation.hpp"
#include "test_support.hpp"

namespace corridor::analysis {
namespace {

using namespace std::chrono;

// The toy scenario with its sea crossing cut to 0.5 Mt/yr, so that the ferry
// project (+1 Mt/yr from mid-2023) and closures change what crosses.
Scenario tight_mini() {
  Scenario s = tests::mini_scenario();
  s.network =
      tests::with_link(s.network, "aktau-alat", [](LinkSpec& l) { l.capacity_t_per_year = 5e5; });
  return s;
}

// The tight toy scenario with one item of each kind that acts on its horizon.
Scenario uncertain_mini() {
  Scenario s = tight_mini();
  s.uncertainty.growth.push_back({0, 0.05, 0.02});
  ProjectDelay delay;
  delay.projects = {0};
  delay.delay_months = {Distribution::Kind::triangular, -1.0, 18.0, 3.0};
  s.uncertainty.project_delays.push_back(delay);
  RandomClosure storms;
  storms.id = "storms";
  storms.elements = {*s.network.find_node("aktau")};
  storms.months = {1, 2, 11, 12};
  storms.events_per_month = 1.0;
  storms.duration_days = {Distribution::Kind::uniform, 2.0, 10.0, 0.0};
  s.uncertainty.closures.push_back(storms);
  DemandShock shock;
  shock.id = "shock";
  shock.segments = {1};
  shock.probability_per_year = 0.3;
  shock.size = {Distribution::Kind::uniform, -0.5, -0.2, 0.0};
  shock.duration_months = {Distribution::Kind::uniform, 3.0, 9.0, 0.0};
  s.uncertainty.shocks.push_back(shock);
  return s;
}

// The headline's value in `year` for a run that sets the inputs as `settings` says.
double direct_run(const Scenario& base, const InputSettings& settings, int year) {
  const Scenario drawn = draw_scenario(base, base.seed, settings);
  const std::vector<sim::Step> steps = sim::make_steps(drawn.horizon);
  sim::StepInputs inputs = sim::make_step_inputs(drawn, steps);
  apply_demand_shocks(base, base.seed, settings, steps, inputs);
  const sim::SimulationResult r = sim::simulate(drawn, steps, inputs);
  EXPECT_TRUE(r.completed()) << r.reason;
  const sim::Report report = sim::make_report(drawn, r);
  return report.years[static_cast<std::size_t>(year - report.years.front().year)].measures[0].value;
}

RunTable all_runs(const Scenario& s, const RunPlan& plan, std::uint32_t runs,
                  const std::vector<SensitivityOutput>& outputs, int threads) {
  RunTableOptions o;
  o.seed = s.seed;
  o.run_count = runs;
  o.threads = threads;
  return run_plan(s, plan, outputs, o);
}

TEST(Inputs, OneInputPerItemInAFixedOrder) {
  const Scenario s = uncertain_mini();
  const std::vector<UncertainInput> in = uncertain_inputs(s);
  ASSERT_EQ(in.size(), 4u);
  EXPECT_EQ(in[0].id, "growth:steady");
  EXPECT_EQ(in[1].id, "project-delay:ferry-fleet");
  EXPECT_EQ(in[2].id, "closure:storms");
  EXPECT_EQ(in[3].id, "shock:shock");
  EXPECT_DOUBLE_EQ(input_value_at(s, in[2], 0.9), 7.0);  // Poisson(4): P(<=6) 0.889, P(<=7) 0.949
  EXPECT_EQ(input_value_at(s, in[3], 0.1), 0.0);         // binomial(3, 0.3): P(0) = 0.343
}

TEST(Inputs, EveryInputFromOneDrawIsThatEnsembleDraw) {
  const Scenario s = uncertain_mini();
  const Scenario a = draw_scenario(s, 9, 4);
  const Scenario b = draw_scenario(s, 9, InputSettings(4, 4));
  EXPECT_EQ(a.disruptions.size(), b.disruptions.size());
  EXPECT_EQ(a.demand.growth_paths[0].rate_in(2023), b.demand.growth_paths[0].rate_in(2023));
  // Mixing: the growth input from draw 5, the rest from draw 4.
  InputSettings mixed(4, 4);
  mixed.set_draw(0, 5);
  const Scenario c = draw_scenario(s, 9, mixed);
  EXPECT_EQ(c.demand.growth_paths[0].rate_in(2023),
            draw_scenario(s, 9, 5).demand.growth_paths[0].rate_in(2023));
  EXPECT_EQ(sys_days{c.projects[0].in_service}, sys_days{a.projects[0].in_service});
}

TEST(Oat, SwingsEqualDirectRunsAtTheLowAndHighLevels) {
  const Scenario s = uncertain_mini();
  const OatDesign design{4};
  const std::vector<SensitivityOutput> outputs = sensitivity_outputs(s, {2023, 2024});
  const RunTable t = all_runs(
      s, [&](std::uint32_t r) { return design.settings(r); }, design.runs(), outputs, 2);
  ASSERT_EQ(t.status, EnsembleStatus::completed) << t.reason;
  const std::vector<OatSwing> swings = oat_swings(design, t);
  for (std::uint32_t i = 0; i < 4; ++i) {
    InputSettings low(4, 0), high(4, 0);
    for (std::uint32_t j = 0; j < 4; ++j) {
      low.set_level(j, j == i ? 0.1 : 0.5);
      high.set_level(j, j == i ? 0.9 : 0.5);
    }
    EXPECT_EQ(swings[i].low, direct_run(s, low, 2023)) << i;  // output 0: 2023
    EXPECT_EQ(swings[i].high, direct_run(s, high, 2023)) << i;
    EXPECT_EQ(swings[4 + i].high, direct_run(s, high, 2024)) << i;  // output 1: 2024
  }
  // The ferry project late (P90) carries less over the crossing in 2023 than early (P10).
  EXPECT_LT(swings[1].high, swings[1].low);
}

TEST(Oat, ADelayAtItsLevelsIsTheProjectMovedByTheDistributionsQuantile) {
  // Only the delay item: at P10 and P90 the run is the scenario with the project
  // moved by the triangular quantile, computed here by hand.
  Scenario s = tight_mini();
  ProjectDelay delay;
  delay.projects = {0};
  delay.delay_months = {Distribution::Kind::triangular, -1.0, 18.0, 3.0};
  s.uncertainty.project_delays.push_back(delay);
  const OatDesign design{1};
  const RunTable t = all_runs(
      s, [&](std::uint32_t r) { return design.settings(r); }, design.runs(),
      sensitivity_outputs(s, {2023}), 1);
  const std::vector<OatSwing> swing = oat_swings(design, t);
  EXPECT_LT(swing[0].high, swing[0].low);  // the ferries late carry less in 2023
  // P10 on the lower branch: -1 + sqrt(0.1 * 19 * 4); P90 on the upper: 18 - sqrt(0.1 * 19 * 15).
  for (const auto& [level, months] :
       {std::pair{0.1, -1.0 + std::sqrt(7.6)}, std::pair{0.9, 18.0 - std::sqrt(28.5)}}) {
    Scenario moved = s;
    moved.uncertainty = {};
    const auto by = days{std::lround(months * sim::kDaysPerMonth)};
    moved.projects[0].in_service = year_month_day{sys_days{s.projects[0].in_service} + by};
    const sim::Report r = sim::make_report(moved, sim::simulate(moved));
    EXPECT_EQ(level < 0.5 ? swing[0].low : swing[0].high, r.years[1].measures[0].value) << level;
  }
}

TEST(SensitivityRuns, IdenticalForAnyThreadCountAndSplit) {
  const Scenario s = uncertain_mini();
  const SaltelliDesign design{6, 4};
  const std::vector<SensitivityOutput> outputs = sensitivity_outputs(s, {2023, 2024});
  const RunPlan plan = [&](std::uint32_t r) { return design.settings(r); };
  const RunTable one = all_runs(s, plan, design.runs(), outputs, 1);
  const RunTable two = all_runs(s, plan, design.runs(), outputs, 2);
  ASSERT_EQ(one.values, two.values);
  RunTableOptions tail;
  tail.seed = s.seed;
  tail.first_run = 17;
  tail.run_count = design.runs() - 17;
  const RunTable part = run_plan(s, plan, outputs, tail);
  for (std::size_t i = 0; i < part.values.size(); ++i)
    ASSERT_EQ(part.values[i], one.values[17 * one.width + i]);
  // Outputs: tonnage 2023, 2024, then the years reaching 5, 10, 15 Mt (never: 2025).
  ASSERT_EQ(one.width, 5u);
  EXPECT_EQ(one.at(0, 4), 2025.0);
}

TEST(SensitivityRuns, ACancelledTableSaysSoAndRunsNothingMore) {
  const Scenario s = uncertain_mini();
  const OatDesign design{4};
  const std::atomic<bool> cancel{true};
  RunTableOptions o;
  o.seed = s.seed;
  o.run_count = design.runs();
  o.threads = 2;
  o.cancel = &cancel;
  const RunTable t = run_plan(
      s, [&](std::uint32_t r) { return design.settings(r); }, sensitivity_outputs(s, {2024}), o);
  EXPECT_EQ(t.status, EnsembleStatus::cancelled);
  EXPECT_EQ(t.runs_completed, 0u);
  EXPECT_NE(t.reason.find("cancelled after 0 of 9 runs"), std::string::npos) << t.reason;
}

TEST(SensitivityRuns, SobolIndicesOfTheToyScenarioAreConsistent) {
  const Scenario s = uncertain_mini();
  const SaltelliDesign design{64, 4};
  const std::vector<SensitivityOutput> outputs = sensitivity_outputs(s, {2024});
  const RunTable t = all_runs(
      s, [&](std::uint32_t r) { return design.settings(r); }, design.runs(), outputs, 2);
  const std::vector<SobolOutput> sobol = sobol_indices(design, t, {200, 0.95, s.seed});
  const SobolOutput& y2024 = sobol[0];
  ASSERT_GT(y2024.variance, 0.0);
  double sum_first = 0, slack = 0;
  for (std::uint32_t i = 0; i < 4; ++i) {
    sum_first += y2024.first_order[i].value;
    slack += y2024.first_order[i].ci_high - y2024.first_order[i].value;
    // Total >= first, within the intervals.
    EXPECT_GE(y2024.total[i].ci_high, y2024.first_order[i].ci_low) << i;
    EXPECT_GE(y2024.total[i].value, 0.0);
  }
  EXPECT_LE(sum_first, 1.0 + slack);
  // The year reaching 5 Mt is censored in every run: no variance, no indices.
  EXPECT_TRUE(std::isnan(sobol[1].first_order[0].value));
}

}  // namespace
}  // namespace corridor::analysis
