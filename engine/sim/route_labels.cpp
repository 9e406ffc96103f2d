#include "route_labels.hpp"

#include <algorithm>
#include <map>

#include "loading.hpp"

namespace corridor::sim {
namespace {

const std::string& link_label(const LinkSpec& l) {
  static const std::string access = "access";
  return l.route.empty() ? access : l.route;
}

}  // namespace

RouteLabels::RouteLabels(const Scenario& s) : s_(s) {
  std::map<std::string, std::uint32_t> index;
  for (const LinkSpec& l : s.network.links()) index.emplace(link_label(l), 0);
  index.emplace("access", 0);
  for (auto& [name, i] : index) {
    i = static_cast<std::uint32_t>(names_.size());
    names_.push_back(name);
  }
  access_ = index.at("access");
  of_element_.assign(s.network.node_count(), kNone);
  for (const LinkSpec& l : s.network.links()) of_element_.push_back(index.at(link_label(l)));
  for (const CorridorMeasure& m : s.corridor.measures) {
    std::vector<bool>& in = in_measure_.emplace_back(of_element_.size(), false);
    for (const std::uint32_t e : m.elements) in[e] = true;
  }
}

std::uint32_t RouteLabels::route_of(const std::vector<std::uint32_t>& path) const {
  std::vector<double> km(names_.size(), 0.0);
  const std::uint32_t nodes = s_.network.node_count();
  for (const std::uint32_t e : path) {
    if (e >= nodes) km[of_element_[e]] += s_.network.link(e - nodes).length_km;
  }
  std::uint32_t best = access_;
  for (std::uint32_t i = 0; i < km.size(); ++i) {
    if (i != access_ && km[i] > 0.0 && (best == access_ || km[i] > km[best])) best = i;
  }
  return best;
}

std::vector<int> RouteLabels::measure_positions(const std::vector<std::uint32_t>& path) const {
  std::vector<int> pos(in_measure_.size(), -1);
  for (std::size_t m = 0; m < in_measure_.size(); ++m) {
    for (std::size_t j = 0; j < path.size(); ++j) {
      if (in_measure_[m][path[j]]) {
        pos[m] = static_cast<int>(j);
        break;
      }
    }
  }
  return pos;
}

MeasureMap RouteLabels::measure_map() const {
  const Network& net = s_.network;
  const std::uint32_t elements = net.node_count() + net.link_count();
  MeasureMap map;
  map.measure_count = static_cast<std::uint32_t>(in_measure_.size());
  map.first.assign(1, 0);
  for (std::uint32_t e = 0; e < elements; ++e) {
    for (std::uint32_t m = 0; m < in_measure_.size(); ++m) {
      if (!in_measure_[m][e]) continue;
      map.measure.push_back(m);
      map.counts_routes.push_back(
          s_.corridor.measures[m].counts == CorridorMeasure::Counts::routes ? 1 : 0);
    }
    map.first.push_back(static_cast<std::uint32_t>(map.measure.size()));
  }
  map.direction.assign(net.node_count(), MeasureMap::kByOd);
  for (const LinkSpec& l : net.links())
    map.direction.push_back(net.node(l.to).lon_deg < net.node(l.from).lon_deg ? 0 : 1);
  for (const OdDemand& od : s_.demand.od) {
    map.od_direction.push_back(net.node(od.destination).lon_deg < net.node(od.origin).lon_deg ? 0
                                                                                              : 1);
  }
  return map;
}

}  // namespace corridor::sim
