// The shipped baseline is calibrated: `corridor run` on it reproduces the
// observed corridor tonnage of 2022, 2023 and 2024 within ±10%.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "corridor/sim/report.hpp"
#include "corridor/sim/simulation.hpp"
#include "test_support.hpp"

namespace corridor {
namespace {

TEST(CalibratedBaseline, ReproducesObservedCorridorTonnageWithinTenPercent) {
  const Scenario s = tests::source_scenario("scenarios/trans-caspian/baseline.yaml");
  // The targets of docs/trans-caspian-data.md, checked here independently of the file's
  // observations.
  const std::pair<int, double> targets[] = {{2022, 1.5e6}, {2023, 2.75e6}, {2024, 3.3e6}};
  std::vector<std::pair<int, double>> totals;  // the file's whole-corridor observations
  for (const Observation& o : s.observations) {
    if (o.segment < 0 && o.measure == s.corridor.headline) totals.emplace_back(o.year, o.value);
  }
  ASSERT_EQ(totals.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(totals[i].first, targets[i].first);
    EXPECT_DOUBLE_EQ(totals[i].second, targets[i].second);
  }
  const sim::Report report = sim::make_report(s, sim::simulate(s));
  for (const auto& [year, observed_t] : targets) {
    const auto y = std::find_if(report.years.begin(), report.years.end(),
                                [year = year](const sim::YearReport& r) { return r.year == year; });
    ASSERT_NE(y, report.years.end());
    EXPECT_NEAR(y->corridor_t / observed_t, 1.0, 0.10)
        << year << ": " << y->corridor_t / 1e6 << " Mt";
  }
}

}  // namespace
}  // namespace corridor
