#pragma once
// Internal state of the equilibrium solver shared by its translation units:
// the CSR graph, per-link flow/time state, bushes and per-node scratch arrays.
#include <cstdint>
#include <string>
#include <vector>

#include "corridor/assign/problem.hpp"

namespace corridor::assign::detail {

/// The network with links renumbered by head node, so that the in-links of a
/// node are the contiguous range [first_in[v], first_in[v + 1]): the bush label
/// passes, the solver's hot loop, then read every per-link array sequentially.
/// The forward star lists internal link ids in tail order.
struct Graph {
  Index node_count = 0;
  Index link_count = 0;
  Index first_thru = 0;
  std::vector<Index> tail, head;           // internal link order
  std::vector<Index> first_in;             // node_count + 1 entries
  std::vector<Index> first_out, out_link;  // node_count + 1 entries; internal ids
  std::vector<Index> out_tail, out_head;   // of out_link[e], for locality
  std::vector<Index> external;             // internal link -> problem's link id
  std::vector<Index> internal;             // problem's link id -> internal link

  explicit Graph(const Network& net);
  Graph() = default;

  /// Reorders a per-link array given in the problem's link order.
  template <class T>
  [[nodiscard]] std::vector<T> to_internal(const std::vector<T>& by_problem_id) const {
    std::vector<T> out(by_problem_id.size());
    for (Index a = 0; a < link_count; ++a) out[a] = by_problem_id[external[a]];
    return out;
  }

  /// Flow from `origin` may use link a unless a starts at another zone.
  [[nodiscard]] bool may_use(Index a, Index origin) const {
    const Index t = tail[a];
    return t >= first_thru || t == origin;
  }
};

/// Total flow, time and time derivative per link, kept consistent by refresh().
struct LinkState {
  std::vector<LinkCostFunction> fn;
  std::vector<double> flow, time, deriv;

  void resize(const std::vector<LinkCostFunction>& functions);
  void refresh(Index a) { link_time_and_derivative(fn[a], flow[a], time[a], deriv[a]); }
  void refresh_all();
};

/// One bush: the acyclic subgraph carrying the flow of one (class, origin).
struct Bush {
  Index cls = 0;
  Index origin = 0;
  std::vector<double> demand;      // per node: flow to that destination
  std::vector<double> flow;        // per link: this bush's flow
  std::vector<std::uint8_t> used;  // per link: 1 if the link is in the bush
  std::vector<Index> order;        // topological order of reachable nodes, origin first
  std::vector<Index> in_links;     // bush links grouped by head, heads in `order`
  std::vector<Index> first_in;     // order.size() + 1 offsets into in_links
  bool demand_changed = false;     // reload before the next solve
  /// scale_demand's factors since the last solve: when nothing else changed
  /// the demand, the reload is this multiple of every flow.
  double demand_scale = 1.0;
  double excess = 0.0;     // largest relative excess of the last flow sweep
  double inner_gap = 0.0;  // bush cost - demand x shortest bush paths, last sweep
};

class PasSet;

/// Per-node arrays reused by every bush operation (no allocation per call).
struct Scratch {
  PasSet* pas = nullptr;                // when set, flow shifts register their pairs
  Index bush_index = 0;                 // the bush being shifted, for pas
  std::vector<Index> seg_min, seg_max;  // the last shift's segments, merge to diverge node
  std::vector<double> min_label, max_label, node_flow;
  std::vector<Index> min_pred, max_pred, pos, indegree;
  std::vector<Index> links;  // link_count entries once used: bush link lists are built here
  // Set by bush_labels: the bush's flow x class cost, and demand x min label.
  double bush_cost = 0.0, min_cost = 0.0;

  void resize(Index node_count);
};

/// Why set_link_cost(link, cost) cannot be applied to g ("set_link_cost: ..."),
/// or empty; shared by both solvers.
[[nodiscard]] std::string link_cost_change_error(const Graph& g, Index link,
                                                 const LinkCostFunction& cost);

/// Class costs in forward-star order (out_cost[e] for link out_link[e]).
void fill_out_costs(const Graph& g, const LinkState& s, const std::vector<double>& fixed,
                    std::vector<double>& out_cost);

/// Class cost of link a: time plus the class's fixed cost scaled to time units.
inline double class_cost(const LinkState& s, const double* fixed, Index a) {
  return s.time[a] + fixed[a];
}

}  // namespace corridor::assign::detail
