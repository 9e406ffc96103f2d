#pragma once
// Deterministic user-equilibrium solver: Algorithm B (Dial 2006), one bush per
// (class, origin). Configure, solve, query, change demand or capacity, solve
// again from the last solution (warm start). The solver never prints; progress
// goes to the callback handed in. See docs/assignment.md.
#include <Eigen/Core>
#include <memory>

#include "corridor/assign/problem.hpp"
#include "corridor/assign/status.hpp"

namespace corridor::assign {

/// Numerical tolerances of the user-equilibrium solver, each relative to a
/// scale named beside it. The defaults suit double precision; raising them
/// trades accuracy for fewer shifts that only move rounding residues.
struct SolverTolerances {
  /// Bush flows at or below this share of the largest OD demand count as zero
  /// (absorbs rounding residues of flow shifts). Range [0, 1e-6].
  double zero_flow = 1e-12;
  /// Two segment costs (or a node's longest and shortest bush labels) closer
  /// than this share of the larger count as equal: no shift. Also the floor
  /// of the pairs' balance tolerance. Range [0, 1e-9].
  double equal_cost = 1e-15;
  /// Outside near-equilibrium iterations, a link joins a bush only when it
  /// shortens the head's label by more than this share of it (a shortcut
  /// that rounding alone could create is not taken). Range [0, 1e-9].
  double shortcut = 1e-14;
};

/// Solver options; every field has a usable default.
struct SolverOptions {
  /// Stop when the relative gap 1 - SPTT/TSTT is at or below this. Range (0, 1).
  double target_relative_gap = 1e-10;
  /// Upper bound on outer iterations (one bush update + flow shifts for every bush).
  int max_iterations = 500;
  /// Wall-clock budget for one solve(); <= 0 means unlimited.
  double max_seconds = 0.0;
  /// Threads for the bush updates and the gap evaluation (the flow shifts are
  /// sequential). Results do not depend on it: each bush is updated by one
  /// thread from the same costs, and per-bush sums are added in bush order.
  int threads = 1;
  /// Flow-shifting sweeps after each bush-update sweep; each visits only the bushes
  /// holding a large share of the gap. Range >= 0.
  int extra_shift_sweeps = 5;
  /// Most rounds of shifts over the pairs of alternative segments (shared by all
  /// bushes) per iteration and at a warm start; a round skips pairs whose two
  /// segments cost the same to within target_relative_gap. 0 turns the pairs
  /// off (plain Algorithm B). Range >= 0.
  int pas_rounds = 100;
  /// At or below this relative gap an iteration works near equilibrium: bushes
  /// also take the links within 1% of being a shortcut, bushes already holding
  /// well under their share of the target gap are left alone, there are no
  /// extra sweeps, and the pair rounds run deeper (docs/assignment.md). A warm
  /// re-solve after a small change starts there. 0 turns it off. Range [0, 1).
  double near_gap = 1e-4;
  SolverTolerances tolerances;
};

class EquilibriumSolver {
 public:
  /// Takes the problem by value; the solver owns its copy. Preconditions are
  /// checked by solve() (status invalid_problem), never by throwing.
  explicit EquilibriumSolver(Problem problem);
  ~EquilibriumSolver();
  EquilibriumSolver(EquilibriumSolver&&) noexcept;
  EquilibriumSolver& operator=(EquilibriumSolver&&) noexcept;
  EquilibriumSolver(const EquilibriumSolver&) = delete;
  EquilibriumSolver& operator=(const EquilibriumSolver&) = delete;

  EquilibriumSolver& options(const SolverOptions& options);
  EquilibriumSolver& on_progress(ProgressCallback callback);

  /// Solves to the target gap. The first call starts from all-or-nothing at
  /// free-flow costs; later calls start from the previous solution (warm start).
  SolveResult solve();

  // ---- changes between solves (warm start keeps bushes and their route splits) ----
  // A change that breaks a precondition (node or link out of range, negative or
  // NaN demand or cost, bad cost function) is not applied: it makes every later
  // solve() return invalid_problem with a reason naming the call.
  /// Sets the demand of class k from origin to destination (replaces the total).
  void set_demand(Index class_index, Index origin, Index destination, double flow);
  /// Multiplies every OD demand of class k by factor (>= 0).
  void scale_demand(Index class_index, double factor);
  /// Replaces the cost function of one link (e.g. a capacity change).
  void set_link_cost(Index link, const LinkCostFunction& cost);
  /// Replaces the fixed generalised cost of class k on one link.
  void set_fixed_cost(Index class_index, Index link, double cost);
  /// Forgets the last solution: the next solve() is cold (changes stay applied).
  void reset();

  // ---- queries (valid after solve()) ----
  const Problem& problem() const;
  /// Total flow per link, all classes.
  const Eigen::VectorXd& link_flow() const;
  /// Travel time t_a(x_a) per link.
  const Eigen::VectorXd& link_time() const;
  /// Flow of class k per link.
  Eigen::VectorXd class_link_flow(Index class_index) const;
  /// Generalised cost of class k per link: fixed_k(a) + vot_k * t_a.
  Eigen::VectorXd class_link_cost(Index class_index) const;
  /// Flow of class k that starts at origin, per link (zero if no such demand).
  Eigen::VectorXd origin_link_flow(Index class_index, Index origin) const;
  /// Beckmann objective in time units: sum_a integral_0^x_a t_a + sum_k sum_a
  /// fixed_k(a) / vot_k * x_ka. Its minimum is the multi-class equilibrium.
  double objective() const;
  /// 1 - SPTT/TSTT in generalised cost, as of the last evaluation.
  double relative_gap() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace corridor::assign
