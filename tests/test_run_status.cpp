// Runs that cannot finish report a status and a reason, and the analyses
// built on runs (calibration, ensembles, bottlenecks) read it.
#include <gtest/gtest.h>

#include <string>

#include "corridor/analysis/bottlenecks.hpp"
#include "corridor/analysis/calibration.hpp"
#include "corridor/analysis/ensemble.hpp"
#include "corridor/io/scenario_loader.hpp"
#include "corridor/sim/simulation.hpp"
#include "test_support.hpp"

namespace corridor {
namespace {

Scenario load(const std::string& relative) { return corridor::tests::source_scenario(relative); }

// The scenario with one more node that no link reaches and an OD pair to it:
// past the loader's checks, every step's assignment is infeasible.
Scenario with_unreachable_pair(Scenario s) {
  NetworkBuilder b;
  for (const NodeSpec& n : s.network.nodes()) (void)b.add_node(n);
  NodeSpec island = s.network.node(0);
  island.id = "island";
  const NodeIndex v = b.add_node(island);
  for (const LinkSpec& l : s.network.links()) b.add_link(l);
  s.network = std::move(b).build();
  OdDemand od = s.demand.od.front();
  od.destination = v;
  s.demand.od.push_back(od);
  return s;
}

TEST(RunStatus, CompletedRunSaysSo) {
  const sim::SimulationResult r = sim::simulate(load("tests/data/mini/scenario.yaml"));
  EXPECT_TRUE(r.completed());
  EXPECT_TRUE(r.reason.empty());
  EXPECT_FALSE(r.failed_step.has_value());
  EXPECT_EQ(r.steps_completed, r.steps.size());
}

TEST(RunStatus, InfeasibleStepStopsTheRunWithItsReason) {
  for (const auto method : {AssignmentMethod::user_equilibrium, AssignmentMethod::logit}) {
    Scenario s = with_unreachable_pair(load("tests/data/mini/scenario.yaml"));
    s.assignment.method = method;
    const sim::SimulationResult r = sim::simulate(s);
    EXPECT_EQ(r.status, sim::RunStatus::equilibrium_failed);
    ASSERT_TRUE(r.failed_step.has_value());
    EXPECT_EQ(*r.failed_step, 0u);
    EXPECT_EQ(r.steps_completed, 0u);
    EXPECT_NE(r.reason.find("island"), std::string::npos) << r.reason;
    EXPECT_NE(r.reason.find("2022-01"), std::string::npos) << r.reason;
  }
}

TEST(RunStatus, CalibrationReportsTheFailingRun) {
  const Scenario s = with_unreachable_pair(load("tests/cli_cases/calibrate-mini/scenario.yaml"));
  const analysis::CalibrationResult c = analysis::calibrate(s);
  EXPECT_EQ(c.status, analysis::CalibrationStatus::simulation_failed);
  EXPECT_NE(c.reason.find("island"), std::string::npos) << c.reason;
  EXPECT_EQ(c.evaluations, 1u);
}

TEST(RunStatus, EnsembleStopsAtTheLowestFailingDraw) {
  const Scenario s = with_unreachable_pair(load("tests/data/mini/uncertain.yaml"));
  for (const int threads : {1, 2}) {
    analysis::EnsembleOptions o;
    o.first_draw = 5;
    o.draw_count = 4;
    o.threads = threads;
    const analysis::EnsembleResult r = analysis::run_ensemble(s, o);
    EXPECT_EQ(r.status, analysis::EnsembleStatus::draw_failed) << threads;
    ASSERT_TRUE(r.failed_draw.has_value()) << threads;
    EXPECT_EQ(*r.failed_draw, 5u) << threads;
    EXPECT_LT(r.draws_completed, 4u) << threads;
    EXPECT_NE(r.reason.find("draw 5"), std::string::npos) << r.reason;
  }
}

TEST(RunStatus, BottleneckAnalysisReportsAFailingBaseRun) {
  const Scenario s = with_unreachable_pair(load("tests/data/mini/scenario.yaml"));
  const analysis::BottleneckAnalysis a = analysis::analyse_bottlenecks(s, {}, {});
  EXPECT_EQ(a.status, sim::RunStatus::equilibrium_failed);
  EXPECT_NE(a.reason.find("base run"), std::string::npos) << a.reason;
}

TEST(RunStatus, NetworkAttributesChangeInPlaceWithinTheirRange) {
  Scenario s = load("tests/data/mini/scenario.yaml");
  const LinkIndex a = *s.network.find_link("aktau-alat");
  s.network.set_link_attribute(a, Attribute::risk_premium_usd_per_t, 42.0);
  EXPECT_EQ(s.network.link(a).risk_premium_usd_per_t, 42.0);
  EXPECT_THROW(s.network.set_link_attribute(a, Attribute::tariff_usd_per_t, -1.0),
               std::invalid_argument);
  EXPECT_THROW(s.network.set_link_attribute(a, Attribute::dwell_days, 1.0),
               std::invalid_argument);  // links have no dwell
  EXPECT_EQ(s.network.link(a).tariff_usd_per_t,
            load("tests/data/mini/scenario.yaml").network.link(a).tariff_usd_per_t);
  s.network.set_node_attribute(0, Attribute::dwell_days, 2.5);
  EXPECT_EQ(s.network.node(0).dwell_days, 2.5);
}

}  // namespace
}  // namespace corridor
