// Sensitivity analysis and select-element analysis on the shipped baseline
// (monthly, 2022-2040). Targets (docs/benchmarks.md): Sobol' indices of 10 inputs
// with N = 1,000 base draws (12,000 runs) in <= 2 minutes on this 2-core
// machine; the select-element analysis adds <= 10% to a baseline run.
#include <benchmark/benchmark.h>

#include <chrono>

#include "corridor/analysis/sensitivity.hpp"
#include "corridor/io/scenario_loader.hpp"
#include "corridor/sim/report.hpp"
#include "corridor/sim/simulation.hpp"

namespace {

corridor::Scenario load(const char* relative) {
  return corridor::io::load_scenario(std::string(CORRIDOR_SOURCE_DIR) + "/" + relative).scenario;
}

// The whole Sobol' analysis: N (k + 2) runs on 2 threads, then the indices of
// every output with 1,000 bootstrap resamples. Arg: N.
void BM_Sobol10Inputs(benchmark::State& state) {
  const corridor::Scenario s = load("bench/sensitivity-10-inputs.yaml");
  const auto inputs = static_cast<std::uint32_t>(corridor::analysis::uncertain_inputs(s).size());
  const corridor::analysis::SaltelliDesign design{static_cast<std::uint32_t>(state.range(0)),
                                                  inputs};
  const auto outputs = corridor::analysis::sensitivity_outputs(
      s, corridor::analysis::default_sensitivity_years(s.horizon));
  corridor::analysis::RunTableOptions options;
  options.seed = s.seed;
  options.run_count = design.runs();
  options.threads = 2;
  for (auto _ : state) {
    const auto table = corridor::analysis::run_plan(
        s, [&](std::uint32_t r) { return design.settings(r); }, outputs, options);
    benchmark::DoNotOptimize(corridor::analysis::sobol_indices(design, table, {1000, 0.95, 1}));
  }
  state.counters["inputs"] = inputs;
  state.counters["runs"] = design.runs();
  state.counters["runs_per_s"] = benchmark::Counter(
      static_cast<double>(design.runs()) * static_cast<double>(state.iterations()),
      benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Sobol10Inputs)
    ->Arg(100)
    ->Arg(1000)
    ->Iterations(1)
    ->Unit(benchmark::kSecond)
    ->UseRealTime();

// A baseline run (time loop and yearly report) with and without the
// select-element analysis of the Kuryk - Alat ferry (arg 1) or of the three
// westbound Caspian ferry and ship links (arg 3), timed in pairs so that the
// machine's drift hits both alike. Counters: the mean time of each and their ratio.
void BM_SelectOverhead(benchmark::State& state) {
  const corridor::Scenario s = load("scenarios/trans-caspian/baseline.yaml");
  corridor::sim::SimulationOptions selecting;
  const char* ids[] = {"kuryk-alat", "aktau-alat", "turkmenbashi-alat"};
  for (std::int64_t i = 0; i < state.range(0); ++i)
    selecting.select.push_back(s.network.node_count() + *s.network.find_link(ids[i]));
  double plain_s = 0.0, select_s = 0.0;
  using clock = std::chrono::steady_clock;
  for (auto _ : state) {
    const auto t0 = clock::now();
    const auto plain = corridor::sim::simulate(s);
    benchmark::DoNotOptimize(corridor::sim::make_report(s, plain));
    const auto t1 = clock::now();
    const auto selected = corridor::sim::simulate(s, selecting);
    benchmark::DoNotOptimize(corridor::sim::make_report(s, selected));
    const auto t2 = clock::now();
    plain_s += std::chrono::duration<double>(t1 - t0).count();
    select_s += std::chrono::duration<double>(t2 - t1).count();
  }
  const auto n = static_cast<double>(state.iterations());
  state.counters["plain_ms"] = plain_s / n * 1e3;
  state.counters["select_ms"] = select_s / n * 1e3;
  state.counters["ratio"] = select_s / plain_s;
}
BENCHMARK(BM_SelectOverhead)->Arg(1)->Arg(3)->Unit(benchmark::kMillisecond)->MinTime(5.0);

}  // namespace
