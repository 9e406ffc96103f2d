#pragma once
// Logit stochastic user equilibrium (SUE): each class splits its demand over
// routes in proportion to exp(-theta_k * generalised cost), with costs that
// depend on the flows. Routes are Dial's "efficient" paths: links that lead
// strictly away from the origin in free-flow cost. The fixed point is found
// by self-regulated averaging (Liu, Ban, Ran and Mirchandani 2009) of logit
// loadings. See docs/assignment.md.
#include <Eigen/Core>
#include <memory>

#include "corridor/assign/problem.hpp"
#include "corridor/assign/solver.hpp"

namespace corridor::assign {

struct LogitOptions {
  /// Stop when ||y - x||_1 / ||x||_1 <= tolerance, where y is the logit loading
  /// at the costs of the current flows x. Range (0, 1).
  double tolerance = 1e-10;
  int max_iterations = 5000;
  /// Wall-clock budget for one solve(); <= 0 means unlimited.
  double max_seconds = 0.0;
};

class LogitSolver {
 public:
  /// Uses each class's logit_theta (per generalised-cost unit).
  explicit LogitSolver(Problem problem);
  ~LogitSolver();
  LogitSolver(LogitSolver&&) noexcept;
  LogitSolver& operator=(LogitSolver&&) noexcept;

  LogitSolver& options(const LogitOptions& options);

  /// Solves from the previous flows (warm) or from a loading at free-flow costs.
  /// SolveResult::relative_gap holds the final ||y - x||_1 / ||x||_1.
  SolveResult solve();

  // Changes between solves; the next solve() starts from the current flows. The
  // efficient links (from free-flow costs) are rebuilt when costs change or an
  // origin appears. A change that breaks a precondition is not applied and makes
  // solve() return invalid_problem.
  void set_demand(Index class_index, Index origin, Index destination, double flow);
  void set_link_cost(Index link, const LinkCostFunction& cost);
  void set_fixed_cost(Index class_index, Index link, double cost);

  const Eigen::VectorXd& link_flow() const;
  Eigen::VectorXd class_link_flow(Index class_index) const;
  Eigen::VectorXd link_time() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace corridor::assign
