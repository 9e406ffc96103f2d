// CSR stars, link state and scratch set-up for the equilibrium solver.
#include <algorithm>
#include <string>

#include "assign/graph.hpp"

namespace corridor::assign::detail {
namespace {

// Counting sort of link ids by key (tail or head): a stable CSR star.
void build_star(Index node_count, const std::vector<Index>& key, std::vector<Index>& first,
                std::vector<Index>& links) {
  first.assign(node_count + 1, 0);
  for (const Index k : key) ++first[k + 1];
  for (Index v = 0; v < node_count; ++v) first[v + 1] += first[v];
  links.assign(key.size(), 0);
  std::vector<Index> next(first.begin(), first.end() - 1);
  for (Index a = 0; a < key.size(); ++a) links[next[key[a]]++] = a;
}

}  // namespace

Graph::Graph(const Network& net)
    : node_count(net.node_count), link_count(net.link_count()), first_thru(net.first_thru_node) {
  build_star(node_count, net.head, first_in, external);  // stable: ties keep problem order
  internal.assign(link_count, 0);
  for (Index a = 0; a < link_count; ++a) internal[external[a]] = a;
  tail = to_internal(net.tail);
  head = to_internal(net.head);
  build_star(node_count, tail, first_out, out_link);
  out_tail.resize(link_count);
  out_head.resize(link_count);
  for (Index e = 0; e < link_count; ++e) {
    out_tail[e] = tail[out_link[e]];
    out_head[e] = head[out_link[e]];
  }
}

std::string link_cost_change_error(const Graph& g, Index link, const LinkCostFunction& cost) {
  if (link >= g.link_count) return "set_link_cost: no link " + std::to_string(link);
  if (std::string e = check_cost(cost, link); !e.empty()) return "set_link_cost: " + e;
  return {};
}

void fill_out_costs(const Graph& g, const LinkState& s, const std::vector<double>& fixed,
                    std::vector<double>& out_cost) {
  out_cost.resize(g.link_count);
  for (Index e = 0; e < g.link_count; ++e)
    out_cost[e] = s.time[g.out_link[e]] + fixed[g.out_link[e]];
}

void LinkState::resize(const std::vector<LinkCostFunction>& functions) {
  fn = functions;
  flow.assign(fn.size(), 0.0);
  time.assign(fn.size(), 0.0);
  deriv.assign(fn.size(), 0.0);
}

void LinkState::refresh_all() {
  for (Index a = 0; a < fn.size(); ++a) refresh(a);
}

void Scratch::resize(Index node_count) {
  min_label.assign(node_count, 0.0);
  max_label.assign(node_count, 0.0);
  node_flow.assign(node_count, 0.0);
  min_pred.assign(node_count, kNoIndex);
  max_pred.assign(node_count, kNoIndex);
  pos.assign(node_count, kNoIndex);
  indegree.assign(node_count, 0);
}

}  // namespace corridor::assign::detail
