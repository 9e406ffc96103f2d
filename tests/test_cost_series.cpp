// Dated cost series: what they do to each step's money costs (coverage, day
// weights, interpolation, set and add, level, order after projects), the
// loader's checks, the calibration of a series and its Monte-Carlo draws.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "corridor/analysis/calibration.hpp"
#include "corridor/analysis/ensemble.hpp"
#include "corridor/error.hpp"
#include "corridor/io/calibration_writer.hpp"
#include "corridor/io/scenario_loader.hpp"
#include "corridor/sim/step_inputs.hpp"
#include "sim/cost_series.hpp"

namespace corridor {
namespace {

using namespace std::chrono;

const std::string kMini = std::string(CORRIDOR_SOURCE_DIR) + "/tests/data/mini/";

// The mini scenario without projects and closures: money comes from the tables only.
Scenario plain_mini() {
  Scenario s = io::load_scenario(kMini + "scenario.yaml").scenario;
  s.projects.clear();
  s.disruptions.clear();
  return s;
}

ElementRef link(const Scenario& s, const char* id) {
  return {ElementRef::Kind::link, *s.network.find_link(id)};
}

std::uint32_t element_of(const Scenario& s, const char* link_id) {
  return s.network.node_count() + *s.network.find_link(link_id);
}

CostSeries series_on(const Scenario& s, const char* link_id, std::vector<SeriesPoint> points,
                     CostSeries::Change change = CostSeries::Change::set,
                     CostSeries::Interpolation interpolation = CostSeries::Interpolation::linear) {
  CostSeries c;
  c.id = "test";
  c.elements = {link(s, link_id)};
  c.attribute = Attribute::risk_premium_usd_per_t;
  c.change = change;
  c.interpolation = interpolation;
  c.points = std::move(points);
  c.source = "test";
  return c;
}

// Money of one link in every step (step t of the mini horizon is month t from January 2022).
std::vector<double> money_of(const Scenario& s, const char* link_id) {
  const sim::StepInputs in = sim::make_step_inputs(s, sim::make_steps(s.horizon));
  std::vector<double> out;
  for (std::uint32_t t = 0; t < in.step_count; ++t)
    out.push_back(in.money_usd_per_t[in.at(t, element_of(s, link_id))]);
  return out;
}

constexpr double kTol = 1e-9;

TEST(CostSeries, DatedSurchargeChangesMoneyInTheStepsItCoversWithDayWeights) {
  Scenario s = plain_mini();
  const sim::StepInputs before = sim::make_step_inputs(s, sim::make_steps(s.horizon));
  // ru-eu: tariff 60 + premium 40; +50 from 1 March 2023 to 15 May 2023.
  s.cost_series = {series_on(s, "ru-eu",
                             {{year{2023} / March / 1, 50.0}, {year{2023} / May / 16, 0.0}},
                             CostSeries::Change::add, CostSeries::Interpolation::step)};
  const sim::StepInputs after = sim::make_step_inputs(s, sim::make_steps(s.horizon));
  const std::uint32_t e = element_of(s, "ru-eu");
  for (std::uint32_t t = 0; t < after.step_count; ++t) {
    for (std::uint32_t j = 0; j < after.element_count; ++j) {
      const double b = before.money_usd_per_t[before.at(t, j)];
      const double a = after.money_usd_per_t[after.at(t, j)];
      if (j != e || t < 14 || t > 16) {
        EXPECT_EQ(a, b) << "step " << t << " element " << j;  // untouched, bit for bit
      }
    }
  }
  EXPECT_NEAR(after.money_usd_per_t[after.at(14, e)], 150.0, kTol);  // March
  EXPECT_NEAR(after.money_usd_per_t[after.at(15, e)], 150.0, kTol);  // April
  // May: 15 days at 150, 16 at 100.
  EXPECT_NEAR(after.money_usd_per_t[after.at(16, e)], (15 * 150.0 + 16 * 100.0) / 31, kTol);
}

TEST(CostSeries, LinearInterpolatesByDayAndStepHoldsEachPoint) {
  Scenario s = plain_mini();
  // cn-ru: tariff 120, premium 0; the series goes from 0 on 1 Jan to 31 on 1 Feb 2022.
  const std::vector<SeriesPoint> points{{year{2022} / January / 1, 0.0},
                                        {year{2022} / February / 1, 31.0}};
  s.cost_series = {series_on(s, "cn-ru", points)};
  const std::vector<double> linear = money_of(s, "cn-ru");
  EXPECT_NEAR(linear[0], 120.0 + 15.0, kTol);  // days 0..30 of January: mean 15
  EXPECT_NEAR(linear[1], 151.0, kTol);         // the last value holds afterwards
  EXPECT_NEAR(linear[35], 151.0, kTol);
  s.cost_series[0].interpolation = CostSeries::Interpolation::step;
  const std::vector<double> step = money_of(s, "cn-ru");
  EXPECT_NEAR(step[0], 120.0, kTol);
  EXPECT_NEAR(step[1], 151.0, kTol);
}

TEST(CostSeries, SetReplacesTheValueAndAddAddsToIt) {
  Scenario s = plain_mini();
  s.cost_series = {series_on(s, "ru-eu", {{year{2022} / January / 1, 10.0}})};
  EXPECT_NEAR(money_of(s, "ru-eu")[5], 60.0 + 10.0, kTol);
  s.cost_series[0].change = CostSeries::Change::add;
  EXPECT_NEAR(money_of(s, "ru-eu")[5], 60.0 + 40.0 + 10.0, kTol);
}

TEST(CostSeries, RisingThenFallingPathFollowsItsPoints) {
  Scenario s = plain_mini();
  s.cost_series = {series_on(s, "ru-eu",
                             {{year{2022} / March / 1, 40.0},
                              {year{2023} / January / 1, 120.0},
                              {year{2024} / January / 1, 120.0},
                              {year{2024} / July / 1, 60.0}})};
  const std::vector<double> m = money_of(s, "ru-eu");
  EXPECT_NEAR(m[0], 100.0, kTol);  // before the first point: the table's 60 + 40
  EXPECT_NEAR(m[1], 100.0, kTol);
  EXPECT_NEAR(m[2], 100.0 + (120.0 - 40.0) * 15.0 / 306.0, kTol);  // March: mid-month day 15
  for (std::uint32_t t = 3; t < 12; ++t) EXPECT_GT(m[t], m[t - 1]) << t;
  for (std::uint32_t t = 12; t < 24; ++t) EXPECT_NEAR(m[t], 180.0, kTol) << t;
  for (std::uint32_t t = 24; t < 30; ++t) EXPECT_LT(m[t], m[t - 1]) << t;
  for (std::uint32_t t = 30; t < 36; ++t) EXPECT_NEAR(m[t], 120.0, kTol) << t;
}

TEST(CostSeries, LevelMultipliesTheSeries) {
  Scenario s = plain_mini();
  s.cost_series = {
      series_on(s, "ru-eu", {{year{2022} / March / 1, 40.0}, {year{2023} / January / 1, 120.0}})};
  const std::vector<double> one = money_of(s, "ru-eu");
  s.cost_series[0].level = 2.5;
  const std::vector<double> more = money_of(s, "ru-eu");
  EXPECT_NEAR(more[0], one[0], kTol);  // before the series
  for (std::uint32_t t = 2; t < 36; ++t)
    EXPECT_NEAR(more[t] - 60.0, 2.5 * (one[t] - 60.0), 1e-9) << t;
}

TEST(CostSeries, AppliesAfterTheElementsProjects) {
  Scenario s = plain_mini();
  Project p;
  p.id = "double-premium";
  p.elements = {link(s, "ru-eu")};
  p.attribute = Attribute::risk_premium_usd_per_t;
  p.change = Project::Change::multiply_by;
  p.value = 2.0;
  p.in_service = year{2022} / June / 1;
  s.projects = {p};
  s.cost_series = {
      series_on(s, "ru-eu", {{year{2022} / January / 1, 10.0}}, CostSeries::Change::add)};
  const std::vector<double> add = money_of(s, "ru-eu");
  EXPECT_NEAR(add[4], 60.0 + 40.0 + 10.0, kTol);      // May: before the project
  EXPECT_NEAR(add[5], 60.0 + 2 * 40.0 + 10.0, kTol);  // (40 x 2) + 10, not (40 + 10) x 2
  s.cost_series[0].change = CostSeries::Change::set;
  EXPECT_NEAR(money_of(s, "ru-eu")[5], 60.0 + 10.0, kTol);  // set overrides the project
}

TEST(CostSeries, ConstantOverAStepOnlyWhenNothingChangesInIt) {
  CostSeries c;
  c.points = {{year{2023} / March / 1, 50.0}, {year{2023} / May / 16, 0.0}};
  c.interpolation = CostSeries::Interpolation::step;
  const std::vector<const CostSeries*> list{&c};
  const auto first_of = [](unsigned m) {
    return sim::Days{year{2023} / std::chrono::month{m} / 1};
  };
  EXPECT_TRUE(sim::series_constant_over(list, first_of(2), 28));  // before it starts
  EXPECT_FALSE(sim::series_constant_over(list, sim::Days{year{2023} / February / 20}, 10));
  EXPECT_TRUE(sim::series_constant_over(list, first_of(3), 31));   // held at 50
  EXPECT_FALSE(sim::series_constant_over(list, first_of(5), 31));  // jumps on the 16th
  EXPECT_TRUE(sim::series_constant_over(list, first_of(6), 30));   // after the last point
  c.interpolation = CostSeries::Interpolation::linear;
  EXPECT_FALSE(sim::series_constant_over(list, first_of(4), 30));  // on the ramp
  EXPECT_TRUE(sim::series_constant_over(list, sim::Days{year{2023} / May / 16}, 16));
  EXPECT_NEAR(sim::series_value(c, sim::Days{year{2023} / April / 8}), 25.0, kTol);  // mid-ramp
}

// Writes a scenario extending tests/data/mini/`base` with `body`; returns its path.
std::filesystem::path write_variant(const std::string& name, const std::string& base,
                                    const std::string& body) {
  const auto dir = std::filesystem::temp_directory_path() / ("corridor-series-" + name);
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "scenario.yaml") << "extends: " << kMini << base << "\n" << body;
  return dir / "scenario.yaml";
}

// Loads a scenario extending the mini one with `body`; returns the error message
// ("" when it loads).
std::string load_error(const std::string& name, const std::string& body) {
  try {
    (void)io::load_scenario(write_variant(name, "scenario.yaml", body));
  } catch (const InputError& e) {
    return e.where().to_string() + ": " + e.message();
  }
  return "";
}

// One series on ru-eu's risk premium with the given extra keys and points.
std::string series_yaml(const std::string& id, const std::string& keys, const std::string& points) {
  return "  - {id: " + id + ", element: ru-eu, attribute: risk_premium_usd_per_t, " + keys +
         (keys.empty() ? "" : ", ") + "points: [" + points + "], source: test}\n";
}

TEST(CostSeriesLoader, ReadsSeriesAndMergesOverridesById) {
  const Scenario s = io::load_scenario(kMini + "series.yaml").scenario;
  ASSERT_EQ(s.cost_series.size(), 2u);
  const CostSeries& premium = s.cost_series[0];
  EXPECT_EQ(premium.id, "northern-premium");
  EXPECT_EQ(premium.elements.size(), 2u);
  EXPECT_EQ(premium.change, CostSeries::Change::set);
  EXPECT_EQ(premium.interpolation, CostSeries::Interpolation::linear);
  ASSERT_EQ(premium.points.size(), 4u);
  EXPECT_EQ(premium.points[1].date, year{2023} / January / 1);
  EXPECT_EQ(premium.points[3].value, 60.0);
  EXPECT_EQ(premium.level, 1.0);
  const CostSeries& surcharge = s.cost_series[1];
  EXPECT_EQ(surcharge.attribute, Attribute::handling_cost_usd_per_t);
  EXPECT_EQ(surcharge.change, CostSeries::Change::add);
  EXPECT_EQ(surcharge.interpolation, CostSeries::Interpolation::step);
  EXPECT_EQ(surcharge.level, 0.5);

  const Scenario o = io::load_scenario(write_variant("override", "series.yaml",
                                                     "cost_series:\n"
                                                     "  - {id: aktau-surcharge, enabled: false}\n"
                                                     "  - {id: northern-premium, level: 2}\n"))
                         .scenario;
  ASSERT_EQ(o.cost_series.size(), 1u);
  EXPECT_EQ(o.cost_series[0].level, 2.0);
  EXPECT_EQ(o.cost_series[0].points.size(), 4u);
}

TEST(CostSeriesLoader, RejectsBadSeriesWithTheirLocation) {
  const std::string p2 = "{date: 2023-01, value: 10}, {date: 2023-06, value: 20}";
  const struct {
    const char* name;
    std::string body;
    const char* message;
  } cases[] = {
      {"unknown-key", series_yaml("a", "colour: red", p2), "unknown key 'colour'"},
      {"unknown-element",
       "  - {id: a, element: ru-e, attribute: tariff_usd_per_t, points: [" + p2 +
           "], source: test}\n",
       "element 'ru-e' is not a node or link"},
      {"not-money",
       "  - {id: a, element: ru-eu, attribute: transit_days, points: [" + p2 + "], source: test}\n",
       "attribute 'transit_days' is not a money attribute"},
      {"wrong-kind",
       "  - {id: a, element: aktau, attribute: tariff_usd_per_t, points: [" + p2 +
           "], source: test}\n",
       "tariff_usd_per_t is not an attribute of node 'aktau'"},
      {"dates", series_yaml("a", "", "{date: 2023-06, value: 1}, {date: 2023-06-01, value: 2}"),
       "point date 2023-06-01 is not after the previous point's 2023-06-01"},
      {"empty", series_yaml("a", "", ""), "points is empty"},
      {"negative-set", series_yaml("a", "", "{date: 2023-01, value: -5}"),
       "value -5 is out of range"},
      {"add-below-zero", series_yaml("a", "change: add, level: 2", "{date: 2023-01, value: -25}"),
       "would take risk_premium_usd_per_t of link 'ru-eu' to -10 (table value 40 + 2 x -25)"},
      {"overlap", series_yaml("a", "", p2) + series_yaml("b", "", "{date: 2023-06, value: 5}"),
       "cost series 'b' (2023-06-01..2023-06-01) overlaps cost series 'a' "
       "(2023-01-01..2023-06-01) on risk_premium_usd_per_t of link 'ru-eu'"},
      {"level", series_yaml("a", "level: 0", p2), "level 0 is out of range"},
      {"draw-unknown",
       series_yaml("a", "", p2) +
           "uncertainty:\n  cost_series:\n    - {series: b, level: 1, source: t}\n",
       "cost series 'b' is not defined"},
      {"draw-twice",
       series_yaml("a", "", p2) +
           "uncertainty:\n  cost_series:\n    - {series: a, level: 1, source: t}\n"
           "    - {series: a, level: 2, source: t}\n",
       "cost series 'a' is drawn twice"},
  };
  for (const auto& c : cases) {
    const std::string error = load_error(c.name, "cost_series:\n" + c.body);
    EXPECT_NE(error.find("scenario.yaml:"), std::string::npos) << c.name << ": " << error;
    EXPECT_NE(error.find(c.message), std::string::npos) << c.name << ": " << error;
  }
  // Series on other elements, or one after the other, do not overlap.
  EXPECT_EQ(load_error("apart", "cost_series:\n" + series_yaml("a", "", p2) +
                                    series_yaml("b", "", "{date: 2023-06-02, value: 5}")),
            "");
}

// series.yaml with logit route choice, so that the corridor moves smoothly
// with the Northern premium, and `body`.
std::filesystem::path logit_variant(const std::string& name, const std::string& body) {
  return write_variant(name, "series.yaml",
                       "assignment: {method: logit}\ndemand:\n  segments:\n"
                       "    - {id: containers, logit_dispersion_per_usd: 0.02}\n"
                       "    - {id: bulk, logit_dispersion_per_usd: 0.05}\n" +
                           body);
}

// Corridor observations 2022-2024 made by the engine at the parameter values `truth`.
Scenario with_observations(Scenario s, const std::vector<double>& truth) {
  for (int y = 2022; y <= 2024; ++y) s.observations.push_back({y, 0, 1.0, -1, "synthetic"});
  const std::vector<double> made =
      analysis::simulate_observations(analysis::with_parameters(s, truth));
  for (std::size_t i = 0; i < made.size(); ++i) s.observations[i].value = made[i];
  return s;
}

TEST(CostSeriesCalibration, RecoversTheLevelThatMadeTheObservations) {
  const auto path = logit_variant("fit-level",
                                  "calibration:\n  free:\n    - {parameter: "
                                  "series_level, series: northern-premium, "
                                  "bounds: [0.2, 5]}\n");
  const Scenario s = with_observations(io::load_scenario(path).scenario, {1.4});
  ASSERT_EQ(s.calibration.free.size(), 1u);
  EXPECT_EQ(s.calibration.free[0].label, "series_level[northern-premium]");
  EXPECT_EQ(s.calibration.free[0].initial, 1.0);
  const analysis::CalibrationResult r = analysis::calibrate(s);
  EXPECT_EQ(r.status, analysis::CalibrationStatus::converged) << r.reason;
  ASSERT_EQ(r.parameters.size(), 1u);
  EXPECT_NEAR(r.parameters[0].value, 1.4, 0.01);
  // The override written by `corridor calibrate` holds the fitted level.
  const auto out = path.parent_path() / "out";
  std::filesystem::create_directories(out);
  std::ofstream(out / "calibrated.yaml") << io::calibrated_yaml(s, r, path, out);
  const Scenario back = io::load_scenario(out / "calibrated.yaml").scenario;
  EXPECT_NEAR(back.cost_series[0].level, r.parameters[0].value, 1e-6);
}

TEST(CostSeriesCalibration, APointIsWrittenInAndOut) {
  const auto path = logit_variant("fit-point",
                                  "calibration:\n  free:\n    - {parameter: "
                                  "series_point, series: northern-premium, "
                                  "point: 2, bounds: [0, 300]}\n");
  const Scenario s = io::load_scenario(path).scenario;
  EXPECT_EQ(s.calibration.free[0].label, "series_point[northern-premium@2]");
  EXPECT_EQ(s.calibration.free[0].initial, 120.0);
  const Scenario moved = analysis::with_parameters(s, {150.0});
  EXPECT_EQ(moved.cost_series[0].points[2].value, 150.0);
  EXPECT_EQ(moved.cost_series[0].points[1].value, 120.0);
  analysis::CalibrationResult r;
  r.status = analysis::CalibrationStatus::converged;
  r.parameters = {{"p", 120, 150, 0, 300, 1, false, true}};
  const auto out = path.parent_path() / "out";
  std::filesystem::create_directories(out);
  std::ofstream(out / "calibrated.yaml") << io::calibrated_yaml(s, r, path, out);
  const Scenario back = io::load_scenario(out / "calibrated.yaml").scenario;
  ASSERT_EQ(back.cost_series[0].points.size(), 4u);
  EXPECT_EQ(back.cost_series[0].points[2].value, 150.0);
  EXPECT_EQ(back.cost_series[0].points[3].value, 60.0);
  EXPECT_EQ(back.cost_series[0].points[3].date, year{2024} / July / 1);
  EXPECT_NE(
      load_error("point-5", "cost_series:\n" + series_yaml("a", "", "{date: 2023-01, value: 1}") +
                                "calibration:\n  free:\n    - {parameter: series_point, "
                                "series: a, point: 1, bounds: [0, 9]}\n")
          .find("point 1 is out of range"),
      std::string::npos);
}

TEST(CostSeriesDraws, EachDrawScalesTheLevelOnItsOwnStream) {
  const Scenario s =
      io::load_scenario(logit_variant("draws",
                                      "uncertainty:\n  growth:\n"
                                      "    - {path: steady, annual_sd: 0.05, source: t}\n"
                                      "  cost_series:\n"
                                      "    - {series: northern-premium, level: "
                                      "{uniform: [0.5, 1.5]}, source: t}\n"))
          .scenario;
  ASSERT_EQ(s.uncertainty.cost_series.size(), 1u);
  std::set<double> levels;
  for (std::uint64_t d = 0; d < 8; ++d) {
    const Scenario a = analysis::draw_scenario(s, 3, d);
    EXPECT_EQ(a.cost_series[0].level, analysis::draw_scenario(s, 3, d).cost_series[0].level);
    EXPECT_GE(a.cost_series[0].level, 0.5);
    EXPECT_LE(a.cost_series[0].level, 1.5);
    EXPECT_EQ(a.cost_series[1].level, 0.5);  // a series without uncertainty keeps its level
    levels.insert(a.cost_series[0].level);
  }
  EXPECT_EQ(levels.size(), 8u);
  // Adding the item does not move the other items' numbers.
  Scenario without = s;
  without.uncertainty.cost_series.clear();
  EXPECT_EQ(analysis::draw_scenario(s, 3, 2).demand.growth_paths[0].rate_in(2023),
            analysis::draw_scenario(without, 3, 2).demand.growth_paths[0].rate_in(2023));
  // Ensembles: the same seed gives the same numbers, and the level moves the corridor.
  Scenario only_series = s;
  only_series.uncertainty.growth.clear();
  analysis::EnsembleOptions o;
  o.seed = 9;
  o.draw_count = 3;
  const analysis::EnsembleResult r1 = analysis::run_ensemble(only_series, o);
  const analysis::EnsembleResult r2 = analysis::run_ensemble(only_series, o);
  ASSERT_EQ(r1.status, analysis::EnsembleStatus::completed) << r1.reason;
  EXPECT_EQ(r1.values, r2.values);
  EXPECT_NE(r1.at(0, 1, 0, r1.segment_count), r1.at(1, 1, 0, r1.segment_count));
}

}  // namespace
}  // namespace corridor
