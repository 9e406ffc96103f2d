#pragma once
// Algorithm B (Dial 2006) operations on one bush. All functions work on the
// shared link state and scratch arrays; none allocates after the first call.
#include <utility>
#include <vector>

#include "assign/graph.hpp"
#include "assign/shortest_path.hpp"

namespace corridor::assign::detail {

/// Builds the bush as the shortest-path tree at current costs and loads its
/// demand on it, adding the flow to links.flow (times are not refreshed).
/// Returns the first destination with demand but no path, or kNoIndex.
/// out_cost: the class costs in forward-star order (fill_out_costs).
Index init_bush(const Graph& g, LinkState& links, const double* out_cost, ShortestPathTree& spt,
                Scratch& s, Bush& bush);

/// Reloads changed demand onto the bush keeping each node's split of inflow
/// over its bush in-links (new destinations get the bush's shortest path).
/// Only bush.flow changes; the caller recomputes total link flows. Returns a
/// destination with demand that the bush cannot reach, or kNoIndex.
Index reload_bush(const Graph& g, const LinkState& links, const double* fixed, Scratch& s,
                  Bush& bush);

/// Drops links with flow <= epsilon that are not on the bush's shortest-path tree, adds the
/// shortcuts U_i + c_ij < U_j (U = longest bush path), and re-sorts the bush when one of
/// them goes backwards in its current order (otherwise only its link lists are rebuilt).
/// A link is taken when U_i + c_ij < (1 + slack) U_j and U_i < U_j: with
/// slack < 0 (SolverTolerances::shortcut, negated) only a shortcut that
/// rounding alone could not create; with slack > 0 also the links that are
/// nearly shortcuts, so that the bush already holds them when a change of
/// demand makes them pay (near equilibrium).
/// time: link times to judge by (the solver passes those at the start of the
/// iteration, so that updates of different bushes are independent).
void update_bush(const Graph& g, const double* time, const double* fixed, double epsilon,
                 double slack, Scratch& s, Bush& bush);

/// One sweep of Newton flow shifts from the longest used to the shortest bush
/// path, for every node in reverse topological order. Returns the largest
/// relative excess (U_j - L_j) / U_j seen before shifting, and sets
/// bush.inner_gap from the labels before shifting. Labels or segment costs
/// closer than equal_cost (relative, SolverTolerances::equal_cost) are equal.
double equilibrate_bush(const Graph& g, LinkState& links, const double* fixed, double epsilon,
                        double equal_cost, Scratch& s, Bush& bush);

/// Per-thread work space of network_distances.
struct DistanceWork {
  std::vector<double> dist;                     // node_count entries
  std::vector<std::pair<double, Index>> queue;  // a min-heap of (label, node)
  double bush_cost = 0.0;                       // sum over links of bush flow times class cost
  double bush_fixed = 0.0;                      // sum over links of bush flow times fixed cost
};

/// Shortest-path distances from the bush's origin over the whole network into
/// work.dist (infinite where unreachable), honouring the no-through-zones rule.
/// Starts from the bush's own shortest paths, which near equilibrium are the
/// network's up to a few links, and corrects them from the links that shorten
/// a label (a heap-ordered label-correcting pass): exact, and a fraction of a
/// Dijkstra run from scratch. out_cost: class costs in forward-star order.
/// Also sets work.bush_cost and work.bush_fixed (time units).
void network_distances(const Graph& g, const LinkState& links, const double* fixed,
                       const double* out_cost, const Bush& bush, DistanceWork& work);

/// Min labels (shortest bush path) and max labels (longest bush path; over
/// links with flow > epsilon when epsilon >= 0, over all bush links when it is
/// negative) with their predecessor links; sets s.pos, s.bush_cost and s.min_cost.
void bush_labels(const Graph& g, const LinkState& links, const double* fixed, const Bush& bush,
                 double epsilon, Scratch& s);

}  // namespace corridor::assign::detail
