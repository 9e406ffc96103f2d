// The time loop on the shipped Trans-Caspian baseline: monthly steps 2024-2040
// (target: <= 20 ms a run on one core, docs/benchmarks.md), split into its parts. The
// calibrated baseline uses logit route choice (assignment.method: logit).
#include <benchmark/benchmark.h>

#include "corridor/io/scenario_loader.hpp"
#include "corridor/sim/report.hpp"
#include "corridor/sim/simulation.hpp"

namespace {

corridor::Scenario baseline_2024_2040() {
  corridor::Scenario s = corridor::io::load_scenario(std::string(CORRIDOR_SOURCE_DIR) +
                                                     "/scenarios/trans-caspian/baseline.yaml")
                             .scenario;
  s.horizon.start = std::chrono::year{2024} / std::chrono::January;
  s.horizon.end = std::chrono::year{2040} / std::chrono::December;
  return s;
}

// Whole run: step inputs, 204 warm-started equilibria, loading, yearly report.
void BM_BaselineRun(benchmark::State& state) {
  const corridor::Scenario s = baseline_2024_2040();
  for (auto _ : state) {
    const auto result = corridor::sim::simulate(s);
    benchmark::DoNotOptimize(corridor::sim::make_report(s, result));
  }
  state.counters["steps"] = 204;
}
BENCHMARK(BM_BaselineRun)->Unit(benchmark::kMillisecond);

// Only the per-step inputs (projects, closures, demand by day).
void BM_BaselineStepInputs(benchmark::State& state) {
  const corridor::Scenario s = baseline_2024_2040();
  const auto steps = corridor::sim::make_steps(s.horizon);
  for (auto _ : state) benchmark::DoNotOptimize(corridor::sim::make_step_inputs(s, steps));
}
BENCHMARK(BM_BaselineStepInputs)->Unit(benchmark::kMillisecond);

// The time loop with inputs prepared (what a Monte-Carlo draw repeats).
void BM_BaselineTimeLoop(benchmark::State& state) {
  const corridor::Scenario s = baseline_2024_2040();
  const auto steps = corridor::sim::make_steps(s.horizon);
  const auto inputs = corridor::sim::make_step_inputs(s, steps);
  for (auto _ : state) benchmark::DoNotOptimize(corridor::sim::simulate(s, steps, inputs));
}
BENCHMARK(BM_BaselineTimeLoop)->Unit(benchmark::kMillisecond);

// The same loop with the deterministic user equilibrium instead of the
// calibrated baseline's logit route choice (to show what the logit costs).
void BM_BaselineTimeLoopUserEquilibrium(benchmark::State& state) {
  corridor::Scenario s = baseline_2024_2040();
  s.assignment.method = corridor::AssignmentMethod::user_equilibrium;
  const auto steps = corridor::sim::make_steps(s.horizon);
  const auto inputs = corridor::sim::make_step_inputs(s, steps);
  for (auto _ : state) benchmark::DoNotOptimize(corridor::sim::simulate(s, steps, inputs));
}
BENCHMARK(BM_BaselineTimeLoopUserEquilibrium)->Unit(benchmark::kMillisecond);

}  // namespace
