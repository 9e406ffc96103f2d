#include <gtest/gtest.h>

#include <cmath>

#include "corridor/analysis/ensemble.hpp"
#include "corridor/random.hpp"
#include "test_support.hpp"

namespace corridor::analysis {
namespace {

using namespace std::chrono;

Scenario uncertain_mini() {
  Scenario s = tests::mini_scenario();
  s.uncertainty.growth.push_back({0, 0.05, 0.02});
  ProjectDelay delay;
  delay.projects = {0};
  delay.delay_months = {Distribution::Kind::uniform, 0.0, 12.0, 0.0};
  s.uncertainty.project_delays.push_back(delay);
  RandomClosure storms;
  storms.id = "storms";
  storms.elements = {*s.network.find_node("aktau")};
  storms.months = {1, 2, 11, 12};
  storms.events_per_month = 1.0;
  storms.duration_days = {Distribution::Kind::uniform, 1.0, 6.0, 0.0};
  s.uncertainty.closures.push_back(storms);
  DemandShock shock;
  shock.id = "shock";
  shock.segments = {1};
  shock.probability_per_year = 0.5;
  shock.size = {Distribution::Kind::uniform, -0.5, -0.2, 0.0};
  shock.duration_months = {Distribution::Kind::fixed, 6.0, 0.0, 0.0};
  s.uncertainty.shocks.push_back(shock);
  return s;
}

TEST(Rng, StreamsDependOnTheirKeyOnly) {
  Rng a(7, 3, 1), b(7, 3, 1), c(7, 4, 1), d(7, 3, 2);
  const std::uint64_t first = a.next();
  EXPECT_EQ(first, b.next());
  EXPECT_NE(first, c.next());
  EXPECT_NE(first, d.next());
  // Uniform in [0, 1) with the right mean; normal with mean 0 and sd 1 (n = 20000).
  Rng r(1, 0, 0);
  double sum = 0, sum_sq = 0, n_sum = 0;
  for (int i = 0; i < 20000; ++i) {
    const double u = r.uniform();
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
    sum += u;
    const double z = r.normal();
    n_sum += z;
    sum_sq += z * z;
  }
  EXPECT_NEAR(sum / 20000, 0.5, 0.01);
  EXPECT_NEAR(n_sum / 20000, 0.0, 0.03);
  EXPECT_NEAR(sum_sq / 20000, 1.0, 0.05);
}

TEST(Distribution, TriangularStaysInRangeWithTheRightMean) {
  const Distribution t{Distribution::Kind::triangular, -1.0, 18.0, 3.0};
  Rng r(5, 0, 0);
  double sum = 0;
  for (int i = 0; i < 20000; ++i) {
    const double x = t.sample(r);
    ASSERT_GE(x, -1.0);
    ASSERT_LE(x, 18.0);
    sum += x;
  }
  EXPECT_NEAR(sum / 20000, t.mean(), 0.1);  // (−1 + 18 + 3) / 3
}

TEST(Draw, PerturbsGrowthDatesClosuresAndIsReproducible) {
  const Scenario base = uncertain_mini();
  const Scenario a = draw_scenario(base, 11, 5);
  const Scenario b = draw_scenario(base, 11, 5);
  const Scenario c = draw_scenario(base, 11, 6);
  EXPECT_EQ(a.demand.growth_paths[0].rate_in(2023), b.demand.growth_paths[0].rate_in(2023));
  EXPECT_NE(a.demand.growth_paths[0].rate_in(2023), c.demand.growth_paths[0].rate_in(2023));
  EXPECT_EQ(sys_days{a.projects[0].in_service}, sys_days{b.projects[0].in_service});
  const auto slip = sys_days{a.projects[0].in_service} - sys_days{base.projects[0].in_service};
  EXPECT_GE(slip.count(), 0);
  EXPECT_LE(slip.count(), 366);
  EXPECT_GT(a.disruptions.size(), base.disruptions.size());  // ~12 storm months x 1 event
  EXPECT_EQ(a.disruptions.size(), b.disruptions.size());
}

TEST(Ensemble, IdenticalForAnyThreadCountAndSplit) {
  const Scenario s = uncertain_mini();
  EnsembleOptions one;
  one.seed = 42;
  one.draw_count = 12;
  one.threads = 1;
  EnsembleOptions two = one;
  two.threads = 2;
  const EnsembleResult r1 = run_ensemble(s, one);
  const EnsembleResult r2 = run_ensemble(s, two);
  ASSERT_EQ(r1.values, r2.values);
  // Draws 5..11 run on their own (as an MPI rank would) are the same numbers.
  EnsembleOptions tail = one;
  tail.first_draw = 5;
  tail.draw_count = 7;
  const EnsembleResult r3 = run_ensemble(s, tail);
  for (std::size_t i = 0; i < r3.values.size(); ++i) {
    ASSERT_EQ(r3.values[i], r1.values[5 * r1.width() + i]);
  }
  // The draws differ from one another (the uncertainty does something).
  EXPECT_NE(r1.at(0, 1, 0, r1.segment_count), r1.at(1, 1, 0, r1.segment_count));
}

TEST(Ensemble, QuantilesAndReachProbabilities) {
  EnsembleResult r;
  r.years = {2030, 2031};
  r.complete = {true, true};
  r.segment_count = 0;
  r.measure_count = 1;
  r.thresholds = {{5e6, 10e6, 15e6}};
  r.draw_count = 5;
  // Total corridor tonnes per draw: reaches 10 Mt in 2030 (draw 0), 2031 (1, 2), never (3, 4).
  r.values = {11e6, 12e6, 4e6, 10e6, 6e6, 10.5e6, 1e6, 2e6, 3e6, 4e6};
  const EnsembleSummary q = summarize_ensemble(r);
  // 2030 values sorted: 1, 3, 4, 6, 11 Mt; P50 = 4 Mt; P10 at h = 0.4: 1 + 0.4 * 2 = 1.8 Mt.
  EXPECT_DOUBLE_EQ(q.quantile(r, 0, 0, 0, 2), 4e6);
  EXPECT_DOUBLE_EQ(q.quantile(r, 0, 0, 0, 1), 1.8e6);
  const std::size_t ten = 1;  // thresholds 5, 10, 15 Mt
  ASSERT_EQ(q.reach.size(), 1u);
  EXPECT_DOUBLE_EQ(q.reach[0].probability[ten * 2 + 0], 0.2);
  EXPECT_DOUBLE_EQ(q.reach[0].probability[ten * 2 + 1], 0.6);
  EXPECT_DOUBLE_EQ(q.reach[0].first_year_share[ten * 2 + 1], 0.4);
}

}  // namespace
}  // namespace corridor::analysis
