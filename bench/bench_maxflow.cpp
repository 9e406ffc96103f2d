// Max-flow: the engine's MaxFlow (its automatic choice, Boost.Graph push-relabel
// and Boykov-Kolmogorov, over flat CSR arrays)
// against LEMON's Preflow (highest-label push-relabel) on the same generated
// graphs of 1e5, 3e5 and 1e6 arcs. Both compute the full maximum flow (LEMON's
// run(), i.e. both phases) and are checked to agree. docs/benchmarks.md has the
// command and the numbers.
//
// Families (seeded, so every run sees the same graphs):
//  - layered: W x L grid of layers; each vertex sends 4 arcs to random vertices of
//    the next layer (capacity 1..1000); source feeds layer 0, the last layer feeds
//    the sink. Like a long multimodal corridor with many parallel options.
//  - random: n vertices, m arcs between uniform random pairs, capacity 1..1000,
//    source 0 and sink n-1.
#include <benchmark/benchmark.h>

#include <lemon/preflow.h>
#include <lemon/smart_graph.h>
#include <cstdint>
#include <random>
#include <vector>

#include "corridor/analysis/max_flow.hpp"

namespace {

using corridor::analysis::FlowValue;

struct Instance {
  std::uint32_t n = 0;
  std::vector<std::uint32_t> tail, head;
  std::vector<FlowValue> capacity;
  std::uint32_t source = 0, sink = 0;
};

Instance layered(std::uint32_t arcs, std::uint64_t seed) {
  constexpr std::uint32_t kDegree = 4;
  // L layers of W vertices, W = 4 L (wide and long): about kDegree * W * L arcs.
  std::uint32_t layers = 1;
  while (kDegree * 4 * (layers + 1) * (layers + 1) <= arcs) ++layers;
  const std::uint32_t width = arcs / (kDegree * layers);
  Instance g;
  g.n = width * layers + 2;
  g.source = width * layers;
  g.sink = g.source + 1;
  std::mt19937_64 rng(seed);
  const auto add = [&](std::uint32_t u, std::uint32_t v, FlowValue c) {
    g.tail.push_back(u);
    g.head.push_back(v);
    g.capacity.push_back(c);
  };
  for (std::uint32_t l = 0; l + 1 < layers; ++l) {
    for (std::uint32_t i = 0; i < width; ++i) {
      for (std::uint32_t d = 0; d < kDegree; ++d) {
        add(l * width + i, (l + 1) * width + static_cast<std::uint32_t>(rng() % width),
            1 + static_cast<FlowValue>(rng() % 1000));
      }
    }
  }
  for (std::uint32_t i = 0; i < width; ++i) {
    add(g.source, i, 1 + static_cast<FlowValue>(rng() % 4000));
    add((layers - 1) * width + i, g.sink, 1 + static_cast<FlowValue>(rng() % 4000));
  }
  return g;
}

Instance random_graph(std::uint32_t arcs, std::uint64_t seed) {
  Instance g;
  g.n = arcs / 8;
  g.source = 0;
  g.sink = g.n - 1;
  std::mt19937_64 rng(seed);
  for (std::uint32_t i = 0; i < arcs; ++i) {
    g.tail.push_back(static_cast<std::uint32_t>(rng() % g.n));
    g.head.push_back(static_cast<std::uint32_t>(rng() % g.n));
    g.capacity.push_back(1 + static_cast<FlowValue>(rng() % 1000));
  }
  return g;
}

const Instance& cached(int family, std::uint32_t arcs) {
  static std::vector<std::pair<std::pair<int, std::uint32_t>, Instance>> cache;
  for (const auto& [key, g] : cache) {
    if (key == std::make_pair(family, arcs)) return g;
  }
  cache.emplace_back(std::make_pair(family, arcs),
                     family == 0 ? layered(arcs, 2026) : random_graph(arcs, 2026));
  return cache.back().second;
}

FlowValue lemon_value(const Instance& g) {
  lemon::SmartDigraph d;
  d.reserveNode(static_cast<int>(g.n));
  d.reserveArc(static_cast<int>(g.tail.size()));
  for (std::uint32_t v = 0; v < g.n; ++v) d.addNode();
  lemon::SmartDigraph::ArcMap<FlowValue> cap(d);
  for (std::size_t i = 0; i < g.tail.size(); ++i) {
    const auto a = d.addArc(d.nodeFromId(static_cast<int>(g.tail[i])),
                            d.nodeFromId(static_cast<int>(g.head[i])));
    cap[a] = g.capacity[i];
  }
  lemon::Preflow<lemon::SmartDigraph, lemon::SmartDigraph::ArcMap<FlowValue>> pf(
      d, cap, d.nodeFromId(static_cast<int>(g.source)), d.nodeFromId(static_cast<int>(g.sink)));
  pf.run();
  return pf.flowValue();
}

// args: family (0 layered, 1 random), arcs
void engine(benchmark::State& state, corridor::analysis::MaxFlowAlgorithm algorithm) {
  const Instance& inst =
      cached(static_cast<int>(state.range(0)), static_cast<std::uint32_t>(state.range(1)));
  corridor::analysis::FlowGraphBuilder b(inst.n);
  for (std::size_t i = 0; i < inst.tail.size(); ++i)
    b.add_arc(inst.tail[i], inst.head[i], inst.capacity[i]);
  const corridor::analysis::FlowGraph g = std::move(b).build();
  corridor::analysis::MaxFlow mf;
  mf.algorithm(algorithm);
  FlowValue value = 0;
  for (auto _ : state) value = mf.run(g, inst.source, inst.sink);
  if (value != lemon_value(inst))
    state.SkipWithError("engine and LEMON disagree on the flow value");
  state.counters["flow"] = static_cast<double>(value);
  state.counters["arcs"] = static_cast<double>(inst.tail.size());
  state.SetLabel(state.range(0) == 0 ? "layered" : "random");
}

void BM_EnginePushRelabel(benchmark::State& state) {
  engine(state, corridor::analysis::MaxFlowAlgorithm::push_relabel);
}
void BM_EngineBoykovKolmogorov(benchmark::State& state) {
  engine(state, corridor::analysis::MaxFlowAlgorithm::boykov_kolmogorov);
}
// The default: the algorithm chosen by the graph's shape (the number to hold
// against LEMON).
void BM_EngineAutomatic(benchmark::State& state) {
  engine(state, corridor::analysis::MaxFlowAlgorithm::automatic);
}

void BM_Lemon(benchmark::State& state) {
  const Instance& inst =
      cached(static_cast<int>(state.range(0)), static_cast<std::uint32_t>(state.range(1)));
  lemon::SmartDigraph d;
  for (std::uint32_t v = 0; v < inst.n; ++v) d.addNode();
  lemon::SmartDigraph::ArcMap<FlowValue> cap(d);
  for (std::size_t i = 0; i < inst.tail.size(); ++i) {
    const auto a = d.addArc(d.nodeFromId(static_cast<int>(inst.tail[i])),
                            d.nodeFromId(static_cast<int>(inst.head[i])));
    cap[a] = inst.capacity[i];
  }
  const auto s = d.nodeFromId(static_cast<int>(inst.source));
  const auto t = d.nodeFromId(static_cast<int>(inst.sink));
  FlowValue value = 0;
  for (auto _ : state) {
    lemon::Preflow<lemon::SmartDigraph, lemon::SmartDigraph::ArcMap<FlowValue>> pf(d, cap, s, t);
    pf.run();
    value = pf.flowValue();
  }
  state.counters["flow"] = static_cast<double>(value);
  state.counters["arcs"] = static_cast<double>(inst.tail.size());
  state.SetLabel(state.range(0) == 0 ? "layered" : "random");
}

BENCHMARK(BM_EngineAutomatic)
    ->ArgNames({"family", "arcs"})
    ->ArgsProduct({{0, 1}, {100000, 300000, 1000000}})
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_EnginePushRelabel)
    ->ArgNames({"family", "arcs"})
    ->ArgsProduct({{0, 1}, {100000, 300000, 1000000}})
    ->Unit(benchmark::kMillisecond);
// Boykov-Kolmogorov only at 1e5 arcs on the layered family: it takes ~2 s there
// (20x push-relabel) and grows too fast to run the larger sizes routinely.
BENCHMARK(BM_EngineBoykovKolmogorov)
    ->ArgNames({"family", "arcs"})
    ->Args({0, 100000})
    ->ArgsProduct({{1}, {100000, 300000, 1000000}})
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Lemon)
    ->ArgNames({"family", "arcs"})
    ->ArgsProduct({{0, 1}, {100000, 300000, 1000000}})
    ->Unit(benchmark::kMillisecond);

}  // namespace
