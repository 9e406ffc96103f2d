#include <gtest/gtest.h>

#include <cmath>

#include "corridor/demand.hpp"
#include "corridor/scenario.hpp"

namespace corridor {
namespace {

TEST(GrowthPath, CompoundsYearByYear) {
  const GrowthPath p{"g", {{2022, 0.10}, {2024, 0.05}}};
  EXPECT_DOUBLE_EQ(p.factor(2022, 2022.0), 1.0);
  EXPECT_NEAR(p.factor(2022, 2024.0), 1.10 * 1.10, 1e-12);
  EXPECT_NEAR(p.factor(2022, 2026.0), 1.10 * 1.10 * 1.05 * 1.05, 1e-12);
  // Half a year compounds continuously within the year.
  EXPECT_NEAR(p.factor(2022, 2022.5), std::sqrt(1.10), 1e-12);
}

TEST(GrowthPath, RunsBackwardsBeforeTheBaseYear) {
  const GrowthPath p{"g", {{2022, 0.10}, {2024, 0.05}}};
  EXPECT_NEAR(p.factor(2024, 2022.0), 1.0 / (1.10 * 1.10), 1e-12);
  // Before the first step the first rate applies.
  EXPECT_NEAR(p.factor(2022, 2020.0), 1.0 / (1.10 * 1.10), 1e-12);
  EXPECT_NEAR(p.factor(2024, 2026.0) * p.factor(2026, 2024.0), 1.0, 1e-12);
}

TEST(GrowthPath, EmptyMeansNoGrowth) {
  const GrowthPath p{"flat", {}};
  EXPECT_DOUBLE_EQ(p.factor(2022, 2040.0), 1.0);
  EXPECT_DOUBLE_EQ(p.rate_in(2030), 0.0);
}

TEST(Demand, TotalsBaseTonnes) {
  Demand d;
  d.od.push_back({0, 0, 1, 2022, 1.5e6, -1});
  d.od.push_back({0, 1, 0, 2022, 0.5e6, -1});
  EXPECT_DOUBLE_EQ(d.total_base_t_per_year(), 2.0e6);
}

TEST(Horizon, CountsSteps) {
  using namespace std::chrono;
  Horizon h{year{2022} / January, year{2040} / December, StepLength::month};
  EXPECT_EQ(h.step_count(), 19u * 12u);
  h.step = StepLength::quarter;
  EXPECT_EQ(h.step_count(), 19u * 4u);
  h = Horizon{year{2024} / January, year{2024} / December, StepLength::week};
  EXPECT_EQ(h.step_count(), 53u);  // 366 days of 2024 = 52 weeks and 2 days
}

}  // namespace
}  // namespace corridor
