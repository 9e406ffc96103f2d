// Cancellation through SimulationOptions::cancel and EnsembleOptions::cancel:
// the engine stops at a step or draw boundary and says so (the CLI's signal
// handling rests on this; see tests/run_interrupt_case.cmake for the CLI side).
#include <gtest/gtest.h>

#include <atomic>
#include <string>

#include "corridor/analysis/ensemble.hpp"
#include "corridor/sim/simulation.hpp"
#include "test_support.hpp"

namespace corridor {
namespace {

Scenario mini_uncertain() { return tests::source_scenario("tests/data/mini/uncertain.yaml"); }

TEST(Cancel, SimulationStopsBeforeTheFirstStepWhenTheFlagIsSet) {
  const Scenario s = mini_uncertain();
  const std::atomic<bool> cancel{true};
  sim::SimulationOptions options;
  options.cancel = &cancel;
  const sim::SimulationResult r = sim::simulate(s, options);
  EXPECT_EQ(r.status, sim::RunStatus::cancelled);
  EXPECT_EQ(r.steps_completed, 0u);
}

TEST(Cancel, UnsetFlagChangesNothing) {
  const Scenario s = mini_uncertain();
  const std::atomic<bool> cancel{false};
  sim::SimulationOptions options;
  options.cancel = &cancel;
  const sim::SimulationResult with = sim::simulate(s, options);
  const sim::SimulationResult without = sim::simulate(s);
  EXPECT_TRUE(with.completed());
  EXPECT_EQ(with.steps_completed, with.steps.size());
  EXPECT_EQ(with.od_delivered_t, without.od_delivered_t);
}

TEST(Cancel, EnsembleStopsAtADrawBoundaryWithEveryThreadCount) {
  const Scenario s = mini_uncertain();
  for (const int threads : {1, 2}) {
    std::atomic<bool> cancel{false};
    analysis::EnsembleOptions options;
    options.seed = 3;
    options.draw_count = 100000;
    options.threads = threads;
    options.cancel = &cancel;
    // Cancel from the progress callback once a few draws are done.
    options.progress = [&cancel](std::uint32_t done) {
      if (done >= 3) cancel = true;
    };
    const analysis::EnsembleResult r = analysis::run_ensemble(s, options);
    EXPECT_EQ(r.status, analysis::EnsembleStatus::cancelled) << threads;
    EXPECT_GE(r.draws_completed, 3u) << threads;
    EXPECT_LT(r.draws_completed, options.draw_count) << threads;
  }
}

TEST(Cancel, UncancelledEnsembleCompletesEveryDraw) {
  const Scenario s = mini_uncertain();
  const std::atomic<bool> cancel{false};
  analysis::EnsembleOptions options;
  options.draw_count = 4;
  options.threads = 2;
  options.cancel = &cancel;
  const analysis::EnsembleResult r = analysis::run_ensemble(s, options);
  EXPECT_EQ(r.status, analysis::EnsembleStatus::completed);
  EXPECT_EQ(r.draws_completed, 4u);
}

}  // namespace
}  // namespace corridor
