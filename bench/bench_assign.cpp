// Equilibrium solver benchmarks (docs/benchmarks.md has commands and numbers):
//  - cold solves of the TNTP networks to a target gap, 1 and 2 threads;
//  - warm re-solves after a 2% demand change (Chicago-Sketch, and a small
//    corridor-sized network like the one the monthly simulation solves), both
//    alternating between two demands and from a freshly converged solution;
//  - the engine's CSR Dijkstra against Boost.Graph's on the same graph, which
//    is why the solver uses its own.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/property_map/property_map.hpp>
#include <chrono>
#include <cmath>
#include <string>
#include <vector>

#include "assign/graph.hpp"
#include "assign/shortest_path.hpp"
#include "corridor/assign/solver.hpp"
#include "corridor/io/tntp.hpp"

namespace {

using namespace corridor;

const char* const kNames[][2] = {
    {"SiouxFalls", "SiouxFalls"}, {"Anaheim", "Anaheim"}, {"Chicago-Sketch", "ChicagoSketch"}};

assign::Problem tntp_problem(int which) {
  const std::string stem =
      std::string(CORRIDOR_TNTP_DIR) + "/" + kNames[which][0] + "/" + kNames[which][1] + "_";
  return io::make_assignment_problem(io::read_tntp_network(stem + "net.tntp"),
                                     io::read_tntp_trips(stem + "trips.tntp"), {});
}

const assign::Problem& cached(int which) {
  static const assign::Problem problems[] = {tntp_problem(0), tntp_problem(1), tntp_problem(2)};
  return problems[which];
}

// args: network index, -log10(gap), threads
void BM_Cold(benchmark::State& state) {
  const int which = static_cast<int>(state.range(0));
  assign::SolverOptions options;
  options.target_relative_gap = std::pow(10.0, -static_cast<double>(state.range(1)));
  options.threads = static_cast<int>(state.range(2));
  int iterations = 0;
  for (auto _ : state) {
    assign::EquilibriumSolver solver(cached(which));
    const assign::SolveResult r = solver.options(options).solve();
    if (r.status != assign::SolveStatus::converged) state.SkipWithError(r.reason.c_str());
    iterations = r.iterations;
  }
  state.SetLabel(kNames[which][0]);
  state.counters["solver_iterations"] = iterations;
}
BENCHMARK(BM_Cold)
    ->ArgNames({"net", "gap_exp", "threads"})
    ->ArgsProduct({{0, 1, 2}, {4, 6, 8, 10}, {1}})
    ->Args({2, 10, 2})
    ->Args({1, 10, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void scale_all_demand(assign::EquilibriumSolver& solver, double factor) {
  for (assign::Index k = 0; k < solver.problem().classes.size(); ++k) {
    solver.scale_demand(k, factor);
  }
}

// Timed warm solves after a 2% demand change: each scales every class's demand
// by 1.02 or, every other time, by 1/1.02 (the timer is paused on entry), then
// times the solve and counts its iterations.
struct WarmSolves {
  bool up = true;
  double iterations = 0.0, solves = 0.0;

  void run(benchmark::State& state, assign::EquilibriumSolver& solver) {
    scale_all_demand(solver, up ? 1.02 : 1.0 / 1.02);
    up = !up;
    state.ResumeTiming();
    const assign::SolveResult r = solver.solve();
    if (r.status != assign::SolveStatus::converged) state.SkipWithError(r.reason.c_str());
    iterations += r.iterations;
    solves += 1.0;
  }
  void report(benchmark::State& state) const {
    state.counters["solver_iterations"] = solves > 0.0 ? iterations / solves : 0.0;
  }
};

// Alternates demand x1.02 and /1.02 so that every timed solve is a genuine
// warm re-solve after a 2% change. args: network index, threads
void warm_loop(benchmark::State& state, assign::EquilibriumSolver& solver) {
  if (solver.solve().status != assign::SolveStatus::converged) {
    state.SkipWithError("cold solve failed");
    return;
  }
  WarmSolves warm;
  for (auto _ : state) {
    state.PauseTiming();
    warm.run(state, solver);
  }
  warm.report(state);
}

void BM_Warm(benchmark::State& state) {
  const int which = static_cast<int>(state.range(0));
  assign::SolverOptions options;
  options.threads = static_cast<int>(state.range(1));
  options.target_relative_gap = std::pow(10.0, -static_cast<double>(state.range(2)));
  assign::EquilibriumSolver solver(cached(which));
  solver.options(options);
  warm_loop(state, solver);
  state.SetLabel(kNames[which][0]);
}
// args: network index, threads, -log10(gap)
BENCHMARK(BM_Warm)
    ->ArgNames({"net", "threads", "gap_exp"})
    ->Args({0, 1, 10})
    ->Args({1, 1, 10})
    ->ArgsProduct({{2}, {1}, {4, 6, 8, 10}})
    ->Args({2, 2, 10})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// A 2% change from a freshly converged solution: each timed solve starts from
// a cold solve (not timed) whose demand is then scaled by 1.02 or, every other
// time, by 1/1.02. Unlike BM_Warm, the solver has never seen the new demand,
// so its bushes and pairs carry nothing from an earlier visit to it.
// args: network index, threads, -log10(gap)
void BM_WarmFresh(benchmark::State& state) {
  const int which = static_cast<int>(state.range(0));
  assign::SolverOptions options;
  options.threads = static_cast<int>(state.range(1));
  options.target_relative_gap = std::pow(10.0, -static_cast<double>(state.range(2)));
  WarmSolves warm;
  for (auto _ : state) {
    state.PauseTiming();
    assign::EquilibriumSolver solver(cached(which));
    solver.options(options);
    if (solver.solve().status != assign::SolveStatus::converged) {
      state.SkipWithError("cold solve failed");
      break;
    }
    warm.run(state, solver);
  }
  state.SetLabel(kNames[which][0]);
  warm.report(state);
}
BENCHMARK(BM_WarmFresh)
    ->ArgNames({"net", "threads", "gap_exp"})
    ->Args({0, 1, 10})
    ->Args({1, 1, 10})
    ->ArgsProduct({{2}, {1}, {6, 10}})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// Warm over cold, timed in pairs: each cold solve is followed at once by a
// warm re-solve from its solution after a 2% change (fresh), and by a 2% change
// of a solver that alternates between two demands (as BM_Warm). Timing the two
// back to back takes the machine's drift (up to 30% within minutes on the KVM
// guest of benchmarks.md) out of the ratios; the counters are their quartiles.
// The reported time is the fresh warm solve's. args: network index, -log10(gap)
void BM_WarmOverCold(benchmark::State& state) {
  const int which = static_cast<int>(state.range(0));
  assign::SolverOptions options;
  options.target_relative_gap = std::pow(10.0, -static_cast<double>(state.range(1)));
  assign::EquilibriumSolver alternating(cached(which));
  alternating.options(options);
  if (alternating.solve().status != assign::SolveStatus::converged) {
    state.SkipWithError("cold solve failed");
    return;
  }
  using Clock = std::chrono::steady_clock;
  auto timed_solve = [&state](assign::EquilibriumSolver& solver) {
    const Clock::time_point start = Clock::now();
    if (solver.solve().status != assign::SolveStatus::converged)
      state.SkipWithError("solve failed");
    return std::chrono::duration<double>(Clock::now() - start).count();
  };
  std::vector<double> fresh, alternate;
  bool up = true;
  for (auto _ : state) {
    assign::EquilibriumSolver solver(cached(which));
    solver.options(options);
    const double cold = timed_solve(solver);
    const double factor = up ? 1.02 : 1.0 / 1.02;
    up = !up;
    scale_all_demand(solver, factor);
    const double warm = timed_solve(solver);
    scale_all_demand(alternating, factor);
    const double again = timed_solve(alternating);
    state.SetIterationTime(warm);
    fresh.push_back(warm / cold);
    alternate.push_back(again / cold);
  }
  auto quartile = [](std::vector<double> v, std::size_t q) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0.0 : v[q * (v.size() - 1) / 4];
  };
  for (std::size_t q = 1; q <= 3; ++q) {
    const std::string name = q == 2 ? "median" : "q" + std::to_string(q);
    state.counters["fresh_" + name] = quartile(fresh, q);
    state.counters["alternating_" + name] = quartile(alternate, q);
  }
  state.SetLabel(kNames[which][0]);
}
BENCHMARK(BM_WarmOverCold)
    ->ArgNames({"net", "gap_exp"})
    ->Args({2, 10})
    ->Iterations(20)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);

// A corridor-sized network: a 6 x 10 grid (60 nodes, 2 * (5*10 + 6*9) = 208
// directed links) with capacity-restraint costs, 3 classes and 30 OD pairs.
assign::Problem small_corridor() {
  assign::Problem p;
  const assign::Index rows = 6, cols = 10;
  p.network.node_count = rows * cols;
  auto add = [&](assign::Index u, assign::Index v, double t0, double cap) {
    for (const auto& [a, b] : {std::pair{u, v}, std::pair{v, u}}) {
      p.network.tail.push_back(a);
      p.network.head.push_back(b);
      p.network.cost.push_back({assign::CostKind::capacity_restraint, t0, cap, 0.4, 0.9});
    }
  };
  for (assign::Index r = 0; r < rows; ++r) {
    for (assign::Index c = 0; c < cols; ++c) {
      const assign::Index v = r * cols + c;
      if (c + 1 < cols) add(v, v + 1, 2.0 + (r * 7 + c * 3) % 5, 900.0 + 100.0 * (c % 3));
      if (r + 1 < rows) add(v, v + cols, 3.0 + (r + c) % 4, 600.0 + 150.0 * (r % 2));
    }
  }
  const double vot[] = {1.0, 2.5, 0.4};
  for (int k = 0; k < 3; ++k) {
    assign::TrafficClass& c = p.classes.emplace_back();
    c.name = "class" + std::to_string(k);
    c.value_of_time = vot[k];
    c.fixed_cost.assign(p.network.tail.size(), 0.0);
    for (std::size_t a = 0; a < c.fixed_cost.size(); a += 3) c.fixed_cost[a] = 1.0 + k;
    for (assign::Index i = 0; i < 10; ++i) {
      const assign::Index o = (i * 7 + static_cast<assign::Index>(k)) % rows * cols;
      const assign::Index d = ((i * 5 + 3) % rows) * cols + cols - 1;
      c.demand.push_back({o, d, 60.0 + 10.0 * i});
    }
  }
  return p;
}

// arg: -log10(gap)
assign::SolverOptions gap_options(const benchmark::State& state) {
  assign::SolverOptions options;
  options.target_relative_gap = std::pow(10.0, -static_cast<double>(state.range(0)));
  return options;
}

void BM_SmallCorridorWarm(benchmark::State& state) {
  assign::EquilibriumSolver solver(small_corridor());
  solver.options(gap_options(state));
  warm_loop(state, solver);
}
BENCHMARK(BM_SmallCorridorWarm)
    ->ArgName("gap_exp")
    ->DenseRange(6, 10, 2)
    ->Unit(benchmark::kMicrosecond);

void BM_SmallCorridorCold(benchmark::State& state) {
  const assign::Problem p = small_corridor();
  int iterations = 0;
  for (auto _ : state) {
    assign::EquilibriumSolver solver(p);
    solver.options(gap_options(state));
    const assign::SolveResult r = solver.solve();
    if (r.status != assign::SolveStatus::converged) state.SkipWithError("failed");
    iterations = r.iterations;
  }
  state.counters["solver_iterations"] = iterations;
}
BENCHMARK(BM_SmallCorridorCold)
    ->ArgName("gap_exp")
    ->DenseRange(6, 10, 2)
    ->Unit(benchmark::kMicrosecond);

// All-origins shortest paths at free-flow cost: engine CSR Dijkstra vs Boost.Graph.
struct Sp {
  assign::detail::Graph graph;
  std::vector<double> out_cost;
  std::vector<assign::Index> origins;
  explicit Sp(const assign::Problem& p) : graph(p.network) {
    assign::detail::LinkState links;
    links.resize(graph.to_internal(p.network.cost));
    links.refresh_all();
    assign::detail::fill_out_costs(graph, links, std::vector<double>(graph.link_count, 0.0),
                                   out_cost);
    for (const assign::OdDemand& d : p.classes[0].demand) {
      if (origins.empty() || origins.back() != d.origin) origins.push_back(d.origin);
    }
  }
};

void BM_DijkstraEngine(benchmark::State& state) {
  const Sp sp(cached(2));
  assign::detail::ShortestPathTree tree;
  tree.resize(sp.graph.node_count);
  for (auto _ : state) {
    for (const assign::Index o : sp.origins) {
      tree.run(sp.graph, sp.out_cost.data(), o);
      benchmark::DoNotOptimize(tree.distance(0));
    }
  }
}
BENCHMARK(BM_DijkstraEngine)->Unit(benchmark::kMillisecond);

void BM_DijkstraBoostGraph(benchmark::State& state) {
  const Sp sp(cached(2));
  using Csr = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property,
                                                 boost::property<boost::edge_weight_t, double>,
                                                 boost::no_property, assign::Index, assign::Index>;
  std::vector<std::pair<assign::Index, assign::Index>> edges;
  for (assign::Index v = 0; v < sp.graph.node_count; ++v) {
    for (assign::Index e = sp.graph.first_out[v]; e < sp.graph.first_out[v + 1]; ++e) {
      edges.emplace_back(v, sp.graph.out_head[e]);
    }
  }
  const Csr g(boost::edges_are_sorted, edges.begin(), edges.end(), sp.out_cost.begin(),
              sp.graph.node_count);
  std::vector<double> dist(sp.graph.node_count);
  std::vector<assign::Index> pred(sp.graph.node_count);
  const auto index = boost::get(boost::vertex_index, g);
  for (auto _ : state) {
    for (const assign::Index o : sp.origins) {
      boost::dijkstra_shortest_paths(
          g, o,
          boost::distance_map(boost::make_iterator_property_map(dist.begin(), index))
              .predecessor_map(boost::make_iterator_property_map(pred.begin(), index)));
      benchmark::DoNotOptimize(dist[0]);
    }
  }
}
BENCHMARK(BM_DijkstraBoostGraph)->Unit(benchmark::kMillisecond);

}  // namespace
