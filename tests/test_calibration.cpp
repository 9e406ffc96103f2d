// Calibration: synthetic observations made by the engine with known parameters
// are recovered; bounds hold; a flat objective is reported; the override file
// round-trips through the loader.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>

#include "corridor/analysis/calibration.hpp"
#include "corridor/error.hpp"
#include "corridor/io/calibration_writer.hpp"
#include "corridor/io/scenario_loader.hpp"
#include "test_support.hpp"

namespace corridor::analysis {
namespace {

using tests::TempDir;

// Writes `body` as `dir`/scenario.yaml, a scenario extending the mini scenario;
// returns its path.
std::filesystem::path write_variant(const TempDir& dir, const std::string& body) {
  return dir.write(
      "scenario.yaml",
      "extends: " + tests::source_path("tests/data/mini/scenario.yaml").string() + "\n" + body);
}

// The mini scenario with logit route choice and two free parameters: the
// scales of the container and bulk segments (both cross the sea).
constexpr const char* kFree = R"(assignment: {method: logit}
demand:
  segments:
    - {id: containers, logit_dispersion_per_usd: 0.02}
    - {id: bulk, logit_dispersion_per_usd: 0.05}
calibration:
  free:
    - {parameter: demand_scale, segment: containers, bounds: [0.2, 5]}
    - {parameter: demand_scale, segment: bulk, bounds: [0.2, 5]}
)";

Scenario load(const std::filesystem::path& p) { return io::load_scenario(p).scenario; }

// Observations 2022-2024 (total corridor) made by the engine at `truth`.
Scenario with_synthetic_observations(Scenario s, const std::vector<double>& truth) {
  for (int y = 2022; y <= 2024; ++y) s.observations.push_back({y, 0, 1.0, -1, "synthetic"});
  s.observations.push_back({2023, 0, 1.0, 0, "synthetic, containers only"});
  const std::vector<double> made = simulate_observations(with_parameters(s, truth));
  for (std::size_t i = 0; i < made.size(); ++i) s.observations[i].value = made[i];
  return s;
}

TEST(Calibration, RecoversKnownParametersFromSyntheticObservations) {
  const TempDir dir;
  const Scenario s = with_synthetic_observations(load(write_variant(dir, kFree)), {0.7, 1.2});
  ASSERT_EQ(s.calibration.free.size(), 2u);
  EXPECT_DOUBLE_EQ(s.calibration.free[0].initial, 1.0);  // the scenario's value
  EXPECT_DOUBLE_EQ(s.calibration.free[1].initial, 1.0);
  const CalibrationResult r = calibrate(s);
  EXPECT_EQ(r.status, CalibrationStatus::converged) << r.reason;
  ASSERT_EQ(r.parameters.size(), 2u);
  EXPECT_NEAR(r.parameters[0].value, 0.7, 0.01);
  EXPECT_NEAR(r.parameters[1].value, 1.2, 0.01);
  for (const ObservationFit& o : r.observations) EXPECT_NEAR(o.relative_error, 0.0, 1e-3);
  EXPECT_EQ(r.degrees_of_freedom, 2u);
  EXPECT_EQ(r.jacobian_rank, 2u);
  EXPECT_TRUE(std::isfinite(r.parameters[0].standard_error));
  EXPECT_LT(r.sum_squares, 1e-6);
}

TEST(Calibration, KeepsValuesWithinBounds) {
  // The truth (scale 0.7) lies below the lower bound 0.8: the fit must stop at the bound.
  std::string body = kFree;
  body.replace(body.find("[0.2, 5]"), 8, "[0.8, 5]");
  const TempDir dir;
  const Scenario s = with_synthetic_observations(load(write_variant(dir, body)), {0.7, 1.2});
  const CalibrationResult r = calibrate(s);
  ASSERT_EQ(r.parameters.size(), 2u);
  for (const FittedParameter& p : r.parameters) {
    EXPECT_GE(p.value, p.lower);
    EXPECT_LE(p.value, p.upper);
  }
  EXPECT_DOUBLE_EQ(r.parameters[0].value, 0.8);
  EXPECT_TRUE(r.parameters[0].at_bound);
}

TEST(Calibration, ReportsAFlatObjective) {
  // The bulk segment has a single route (Aktau - Alat - Europe): its dispersion moves nothing.
  std::string body = kFree;
  body += "    - {parameter: logit_dispersion, segment: bulk, bounds: [0.01, 0.2]}\n";
  const TempDir dir;
  const Scenario s = with_synthetic_observations(load(write_variant(dir, body)), {0.7, 1.2, 0.05});
  const CalibrationResult r = calibrate(s);
  EXPECT_EQ(r.status, CalibrationStatus::flat_objective);
  EXPECT_NE(r.reason.find("logit_dispersion[bulk]"), std::string::npos) << r.reason;
  ASSERT_EQ(r.parameters.size(), 3u);
  EXPECT_FALSE(r.parameters[2].identified);
  EXPECT_TRUE(std::isnan(r.parameters[2].standard_error));
  EXPECT_EQ(r.jacobian_rank, 2u);
}

TEST(Calibration, NothingToFitIsAStatusNotAThrow) {
  const TempDir dir;
  const Scenario s = load(write_variant(dir, kFree));
  const CalibrationResult r = calibrate(s);
  EXPECT_EQ(r.status, CalibrationStatus::no_observations);
  EXPECT_FALSE(r.reason.empty());
}

TEST(Calibration, BackcastReportsLaterYearsOutOfSample) {
  const TempDir dir;
  const Scenario s = with_synthetic_observations(load(write_variant(dir, kFree)), {0.7, 1.2});
  CalibrationOptions o;
  o.fit_until_year = 2023;
  const CalibrationResult r = calibrate(s, o);
  EXPECT_EQ(r.in_sample, 3u);  // 2022, 2023 and 2023 containers
  for (const ObservationFit& f : r.observations) {
    EXPECT_EQ(f.in_sample, f.observation.year <= 2023);
    EXPECT_NEAR(f.relative_error, 0.0, 2e-3);  // the model is exact here, so is the backcast
  }
}

TEST(Calibration, CalibratedOverrideLoadsAndReproducesTheFit) {
  const TempDir dir;
  const auto path = write_variant(dir, kFree);
  const Scenario s = with_synthetic_observations(load(path), {0.7, 1.2});
  const CalibrationResult r = calibrate(s);
  const auto out = path.parent_path() / "out";
  io::write_calibration(out, s, path, r, {}, 0.0);
  const Scenario back = load(out / "calibrated.yaml");
  EXPECT_NEAR(back.demand.segments[0].scale, r.parameters[0].value, 1e-6);
  EXPECT_NEAR(back.demand.segments[1].scale, r.parameters[1].value, 1e-6);
  EXPECT_EQ(back.name, "mini-calibrated");
  EXPECT_TRUE(std::filesystem::exists(out / "parameters.csv"));
  EXPECT_TRUE(std::filesystem::exists(out / "residuals.csv"));
  EXPECT_TRUE(std::filesystem::exists(out / "summary.json"));
}

TEST(Calibration, RiskPremiumAndProjectValuesAreWrittenInAndOut) {
  const TempDir dir;
  const auto path = write_variant(dir, R"(calibration:
  free:
    - {parameter: risk_premium, element: [ru-eu, cn-ru], bounds: [0, 200]}
    - {parameter: project_value, project: ferry-fleet, bounds: [0, 5000000]}
)");
  const Scenario s = load(path);
  ASSERT_EQ(s.calibration.free.size(), 2u);
  EXPECT_DOUBLE_EQ(s.calibration.free[0].initial, 40.0);  // ru-eu in links.csv
  EXPECT_DOUBLE_EQ(s.calibration.free[1].initial, 1000000.0);
  const Scenario moved = with_parameters(s, {55.0, 2000000.0});
  EXPECT_DOUBLE_EQ(moved.network.link(*moved.network.find_link("ru-eu")).risk_premium_usd_per_t,
                   55.0);
  EXPECT_DOUBLE_EQ(moved.network.link(*moved.network.find_link("cn-ru")).risk_premium_usd_per_t,
                   55.0);
  EXPECT_DOUBLE_EQ(moved.projects[0].value, 2000000.0);
  CalibrationResult r;
  r.status = CalibrationStatus::converged;
  r.parameters = {{"a", 40, 55, 0, 200, 1, false, true}, {"b", 1e6, 2e6, 0, 5e6, 1, false, true}};
  const auto out = path.parent_path() / "out";
  std::filesystem::create_directories(out);
  std::ofstream(out / "calibrated.yaml") << io::calibrated_yaml(s, r, path, out);
  const Scenario back = load(out / "calibrated.yaml");
  EXPECT_DOUBLE_EQ(back.network.link(*back.network.find_link("cn-ru")).risk_premium_usd_per_t,
                   55.0);
  EXPECT_DOUBLE_EQ(back.projects[0].value, 2000000.0);
}

TEST(Calibration, GrowthRateIsAFreeParameter) {
  std::string body = kFree;
  body = body.substr(0, body.find("    - {parameter: demand_scale, segment: bulk"));
  body += "    - {parameter: growth_rate, path: steady, from: 2022, bounds: [-0.5, 1]}\n";
  const TempDir dir;
  const Scenario s = with_synthetic_observations(load(write_variant(dir, body)), {0.7, 0.2});
  const CalibrationResult r = calibrate(s);
  EXPECT_EQ(r.status, CalibrationStatus::converged) << r.reason;
  EXPECT_NEAR(r.parameters[0].value, 0.7, 0.01);
  EXPECT_NEAR(r.parameters[1].value, 0.2, 0.005);
}

// Bad sections are rejected with the location of the offending value.
void expect_error(const std::string& name, const std::string& body, const std::string& fragment) {
  const TempDir dir(name);
  try {
    (void)load(write_variant(dir, body));
    ADD_FAILURE() << name << ": no error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
  }
}

TEST(Calibration, RejectsBadSectionsWithLocations) {
  expect_error("bad-year", "observations:\n  - {year: 2019, corridor_t: 1, source: x}\n",
               "scenario.yaml:3:");
  expect_error("bad-tonnes", "observations:\n  - {year: 2022, corridor_t: -1, source: x}\n",
               "corridor_t");
  expect_error("no-source", "observations:\n  - {year: 2022, corridor_t: 1}\n", "source");
  expect_error("bad-kind",
               "calibration:\n  free:\n    - {parameter: speed, segment: bulk, bounds: [0, 1]}\n",
               "scenario.yaml:4:");
  expect_error(
      "bad-bounds",
      "calibration:\n  free:\n    - {parameter: demand_scale, segment: bulk, bounds: [2, 1]}\n",
      "lower bound");
  expect_error(
      "initial-outside",
      "calibration:\n  free:\n    - {parameter: demand_scale, segment: bulk, bounds: [2, 3]}\n",
      "outside its bounds");
  expect_error("unknown-step",
               "calibration:\n  free:\n    - {parameter: growth_rate, path: steady, from: 2023, "
               "bounds: [0, 1]}\n",
               "no step starting in 2023");
  expect_error(
      "node-premium",
      "calibration:\n  free:\n    - {parameter: risk_premium, element: aktau, bounds: [0, 1]}\n",
      "links, not nodes");
  expect_error(
      "twice",
      "calibration:\n  free:\n    - {parameter: demand_scale, segment: bulk, bounds: [0.5, 2]}\n"
      "    - {parameter: demand_scale, segment: bulk, bounds: [0.5, 2]}\n",
      "free twice");
  expect_error("bad-scale", "demand:\n  segments:\n    - {id: bulk, scale: 0}\n", "scale");
}

}  // namespace
}  // namespace corridor::analysis
