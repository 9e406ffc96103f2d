// corridor plan's search: on 12 measures on the shipped network its answer
// equals a brute-force enumeration of every programme; the same problem gives
// the same answer on 1 and 2 threads; the ensemble mode's answer reaches the
// target in the stated share of draws.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>

#include "analysis/parallel.hpp"
#include "corridor/analysis/ensemble.hpp"
#include "corridor/analysis/plan.hpp"
#include "corridor/sim/report.hpp"
#include "corridor/sim/simulation.hpp"
#include "test_support.hpp"

namespace corridor::analysis {
namespace {

using namespace std::chrono;

ElementRef element(const Scenario& s, const std::string& id) {
  if (const auto n = s.network.find_node(id)) return {ElementRef::Kind::node, *n};
  const auto l = s.network.find_link(id);
  EXPECT_TRUE(l.has_value()) << id;
  return {ElementRef::Kind::link, l.value_or(0)};
}

PlanMeasure measure(const Scenario& s, const std::string& id, std::vector<std::string> elements,
                    Attribute attribute, Project::Change change, double value, double capex,
                    double yearly, int earliest) {
  PlanMeasure m;
  m.id = id;
  m.name = id;
  m.capex_usd = capex;
  m.yearly_usd = yearly;
  m.lead_time_months = 12;
  m.earliest_decision_year = earliest;
  Project p;
  p.id = id;
  p.name = id;
  for (const std::string& e : elements) p.elements.push_back(element(s, e));
  p.attribute = attribute;
  p.change = change;
  p.value = value;
  p.in_service = year{earliest + 1} / January / 1;
  m.projects.push_back(p);
  return m;
}

// The shipped baseline over 2024-2027 with 12 measures: one may be decided in
// 2025 or 2026, the others in 2026 only (3 x 2^11 = 6,144 programmes).
Scenario short_baseline() {
  Scenario s = tests::source_scenario("scenarios/trans-caspian/baseline.yaml");
  s.horizon.start = year{2024} / January;
  s.horizon.end = year{2027} / December;
  s.uncertainty = {};
  return s;
}

std::vector<PlanMeasure> twelve_measures(const Scenario& s) {
  using C = Project::Change;
  using A = Attribute;
  const double mt = 1e6;
  return {
      measure(s, "kuryk-ferry", {"kuryk-alat", "alat-kuryk"}, A::capacity_t_per_year, C::add,
              0.2 * mt, 39e6, 1.5e6, 2025),
      measure(s, "container-ships", {"aktau-alat", "alat-aktau"}, A::capacity_t_per_year, C::add,
              0.3 * mt, 50e6, 2e6, 2026),
      measure(s, "turkmenbashi-roro", {"turkmenbashi-alat-roro", "alat-turkmenbashi-roro"},
              A::capacity_t_per_year, C::add, 0.1 * mt, 39e6, 0.0, 2026),
      measure(s, "kuryk-roro", {"kuryk-alat-roro", "alat-kuryk-roro"}, A::capacity_t_per_year,
              C::add, 0.1 * mt, 35e6, 0.0, 2026),
      measure(s, "cargo-ships", {"aktau-alat-cargo", "alat-aktau-cargo"}, A::capacity_t_per_year,
              C::add, 0.3 * mt, 45e6, 0.0, 2026),
      measure(s, "ferry-tariff", {"kuryk-alat", "alat-kuryk"}, A::tariff_usd_per_t, C::multiply_by,
              0.9, 0.0, 6e6, 2026),
      measure(s, "ship-tariff", {"aktau-alat", "alat-aktau"}, A::tariff_usd_per_t, C::multiply_by,
              0.9, 0.0, 5e6, 2026),
      measure(s, "dostyk-dwell", {"dostyk"}, A::dwell_days, C::add, -0.5, 8e6, 0.0, 2026),
      measure(s, "altynkol-dwell", {"altynkol"}, A::dwell_days, C::add, -0.5, 7e6, 0.0, 2026),
      measure(s, "beyneu-tariff", {"beyneu-aktau", "aktau-beyneu", "beyneu-kuryk", "kuryk-beyneu"},
              A::tariff_usd_per_t, C::multiply_by, 0.9, 0.0, 4e6, 2026),
      measure(s, "georgia-faster", {"tbilisi-batumi", "batumi-tbilisi"}, A::transit_days, C::add,
              -0.5, 60e6, 0.0, 2026),
      measure(s, "kazakh-rail-tariff", {"moyinty-zhezkazgan", "zhezkazgan-beyneu"},
              A::tariff_usd_per_t, C::multiply_by, 0.9, 0.0, 9e6, 2026),
  };
}

PlanProblem problem(const Scenario& s, std::vector<PlanMeasure> measures, double target) {
  PlanProblem p;
  p.base = &s;
  p.measures = std::move(measures);
  p.corridor_measure = s.corridor.headline;
  p.target = target;
  p.first_decision_year = 2025;
  p.last_decision_year = 2026;
  p.discount_rate = 0.06;
  p.threads = 2;
  return p;
}

// The headline measure per year of the horizon, for a programme.
std::vector<double> yearly(const PlanProblem& p, const std::vector<PlanChoice>& programme) {
  const Scenario s = programme_scenario(p, programme);
  const sim::SimulationResult r = sim::simulate(s);
  EXPECT_TRUE(r.completed()) << r.reason;
  std::vector<double> out;
  for (const sim::YearReport& y : sim::make_report(s, r).years)
    out.push_back(y.measures[p.corridor_measure].value);
  return out;
}

TEST(Plan, TwelveMeasuresEqualsBruteForceEnumeration) {
  const Scenario s = short_baseline();
  PlanProblem p = problem(s, twelve_measures(s), 0.0);
  const std::size_t n = p.measures.size();
  // Every programme: measure 0 none / 2025 / 2026, the others none / 2026.
  std::vector<std::vector<PlanChoice>> programmes;
  for (std::uint32_t mask = 0; mask < (1U << (n - 1)); ++mask) {
    for (int first = -1; first <= 1; ++first) {
      std::vector<PlanChoice> prog;
      if (first >= 0) prog.push_back({0, 2025 + first, {}, 0.0});
      for (std::size_t i = 1; i < n; ++i) {
        if ((mask >> (i - 1)) & 1U) prog.push_back({i, 2026, {}, 0.0});
      }
      programmes.push_back(std::move(prog));
    }
  }
  ASSERT_EQ(programmes.size(), 6144U);
  std::vector<std::vector<double>> values(programmes.size());
  parallel_for(programmes.size(), 2, [&](std::size_t k) { values[k] = yearly(p, programmes[k]); });
  // The target: 60% of the way from no measure to every measure, in 2027.
  const double none = values[0].back();
  double all = 0.0;
  for (const std::vector<double>& v : values) all = std::max(all, v.back());
  ASSERT_GT(all, none + 1000.0) << "the measures must move the corridor";
  p.target = none + 0.6 * (all - none);

  double best = std::numeric_limits<double>::infinity();
  std::size_t best_k = 0, ties = 0;
  for (std::size_t k = 0; k < programmes.size(); ++k) {
    bool reached = false;
    for (std::size_t y = 0; y < values[k].size(); ++y)
      reached = reached || values[k][y] >= p.target;
    if (!reached) continue;
    double cost = 0.0;
    for (const PlanChoice& c : programmes[k])
      cost += measure_present_value(p, p.measures[c.measure], c.decision_year);
    if (cost < best - 1e-6) {
      best = cost;
      best_k = k;
      ties = 1;
    } else if (std::fabs(cost - best) <= 1e-6) {
      ++ties;
    }
  }
  ASSERT_TRUE(std::isfinite(best));

  const PlanResult r = solve_plan(p, 2027, 2027);
  ASSERT_EQ(r.answers.size(), 1U);
  const PlanAnswer& a = r.answers[0];
  EXPECT_EQ(a.status, PlanStatus::optimal);
  EXPECT_TRUE(a.proven);
  EXPECT_NEAR(a.cost_usd, best, 1e-3);
  EXPECT_EQ(r.stats.local_checks_failed, 0U);
  if (ties == 1) {
    ASSERT_EQ(a.programme.size(), programmes[best_k].size());
    for (std::size_t j = 0; j < a.programme.size(); ++j) {
      const auto same = std::find_if(programmes[best_k].begin(), programmes[best_k].end(),
                                     [&](const PlanChoice& c) {
                                       return c.measure == a.programme[j].measure &&
                                              c.decision_year == a.programme[j].decision_year;
                                     });
      EXPECT_NE(same, programmes[best_k].end()) << p.measures[a.programme[j].measure].id;
    }
  }
  std::printf("optimum: %zu measures, %.1f MUSD (%zu programmes tie); %llu of %zu evaluated\n",
              a.programme.size(), a.cost_usd / 1e6, ties,
              static_cast<unsigned long long>(r.stats.programmes_evaluated), programmes.size());
  // The search evaluates a small part of the space.
  EXPECT_LT(r.stats.programmes_evaluated, programmes.size() / 4);
}

TEST(Plan, SameAnswerOnOneAndTwoThreadsAndAFrontierThatNeverRises) {
  const Scenario s = short_baseline();
  PlanProblem p = problem(s, twelve_measures(s), 0.0);
  const std::vector<double> base = yearly(p, {});
  p.target = base.back() * 1.02;
  p.threads = 1;
  const PlanResult one = solve_plan(p, 2026, 2027);
  p.threads = 2;
  const PlanResult two = solve_plan(p, 2026, 2027);
  ASSERT_EQ(one.answers.size(), 2U);
  ASSERT_EQ(two.answers.size(), 2U);
  EXPECT_EQ(one.stats.programmes_evaluated, two.stats.programmes_evaluated);
  EXPECT_EQ(one.stats.nodes, two.stats.nodes);
  for (std::size_t k = 0; k < 2; ++k) {
    EXPECT_EQ(one.answers[k].status, two.answers[k].status);
    EXPECT_EQ(one.answers[k].cost_usd, two.answers[k].cost_usd);
    ASSERT_EQ(one.answers[k].programme.size(), two.answers[k].programme.size());
    for (std::size_t j = 0; j < one.answers[k].programme.size(); ++j) {
      EXPECT_EQ(one.answers[k].programme[j].measure, two.answers[k].programme[j].measure);
      EXPECT_EQ(one.answers[k].programme[j].decision_year,
                two.answers[k].programme[j].decision_year);
    }
  }
  // A later target year never costs more.
  if (one.answers[0].status == PlanStatus::optimal) {
    ASSERT_EQ(one.answers[1].status, PlanStatus::optimal);
    EXPECT_LE(one.answers[1].cost_usd, one.answers[0].cost_usd);
  }
}

TEST(Plan, UnreachableTargetIsProvenInfeasibleWithTheBestYear) {
  const Scenario s = short_baseline();
  PlanProblem p = problem(s, twelve_measures(s), 1e9);
  const PlanResult r = solve_plan(p, 2027, 2027);
  EXPECT_EQ(r.answers[0].status, PlanStatus::infeasible);
  EXPECT_TRUE(r.answers[0].proven);
  EXPECT_FALSE(r.answers[0].best_reach_year.has_value());
  EXPECT_TRUE(r.answers[0].programme.empty());
}

TEST(Plan, PresentValueDiscountsCapitalAndYearlyCosts) {
  const Scenario s = short_baseline();
  PlanProblem p = problem(s, twelve_measures(s), 1.0);
  const PlanMeasure& ferry = p.measures[0];  // 39 M capex, 1.5 M a year, 12 months lead
  // Decided 2025 (price year): capex undiscounted, yearly costs 2026 and 2027.
  const double expected = 39e6 + 1.5e6 / 1.06 + 1.5e6 / (1.06 * 1.06);
  EXPECT_NEAR(measure_present_value(p, ferry, 2025), expected, 1e-3);
  EXPECT_LT(measure_present_value(p, ferry, 2026), measure_present_value(p, ferry, 2025));
}

// The ensemble mode: the answer reaches the target in at least the stated share
// of the draws (checked with the ensemble directly), the search gives the same
// answer on 1 and 2 threads, and a higher probability never costs less.
TEST(Plan, EnsembleModeAnswerReachesTheTargetInTheStatedShareOfDraws) {
  const Scenario s = tests::source_scenario("tests/data/mini/uncertain.yaml");
  std::vector<PlanMeasure> ms = {
      measure(s, "ferry-tariff", {"aktau-alat"}, Attribute::tariff_usd_per_t,
              Project::Change::set_to, 5.0, 0.0, 30e6, 2022),
      measure(s, "rail-tariff", {"cn-aktau", "alat-eu"}, Attribute::tariff_usd_per_t,
              Project::Change::multiply_by, 0.7, 0.0, 50e6, 2022),
      measure(s, "faster-rail", {"cn-aktau"}, Attribute::transit_days, Project::Change::add, -2.0,
              400e6, 0.0, 2022),
  };
  PlanProblem p;
  p.base = &s;
  p.measures = ms;
  p.target = 2.5e6;
  p.first_decision_year = 2022;
  p.last_decision_year = 2023;
  p.discount_rate = 0.05;
  p.draws = 24;
  p.seed = 11;
  p.probability = 0.75;
  p.threads = 1;
  const PlanResult one = solve_plan(p, 2024, 2024);
  p.threads = 2;
  const PlanResult two = solve_plan(p, 2024, 2024);
  const PlanAnswer& a = two.answers[0];
  ASSERT_EQ(a.status, PlanStatus::optimal);
  EXPECT_EQ(one.answers[0].cost_usd, a.cost_usd);
  EXPECT_EQ(one.stats.programmes_evaluated, two.stats.programmes_evaluated);

  EnsembleOptions eo;
  eo.seed = p.seed;
  eo.draw_count = p.draws;
  eo.threads = 2;
  const Scenario ps = programme_scenario(p, a.programme);
  const EnsembleResult e = run_ensemble(ps, eo);
  std::uint32_t reached = 0;
  for (std::uint32_t d = 0; d < e.draw_count; ++d) {
    bool hit = false;
    for (std::size_t y = 0; y < e.years.size(); ++y)
      hit = hit || (e.complete[y] && e.at(d, y, 0, e.segment_count) >= p.target);
    reached += hit ? 1U : 0U;
  }
  EXPECT_GE(reached, 18U);  // 0.75 x 24

  p.probability = 1.0;
  const PlanResult sure = solve_plan(p, 2024, 2024);
  if (sure.answers[0].status == PlanStatus::optimal) {
    EXPECT_GE(sure.answers[0].cost_usd, a.cost_usd);
  }
}

TEST(Plan, ProblemsOutOfRangeAreRefused) {
  const Scenario s = short_baseline();
  PlanProblem p = problem(s, twelve_measures(s), 1e6);
  EXPECT_THROW((void)solve_plan(p, 2023, 2027), std::invalid_argument);  // before the horizon
  EXPECT_THROW((void)solve_plan(p, 2027, 2028), std::invalid_argument);  // after it
  p.measures[1].requires_ = {2};
  p.measures[2].requires_ = {1};
  EXPECT_THROW((void)solve_plan(p, 2027, 2027), std::invalid_argument);  // a cycle
}

}  // namespace
}  // namespace corridor::analysis
