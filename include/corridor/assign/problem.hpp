#pragma once
// The static equilibrium assignment problem, independent of any file format:
// a directed network whose links carry separable, increasing cost functions,
// traffic classes with a value of time and a fixed generalised-cost term per
// link, and origin-destination demand per class. See docs/assignment.md.
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace corridor::assign {

/// Index of a node or a link; 32 bits, as in the rest of the engine's CSR graphs.
using Index = std::uint32_t;
inline constexpr Index kNoIndex = std::numeric_limits<Index>::max();

/// Shape of a link's travel-time function t(x) of the total link flow x.
enum class CostKind : std::uint8_t {
  /// BPR: t = t0 * (1 + alpha * (x / c)^beta). alpha >= 0, beta >= 1.
  bpr,
  /// Freight capacity restraint (Davidson's function, linearised near saturation):
  /// with rho = x / c and mu = beta in (0, 1),
  ///   t = t0 * (1 + alpha * rho / (1 - rho))                              for rho <= mu,
  ///   t = t(mu c) + t0 * alpha / (1 - mu)^2 * (rho - mu)                  for rho >  mu.
  /// Delay grows steeply as utilisation nears 1 and stays finite (and C1) beyond mu.
  capacity_restraint,
};

/// Travel time of one link as a function of its total flow (all classes, in the
/// same flow unit as the demand, e.g. vehicles/h or tonnes/month).
struct LinkCostFunction {
  CostKind kind = CostKind::bpr;
  double free_time = 0.0;  ///< t0 >= 0, time unit of the problem (e.g. minutes, days)
  double capacity = 1.0;   ///< c > 0, flow unit
  double alpha = 0.15;     ///< BPR b, or Davidson's delay parameter J; >= 0
  double beta = 4.0;       ///< BPR power (>= 1), or the linearisation threshold mu in (0, 1)
  /// Flow already using the link's capacity that the problem does not route
  /// (e.g. freight served from a queue in the same period), >= 0: the link
  /// takes t(preload + x) for a routed flow x.
  double preload = 0.0;
};

/// t(x): time at total routed flow x (x < 0 is treated as 0), on top of the preload.
[[nodiscard]] double link_time(const LinkCostFunction& f, double flow);
/// The inverse of link_time for a strictly increasing t (free_time > 0 and
/// alpha > 0): the flow at which the link takes `time`; 0 for time <= free_time.
[[nodiscard]] double link_flow_at_time(const LinkCostFunction& f, double time);
/// dt/dx at total flow x.
[[nodiscard]] double link_time_derivative(const LinkCostFunction& f, double flow);
/// link_time and link_time_derivative in one evaluation (the solvers' hot path).
void link_time_and_derivative(const LinkCostFunction& f, double flow, double& time,
                              double& derivative);
/// The Beckmann integral of t from 0 to x.
[[nodiscard]] double link_time_integral(const LinkCostFunction& f, double flow);

/// The directed network. Node indices are 0-based and dense.
struct Network {
  Index node_count = 0;
  std::vector<Index> tail;             ///< per link: start node
  std::vector<Index> head;             ///< per link: end node
  std::vector<LinkCostFunction> cost;  ///< per link: travel-time function
  /// Nodes with index < first_thru_node are zones that flow may start or end at but
  /// not pass through (TNTP "FIRST THRU NODE", 0-based here). 0 = no restriction.
  Index first_thru_node = 0;
  /// Optional external node numbers, used only in messages (empty = index).
  std::vector<std::int64_t> node_id;

  [[nodiscard]] Index link_count() const { return static_cast<Index>(tail.size()); }
};

/// Demand of one class between two nodes, in flow units per period.
struct OdDemand {
  Index origin = 0;
  Index destination = 0;
  double flow = 0.0;  ///< >= 0
};

/// A traffic class (e.g. a commodity segment). Its generalised cost of link a is
///   g_k(a) = fixed_cost[a] + value_of_time * t_a(total flow),
/// in the class's money unit (or minutes when value_of_time = 1 and fixed costs
/// are already time-weighted, as for TNTP toll and distance weights).
struct TrafficClass {
  std::string name;
  double value_of_time = 1.0;      ///< > 0, money per flow unit per time unit
  std::vector<double> fixed_cost;  ///< per link, >= 0; empty means all zero
  std::vector<OdDemand> demand;    ///< OD pairs; repeated pairs add up
  /// Logit dispersion theta (> 0, per generalised-cost unit) for the stochastic
  /// variant; ignored by the deterministic solver.
  double logit_theta = 1.0;
};

/// A whole problem: one network and at least one class.
struct Problem {
  Network network;
  std::vector<TrafficClass> classes;
};

/// Checks one cost function's preconditions; `link` only names it in the message.
[[nodiscard]] std::string check_cost(const LinkCostFunction& f, Index link);

/// Checks the preconditions above. Returns an empty string when the problem is
/// well formed, otherwise a message naming the first offending item.
[[nodiscard]] std::string validate(const Problem& problem);

}  // namespace corridor::assign
