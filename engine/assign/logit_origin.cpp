// Logit loading of one (class, origin), over explicit routes or Dial's
// link-based passes, and its Jacobian. See docs/assignment.md.
#include "assign/logit_origin.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "assign/shortest_path.hpp"

namespace corridor::assign::detail {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

}  // namespace

LogitOrigin::LogitOrigin(Index cls, Index origin, Index node_count)
    : cls_(cls), origin_(origin), demand_(node_count, 0.0), position_(node_count, kNoIndex) {}

double LogitOrigin::total_demand() const {
  double total = 0.0;
  for (const Index v : targets_) total += demand_[v];
  return total;
}

bool LogitOrigin::set_demand(Index node, double flow) {
  const bool had = demand_[node] > 0.0;
  if (flow > 0.0 && std::find(targets_.begin(), targets_.end(), node) == targets_.end())
    targets_.push_back(node);
  demand_[node] = flow;
  // Fixed routes do not depend on where demand is; Dial's sets keep only the
  // links towards nodes that had demand when they were built.
  return !fixed_ && flow > 0.0 && (!had || position_[node] == kNoIndex);
}

void LogitOrigin::set_fixed_routes(std::vector<std::vector<Index>> routes) {
  fixed_ = true;
  fixed_dirty_ = true;
  fixed_routes_ = std::move(routes);
  route_constant_.assign(fixed_routes_.size(), 0.0);
}

bool LogitOrigin::build_fixed(const Graph& g) {
  if (!fixed_dirty_) return false;
  fixed_dirty_ = false;
  std::fill(position_.begin(), position_.end(), kNoIndex);
  node_.assign(1, origin_);
  position_[origin_] = 0;
  in_link_.clear();
  in_tail_.clear();
  in_head_.clear();
  first_in_.assign(1, 0);
  std::vector<Index> compact(g.link_count, kNoIndex);
  std::vector<Index> dest(fixed_routes_.size());
  for (std::size_t r = 0; r < fixed_routes_.size(); ++r) {
    for (const Index a : fixed_routes_[r]) {
      if (compact[a] != kNoIndex) continue;
      compact[a] = static_cast<Index>(in_link_.size());
      in_link_.push_back(a);
    }
    const Index to = g.head[fixed_routes_[r].back()];
    if (position_[to] == kNoIndex) {
      position_[to] = static_cast<Index>(node_.size());
      node_.push_back(to);
    }
    dest[r] = position_[to];
  }
  // Routes grouped by destination, each group in the given order.
  std::vector<Index> order(fixed_routes_.size());
  std::iota(order.begin(), order.end(), Index{0});
  std::stable_sort(order.begin(), order.end(), [&](Index a, Index b) { return dest[a] < dest[b]; });
  route_first_.assign(1, 0);
  route_in_.clear();
  group_first_.clear();
  group_dest_.clear();
  for (std::size_t i = 0; i < order.size(); ++i) {
    const Index r = order[i];
    if (i == 0 || dest[r] != group_dest_.back()) {
      group_first_.push_back(static_cast<Index>(i));
      group_dest_.push_back(dest[r]);
    }
    for (const Index a : fixed_routes_[r]) route_in_.push_back(compact[a]);
    route_first_.push_back(static_cast<Index>(route_in_.size()));
  }
  group_first_.push_back(static_cast<Index>(order.size()));
  const std::size_t n = node_.size();
  for (auto* v : {&distance_, &weight_, &node_flow_, &forward_, &backward_}) v->assign(n, 0.0);
  in_flow_.assign(in_link_.size(), 0.0);
  route_flow_.assign(order.size(), 0.0);
  group_loaded_.assign(group_dest_.size(), 0.0);
  if (order.empty()) route_first_.clear();
  return true;
}

double LogitOrigin::expected_cost(Index node, double theta) const {
  const Index p = position_[node];
  if (p == kNoIndex) return std::numeric_limits<double>::infinity();
  if (uses_routes()) {
    for (std::size_t gi = 0; gi < group_dest_.size(); ++gi) {
      if (group_dest_[gi] == p && gi < group_sum_.size() && group_sum_[gi] > 0.0)
        return group_least_[gi] - std::log(group_sum_[gi]) / theta;
    }
    return std::numeric_limits<double>::infinity();
  }
  // Link passes: W_p = sum over paths of exp(-theta (C - d_p)).
  return weight_[p] > 0.0 ? distance_[p] - std::log(weight_[p]) / theta
                          : std::numeric_limits<double>::infinity();
}

Index LogitOrigin::unreachable() const {
  for (const Index v : targets_) {
    if (demand_[v] > 0.0 && v != origin_ && position_[v] == kNoIndex) return v;
  }
  return kNoIndex;
}

Index LogitOrigin::route_count() const {
  return route_first_.empty() ? 0 : static_cast<Index>(route_first_.size() - 1);
}

void LogitOrigin::build(const Graph& g, const LinkState& free_flow, const double* fixed_time,
                        Index max_routes, ShortestPathTree& tree, std::vector<double>& out_cost) {
  out_cost.resize(g.link_count);
  for (Index e = 0; e < g.link_count; ++e) {
    const Index a = g.out_link[e];
    out_cost[e] = free_flow.time[a] + fixed_time[a];
  }
  tree.run(g, out_cost.data(), origin_);
  const std::vector<Index>& order = tree.settled();
  // The rank in the settled order breaks ties of equal distance, so that a
  // zero-cost link (a node link with no dwell or handling cost) still leads
  // "away" from the origin; (distance, rank) is a strict order, so the
  // efficient links are acyclic and follow the settled order.
  std::vector<Index> rank(g.node_count, kNoIndex);
  for (Index i = 0; i < order.size(); ++i) rank[order[i]] = i;
  auto efficient = [&](Index a) {
    const Index i = g.tail[a], j = g.head[a];
    if (rank[i] == kNoIndex || rank[j] == kNoIndex || !g.may_use(a, origin_)) return false;
    const double ri = tree.distance(i), rj = tree.distance(j);
    return ri < rj || (ri == rj && rank[i] < rank[j]);
  };
  // Backwards through the order: a node is kept if it has demand or an
  // efficient out-link to a kept node.
  std::vector<std::uint8_t> keep(g.node_count, 0);
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    const Index v = *it;
    bool k = demand_[v] > 0.0 || v == origin_;
    for (Index e = g.first_out[v]; !k && e < g.first_out[v + 1]; ++e) {
      const Index a = g.out_link[e];
      k = keep[g.head[a]] != 0 && efficient(a);
    }
    keep[v] = k ? 1 : 0;
  }
  std::fill(position_.begin(), position_.end(), kNoIndex);
  node_.clear();
  first_in_.assign(1, 0);
  in_link_.clear();
  in_tail_.clear();
  in_head_.clear();
  for (const Index v : order) {
    if (keep[v] == 0) continue;
    const auto p = static_cast<Index>(node_.size());
    position_[v] = p;
    node_.push_back(v);
    if (v != origin_) {
      for (Index a = g.first_in[v]; a < g.first_in[v + 1]; ++a) {
        if (keep[g.tail[a]] == 0 || !efficient(a)) continue;
        in_link_.push_back(a);
        in_tail_.push_back(position_[g.tail[a]]);
        in_head_.push_back(p);
      }
    }
    first_in_.push_back(static_cast<Index>(in_link_.size()));
  }
  const std::size_t n = node_.size();
  for (auto* v : {&distance_, &weight_, &node_flow_, &forward_, &backward_}) v->assign(n, 0.0);
  in_flow_.assign(in_link_.size(), 0.0);
  list_routes(max_routes);
}

// Depth-first through the kept links; every arrival at a node with demand is
// a route. Gives up (link-based passes) beyond max_routes.
void LogitOrigin::list_routes(Index max_routes) {
  route_first_.clear();
  route_in_.clear();
  group_first_.clear();
  group_dest_.clear();
  const auto n = static_cast<Index>(node_.size());
  std::vector<Index> first_out(n + 1, 0), out_in(in_link_.size());
  for (const Index t : in_tail_) ++first_out[t + 1];
  for (Index p = 0; p < n; ++p) first_out[p + 1] += first_out[p];
  std::vector<Index> next(first_out.begin(), first_out.end() - 1);
  for (Index l = 0; l < in_link_.size(); ++l) out_in[next[in_tail_[l]]++] = l;

  std::vector<Index> first, links, dest;  // routes in discovery order
  first.push_back(0);
  std::vector<Index> stack_in;                 // in-links of the current partial route
  std::vector<Index> cursor(1, first_out[0]);  // per depth: next out slot
  while (!cursor.empty()) {
    const Index at = stack_in.empty() ? 0 : in_head_[stack_in.back()];
    Index& slot = cursor.back();
    if (slot == first_out[at + 1]) {
      cursor.pop_back();
      if (!stack_in.empty()) stack_in.pop_back();
      continue;
    }
    const Index l = out_in[slot++];
    stack_in.push_back(l);
    const Index to = in_head_[l];
    if (demand_[node_[to]] > 0.0) {
      if (dest.size() == max_routes) return;  // too many: link-based passes
      links.insert(links.end(), stack_in.begin(), stack_in.end());
      first.push_back(static_cast<Index>(links.size()));
      dest.push_back(to);
    }
    cursor.push_back(first_out[to]);
  }
  // Group by destination, keeping discovery order within a destination.
  std::vector<Index> by_dest(dest.size());
  std::iota(by_dest.begin(), by_dest.end(), Index{0});
  std::stable_sort(by_dest.begin(), by_dest.end(),
                   [&](Index a, Index b) { return dest[a] < dest[b]; });
  route_first_.push_back(0);
  for (std::size_t i = 0; i < by_dest.size(); ++i) {
    const Index r = by_dest[i];
    if (i == 0 || dest[r] != group_dest_.back()) {
      group_first_.push_back(static_cast<Index>(i));
      group_dest_.push_back(dest[r]);
    }
    route_in_.insert(route_in_.end(), links.begin() + first[r], links.begin() + first[r + 1]);
    route_first_.push_back(static_cast<Index>(route_in_.size()));
  }
  group_first_.push_back(static_cast<Index>(by_dest.size()));
  route_flow_.assign(by_dest.size(), 0.0);
  group_loaded_.assign(group_dest_.size(), 0.0);
  if (by_dest.empty()) route_first_.clear();  // nothing to route: link-based (no work)
}

void LogitOrigin::set_dependent(const std::vector<Index>& dependent_index) {
  dep_link_.clear();
  dep_global_.clear();
  dep_in_.clear();
  std::vector<Index> local_of_in(in_link_.size(), kNoIndex);
  in_dependent_.assign(in_link_.size(), 0);
  for (Index l = 0; l < in_link_.size(); ++l) {
    const Index d = dependent_index[in_link_[l]];
    if (d == kNoIndex) continue;
    in_dependent_[l] = 1;
    local_of_in[l] = static_cast<Index>(dep_link_.size());
    dep_link_.push_back(in_link_[l]);
    dep_global_.push_back(d);
    dep_in_.push_back(l);
  }
  dep_time_.assign(dep_link_.size(), 0.0);
  const auto k = static_cast<Eigen::Index>(dep_link_.size());
  local_.resize(k, k);
  q_.resize(k);
  route_dep_first_.assign(1, 0);
  route_dep_.clear();
  route_fixed_.assign(route_count(), 0.0);
  for (Index r = 0; r < route_count(); ++r) {
    for (Index i = route_first_[r]; i < route_first_[r + 1]; ++i) {
      if (local_of_in[route_in_[i]] != kNoIndex) route_dep_.push_back(local_of_in[route_in_[i]]);
    }
    route_dep_first_.push_back(static_cast<Index>(route_dep_.size()));
  }
  route_dep_sorted_ = route_dep_;
  for (Index r = 0; r < route_count(); ++r) {
    std::sort(route_dep_sorted_.begin() + static_cast<std::ptrdiff_t>(route_dep_first_[r]),
              route_dep_sorted_.begin() + static_cast<std::ptrdiff_t>(route_dep_first_[r + 1]));
  }
}

void LogitOrigin::prepare(const LinkState& links, const LogitClass& c) {
  for (Index r = 0; r < route_count(); ++r) {
    double fixed = 0.0;  // the dependent links' times are added at each loading
    for (Index i = route_first_[r]; i < route_first_[r + 1]; ++i) {
      const Index l = route_in_[i];
      fixed += c.fixed_time[in_link_[l]] + (in_dependent_[l] != 0 ? 0.0 : links.time[in_link_[l]]);
    }
    route_fixed_[r] =
        c.value_of_time * fixed + (r < route_constant_.size() ? route_constant_[r] : 0.0);
  }
}

void LogitOrigin::load(const LinkState& links, const LogitClass& c, Eigen::VectorXd& dep_flow) {
  loaded_ = total_demand();
  for (std::size_t i = 0; i < dep_link_.size(); ++i) dep_time_[i] = links.time[dep_link_[i]];
  if (uses_routes()) {
    load_routes(c);
    for (Index r = 0; r < route_count(); ++r) {
      for (Index i = route_dep_first_[r]; i < route_dep_first_[r + 1]; ++i)
        dep_flow[dep_global_[route_dep_[i]]] += route_flow_[r];
    }
  } else {
    load_links(links, c);
    for (std::size_t i = 0; i < dep_in_.size(); ++i)
      dep_flow[dep_global_[i]] += in_flow_[dep_in_[i]];
  }
}

// Route shares per destination: exp(-theta (C_r - C_min)) / sum.
void LogitOrigin::load_routes(const LogitClass& c) {
  const Index routes = route_count();
  exponent_.resize(routes);
  for (Index r = 0; r < routes; ++r) {
    double cost = 0.0;
    for (Index i = route_dep_first_[r]; i < route_dep_first_[r + 1]; ++i)
      cost += dep_time_[route_dep_[i]];
    exponent_[r] = route_fixed_[r] + c.value_of_time * cost;
  }
  group_least_.resize(group_dest_.size());
  group_sum_.resize(group_dest_.size());
  for (std::size_t gi = 0; gi + 1 < group_first_.size(); ++gi) {
    const Index from = group_first_[gi], to = group_first_[gi + 1];
    double least = kInf;
    for (Index r = from; r < to; ++r) least = std::min(least, exponent_[r]);
    for (Index r = from; r < to; ++r) exponent_[r] = -c.theta * (exponent_[r] - least);
    group_least_[gi] = least;
  }
  exponent_ = exponent_.exp();
  for (std::size_t gi = 0; gi + 1 < group_first_.size(); ++gi) {
    const Index from = group_first_[gi], to = group_first_[gi + 1];
    double sum = 0.0;
    for (Index r = from; r < to; ++r) sum += exponent_[r];
    group_sum_[gi] = sum;
    group_loaded_[gi] = demand_[node_[group_dest_[gi]]];
    const double per_weight = group_loaded_[gi] / sum;
    for (Index r = from; r < to; ++r) route_flow_[r] = per_weight * exponent_[r];
  }
}

// Dial's passes. With d_j the least cost from the origin over kept links, the
// weight of position j is W_j = sum over in-links (i, j) of W_i omega_ij with
// omega_ij = exp(-theta (d_i + g_ij - d_j)), W_origin = 1; every exponent is
// <= 0 and the best in-link's is 0, so W_j >= 1 and nothing under- or
// overflows. A node's flow splits over its in-links in proportion to their
// terms W_i omega_ij. One exp per link, all in one vectorised call.
void LogitOrigin::load_links(const LinkState& links, const LogitClass& c) {
  const auto n = static_cast<Index>(node_.size());
  const auto count = static_cast<Index>(in_link_.size());
  exponent_.resize(count);
  double* cost = exponent_.data();  // costs first, exponents below
  for (Index l = 0; l < count; ++l) {
    const Index a = in_link_[l];
    cost[l] = c.value_of_time * (links.time[a] + c.fixed_time[a]);
  }
  double* d = distance_.data();
  d[0] = 0.0;
  for (Index p = 1; p < n; ++p) {
    double best = kInf;
    for (Index l = first_in_[p]; l < first_in_[p + 1]; ++l)
      best = std::min(best, d[in_tail_[l]] + cost[l]);
    d[p] = best;
  }
  for (Index l = 0; l < count; ++l)
    cost[l] = -c.theta * (d[in_tail_[l]] + cost[l] - d[in_head_[l]]);
  exponent_ = exponent_.exp();
  double* w = weight_.data();
  w[0] = 1.0;
  for (Index p = 1; p < n; ++p) {
    double sum = 0.0;
    for (Index l = first_in_[p]; l < first_in_[p + 1]; ++l) sum += w[in_tail_[l]] * exponent_[l];
    w[p] = sum;
  }
  double* f = node_flow_.data();
  for (Index p = 0; p < n; ++p) f[p] = demand_[node_[p]];
  for (Index p = n; p-- > 1;) {
    const double per_weight = f[p] / w[p];
    for (Index l = first_in_[p]; l < first_in_[p + 1]; ++l) {
      const double q = per_weight * w[in_tail_[l]] * exponent_[l];
      in_flow_[l] = q;
      f[in_tail_[l]] += q;
    }
  }
}

void LogitOrigin::add_dispersion(const LogitClass& c, Eigen::MatrixXd& out) {
  const auto k = static_cast<Eigen::Index>(dep_link_.size());
  if (k == 0) return;
  local_.setZero();
  if (uses_routes()) {
    dispersion_routes();
  } else {
    dispersion_links();
  }
  // Both are symmetric: the lower triangle of local_ goes to the lower
  // triangle of `out` (the Newton system reads no other).
  const double scale = c.theta * c.value_of_time;
  for (Eigen::Index j = 0; j < k; ++j) {
    const Index gj = dep_global_[static_cast<std::size_t>(j)];
    for (Eigen::Index i = j; i < k; ++i) {
      const Index gi = dep_global_[static_cast<std::size_t>(i)];
      out(std::max(gi, gj), std::min(gi, gj)) += scale * local_(i, j);
    }
  }
}

// sum_s [sum_r x_r e_r e_r^T - q_s q_s^T / d_s], with x_r the route flow, e_r
// the route's dependent links and q_s = sum_r x_r e_r; the lower triangle only.
void LogitOrigin::dispersion_routes() {
  Eigen::MatrixXd& local = local_;
  Eigen::VectorXd& q = q_;
  for (std::size_t gi = 0; gi + 1 < group_first_.size(); ++gi) {
    q.setZero();
    for (Index r = group_first_[gi]; r < group_first_[gi + 1]; ++r) {
      const double x = route_flow_[r];
      if (x == 0.0) continue;  // (a shut element's penalty underflows its share)
      // Ascending indices: the pairs (i, j <= i) are the lower triangle.
      const Index* dep = route_dep_sorted_.data();
      for (Index i = route_dep_first_[r]; i < route_dep_first_[r + 1]; ++i) {
        q[dep[i]] += x;
        for (Index j = route_dep_first_[r]; j <= i; ++j) local(dep[i], dep[j]) += x;
      }
    }
    const double demand = demand_[node_[group_dest_[gi]]];
    local.selfadjointView<Eigen::Lower>().rankUpdate(q, -1.0 / demand);
  }
}

// With path weights in reduced form, for a link a before b on a route to s:
//   P_s(a, b) = W(tail a) omega_a F_a(tail b) omega_b B_s(head b) / W(s),
// W the forward weights from the origin, F_a those from the head of a, B_s the
// backward weights to s.
void LogitOrigin::dispersion_links() {
  Eigen::MatrixXd& local = local_;
  Eigen::VectorXd& p = q_;
  const auto k = static_cast<Index>(dep_in_.size());
  const auto n = static_cast<Index>(node_.size());
  for (Index ps = 1; ps < n; ++ps) {
    const double demand = demand_[node_[ps]];
    if (demand <= 0.0) continue;
    double* back = backward_.data();
    std::fill(back, back + ps + 1, 0.0);
    back[ps] = 1.0;
    for (Index q = ps; q > 0; --q) {
      if (back[q] == 0.0) continue;
      for (Index l = first_in_[q]; l < first_in_[q + 1]; ++l)
        back[in_tail_[l]] += exponent_[l] * back[q];
    }
    const double total = weight_[ps];
    for (Index i = 0; i < k; ++i) {
      const Index l = dep_in_[i];
      p[i] =
          in_head_[l] <= ps ? weight_[in_tail_[l]] * exponent_[l] * back[in_head_[l]] / total : 0.0;
    }
    double* fwd = forward_.data();
    for (Index i = 0; i < k; ++i) {
      if (p[i] <= 0.0) continue;
      local(i, i) += demand * p[i];
      const Index la = dep_in_[i];
      const Index from = in_head_[la];
      std::fill(fwd + from, fwd + ps + 1, 0.0);
      fwd[from] = 1.0;
      for (Index q = from + 1; q <= ps; ++q) {
        double sum = 0.0;
        for (Index l = first_in_[q]; l < first_in_[q + 1]; ++l)
          if (in_tail_[l] >= from) sum += fwd[in_tail_[l]] * exponent_[l];
        fwd[q] = sum;
      }
      const double lead = demand * weight_[in_tail_[la]] * exponent_[la] / total;
      for (Index j = 0; j < k; ++j) {
        const Index lb = dep_in_[j];
        if (in_tail_[lb] < from || in_head_[lb] > ps) continue;
        const double both = lead * fwd[in_tail_[lb]] * exponent_[lb] * back[in_head_[lb]];
        local(i, j) += both;
        local(j, i) += both;
      }
    }
    local.noalias() -= demand * p * p.transpose();
  }
}

void LogitOrigin::add_rescaled_dep_flows(Eigen::VectorXd& dep_flow) const {
  if (uses_routes()) {
    for (std::size_t gi = 0; gi + 1 < group_first_.size(); ++gi) {
      if (group_loaded_[gi] <= 0.0) continue;
      const double scale = demand_[node_[group_dest_[gi]]] / group_loaded_[gi];
      for (Index r = group_first_[gi]; r < group_first_[gi + 1]; ++r) {
        for (Index i = route_dep_first_[r]; i < route_dep_first_[r + 1]; ++i)
          dep_flow[dep_global_[route_dep_[i]]] += scale * route_flow_[r];
      }
    }
  } else if (loaded_ > 0.0) {
    const double scale = total_demand() / loaded_;
    for (std::size_t i = 0; i < dep_in_.size(); ++i)
      dep_flow[dep_global_[i]] += scale * in_flow_[dep_in_[i]];
  }
}

void LogitOrigin::add_link_flows(Eigen::VectorXd& y) const {
  if (uses_routes()) {
    for (Index r = 0; r < route_count(); ++r) {
      for (Index i = route_first_[r]; i < route_first_[r + 1]; ++i)
        y[in_link_[route_in_[i]]] += route_flow_[r];
    }
  } else {
    for (Index l = 0; l < in_link_.size(); ++l) y[in_link_[l]] += in_flow_[l];
  }
}

std::vector<Index> LogitOrigin::route_links(Index r) const {
  std::vector<Index> out;
  out.reserve(route_first_[r + 1] - route_first_[r]);
  for (Index i = route_first_[r]; i < route_first_[r + 1]; ++i)
    out.push_back(in_link_[route_in_[i]]);
  return out;
}

}  // namespace corridor::assign::detail
