// Algorithm B on one bush (R. B. Dial, "A path-based user-equilibrium traffic
// assignment algorithm that obviates path storage and enumeration", Transportation
// Research B 40, 2006), with the exact Newton step of the "B" variant.
#include "assign/bush.hpp"
#include "assign/pas.hpp"

#include <algorithm>
#include <cassert>
#include <functional>
#include <limits>
#include <stdexcept>

namespace corridor::assign::detail {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr Index kPrefetchAhead = 24;  // link-list entries
// The gap's pass over a bush does less per entry than a label pass: on
// Chicago-Sketch 64 entries ahead made it 10% faster than 24 (128: 5% slower).
constexpr Index kCostFetchAhead = 64;

// The bush's in-links grouped by head in topological order: the label passes
// then visit only bush links (about a third of all links on Chicago-Sketch).
// Without branches: every in-link is written to s.links, and the count moves
// past it only if the bush holds it (a third of them, in no predictable
// pattern); the bush's list is then copied from there, so it keeps its size.
void list_bush_links(const Graph& g, Scratch& s, Bush& bush) {
  const std::size_t nodes = bush.order.size();
  if (s.links.size() < g.link_count) s.links.resize(g.link_count);
  Index* const out = s.links.data();
  bush.first_in.resize(nodes + 1);
  Index n = 0;
  for (std::size_t idx = 0; idx < nodes; ++idx) {
    const Index j = bush.order[idx];
    bush.first_in[idx] = n;
    for (Index a = g.first_in[j]; a < g.first_in[j + 1]; ++a) {
      out[n] = a;
      n += static_cast<Index>(bush.used[a] != 0);
    }
  }
  bush.first_in[nodes] = n;
  bush.in_links.assign(out, out + n);
}

// Kahn's algorithm on the bush links; FIFO so the order is deterministic.
// Reuses bush.order as the queue.
void sort_bush(const Graph& g, Scratch& s, Bush& bush) {
  const std::size_t reachable = bush.order.size();
  for (const Index v : bush.order) {
    Index count = 0;
    for (Index a = g.first_in[v]; a < g.first_in[v + 1]; ++a)
      count += static_cast<Index>(bush.used[a] != 0);
    s.indegree[v] = count;
  }
  bush.order.clear();
  bush.order.push_back(bush.origin);
  for (std::size_t next = 0; next < bush.order.size(); ++next) {
    const Index u = bush.order[next];
    for (Index e = g.first_out[u]; e < g.first_out[u + 1]; ++e) {
      const Index a = g.out_link[e];
      if (bush.used[a] != 0 && --s.indegree[g.head[a]] == 0) bush.order.push_back(g.head[a]);
    }
  }
  // Acyclicity is guaranteed by the shortcut rule (labels strictly increase
  // along new links); a shortfall here is a solver bug, not bad input.
  if (bush.order.size() != reachable) throw std::logic_error("assign: bush lost acyclicity");
  list_bush_links(g, s, bush);
}

// Walks the min and max predecessor chains back from j to their last common node.
Index divergence_node(const Graph& g, const Scratch& s, Index j) {
  Index u = g.tail[s.min_pred[j]];
  Index v = g.tail[s.max_pred[j]];
  while (u != v) {
    if (s.pos[u] > s.pos[v]) {
      u = g.tail[s.min_pred[u]];
    } else {
      v = g.tail[s.max_pred[v]];
    }
  }
  return u;
}

// Adds dx to the bush flow along a predecessor chain. Flows that fall below
// epsilon become exactly zero: rounding residues (1e-16) would otherwise keep
// links "used" with no capacity to shift, and stall the bush.
void move_flow(LinkState& links, const std::vector<Index>& segment, double dx, double epsilon,
               Bush& bush) {
  for (const Index a : segment) {
    double next = bush.flow[a] + dx;
    if (next < epsilon) next = 0.0;
    links.flow[a] += next - bush.flow[a];
    bush.flow[a] = next;
    links.refresh(a);
  }
}

// Newton step moving flow from the longest used path to the shortest bush path
// between the divergence node and j: dx = (C_max - C_min) / (D_max + D_min),
// capped by the smallest bush flow on the longest path.
void shift_at(const Graph& g, LinkState& links, const double* fixed, Scratch& s, Bush& bush,
              Index j, double epsilon, double equal_cost) {
  if (s.min_pred[j] == s.max_pred[j]) return;
  const Index d = divergence_node(g, s, j);
  // Both segments are walked once, into s.seg_min and s.seg_max (merge node
  // back to diverge node): for their costs, the shift and the pairs' register.
  s.seg_min.clear();
  s.seg_max.clear();
  double c_min = 0.0, d_min = 0.0;
  for (Index w = j; w != d; w = g.tail[s.min_pred[w]]) {
    const Index a = s.min_pred[w];
    s.seg_min.push_back(a);
    c_min += class_cost(links, fixed, a);
    d_min += links.deriv[a];
  }
  double c_max = 0.0, d_max = 0.0, cap = kInf;
  for (Index w = j; w != d; w = g.tail[s.max_pred[w]]) {
    const Index a = s.max_pred[w];
    s.seg_max.push_back(a);
    c_max += class_cost(links, fixed, a);
    d_max += links.deriv[a];
    cap = std::min(cap, bush.flow[a]);
  }
  const double diff = c_max - c_min;
  if (!(diff > equal_cost * c_max) || !(cap > epsilon)) return;
  const double slope = d_min + d_max;
  const double dx = slope > 0.0 ? std::min(diff / slope, cap) : cap;
  move_flow(links, s.seg_max, -dx, epsilon, bush);
  move_flow(links, s.seg_min, dx, 0.0, bush);
  // After the move: add() may reorder the two vectors.
  if (s.pas != nullptr) s.pas->add(bush.cls, s.bush_index, s.seg_min, s.seg_max);
}

// One topological pass over the bush's link lists (current since the last sort)
// that drops links with flow <= epsilon which are not the node's shortest-path
// predecessor, then takes the longest-path label U over the links that remain.
// Dropped links leave the lists in place (dropping links keeps the order
// topological), so the bush needs no sort for them.
void prune_and_label(const Graph& g, const double* time, const double* fixed, double epsilon,
                     Scratch& s, Bush& bush) {
  std::fill(s.pos.begin(), s.pos.end(), kNoIndex);
  Index kept = 0;
  for (Index idx = 0; idx < bush.order.size(); ++idx) {
    const Index j = bush.order[idx];
    s.pos[j] = idx;
    double lo = j == bush.origin ? 0.0 : kInf;
    Index lo_pred = kNoIndex;
    const Index begin = bush.first_in[idx];
    const Index end = bush.first_in[idx + 1];
    for (Index e = begin; e < end; ++e) {
      const Index a = bush.in_links[e];
      // The flow checks below read the bush's flows in list order, which the
      // hardware cannot predict: fetching ahead saves ~8% of a Chicago-Sketch
      // solve (the flows of all bushes do not fit in the per-core cache).
      if (e + kPrefetchAhead < bush.in_links.size())
        __builtin_prefetch(&bush.flow[bush.in_links[e + kPrefetchAhead]]);
      if (s.min_label[g.tail[a]] + (time[a] + fixed[a]) < lo) {
        lo = s.min_label[g.tail[a]] + (time[a] + fixed[a]);
        lo_pred = a;
      }
    }
    double hi = lo;
    bush.first_in[idx] = kept;  // kept <= begin: the lists shrink in place
    for (Index e = begin; e < end; ++e) {
      const Index a = bush.in_links[e];
      if (bush.flow[a] <= epsilon && a != lo_pred) {
        bush.used[a] = 0;
        bush.flow[a] = 0.0;
      } else {
        hi = std::max(hi, s.max_label[g.tail[a]] + (time[a] + fixed[a]));
        bush.in_links[kept++] = a;
      }
    }
    s.min_label[j] = lo;
    s.max_label[j] = hi;
    s.min_pred[j] = lo_pred;
  }
  bush.first_in[bush.order.size()] = kept;
  bush.in_links.resize(kept);
}

}  // namespace

void bush_labels(const Graph& g, const LinkState& links, const double* fixed, const Bush& bush,
                 double epsilon, Scratch& s) {
  const bool used_only = epsilon >= 0.0;
  std::fill(s.pos.begin(), s.pos.end(), kNoIndex);
  double bush_cost = 0.0, min_cost = 0.0;
  for (Index idx = 0; idx < bush.order.size(); ++idx) {
    const Index j = bush.order[idx];
    s.pos[j] = idx;
    double lo = kInf, hi = -kInf;
    Index lo_pred = kNoIndex, hi_pred = kNoIndex;
    for (Index e = bush.first_in[idx]; e < bush.first_in[idx + 1]; ++e) {
      const Index a = bush.in_links[e];
      const Index i = g.tail[a];
      const double c = class_cost(links, fixed, a);
      bush_cost += bush.flow[a] * c;
      if (s.min_label[i] + c < lo) {
        lo = s.min_label[i] + c;
        lo_pred = a;
      }
      if ((!used_only || bush.flow[a] > epsilon) && s.max_label[i] + c > hi) {
        hi = s.max_label[i] + c;
        hi_pred = a;
      }
    }
    if (j == bush.origin) lo = hi = 0.0;
    if (hi_pred == kNoIndex) {
      hi = lo;
      hi_pred = lo_pred;
    }
    s.min_label[j] = lo;
    s.max_label[j] = hi;
    s.min_pred[j] = lo_pred;
    s.max_pred[j] = hi_pred;
    min_cost += bush.demand[j] * lo;
  }
  s.bush_cost = bush_cost;
  s.min_cost = min_cost;
}

void network_distances(const Graph& g, const LinkState& links, const double* fixed,
                       const double* out_cost, const Bush& bush, DistanceWork& work) {
  std::vector<double>& dist = work.dist;
  std::fill(dist.begin(), dist.end(), kInf);
  dist[bush.origin] = 0.0;
  // Only bush links carry bush flow, so the bush's cost is summed on the way.
  double cost = 0.0, fixed_cost = 0.0;
  const Index listed = bush.first_in[bush.order.size()];
  for (Index idx = 1; idx < bush.order.size(); ++idx) {
    double lo = kInf;
    for (Index e = bush.first_in[idx]; e < bush.first_in[idx + 1]; ++e) {
      const Index a = bush.in_links[e];
      if (e + kCostFetchAhead < listed)
        __builtin_prefetch(&bush.flow[bush.in_links[e + kCostFetchAhead]]);
      const double c = class_cost(links, fixed, a);
      lo = std::min(lo, dist[g.tail[a]] + c);
      cost += bush.flow[a] * c;
      fixed_cost += bush.flow[a] * fixed[a];
    }
    dist[bush.order[idx]] = lo;
  }
  work.bush_cost = cost;
  work.bush_fixed = fixed_cost;
  // Every label is now the length of a path. A link that shortens a label seeds
  // the correction; when none does, Bellman's condition holds on every link and
  // the labels are the shortest-path distances.
  using Item = std::pair<double, Index>;
  std::vector<Item>& queue = work.queue;
  queue.clear();
  const auto later = std::greater<Item>();
  // In forward-star order, where the links out of zones (not passed through)
  // come first: the origin's own, then one flat run over the rest.
  auto seed = [&](Index begin, Index end) {
    for (Index e = begin; e < end; ++e) {
      const double via = dist[g.out_tail[e]] + out_cost[e];
      if (via < dist[g.out_head[e]]) {
        dist[g.out_head[e]] = via;
        queue.emplace_back(via, g.out_head[e]);
        std::push_heap(queue.begin(), queue.end(), later);
      }
    }
  };
  if (bush.origin < g.first_thru) seed(g.first_out[bush.origin], g.first_out[bush.origin + 1]);
  seed(g.first_out[g.first_thru], g.link_count);
  while (!queue.empty()) {
    std::pop_heap(queue.begin(), queue.end(), later);
    const auto [d, u] = queue.back();
    queue.pop_back();
    if (d > dist[u] || (u < g.first_thru && u != bush.origin)) continue;
    for (Index e = g.first_out[u]; e < g.first_out[u + 1]; ++e) {
      const Index v = g.out_head[e];
      if (d + out_cost[e] < dist[v]) {
        dist[v] = d + out_cost[e];
        queue.emplace_back(dist[v], v);
        std::push_heap(queue.begin(), queue.end(), later);
      }
    }
  }
}

Index init_bush(const Graph& g, LinkState& links, const double* out_cost, ShortestPathTree& spt,
                Scratch& s, Bush& bush) {
  spt.run(g, out_cost, bush.origin);
  std::fill(bush.used.begin(), bush.used.end(), std::uint8_t{0});
  std::fill(bush.flow.begin(), bush.flow.end(), 0.0);
  bush.order = spt.settled();
  Index unreachable = kNoIndex;
  for (Index v = 0; v < g.node_count; ++v) {
    if (bush.demand[v] > 0.0 && spt.pred_link(v) == kNoIndex && v != bush.origin) {
      if (unreachable == kNoIndex) unreachable = v;
    }
  }
  // Push each destination's demand down the tree, farthest node first.
  for (auto it = bush.order.rbegin(); it != bush.order.rend(); ++it) {
    const Index v = *it;
    const Index a = spt.pred_link(v);
    if (a == kNoIndex) continue;
    bush.used[a] = 1;
    bush.flow[a] += v == bush.origin ? 0.0 : bush.demand[v];
    if (g.tail[a] != bush.origin) bush.flow[spt.pred_link(g.tail[a])] += bush.flow[a];
    links.flow[a] += bush.flow[a];
  }
  list_bush_links(g, s, bush);
  return unreachable;
}

Index reload_bush(const Graph& g, const LinkState& links, const double* fixed, Scratch& s,
                  Bush& bush) {
  bush.demand_changed = false;
  std::fill(s.pos.begin(), s.pos.end(), kNoIndex);
  for (Index idx = 0; idx < bush.order.size(); ++idx) s.pos[bush.order[idx]] = idx;
  for (Index v = 0; v < g.node_count; ++v) {
    if (bush.demand[v] > 0.0 && s.pos[v] == kNoIndex) return v;
  }
  // Reverse topological order over the bush's own link lists: when node j is
  // handled, node_flow[j] holds what its out-links carry (already rescaled),
  // and its in-links still carry their old flow.
  for (const Index v : bush.order) s.node_flow[v] = 0.0;
  bool labelled = false;
  for (Index idx = static_cast<Index>(bush.order.size()); idx-- > 1;) {
    const Index j = bush.order[idx];
    const double through = bush.demand[j] + s.node_flow[j];
    const Index begin = bush.first_in[idx];
    const Index end = bush.first_in[idx + 1];
    double inflow = 0.0;
    for (Index e = begin; e < end; ++e) {
      // The walk goes down the link lists: fetch the flows a few nodes on.
      if (e >= kPrefetchAhead) __builtin_prefetch(&bush.flow[bush.in_links[e - kPrefetchAhead]]);
      inflow += bush.flow[bush.in_links[e]];
    }
    if (!(inflow > 0.0) && through > 0.0 && !labelled) {
      // Flow through a node with no flow in yet takes the shortest bush path
      // (labels depend on costs only, not on the flows changed so far).
      bush_labels(g, links, fixed, bush, -1.0, s);
      labelled = true;
    }
    for (Index e = begin; e < end; ++e) {
      const Index a = bush.in_links[e];
      if (inflow > 0.0) {
        bush.flow[a] = through * (bush.flow[a] / inflow);
      } else {
        bush.flow[a] = through > 0.0 && a == s.min_pred[j] ? through : 0.0;
      }
      s.node_flow[g.tail[a]] += bush.flow[a];
    }
  }
  return kNoIndex;
}

void update_bush(const Graph& g, const double* time, const double* fixed, double epsilon,
                 double slack, Scratch& s, Bush& bush) {
  prune_and_label(g, time, fixed, epsilon, s, bush);
  // Every bush link now satisfies U_j >= U_i + c_ij >= U_i, so a link with
  // U_i < U_j goes strictly uphill in U and cannot close a cycle; a shortcut
  // U_i + c_ij < U_j is one. A new link that also goes forward in the current
  // order keeps it topological: then only the link lists are rebuilt.
  bool added = false, backward = false;
  for (Index a = 0; a < g.link_count; ++a) {
    if (bush.used[a] != 0 || !g.may_use(a, bush.origin)) continue;
    const Index i = g.tail[a];
    const Index j = g.head[a];
    if (s.pos[i] == kNoIndex || j == bush.origin) continue;
    const double u_i = s.max_label[i];
    const double u_j = s.max_label[j];
    if (u_i + (time[a] + fixed[a]) < u_j + slack * u_j && u_i < u_j) {
      bush.used[a] = 1;
      added = true;
      backward = backward || s.pos[j] == kNoIndex || s.pos[j] < s.pos[i];
    }
  }
  if (backward) {
    sort_bush(g, s, bush);
  } else if (added) {
    list_bush_links(g, s, bush);
  }
}

double equilibrate_bush(const Graph& g, LinkState& links, const double* fixed, double epsilon,
                        double equal_cost, Scratch& s, Bush& bush) {
  bush_labels(g, links, fixed, bush, epsilon, s);
  bush.inner_gap = std::max(0.0, s.bush_cost - s.min_cost);
  double worst = 0.0;
  for (std::size_t idx = bush.order.size(); idx-- > 1;) {
    const Index j = bush.order[idx];
    const double excess = s.max_label[j] - s.min_label[j];
    if (excess > equal_cost * s.max_label[j]) {
      worst = std::max(worst, excess / s.max_label[j]);
      shift_at(g, links, fixed, s, bush, j, epsilon, equal_cost);
    }
  }
  return worst;
}

}  // namespace corridor::assign::detail
