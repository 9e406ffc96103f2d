// User benefit (docs/bottlenecks.md §5): the logit's expected cost is the
// logsum of the route costs and its derivative is the route share; the user
// cost of a run adds up demand x expected cost; and relief that only adds
// capacity to a binding crossing never costs the users anything.
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "corridor/analysis/bottlenecks.hpp"
#include "corridor/analysis/relief.hpp"
#include "corridor/assign/logit.hpp"
#include "test_support.hpp"

namespace corridor::analysis {
namespace {

constexpr double kTheta = 0.2;              // per USD
constexpr double kDemand = 50.0;            // tonnes
constexpr double kTimes[2] = {10.0, 20.0};  // days on each route, value of time 1 USD/t/day

// One OD pair 0 -> 1 over two parallel links whose times do not depend on the
// flow (BPR with alpha = 0), so route r costs fixed_cost_r + time_r whatever
// the shares: the logsum then has a closed form.
assign::Problem two_fixed_routes(double fixed_cost_usd_per_t) {
  assign::Problem p;
  p.network.node_count = 2;
  p.network.tail = {0, 0};
  p.network.head = {1, 1};
  for (const double t : kTimes) p.network.cost.push_back({assign::CostKind::bpr, t, 1.0, 0.0, 1.0});
  p.classes.push_back({"all", 1.0, {fixed_cost_usd_per_t, 0.0}, {{0, 1, kDemand}}, kTheta});
  return p;
}

double solved_expected_cost(assign::LogitSolver& solver) {
  const assign::SolveResult r = solver.solve();
  EXPECT_EQ(r.status, assign::SolveStatus::converged) << r.reason;
  return solver.expected_cost(0, 0, 1);
}

TEST(UserBenefit, ExpectedCostIsTheLogsumOfTheRouteCosts) {
  assign::LogitSolver solver(two_fixed_routes(1.0));
  const double c0 = 1.0 + kTimes[0], c1 = kTimes[1];
  const double logsum = -std::log(std::exp(-kTheta * c0) + std::exp(-kTheta * c1)) / kTheta;
  EXPECT_NEAR(solved_expected_cost(solver), logsum, 1e-9);
  // Having a second route is worth something: below the cheaper route's cost.
  EXPECT_LT(logsum, c0);
}

TEST(UserBenefit, LogsumChangesByTheRouteShareOfACostChange) {
  // dE/dC_0 = P_0 (Williams 1977): a change h in route 0's cost changes what
  // a tonne expects to pay by P_0 h, to first order. Central difference.
  const double h = 1e-3;
  assign::LogitSolver solver(two_fixed_routes(1.0));
  (void)solved_expected_cost(solver);
  const double share = solver.link_flow()[0] / kDemand;
  EXPECT_NEAR(share, 1.0 / (1.0 + std::exp(-kTheta * (kTimes[1] - kTimes[0] - 1.0))), 1e-9);
  solver.set_fixed_cost(0, 0, 1.0 + h);
  const double up = solved_expected_cost(solver);
  solver.set_fixed_cost(0, 0, 1.0 - h);
  const double down = solved_expected_cost(solver);
  EXPECT_NEAR((up - down) / (2.0 * h), share, 1e-6);
}

// The mini scenario with the sea crossing cut to 0.5 Mt/yr: the bulk OD
// (aktau -> eu, no other route) queues at it, the containers (cn -> eu) can
// go around it by the northern route.
Scenario tight_ferry(AssignmentMethod method) {
  Scenario s = tests::mini_tight_ferry();
  s.assignment.method = method;
  for (Segment& seg : s.demand.segments) seg.logit_dispersion_per_usd = 0.02;
  return s;
}

struct Base {
  Scenario scenario;
  std::vector<sim::Step> steps;
  sim::StepInputs inputs;
  sim::SimulationResult result;
  RunYears run;

  explicit Base(Scenario s)
      : scenario(std::move(s)),
        steps(sim::make_steps(scenario.horizon)),
        inputs(sim::make_step_inputs(scenario, steps)),
        result(sim::simulate(scenario, steps, inputs)),
        run(summarise_run(scenario, steps, inputs, result)) {}
  [[nodiscard]] BaseCase base_case() const { return {&scenario, &steps, &inputs, run}; }
};

std::uint32_t ferry(const Scenario& s) {
  return s.network.node_count() + *s.network.find_link("aktau-alat");
}

TEST(UserBenefit, UserCostIsDemandTimesExpectedCostPerYearAndSegment) {
  const Base b(tight_ferry(AssignmentMethod::logit));
  ASSERT_TRUE(b.result.completed());
  std::vector<double> by_hand(b.run.years.size(), 0.0);
  for (std::size_t t = 0; t < b.steps.size(); ++t) {
    for (std::uint32_t k = 0; k < b.result.od_count; ++k) {
      const std::size_t i = b.result.od_at(t, k);
      by_hand[static_cast<std::size_t>(b.steps[t].year - b.run.years.front())] +=
          b.result.od_demand_t[i] * b.result.od_expected_cost_usd_per_t[i];
    }
  }
  for (std::size_t y = 0; y < by_hand.size(); ++y) {
    EXPECT_GT(b.run.user_cost_usd[y], 0.0);
    EXPECT_NEAR(b.run.user_cost_usd[y], by_hand[y], 1e-9 * by_hand[y]);
    const std::vector<double>& seg = b.run.segment_user_cost_usd[y];
    EXPECT_NEAR(std::accumulate(seg.begin(), seg.end(), 0.0), by_hand[y], 1e-9 * by_hand[y]);
  }
}

TEST(UserBenefit, MeasureThatChangesNothingHasNoBenefit) {
  const Base b(tight_ferry(AssignmentMethod::logit));
  Measure same;
  same.id = "nothing";
  same.scenario = std::make_shared<const Scenario>(b.scenario);
  const MeasureResult r = evaluate_measures(b.base_case(), {same}, 1).front();
  EXPECT_EQ(r.user_benefit_usd_per_year, 0.0);
  EXPECT_EQ(r.segment_user_benefit_usd_per_year, std::vector<double>(2, 0.0));
}

// A measure that only adds a through-rate changes no element's inputs; it
// starts when the rate does, and a rate below the tariffs it replaces draws
// freight onto its family and benefits its users.
TEST(UserBenefit, AThroughRateMeasureStartsWithTheRate) {
  const Base b(tests::source_scenario("tests/data/families/scenario.yaml"));
  Scenario rated = b.scenario;
  const std::uint32_t n = rated.network.node_count();
  rated.through_rates.push_back(
      {"x-rate",
       "x",
       {},
       -1,
       -1,
       {n + *rated.network.find_link("a-mx"), n + *rated.network.find_link("mx-b")},
       CostSeries::Interpolation::step,
       {{std::chrono::year{2023} / std::chrono::March / 1, 70.0}},
       "test"});
  Measure m;
  m.id = "x-rate";
  m.scenario = std::make_shared<const Scenario>(std::move(rated));
  const MeasureResult r = evaluate_measures(b.base_case(), {m}, 1).front();
  ASSERT_EQ(r.run.status, sim::RunStatus::completed);
  EXPECT_EQ(r.start_year, 2023);
  EXPECT_GT(r.tonnes_gained_per_year, 0.0);
  EXPECT_GT(r.user_benefit_usd_per_year, 0.0);
}

// Relief that only adds capacity to the binding crossing: every counted year,
// and every segment, pays no more than in the base (up to the equilibrium's
// gap), with either route choice method.
TEST(UserBenefit, AddingCapacityToTheBindingCrossingNeverCostsUsers) {
  for (const auto method : {AssignmentMethod::user_equilibrium, AssignmentMethod::logit}) {
    SCOPED_TRACE(method == AssignmentMethod::logit ? "logit" : "user equilibrium");
    const Base b(tight_ferry(method));
    ASSERT_TRUE(b.result.completed());
    std::vector<Measure> measures;
    for (const double factor : {1.01, 1.1, 1.5, 3.0}) {
      Measure m;
      m.id = "ferry x" + std::to_string(factor);
      m.capacity_factors = {{ferry(b.scenario), factor}};
      measures.push_back(std::move(m));
    }
    const std::vector<MeasureResult> results = evaluate_measures(b.base_case(), measures, 2);
    for (const MeasureResult& r : results) {
      SCOPED_TRACE(r.id);
      ASSERT_EQ(r.run.status, sim::RunStatus::completed);
      EXPECT_GT(r.user_benefit_usd_per_year, 0.0);
      for (std::size_t y = 0; y < b.run.years.size(); ++y) {
        const double tolerance_usd = 1e-6 * b.run.user_cost_usd[y];
        EXPECT_GE(b.run.user_cost_usd[y] - r.run.user_cost_usd[y], -tolerance_usd)
            << b.run.years[y];
        for (std::size_t g = 0; g < b.scenario.demand.segments.size(); ++g) {
          EXPECT_GE(b.run.segment_user_cost_usd[y][g] - r.run.segment_user_cost_usd[y][g],
                    -tolerance_usd)
              << b.run.years[y] << " " << b.scenario.demand.segments[g].id;
        }
      }
      const std::vector<double>& seg = r.segment_user_benefit_usd_per_year;
      EXPECT_NEAR(std::accumulate(seg.begin(), seg.end(), 0.0), r.user_benefit_usd_per_year,
                  1e-9 * std::abs(r.user_benefit_usd_per_year));
    }
  }
}

TEST(UserBenefit, MarginalValueOfTheBindingCrossingIsPositive) {
  for (const auto method : {AssignmentMethod::user_equilibrium, AssignmentMethod::logit}) {
    SCOPED_TRACE(method == AssignmentMethod::logit ? "logit" : "user equilibrium");
    const Base b(tight_ferry(method));
    const std::vector<ElementMarginal> marginals = marginal_values(b.base_case(), 0.01, 2);
    bool found = false;
    for (const ElementMarginal& m : marginals) {
      if (m.element != ferry(b.scenario)) continue;
      found = true;
      // The bulk freight that the extra tonne lets through no longer waits
      // for it: every year is worth some USD per tonne of capacity.
      for (std::size_t y = 0; y < m.user_benefit_usd_per_t.size(); ++y)
        EXPECT_GT(m.user_benefit_usd_per_t[y], 0.0) << b.run.years[y];
    }
    EXPECT_TRUE(found);
  }
}

// The bulk freight has one route and twice the crossing's capacity: the
// equilibrium prices the crossing far past it, longer than any tonne waits.
// The untouched mini scenario has room on the crossing.
TEST(UserBenefit, DelaysPricedBeyondTheQueueLimitAreFlagged) {
  BottleneckOptions options;
  options.threads = 2;
  const Scenario tight = tight_ferry(AssignmentMethod::logit);
  const PricedDelayCheck over = analyse_bottlenecks(tight, {}, options).priced_delay;
  EXPECT_NEAR(over.limit_days, 6.0 * 365.25 / 12.0, 1e-9);
  EXPECT_GT(over.steps_over_limit, 0u);
  EXPECT_EQ(over.worst_element, ferry(tight));
  EXPECT_GT(over.worst_delay_days, over.limit_days);
  const PricedDelayCheck fine =
      analyse_bottlenecks(tests::mini_scenario(), {}, options).priced_delay;
  EXPECT_EQ(fine.steps_over_limit, 0u);
  EXPECT_FALSE(fine.first_step.has_value());
}

}  // namespace
}  // namespace corridor::analysis
