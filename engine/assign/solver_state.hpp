#pragma once
// The solver's private state (EquilibriumSolver::Impl), shared by solver.cpp
// (the public API and the iteration loop) and evaluate.cpp (flows, gap, objective).
#include <Eigen/Core>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "assign/bush.hpp"
#include "assign/graph.hpp"
#include "assign/pas.hpp"
#include "assign/shortest_path.hpp"
#include "corridor/assign/solver.hpp"

namespace corridor::assign {

struct EquilibriumSolver::Impl {
  Problem problem;
  SolverOptions options;
  ProgressCallback progress;
  std::string invalid_reason;  // non-empty when validate() failed

  detail::Graph graph;
  detail::LinkState links;
  std::vector<double> start_time;  // link times at the start of an iteration
  /// Pairs of alternative segments, kept across iterations and warm solves.
  detail::PasSet pas;
  /// Per class: fixed cost divided by the value of time (time units), per link.
  std::vector<std::vector<double>> fixed_time;
  std::vector<double> value_of_time;  // per class
  /// Per class: current class cost in forward-star order (Dijkstra, gap corrections).
  std::vector<std::vector<double>> out_cost;
  std::vector<detail::Bush> bushes;
  std::vector<Index> bush_of;  // class * node_count + origin -> bush index or kNoIndex
  /// Per-thread work space; the sequential phases use the first.
  struct ThreadWork {
    detail::Scratch scratch;
    detail::DistanceWork distance;  // the gap's shortest paths
  };
  std::vector<ThreadWork> work;
  detail::ShortestPathTree tree;  // bush initialisation
  std::vector<double> bush_tstt, bush_sptt, bush_fixed;
  /// Per bush, this iteration: 0 when it sits the iteration out (near equilibrium).
  std::vector<std::uint8_t> active;
  Eigen::VectorXd flow_out, time_out;
  /// Bush flows at or below this count as zero (SolverTolerances::zero_flow of
  /// the largest OD demand):
  /// it absorbs rounding residues of flow shifts.
  double flow_epsilon = 0.0;
  bool warm = false;  // bushes hold a previous solution
  double gap = 1.0;
  double beckmann = 0.0;

  explicit Impl(Problem p);
  detail::Bush& bush_for(Index cls, Index origin);
  /// A per-link array in internal order, returned in the problem's link order.
  [[nodiscard]] Eigen::VectorXd to_external(const std::vector<double>& v) const;

  // solver.cpp
  std::string prepare_bushes();
  /// Pair rounds until a round gains less than `stop` times the first.
  void balance_pairs(double stop);
  /// The bush's own gap (Bush::inner_gap) in cost units, comparable across classes.
  [[nodiscard]] double weighted_inner_gap(const detail::Bush& b) const {
    return value_of_time[b.cls] * b.inner_gap;
  }
  void one_iteration();
  // evaluate.cpp
  /// Runs task(bush index, work space) for every bush on up to options.threads
  /// threads, in static contiguous blocks. Tasks may change only their own bush
  /// (and read shared state), so the result does not depend on the thread count.
  void for_each_bush(const std::function<void(std::size_t, ThreadWork&)>& task);
  void recompute_link_flows();
  /// Shortest paths of every bush: fills gap and beckmann.
  void evaluate();
  [[nodiscard]] std::string node_name(Index node) const;
};

}  // namespace corridor::assign
