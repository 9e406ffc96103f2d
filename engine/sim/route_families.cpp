#include "route_families.hpp"

#include <algorithm>
#include <limits>
#include <queue>
#include <utility>

namespace corridor::sim {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr std::uint32_t kNone = 0xffffffffu;

using Path = std::vector<std::uint32_t>;

double path_cost(const Path& p, const std::vector<double>& cost) {
  double c = 0.0;
  for (const std::uint32_t e : p) c += cost[e];
  return c;
}

// Dijkstra from `from` to `to` over allowed elements, avoiding banned
// elements and vertices; ties go to the lower vertex, so the result is
// deterministic. Empty when `to` cannot be reached.
Path shortest(const FlowModel& m, const std::vector<double>& cost,
              const std::vector<std::uint8_t>& allowed, const std::vector<std::uint8_t>& banned_e,
              const std::vector<std::uint8_t>& banned_v, std::uint32_t from, std::uint32_t to) {
  const std::size_t n = m.first_out.size() - 1;
  std::vector<double> dist(n, kInf);
  std::vector<std::uint32_t> pred(n, kNone);
  using Item = std::pair<double, std::uint32_t>;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> heap;
  dist[from] = 0.0;
  heap.emplace(0.0, from);
  while (!heap.empty()) {
    const auto [d, u] = heap.top();
    heap.pop();
    if (d > dist[u]) continue;
    if (u == to) break;
    for (std::uint32_t i = m.first_out[u]; i < m.first_out[u + 1]; ++i) {
      const std::uint32_t e = m.out_link[i];
      const std::uint32_t v = m.head[e];
      if (allowed[e] == 0 || banned_e[e] != 0 || banned_v[v] != 0) continue;
      const double nd = d + cost[e];
      if (nd < dist[v]) {
        dist[v] = nd;
        pred[v] = e;
        heap.emplace(nd, v);
      }
    }
  }
  Path p;
  if (dist[to] == kInf) return p;
  for (std::uint32_t v = to; v != from; v = m.problem.network.tail[pred[v]]) p.push_back(pred[v]);
  std::reverse(p.begin(), p.end());
  return p;
}

// Path size of each route among `routes` (Ben-Akiva and Bierlaire 1999),
// with link kilometres as lengths; a route without kilometres counts as 1.
void set_path_sizes(const Scenario& s, std::vector<FamilyRoute>& routes) {
  const std::uint32_t nodes = s.network.node_count();
  const auto km = [&](std::uint32_t e) {
    return e < nodes ? 0.0 : s.network.link(e - nodes).length_km;
  };
  std::vector<std::uint32_t> users(nodes + s.network.link_count(), 0);
  for (const FamilyRoute& r : routes) {
    for (const std::uint32_t e : r.elements) ++users[e];
  }
  for (FamilyRoute& r : routes) {
    double length = 0.0, size = 0.0;
    for (const std::uint32_t e : r.elements) length += km(e);
    if (length <= 0.0) continue;
    for (const std::uint32_t e : r.elements) size += km(e) / length / users[e];
    r.path_size = size;
  }
}

// The scenario's listed routes of OD pair k's segment, after the generated
// ones, each once.
void add_listed_routes(const Scenario& s, std::uint32_t k, const RouteLabels& labels,
                       const std::vector<double>& cost, std::vector<FamilyRoute>& routes) {
  const OdDemand& od = s.demand.od[k];
  for (const ListedRoute& r : s.listed_routes) {
    if (r.origin != od.origin || r.destination != od.destination) continue;
    if (!r.segments.empty() &&
        std::find(r.segments.begin(), r.segments.end(), od.segment) == r.segments.end())
      continue;
    const bool known = std::any_of(routes.begin(), routes.end(),
                                   [&](const FamilyRoute& x) { return x.elements == r.elements; });
    if (known) continue;
    const auto f = std::find(labels.names().begin(), labels.names().end(), r.family);
    routes.push_back({static_cast<std::uint32_t>(f - labels.names().begin()), r.elements,
                      path_cost(r.elements, cost), 1.0});
  }
}

}  // namespace

std::vector<Path> cheapest_paths(const FlowModel& m, const std::vector<double>& cost,
                                 const std::vector<std::uint8_t>& allowed, std::uint32_t from,
                                 std::uint32_t to, std::uint32_t k) {
  const std::size_t vertices = m.first_out.size() - 1;
  std::vector<std::uint8_t> banned_e(m.element_count, 0), banned_v(vertices, 0);
  std::vector<Path> found;
  Path first = shortest(m, cost, allowed, banned_e, banned_v, from, to);
  if (first.empty()) return found;
  found.push_back(std::move(first));
  std::vector<std::pair<double, Path>> candidates;
  while (found.size() < k) {
    const Path& last = found.back();
    for (std::size_t i = 0; i < last.size(); ++i) {
      const std::uint32_t spur = m.problem.network.tail[last[i]];
      const Path root(last.begin(), last.begin() + static_cast<std::ptrdiff_t>(i));
      std::fill(banned_e.begin(), banned_e.end(), 0);
      std::fill(banned_v.begin(), banned_v.end(), 0);
      for (const Path& p : found) {
        if (p.size() > i && std::equal(root.begin(), root.end(), p.begin())) banned_e[p[i]] = 1;
      }
      for (const std::uint32_t e : root) banned_v[m.problem.network.tail[e]] = 1;
      Path rest = shortest(m, cost, allowed, banned_e, banned_v, spur, to);
      if (rest.empty()) continue;
      Path whole = root;
      whole.insert(whole.end(), rest.begin(), rest.end());
      const bool known =
          std::find(found.begin(), found.end(), whole) != found.end() ||
          std::any_of(candidates.begin(), candidates.end(),
                      [&](const std::pair<double, Path>& c) { return c.second == whole; });
      if (!known) candidates.emplace_back(path_cost(whole, cost), std::move(whole));
    }
    if (candidates.empty()) break;
    const auto best = std::min_element(candidates.begin(), candidates.end());
    found.push_back(best->second);
    candidates.erase(best);
  }
  return found;
}

std::vector<std::vector<FamilyRoute>> generate_family_routes(const Scenario& s, const FlowModel& m,
                                                             const StepInputs& in,
                                                             const RouteLabels& labels,
                                                             const SegmentTable& table) {
  const std::uint32_t nodes = s.network.node_count();
  const std::uint32_t access = labels.access();
  std::vector<std::vector<FamilyRoute>> out(s.demand.od.size());
  std::vector<double> cost(m.element_count);
  for (std::uint32_t k = 0; k < s.demand.od.size(); ++k) {
    const double vot = s.demand.segments[s.demand.od[k].segment].value_of_time_usd_per_t_day;
    for (std::uint32_t e = 0; e < m.element_count; ++e) {
      const std::size_t i = in.at(0, e);
      cost[e] = in.money_usd_per_t[i] + vot * in.time_days[i];
    }
    const std::uint32_t g = s.demand.od[k].segment;
    for (std::uint32_t f = 0; f < labels.names().size(); ++f) {
      std::vector<std::uint8_t> allowed(m.element_count, 1);
      for (std::uint32_t e = 0; e < m.element_count; ++e) {
        const std::uint32_t label = e < nodes ? f : labels.label_of(e);
        allowed[e] = (label == f || label == access) && table.allows(e, g) ? 1 : 0;
      }
      for (Path& p : cheapest_paths(m, cost, allowed, m.od_origin[k], m.od_destination[k],
                                    s.route_choice.routes_per_family)) {
        // A path of the family's links only when it is labelled the family
        // (an access-only path belongs to the access family).
        if (labels.route_of(p) != f) continue;
        out[k].push_back({f, std::move(p), 0.0, 1.0});
        out[k].back().cost_usd_per_t = path_cost(out[k].back().elements, cost);
      }
    }
    add_listed_routes(s, k, labels, cost, out[k]);
    set_path_sizes(s, out[k]);
  }
  return out;
}

}  // namespace corridor::sim
