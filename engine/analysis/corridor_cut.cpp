// The layered capacity graph of the corridor and its max-flow / min-cut.
#include "corridor/analysis/corridor_cut.hpp"

#include <algorithm>
#include <cmath>

#include "corridor/analysis/max_flow.hpp"

namespace corridor::analysis {
namespace {

FlowValue to_flow(double capacity_t) {
  if (!std::isfinite(capacity_t)) return kInfiniteFlow;
  return static_cast<FlowValue>(std::floor(std::max(0.0, std::min(capacity_t, 1e15))));
}

// Vertex of node v's entry (side 0) or exit (side 1) in `layer`.
struct Layout {
  std::uint32_t nodes;
  [[nodiscard]] VertexIndex at(std::uint32_t layer, NodeIndex v, std::uint32_t side) const {
    return (layer * nodes + v) * 2 + side;
  }
  [[nodiscard]] VertexIndex source() const { return 4 * nodes; }
  [[nodiscard]] VertexIndex sink() const { return 4 * nodes + 1; }
};

}  // namespace

std::vector<double> year_capacity_t(const sim::StepInputs& in, const std::vector<sim::Step>& steps,
                                    int year) {
  std::vector<double> cap(in.element_count, 0.0);
  for (std::uint32_t t = 0; t < steps.size(); ++t) {
    if (steps[t].year != year) continue;
    for (std::uint32_t e = 0; e < in.element_count; ++e) cap[e] += in.capacity_t[in.at(t, e)];
  }
  return cap;
}

CorridorCut corridor_max_flow(const Scenario& s, const std::vector<double>& capacity_t, int year) {
  const Network& net = s.network;
  const Layout lay{net.node_count()};
  FlowGraphBuilder b(4 * net.node_count() + 2);
  std::vector<std::uint32_t> element_of_arc;  // per input arc; kNone for source/sink arcs
  constexpr std::uint32_t kNone = 0xffffffffu;
  const auto add = [&](VertexIndex u, VertexIndex w, FlowValue c, std::uint32_t element) {
    b.add_arc(u, w, c);
    element_of_arc.push_back(element);
  };
  // The headline measure's elements lead from layer 0 to layer 1 and exist
  // nowhere else: every source-sink path passes exactly one of them.
  std::vector<bool> corridor(net.node_count() + net.link_count(), false);
  for (const std::uint32_t e : s.corridor.headline_measure().elements) corridor[e] = true;
  for (std::uint32_t layer = 0; layer < 2; ++layer) {
    for (NodeIndex v = 0; v < net.node_count(); ++v) {
      if (corridor[v] && layer == 1) continue;
      add(lay.at(layer, v, 0), lay.at(corridor[v] ? 1 : layer, v, 1), to_flow(capacity_t[v]), v);
    }
    for (LinkIndex a = 0; a < net.link_count(); ++a) {
      const std::uint32_t e = net.node_count() + a;
      if (corridor[e] && layer == 1) continue;
      add(lay.at(layer, net.tail()[a], 1), lay.at(corridor[e] ? 1 : layer, net.head()[a], 0),
          to_flow(capacity_t[e]), e);
    }
  }
  std::vector<bool> is_origin(net.node_count(), false), is_destination(net.node_count(), false);
  for (const OdDemand& od : s.demand.od) {
    is_origin[od.origin] = true;
    is_destination[od.destination] = true;
  }
  for (NodeIndex v = 0; v < net.node_count(); ++v) {
    if (is_origin[v]) add(lay.source(), lay.at(0, v, 0), kInfiniteFlow, kNone);
    if (is_destination[v]) add(lay.at(1, v, 1), lay.sink(), kInfiniteFlow, kNone);
  }
  const FlowGraph g = std::move(b).build();
  MaxFlow mf;
  const FlowValue value = mf.run(g, lay.source(), lay.sink());
  CorridorCut cut;
  cut.year = year;
  cut.max_throughput_t = value >= kInfiniteFlow ? kUnlimited : static_cast<double>(value);
  if (value >= kInfiniteFlow) return cut;
  for (const std::uint32_t arc : mf.cut_arcs()) {
    if (element_of_arc[arc] != kNone) cut.cut_elements.push_back(element_of_arc[arc]);
  }
  std::sort(cut.cut_elements.begin(), cut.cut_elements.end());
  cut.cut_elements.erase(std::unique(cut.cut_elements.begin(), cut.cut_elements.end()),
                         cut.cut_elements.end());
  return cut;
}

}  // namespace corridor::analysis
