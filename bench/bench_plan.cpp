// corridor plan on the shipped Trans-Caspian catalogue (scenarios/trans-caspian/
// measures.yaml: 17 measures with costs, decision years 2027-2035, 2027 being the
// first still open and the catalogue's earliest). Targets (docs/benchmarks.md): the
// deterministic plan solved to proven optimality (or a gap <= 1%) in <= 60 s on
// this 2-core machine, and the P = 0.8, 200-draw plan in <= 10 minutes.
// Counters: programmes evaluated, per second, search nodes and the answer's cost.
#include <benchmark/benchmark.h>

#include <string>

#include "corridor/analysis/plan.hpp"
#include "corridor/io/measures_loader.hpp"

namespace {

constexpr const char* kScenario = CORRIDOR_SOURCE_DIR "/scenarios/trans-caspian/baseline.yaml";
constexpr const char* kMeasures = CORRIDOR_SOURCE_DIR "/scenarios/trans-caspian/measures.yaml";

// Args: target in thousand tonnes of the headline (route-wide TITR), target year,
// draws (0 = deterministic; else P = 0.8). 7 Mt by 2030 and by 2033 need four measures;
// 5.5 Mt by 2035 with P = 0.8 three (docs/benchmarks.md).
void BM_PlanTransCaspian(benchmark::State& state) {
  const corridor::io::PlanCatalogue cat = corridor::io::load_plan_catalogue(kScenario, kMeasures);
  corridor::analysis::PlanProblem p;
  p.base = &cat.base;
  p.measures = cat.measures;
  p.corridor_measure = cat.base.corridor.headline;
  p.target = static_cast<double>(state.range(0)) * 1e3;
  p.first_decision_year = 2027;
  p.last_decision_year = 2035;
  p.discount_rate = cat.discount_rate;
  p.draws = static_cast<std::uint32_t>(state.range(2));
  p.probability = 0.8;
  p.seed = cat.base.seed;
  p.threads = 2;
  const int by = static_cast<int>(state.range(1));
  corridor::analysis::PlanResult r;
  for (auto _ : state) {
    r = corridor::analysis::solve_plan(p, by, by);
    benchmark::DoNotOptimize(r);
  }
  const corridor::analysis::PlanAnswer& a = r.answers.front();
  state.counters["measures"] = static_cast<double>(p.measures.size());
  state.counters["evaluated"] = static_cast<double>(r.stats.programmes_evaluated);
  state.counters["runs"] = static_cast<double>(r.stats.runs);
  state.counters["programmes_per_s"] = benchmark::Counter(
      static_cast<double>(r.stats.programmes_evaluated) * static_cast<double>(state.iterations()),
      benchmark::Counter::kIsRate);
  state.counters["nodes"] = static_cast<double>(r.stats.nodes);
  state.counters["proven"] = a.proven ? 1.0 : 0.0;
  state.counters["gap"] = a.gap();
  state.counters["cost_musd"] = a.cost_usd / 1e6;
  state.counters["programme_size"] = static_cast<double>(a.programme.size());
}
BENCHMARK(BM_PlanTransCaspian)
    ->Args({7000, 2030, 0})
    ->Args({7000, 2033, 0})
    ->Args({5500, 2035, 200})
    ->Iterations(1)
    ->Unit(benchmark::kSecond)
    ->UseRealTime();

}  // namespace
