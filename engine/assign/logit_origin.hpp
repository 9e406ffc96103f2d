#pragma once
// One (class, origin) of the logit SUE: the efficient links that lead to the
// nodes it has demand for, the logit loading over them and the loading's
// Jacobian. Two exact representations of the same route set: the explicit
// list of routes when there are few (the corridor networks: a handful per
// OD pair), else Dial's link-based passes over the efficient sub-network.
#include <Eigen/Core>
#include <cstdint>
#include <vector>

#include "assign/graph.hpp"

namespace corridor::assign::detail {

class ShortestPathTree;

/// What a loading needs to know of the class.
struct LogitClass {
  double value_of_time = 1.0;
  double theta = 1.0;                  ///< logit dispersion per generalised-cost unit
  const double* fixed_time = nullptr;  ///< per internal link: fixed cost / value of time
};

class LogitOrigin {
 public:
  LogitOrigin(Index cls, Index origin, Index node_count);

  [[nodiscard]] Index cls() const { return cls_; }
  [[nodiscard]] Index origin() const { return origin_; }
  [[nodiscard]] double total_demand() const;
  [[nodiscard]] double demand(Index node) const { return demand_[node]; }
  /// Sets the demand to a node; true if the efficient links and routes must be
  /// rebuilt first (a node that had no demand has some now).
  bool set_demand(Index node, double flow);
  /// A node with demand that no efficient path reaches, or kNoIndex.
  [[nodiscard]] Index unreachable() const;
  [[nodiscard]] bool uses_routes() const { return !route_first_.empty(); }
  [[nodiscard]] Index route_count() const;

  /// Efficient links lead strictly away from the origin in free-flow class cost
  /// (Dial 1971). Keeps those on a path to a node with demand, and lists the
  /// routes when there are at most max_routes.
  void build(const Graph& g, const LinkState& free_flow, const double* fixed_time, Index max_routes,
             ShortestPathTree& tree, std::vector<double>& out_cost);

  /// Fixes the routes (internal link ids from the origin, each a path; see
  /// LogitSolver::set_routes): from now on they are the choice set, grouped by
  /// destination in the given order, and build() is not used. Precondition:
  /// every route starts at the origin and its links join up.
  void set_fixed_routes(std::vector<std::vector<Index>> routes);
  [[nodiscard]] bool fixed() const { return fixed_; }
  /// Builds the compact form of the fixed routes after set_fixed_routes (or a
  /// demand at a new destination); true when it did.
  bool build_fixed(const Graph& g);
  /// Additive cost of each listed route in route order, in the class's money
  /// unit (route constants); zero until set. Precondition: one per route.
  void set_route_constants(const std::vector<double>& cost) { route_constant_ = cost; }
  /// The expected least cost (logsum, money unit) of travelling to `node` at
  /// the last loading: least - ln(sum_r exp(-theta (C_r - least))) / theta.
  [[nodiscard]] double expected_cost(Index node, double theta) const;

  /// After build() or a change of which links have flow-dependent times:
  /// dependent_index per link is its index in the solver's dependent links, or
  /// kNoIndex if its time is constant.
  void set_dependent(const std::vector<Index>& dependent_index);
  /// Once per solve, before its loadings: the constant part of every route's
  /// cost (fixed costs, and the times of links with constant time).
  void prepare(const LinkState& links, const LogitClass& c);

  /// Logit loading at links.time; adds the flows on dependent links to
  /// dep_flow (indexed like the solver's dependent links).
  void load(const LinkState& links, const LogitClass& c, Eigen::VectorXd& dep_flow);

  /// Adds theta * vot * sum_s d_s (P_s(a, b) - P_s(a) P_s(b)) over dependent
  /// links a, b at the last loading, where P_s(a, b) is the probability that a
  /// route to destination s uses both; then d y_b / d c_a = -that / vot.
  void add_dispersion(const LogitClass& c, Eigen::MatrixXd& out);

  /// Adds to dep_flow the flows on dependent links of the last loading's shares
  /// at the current demand: a warm start for the next solve.
  void add_rescaled_dep_flows(Eigen::VectorXd& dep_flow) const;

  /// Adds the link flows of the last loading to y (internal link order).
  void add_link_flows(Eigen::VectorXd& y) const;

  /// Internal link ids of listed route r, origin first, and its last flow.
  [[nodiscard]] std::vector<Index> route_links(Index r) const;
  [[nodiscard]] double route_flow(Index r) const { return route_flow_[r]; }

 private:
  void list_routes(Index max_routes);
  void load_links(const LinkState& links, const LogitClass& c);
  void load_routes(const LogitClass& c);
  void dispersion_links();
  void dispersion_routes();

  Index cls_ = 0;
  Index origin_ = 0;
  std::vector<double> demand_;   // per node
  std::vector<Index> targets_;   // nodes that have had demand, in order of appearance
  std::vector<Index> position_;  // per node: compact position, kNoIndex if not kept

  // The kept efficient links as a compact DAG in topological order; position 0
  // is the origin, and the in-links of a position are contiguous.
  std::vector<Index> node_;      // per position: node
  std::vector<Index> first_in_;  // per position + 1: offsets into the in-link arrays
  std::vector<Index> in_link_;   // per in-link: internal link id
  std::vector<Index> in_tail_;   // per in-link: position of its tail
  std::vector<Index> in_head_;   // per in-link: position of its head

  // Explicit routes (empty when there are too many to list), grouped by
  // destination: routes [group_first_[i], group_first_[i + 1]) end at
  // position group_dest_[i].
  std::vector<Index> route_first_;  // per route + 1: offsets into route_in_
  std::vector<Index> route_in_;     // compact in-link ids along the route
  std::vector<Index> group_first_, group_dest_;
  std::vector<double> group_least_, group_sum_;  // per group at the last loading (logsum)

  // Fixed routes (set_fixed_routes): internal link ids per route, as given.
  bool fixed_ = false;
  bool fixed_dirty_ = false;
  std::vector<std::vector<Index>> fixed_routes_;
  std::vector<double> route_constant_;  // per listed route, money unit

  // Set by set_dependent(): the dependent links this origin uses ("local"
  // indices), and prepare(): the constant part of route costs.
  std::vector<Index> dep_link_;          // per local: internal link id
  std::vector<Index> dep_global_;        // per local: index in the solver's dependent links
  std::vector<Index> dep_in_;            // per local: compact in-link id
  std::vector<double> route_fixed_;      // per route: cost of its constant part
  std::vector<Index> route_dep_first_;   // per route + 1: offsets into route_dep_
  std::vector<Index> route_dep_;         // local dependent indices along the route
  std::vector<Index> route_dep_sorted_;  // the same, ascending within each route

  // Results of the last loading and scratch.
  std::vector<double> in_flow_;       // per in-link (link-based)
  std::vector<double> route_flow_;    // per route (route-based)
  std::vector<double> group_loaded_;  // per destination group: its demand at the last loading
  double loaded_ = 0.0;               // total demand at the last loading
  Eigen::ArrayXd exponent_;           // per in-link or route: exp(-theta * reduced cost)
  std::vector<double> distance_, weight_, node_flow_, forward_, backward_;  // per position
  std::vector<double> dep_time_;            // per local dependent link
  std::vector<std::uint8_t> in_dependent_;  // per in-link: 1 if its time depends on flow
  Eigen::MatrixXd local_;                   // dispersion over the local dependent links
  Eigen::VectorXd q_;                       // per local dependent link scratch
};

}  // namespace corridor::assign::detail
