#pragma once
// Logit stochastic user equilibrium (SUE): each class splits its demand over
// routes in proportion to exp(-theta_k * generalised cost), with costs that
// depend on the flows. Routes are Dial's "efficient" paths: links that lead
// strictly away from the origin in the route cost (free-flow time plus the
// class's route fixed cost). The fixed point in the flows of the
// flow-dependent links is found by Newton's method with the exact Jacobian of
// the logit loading. See docs/assignment.md.
#include <Eigen/Core>
#include <cstdint>
#include <memory>
#include <vector>

#include "corridor/assign/problem.hpp"
#include "corridor/assign/status.hpp"

namespace corridor::assign {

struct LogitOptions {
  /// Stop when the gap ||G(v) - v||_1 / D <= tolerance: v are the flows on the
  /// links whose time depends on the flow, G(v) the flows that the logit
  /// loading at the times t(v) puts on them, D the total demand of all classes
  /// (0 when there is no demand). Range (0, 1).
  double tolerance = 1e-10;
  int max_iterations = 5000;
  /// Wall-clock budget for one solve(); <= 0 means unlimited.
  double max_seconds = 0.0;
  /// An origin with at most this many routes has them listed, and its loading
  /// and Jacobian work route by route; above, Dial's link-based passes do the
  /// same work (exactly the same shares, more work per loading on small
  /// networks, far less where routes are countless). 0 = always link-based.
  std::uint32_t max_listed_routes = 256;
};

class LogitSolver {
 public:
  /// Uses each class's logit_theta (per generalised-cost unit).
  explicit LogitSolver(Problem problem);
  ~LogitSolver();
  LogitSolver(LogitSolver&&) noexcept;
  LogitSolver& operator=(LogitSolver&&) noexcept;

  LogitSolver& options(const LogitOptions& options);
  /// Called after every loading (iteration 1 is the first); return false to stop.
  LogitSolver& on_progress(ProgressCallback callback);

  /// Solves from the previous flows (warm) or from a loading at free-flow costs.
  /// SolveResult::relative_gap holds the final gap ||G(v) - v||_1 / D of
  /// LogitOptions::tolerance; objective is 0 (the logit SUE minimises none here).
  SolveResult solve();
  /// Forgets the last solution: the next solve() starts cold (changes stay applied).
  void reset();

  // Changes between solves; the next solve() starts from the current flows. The
  // routes are rebuilt when a free-flow time or a route cost changes, or demand
  // appears where there was none. A change that breaks a precondition is not
  // applied and makes solve() return invalid_problem.
  void set_demand(Index class_index, Index origin, Index destination, double flow);
  void set_link_cost(Index link, const LinkCostFunction& cost);
  /// What passing the link costs the class (enters the route shares).
  void set_fixed_cost(Index class_index, Index link, double cost);
  /// The fixed cost that, with free-flow times, defines the class's routes
  /// (the efficient paths); the problem's fixed costs until set. Lets a caller
  /// keep the route set while costs such as waiting times come and go.
  void set_route_cost(Index class_index, Index link, double cost);
  /// Fixes the choice set of class k: from now on it splits its demand over
  /// exactly these routes (each a list of link ids forming a path from the
  /// class's origin to a node with demand) instead of Dial's efficient paths,
  /// whatever the costs do. All routes of a class start at one origin. A
  /// route that is not such a path makes solve() return invalid_problem.
  void set_routes(Index class_index, const std::vector<std::vector<Index>>& routes);
  /// Adds a constant to the cost of each fixed route of class k, in route
  /// order (the order of route_links; routes to one destination keep the
  /// order given to set_routes), in the class's money unit: alternative-
  /// specific constants, overlap corrections, through-rate adjustments.
  void set_route_constants(Index class_index, const std::vector<double>& cost);

  // ---- queries (valid after solve(); none of them changes the solver) ----
  /// The problem as constructed, with the cost changes applied since.
  const Problem& problem() const;
  /// Total flow per link, all classes, of the last solve (summed from the
  /// routes or link passes on each call).
  Eigen::VectorXd link_flow() const;
  /// Travel time t_a per link at the last solve's flows.
  const Eigen::VectorXd& link_time() const;
  /// The gap ||G(v) - v||_1 / D at the end of the last solve (1 before any).
  double relative_gap() const;
  /// Expected least cost (the logsum) of class k from `origin` to
  /// `destination` at the last loading, in the class's money unit:
  /// -ln(sum over routes of exp(-theta C_r)) / theta; infinity when no route.
  /// Its change is the change in consumer surplus per unit of demand.
  double expected_cost(Index class_index, Index origin, Index destination) const;

  // The routes of a class, when listed (see LogitOptions::max_listed_routes;
  // else route_count() is 0 and only link flows are known). Route r's links
  // are problem link ids from origin to destination; its flow is that of the
  // last solve. route_set_version() changes whenever the routes are rebuilt.
  [[nodiscard]] Index route_count(Index class_index) const;
  [[nodiscard]] std::vector<Index> route_links(Index class_index, Index route) const;
  [[nodiscard]] double route_flow(Index class_index, Index route) const;
  [[nodiscard]] std::uint64_t route_set_version() const;

  /// Flow of class k per link, of the last solve (summed on each call).
  Eigen::VectorXd class_link_flow(Index class_index) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace corridor::assign
