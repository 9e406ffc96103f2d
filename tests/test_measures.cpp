// Named corridor measures: what each kind counts, its filters and units, and
// observations that name a measure (tests/data/measures/scenario.yaml).
#include <gtest/gtest.h>

#include <string>

#include "corridor/analysis/calibration.hpp"
#include "corridor/io/scenario_loader.hpp"
#include "corridor/sim/report.hpp"
#include "corridor/sim/simulation.hpp"
#include "test_support.hpp"

namespace corridor::sim {
namespace {

Scenario measures_scenario() {
  return corridor::tests::source_scenario("tests/data/measures/scenario.yaml");
}

std::uint32_t measure(const Scenario& s, const char* id) {
  const std::int32_t m = s.corridor.find(id);
  EXPECT_GE(m, 0) << id;
  return static_cast<std::uint32_t>(m);
}

double element_flow(const Scenario& s, const SimulationResult& r, std::size_t t, const char* id) {
  const auto v = s.network.find_node(id);
  const std::uint32_t e = v ? *v : s.network.node_count() + *s.network.find_link(id);
  return r.element_flow_t[r.at(t, e)];
}

class CorridorMeasures : public ::testing::Test {
 protected:
  void SetUp() override { r = simulate(s); }
  const Scenario s = measures_scenario();
  SimulationResult r;
};

// A path through Aktau and then the ferry counts once for a route measure and
// twice for an element-flow measure over the same two elements.
TEST_F(CorridorMeasures, RouteMeasureCountsATonneOnceElementFlowsCountEachPass) {
  ASSERT_TRUE(r.completed());
  const std::uint32_t route = measure(s, "route-wide"), flows = measure(s, "through-both");
  double ferry = 0.0;
  for (std::size_t t = 0; t < r.steps.size(); ++t) {
    const double aktau = element_flow(s, r, t, "aktau");
    ferry += element_flow(s, r, t, "aktau-alat");
    // Every path over the ferry passes Aktau first, and counts there.
    EXPECT_NEAR(measure_step_value(s, r, route, t), aktau, 1e-6 * aktau + 1e-9) << t;
    EXPECT_NEAR(measure_step_value(s, r, flows, t), aktau + element_flow(s, r, t, "aktau-alat"),
                1e-6 * aktau + 1e-9)
        << t;
  }
  EXPECT_GT(ferry, 0.0);
}

TEST_F(CorridorMeasures, TeuFiltersAndTheHeadlineAreConsistentWithTheRouteMeasure) {
  const Report report = make_report(s, r);
  const std::uint32_t route = measure(s, "route-wide"), teu = measure(s, "containers-teu"),
                      bulk = measure(s, "bulk-westbound"), east = measure(s, "eastbound");
  for (const YearReport& y : report.years) {
    const auto& rw = y.measures[route].by_segment_direction;  // [segment][direction]
    // Containers over the ferry, 0.1 TEU per tonne (every container path over it passes Aktau).
    EXPECT_NEAR(y.measures[teu].value, 0.1 * (rw[0] + rw[1]), 1e-6 * y.measures[teu].value);
    EXPECT_GT(y.measures[teu].value, 0.0);
    // Bulk westbound only: the route measure's bulk, westbound row; nothing of containers.
    EXPECT_NEAR(y.measures[bulk].value, rw[2], 1e-6 * rw[2]);
    EXPECT_EQ(y.measures[bulk].by_segment_direction[0], 0.0);
    EXPECT_EQ(y.measures[east].value, 0.0);            // every OD pair runs west
    EXPECT_EQ(y.corridor_t, y.measures[route].value);  // the headline
  }
  ASSERT_EQ(report.measure_milestones[teu].size(), 1u);
  EXPECT_EQ(report.measure_milestones[teu][0].threshold_t, 100000.0);
}

// The direction filter reads the direction each tonne was counted in.
TEST_F(CorridorMeasures, DirectionFilterKeepsOnlyItsDirection) {
  const std::uint32_t east = measure(s, "eastbound");
  SimulationResult edited = r;
  for (std::size_t i = 0; i < edited.steps.size() * edited.od_count; ++i) {
    edited.od_measure_t[(i * edited.measure_count + east) * 2 + 0] = 7.0;  // westbound
    edited.od_measure_t[(i * edited.measure_count + east) * 2 + 1] = 5.0;  // eastbound
  }
  const Report report = make_report(s, edited);
  for (const YearReport& y : report.years)
    EXPECT_DOUBLE_EQ(y.measures[east].value, 5.0 * 12 * edited.od_count) << y.year;
}

TEST_F(CorridorMeasures, ObservationsNameTheirMeasure) {
  ASSERT_EQ(s.observations.size(), 2u);
  const std::vector<double> simulated = analysis::simulate_observations(s);
  const Report report = make_report(s, r);
  const Observation& teu = s.observations[0];
  EXPECT_EQ(teu.measure, measure(s, "containers-teu"));
  EXPECT_DOUBLE_EQ(simulated[0], report.years[0].measures[teu.measure].value);
  EXPECT_EQ(s.observations[1].measure, s.corridor.headline);  // corridor_t: the headline
  EXPECT_DOUBLE_EQ(simulated[1], report.years[0].corridor_t);
}

}  // namespace
}  // namespace corridor::sim
