#include "flow_model.hpp"

namespace corridor::sim {

FlowModel make_flow_model(const Scenario& s) {
  FlowModel m;
  const Network& net = s.network;
  m.node_count = net.node_count();
  m.element_count = net.node_count() + net.link_count();
  assign::Network& g = m.problem.network;
  g.node_count = 2 * net.node_count();
  for (std::uint32_t v = 0; v < net.node_count(); ++v) {
    g.tail.push_back(entry_vertex(v));
    g.head.push_back(exit_vertex(v));
  }
  for (std::uint32_t a = 0; a < net.link_count(); ++a) {
    g.tail.push_back(exit_vertex(net.link(a).from));
    g.head.push_back(entry_vertex(net.link(a).to));
  }
  g.cost.assign(m.element_count,
                assign::LinkCostFunction{assign::CostKind::bpr, 1.0, 1.0, 0.0, 1.0});
  m.head = g.head;

  m.first_out.assign(g.node_count + 1, 0);
  for (std::uint32_t e = 0; e < m.element_count; ++e) ++m.first_out[g.tail[e] + 1];
  for (std::uint32_t u = 0; u < g.node_count; ++u) m.first_out[u + 1] += m.first_out[u];
  m.out_link.assign(m.element_count, 0);
  std::vector<std::uint32_t> fill(m.first_out.begin(), m.first_out.end() - 1);
  for (std::uint32_t e = 0; e < m.element_count; ++e) m.out_link[fill[g.tail[e]]++] = e;

  for (const OdDemand& od : s.demand.od) {
    assign::TrafficClass k;
    const Segment& seg = s.demand.segments[od.segment];
    k.name = seg.id + ":" + net.node(od.origin).id + ">" + net.node(od.destination).id;
    k.value_of_time = seg.value_of_time_usd_per_t_day;
    k.logit_theta = seg.logit_dispersion_per_usd > 0 ? seg.logit_dispersion_per_usd : 1.0;
    k.fixed_cost.assign(m.element_count, 0.0);
    k.demand.push_back({entry_vertex(od.origin), exit_vertex(od.destination), 0.0});
    m.problem.classes.push_back(std::move(k));
    m.od_origin.push_back(entry_vertex(od.origin));
    m.od_destination.push_back(exit_vertex(od.destination));
  }
  return m;
}

}  // namespace corridor::sim
