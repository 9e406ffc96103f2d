// Route families for the logit: shares without cliffs, family constants,
// inertia, segment rules and through-rates (tests/data/families, tests/data/mini).
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "corridor/analysis/calibration.hpp"
#include "corridor/analysis/ensemble.hpp"
#include "corridor/sim/report.hpp"
#include "corridor/sim/simulation.hpp"
#include "test_support.hpp"

namespace corridor::sim {
namespace {

using corridor::tests::source_scenario;

Scenario families() { return source_scenario("tests/data/families/scenario.yaml"); }

// The mini scenario (a ferry crossing against a northern route with a risk
// premium) with route families.
Scenario mini_families() {
  Scenario s = source_scenario("tests/data/mini/scenario.yaml");
  s.assignment.method = AssignmentMethod::logit;
  s.demand.segments[0].logit_dispersion_per_usd = 0.02;
  s.demand.segments[1].logit_dispersion_per_usd = 0.05;
  s.route_choice.enabled = true;
  return s;
}

// Lowering the northern route's risk premium 1 USD/t at a time lowers the
// corridor's tonnes steadily, without a jump above 2% of them, down to zero:
// the middle family never leaves the choice set.
TEST(RouteChoice, CorridorTonnageIsContinuousAndMonotoneInARivalPremium) {
  Scenario s = mini_families();
  const LinkIndex ru_eu = *s.network.find_link("ru-eu");
  double before = NAN;
  for (int premium = 40; premium >= 0; --premium) {
    s.network.set_link_attribute(ru_eu, Attribute::risk_premium_usd_per_t, premium);
    const SimulationResult r = simulate(s);
    ASSERT_TRUE(r.completed()) << r.reason;
    double total = 0.0;
    for (const double t : r.od_corridor_t) total += t;
    if (!std::isnan(before)) {
      EXPECT_LE(total, before * (1 + 1e-9)) << premium;     // monotone
      EXPECT_LE(before - total, 0.02 * before) << premium;  // no cliff
    }
    EXPECT_GT(total, 0.0) << premium;
    before = total;
  }
}

// Equal costs: the family shares are set by the constant alone,
// 1 / (1 + exp(-theta * 10)) for the family 10 USD/t preferred.
TEST(RouteChoice, WithEqualCostsEachFamilyKeepsTheShareOfItsConstant) {
  const Scenario s = families();
  const SimulationResult r = simulate(s);
  ASSERT_TRUE(r.completed()) << r.reason;
  const double expected = 1.0 / (1.0 + std::exp(-0.05 * 10.0));
  for (const YearReport& y : make_report(s, r).years) {
    double demand = 0.0;
    for (const SegmentYear& g : y.segments) demand += g.demand_t;
    EXPECT_NEAR(y.measures[0].value / demand, expected, 1e-9) << y.year;
  }
}

// A dated constant: -10 USD/t on family x until 2023, +10 from 2023-01-01 on
// (step): each year's share is the logit share of that year's constant.
TEST(RouteChoice, ADatedConstantTakesEachPointsValueFromItsDate) {
  Scenario s = families();
  s.route_choice.constants.front().points = {
      {std::chrono::year{2023} / std::chrono::January / 1, 10.0}};
  const SimulationResult r = simulate(s);
  ASSERT_TRUE(r.completed()) << r.reason;
  const auto years = make_report(s, r).years;
  ASSERT_EQ(years.size(), 3u);
  for (const YearReport& y : years) {
    const double c = static_cast<int>(y.year) < 2023 ? -10.0 : 10.0;
    double demand = 0.0;
    for (const SegmentYear& g : y.segments) demand += g.demand_t;
    EXPECT_NEAR(y.measures[0].value / demand, 1.0 / (1.0 + std::exp(0.05 * c)), 1e-9) << y.year;
  }
}

// A constant that lists every segment is the family's constant for each of
// them: the same run as the constant for every segment.
TEST(RouteChoice, AConstantListingSegmentsAppliesToEachOfThem) {
  const Scenario all = families();
  Scenario listed = all;
  listed.route_choice.constants.front().segments = {0, 1};
  const SimulationResult a = simulate(all), b = simulate(listed);
  ASSERT_TRUE(a.completed() && b.completed());
  EXPECT_EQ(a.od_corridor_t, b.od_corridor_t);
  listed.route_choice.constants.front().segments = {1};  // containers: no constant now
  const SimulationResult c = simulate(listed);
  ASSERT_TRUE(c.completed());
  EXPECT_LT(c.od_corridor_t[0], a.od_corridor_t[0]);
  EXPECT_EQ(c.od_corridor_t[1], a.od_corridor_t[1]);
}

TEST(RouteChoice, ZeroInertiaIsTheChoiceSharesAndInertiaMovesPartOfTheWayEachYear) {
  Scenario s = families();
  s.horizon.end = std::chrono::year{2026} / std::chrono::December;
  s.route_choice.constants.clear();  // equal shares until the change below
  // From 2023 family x is 20 USD/t dearer: its choice share drops to 1 / (1 + e).
  s.cost_series.push_back({"x-dearer",
                           "",
                           {{ElementRef::Kind::link, *s.network.find_link("a-mx")}},
                           Attribute::tariff_usd_per_t,
                           CostSeries::Change::add,
                           CostSeries::Interpolation::step,
                           {{std::chrono::year{2023} / std::chrono::January / 1, 20.0}},
                           1.0,
                           "test"});
  const double choice = 1.0 / (1.0 + std::exp(0.05 * 20.0));
  Scenario none = s;
  none.route_choice.inertia = 0.0;
  Scenario half = s;
  half.route_choice.inertia = 0.5;
  const SimulationResult a = simulate(none), b = simulate(half);
  ASSERT_TRUE(a.completed() && b.completed());
  const auto share = [](const Scenario&, const SimulationResult& r, std::size_t t) {
    double x = 0.0, all = 0.0;
    for (std::uint32_t k = 0; k < r.od_count; ++k) {
      x += r.od_corridor_t[r.od_at(t, k)];
      all += r.od_demand_t[r.od_at(t, k)];
    }
    return x / all;
  };
  for (std::size_t t = 0; t < 12; ++t) {  // 2022: the choice shares, before the change
    EXPECT_EQ(share(none, a, t), share(half, b, t)) << t;
    EXPECT_NEAR(share(none, a, t), 0.5, 1e-9) << t;
  }
  EXPECT_NEAR(share(none, a, 12), choice, 1e-9);  // no inertia: at once
  // With inertia 0.5 the gap to the choice share halves over each year.
  for (const std::size_t t : {23u, 35u, 47u}) {
    const double gap_now = share(half, b, t) - choice;
    const double gap_year_before = share(half, b, t - 12) - choice;
    EXPECT_NEAR(gap_now / gap_year_before, 0.5, 0.01) << t;
  }
  EXPECT_NEAR(share(half, b, 11) - choice, 0.5 - choice, 1e-9);
}

TEST(RouteChoice, ASegmentLimitedLinkNeverCarriesAnotherSegment) {
  for (const bool logit : {true, false}) {
    Scenario s = families();
    if (!logit) {
      s.assignment.method = AssignmentMethod::user_equilibrium;
      s.route_choice = {};
    }
    s.segment_rules.push_back({"x-bulk-only",
                               {s.network.node_count() + *s.network.find_link("mx-b")},
                               {1},
                               {},
                               {},
                               "test",
                               std::nullopt});
    const SimulationResult r = simulate(s);
    ASSERT_TRUE(r.completed()) << r.reason;
    for (std::size_t t = 0; t < r.steps.size(); ++t) {
      EXPECT_EQ(measure_step_value(s, r, 1, t), 0.0) << t;  // x-containers
      EXPECT_GT(measure_step_value(s, r, 2, t), 0.0) << t;  // x-bulk
    }
  }
}

// mx-b full: containers, holding 30% of it, pass at least that share of it
// (or all they bring), however much bulk arrives.
TEST(RouteChoice, ReservedSharesAreHonouredWhenTheElementIsFull) {
  Scenario s = families();
  const LinkIndex mx_b = *s.network.find_link("mx-b");
  s.network.set_link_attribute(mx_b, Attribute::capacity_t_per_year, 300000.0);
  // Family y far dearer: both segments crowd onto x, four times its capacity.
  s.network.set_link_attribute(*s.network.find_link("a-my"), Attribute::risk_premium_usd_per_t,
                               2000.0);
  s.segment_rules.push_back(
      {"x-slots", {s.network.node_count() + mx_b}, {}, {}, {{0, 0.3}}, "test", std::nullopt});
  const SimulationResult r = simulate(s);
  ASSERT_TRUE(r.completed()) << r.reason;
  std::size_t full = 0;
  for (std::size_t t = 0; t < r.steps.size(); ++t) {
    const double capacity = r.element_capacity_t[r.at(t, s.network.node_count() + mx_b)];
    const double flow = r.element_flow_t[r.at(t, s.network.node_count() + mx_b)];
    if (flow < capacity * (1 - 1e-9)) continue;
    ++full;
    EXPECT_GE(measure_step_value(s, r, 1, t), 0.3 * capacity * (1 - 1e-9)) << t;
  }
  EXPECT_GT(full, 0u);
}

// The same reservation dated 2023-07: the run equals the one without it
// before that month (the undated rule already differs there) and honours it
// from that month on, though the containers have no queue there yet: the
// reservation is held for their new freight, not given to the bulk queue.
TEST(RouteChoice, ADatedReservationAppliesFromItsDate) {
  Scenario none = families();
  const LinkIndex mx_b = *none.network.find_link("mx-b");
  const std::uint32_t e = none.network.node_count() + mx_b;
  none.network.set_link_attribute(mx_b, Attribute::capacity_t_per_year, 300000.0);
  none.network.set_link_attribute(*none.network.find_link("a-my"),
                                  Attribute::risk_premium_usd_per_t, 2000.0);
  Scenario undated = none, dated = none;
  undated.segment_rules.push_back({"x-slots", {e}, {}, {}, {{0, 0.3}}, "test", std::nullopt});
  dated.segment_rules.push_back({"x-slots",
                                 {e},
                                 {},
                                 {},
                                 {{0, 0.3}},
                                 "test",
                                 std::chrono::year{2023} / std::chrono::July / 1});
  const SimulationResult a = simulate(none), b = simulate(dated), c = simulate(undated);
  ASSERT_TRUE(a.completed() && b.completed() && c.completed());
  for (const SimulationResult* r : {&b, &c}) {
    corridor::tests::expect_conservation(*r);
    corridor::tests::expect_within_capacity(*r);
  }
  const sim::Days from{std::chrono::year{2023} / std::chrono::July / 1};
  bool undated_differs = false;
  std::size_t full = 0;
  for (std::size_t t = 0; t < b.steps.size(); ++t) {
    if (b.steps[t].first_day < from) {
      EXPECT_EQ(measure_step_value(dated, b, 1, t), measure_step_value(none, a, 1, t)) << t;
      undated_differs = undated_differs ||
                        measure_step_value(undated, c, 1, t) != measure_step_value(none, a, 1, t);
      continue;
    }
    const double capacity = b.element_capacity_t[b.at(t, e)];
    if (b.element_flow_t[b.at(t, e)] < capacity * (1 - 1e-9)) continue;
    ++full;
    EXPECT_GE(measure_step_value(dated, b, 1, t), 0.3 * capacity * (1 - 1e-9)) << t;
  }
  EXPECT_TRUE(undated_differs);
  EXPECT_GT(full, 0u);
}

// A through-rate on family x that is 30 USD/t below the leg tariffs it covers
// gives the same run as a constant of -30 USD/t on x: it replaces the tariffs.
TEST(RouteChoice, AThroughRateReplacesTheTariffsItCovers) {
  Scenario rated = families();
  rated.route_choice.constants.clear();
  Scenario constant = rated;
  const std::uint32_t a_mx = rated.network.node_count() + *rated.network.find_link("a-mx");
  const std::uint32_t mx_b = rated.network.node_count() + *rated.network.find_link("mx-b");
  rated.through_rates.push_back({"x-rate",
                                 "x",
                                 {},
                                 -1,
                                 -1,
                                 {a_mx, mx_b},
                                 CostSeries::Interpolation::step,
                                 {{std::chrono::year{2022} / std::chrono::January / 1, 70.0}},
                                 "test"});
  constant.route_choice.constants.push_back(
      {"x-30", "x", {}, -30.0, "test", SeriesInterpolation::step, {}});
  const SimulationResult a = simulate(rated), b = simulate(constant);
  ASSERT_TRUE(a.completed() && b.completed());
  for (std::size_t i = 0; i < a.od_corridor_t.size(); ++i)
    EXPECT_NEAR(a.od_corridor_t[i], b.od_corridor_t[i], 1e-9 * (1 + b.od_corridor_t[i])) << i;
  double x = 0.0;
  for (const double t : a.od_corridor_t) x += t;
  EXPECT_GT(x, 0.6 * 1.2e6 * 3);  // more than half goes x: the rate made it cheaper
}

}  // namespace
}  // namespace corridor::sim

namespace corridor::analysis {
namespace {

// The family constant is a calibration parameter: observations made at -25
// USD/t are fitted back from the -10 of the file.
TEST(RouteChoiceCalibration, RecoversAFamilyConstant) {
  Scenario s = corridor::tests::source_scenario("tests/data/families/scenario.yaml");
  FreeParameter p;
  p.kind = FreeParameterKind::family_constant;
  p.label = "family_constant[x-preferred]";
  p.constant = 0;
  p.initial = -10.0;
  p.lower = -100.0;
  p.upper = 100.0;
  s.calibration.free = {p};
  for (int y = 2022; y <= 2023; ++y) s.observations.push_back({y, 0, 1.0, -1, "synthetic"});
  const std::vector<double> made = simulate_observations(with_parameters(s, {-25.0}));
  for (std::size_t i = 0; i < made.size(); ++i) s.observations[i].value = made[i];
  const CalibrationResult r = calibrate(s);
  ASSERT_EQ(r.parameters.size(), 1u);
  EXPECT_NEAR(r.parameters[0].value, -25.0, 0.05) << r.reason;
}

// A dated constant's point is a calibration parameter too: with the constant
// -10 before 2023 and a point from 2023, observations made with the point at
// 15 USD/t are fitted back from 0; the value before the point stays free of it.
TEST(RouteChoiceCalibration, RecoversADatedConstantsPoint) {
  Scenario s = corridor::tests::source_scenario("tests/data/families/scenario.yaml");
  s.route_choice.constants.front().points = {
      {std::chrono::year{2023} / std::chrono::January / 1, 0.0}};
  FreeParameter p;
  p.kind = FreeParameterKind::family_constant;
  p.label = "family_constant[x-preferred@0]";
  p.constant = 0;
  p.constant_point = 0;
  p.initial = 0.0;
  p.lower = -100.0;
  p.upper = 100.0;
  s.calibration.free = {p};
  for (int y = 2022; y <= 2024; ++y) s.observations.push_back({y, 0, 1.0, -1, "synthetic"});
  const Scenario truth = with_parameters(s, {15.0});
  EXPECT_EQ(truth.route_choice.constants.front().usd_per_t, -10.0);
  const std::vector<double> made = simulate_observations(truth);
  for (std::size_t i = 0; i < made.size(); ++i) s.observations[i].value = made[i];
  EXPECT_EQ(made[0], simulate_observations(s)[0]);  // 2022: before the point
  const CalibrationResult r = calibrate(s);
  ASSERT_EQ(r.parameters.size(), 1u);
  EXPECT_NEAR(r.parameters[0].value, 15.0, 0.05) << r.reason;
}

// A draw of a dated constant moves its points by as much as its value.
TEST(RouteChoiceUncertainty, ADrawMovesADatedConstantInParallel) {
  Scenario s = corridor::tests::source_scenario("tests/data/families/scenario.yaml");
  s.route_choice.constants.front().points = {
      {std::chrono::year{2023} / std::chrono::January / 1, 5.0}};
  s.uncertainty.constants.push_back(
      {0, Distribution{Distribution::Kind::uniform, -30.0, 0.0, 0.0}});
  const Scenario drawn = draw_scenario(s, 7, 3);
  const FamilyConstant& c = drawn.route_choice.constants.front();
  EXPECT_NE(c.usd_per_t, -10.0);
  EXPECT_NEAR(c.points.front().value - c.usd_per_t, 15.0, 1e-12);
}

// Draws vary the inertia and the family constant, the same way for the same seed.
TEST(RouteChoiceUncertainty, DrawsVaryConstantsAndInertiaReproducibly) {
  Scenario s = corridor::tests::source_scenario("tests/data/families/scenario.yaml");
  s.route_choice.inertia = 0.5;
  s.uncertainty.inertia = Distribution{Distribution::Kind::uniform, 0.2, 0.8, 0.0};
  s.uncertainty.constants.push_back(
      {0, Distribution{Distribution::Kind::uniform, -30.0, 0.0, 0.0}});
  const Scenario a = draw_scenario(s, 7, 3), b = draw_scenario(s, 7, 3), c = draw_scenario(s, 7, 4);
  EXPECT_EQ(a.route_choice.inertia, b.route_choice.inertia);
  EXPECT_EQ(a.route_choice.constants[0].usd_per_t, b.route_choice.constants[0].usd_per_t);
  EXPECT_NE(a.route_choice.constants[0].usd_per_t, c.route_choice.constants[0].usd_per_t);
  EXPECT_GE(a.route_choice.inertia, 0.2);
  EXPECT_LE(a.route_choice.inertia, 0.8);
  EXPECT_GE(c.route_choice.constants[0].usd_per_t, -30.0);
}

}  // namespace
}  // namespace corridor::analysis
