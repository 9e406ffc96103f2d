#include "route_labels.hpp"

#include <algorithm>
#include <map>

#include "loading.hpp"

namespace corridor::sim {
namespace {

const std::string& label_of(const LinkSpec& l) {
  static const std::string access = "access";
  return l.route.empty() ? access : l.route;
}

}  // namespace

RouteLabels::RouteLabels(const Scenario& s) : s_(s) {
  std::map<std::string, std::uint32_t> index;
  for (const LinkSpec& l : s.network.links()) index.emplace(label_of(l), 0);
  index.emplace("access", 0);
  for (auto& [name, i] : index) {
    i = static_cast<std::uint32_t>(names_.size());
    names_.push_back(name);
  }
  access_ = index.at("access");
  of_element_.assign(s.network.node_count(), kNone);
  for (const LinkSpec& l : s.network.links()) of_element_.push_back(index.at(label_of(l)));
  corridor_.assign(of_element_.size(), false);
  for (const LinkIndex a : s.corridor.links) corridor_[s.network.node_count() + a] = true;
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

int RouteLabels::corridor_pos(const std::vector<std::uint32_t>& path) const {
  for (std::size_t j = 0; j < path.size(); ++j) {
    if (corridor_[path[j]]) return static_cast<int>(j);
  }
  return -1;
}

std::vector<std::uint8_t> RouteLabels::corridor_directions() const {
  const Network& net = s_.network;
  std::vector<std::uint8_t> dir(net.node_count() + net.link_count(), Loader::kNotCorridor);
  for (const LinkIndex a : s_.corridor.links) {
    const LinkSpec& l = net.link(a);
    const bool westbound = net.node(l.to).lon_deg < net.node(l.from).lon_deg;
    dir[net.node_count() + a] = westbound ? 0 : 1;
  }
  return dir;
}

}  // namespace corridor::sim
