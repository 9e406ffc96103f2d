#include "corridor/network.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace corridor {
namespace {

constexpr std::array<std::string_view, 4> kNodeKindNames{"terminal", "border", "port", "junction"};
constexpr std::array<std::string_view, 4> kModeNames{"rail", "road", "sea", "ferry"};
constexpr std::array<std::string_view, 6> kAttributeNames{
    "capacity_t_per_year", "transit_days",           "dwell_days",
    "tariff_usd_per_t",    "risk_premium_usd_per_t", "handling_cost_usd_per_t"};

bool valid_capacity(double c) { return c == kUnlimited || (std::isfinite(c) && c > 0.0); }
bool non_negative(double x) { return std::isfinite(x) && x >= 0.0; }

void check_node(const NodeSpec& n) {
  if (n.id.empty()) throw std::invalid_argument("node with an empty id");
  if (!valid_capacity(n.capacity_t_per_year) || !non_negative(n.dwell_days) ||
      !non_negative(n.handling_cost_usd_per_t) || !std::isfinite(n.lat_deg) ||
      !std::isfinite(n.lon_deg)) {
    throw std::invalid_argument("node '" + n.id + "' has an out-of-range attribute");
  }
}

void check_link(const LinkSpec& l, std::size_t node_count) {
  if (l.id.empty()) throw std::invalid_argument("link with an empty id");
  if (l.from >= node_count || l.to >= node_count || l.from == l.to) {
    throw std::invalid_argument("link '" + l.id + "' has invalid endpoints");
  }
  if (!valid_capacity(l.capacity_t_per_year) || !(std::isfinite(l.length_km) && l.length_km > 0) ||
      !(std::isfinite(l.transit_days) && l.transit_days > 0) || !non_negative(l.tariff_usd_per_t) ||
      !non_negative(l.risk_premium_usd_per_t)) {
    throw std::invalid_argument("link '" + l.id + "' has an out-of-range attribute");
  }
}

}  // namespace

std::string_view to_string(NodeKind kind) { return kNodeKindNames[static_cast<std::size_t>(kind)]; }
std::string_view to_string(Mode mode) { return kModeNames[static_cast<std::size_t>(mode)]; }

std::optional<NodeKind> parse_node_kind(std::string_view text) {
  for (std::size_t i = 0; i < kNodeKindNames.size(); ++i) {
    if (kNodeKindNames[i] == text) return static_cast<NodeKind>(i);
  }
  return std::nullopt;
}

std::optional<Mode> parse_mode(std::string_view text) {
  for (std::size_t i = 0; i < kModeNames.size(); ++i) {
    if (kModeNames[i] == text) return static_cast<Mode>(i);
  }
  return std::nullopt;
}

std::string_view to_string(Attribute attribute) {
  return kAttributeNames[static_cast<std::size_t>(attribute)];
}

std::optional<Attribute> parse_attribute(std::string_view text) {
  for (std::size_t i = 0; i < kAttributeNames.size(); ++i) {
    if (kAttributeNames[i] == text) return static_cast<Attribute>(i);
  }
  return std::nullopt;
}

double* attribute_slot(NodeSpec& node, Attribute attribute) {
  switch (attribute) {
    case Attribute::capacity_t_per_year:
      return &node.capacity_t_per_year;
    case Attribute::dwell_days:
      return &node.dwell_days;
    case Attribute::handling_cost_usd_per_t:
      return &node.handling_cost_usd_per_t;
    default:
      return nullptr;
  }
}

double* attribute_slot(LinkSpec& link, Attribute attribute) {
  switch (attribute) {
    case Attribute::capacity_t_per_year:
      return &link.capacity_t_per_year;
    case Attribute::transit_days:
      return &link.transit_days;
    case Attribute::tariff_usd_per_t:
      return &link.tariff_usd_per_t;
    case Attribute::risk_premium_usd_per_t:
      return &link.risk_premium_usd_per_t;
    default:
      return nullptr;
  }
}

const double* attribute_slot(const NodeSpec& node, Attribute attribute) {
  return attribute_slot(const_cast<NodeSpec&>(node), attribute);
}

const double* attribute_slot(const LinkSpec& link, Attribute attribute) {
  return attribute_slot(const_cast<LinkSpec&>(link), attribute);
}

bool attribute_in_range(Attribute attribute, double value) {
  switch (attribute) {
    case Attribute::capacity_t_per_year:
      return valid_capacity(value);
    case Attribute::transit_days:
      return std::isfinite(value) && value > 0.0;
    default:
      return non_negative(value);
  }
}

std::string_view attribute_range(Attribute attribute) {
  switch (attribute) {
    case Attribute::capacity_t_per_year:
      return "a capacity > 0 t/yr";
    case Attribute::transit_days:
      return "a transit time > 0 days";
    default:
      return "a value >= 0";
  }
}

namespace {

void set_slot(double* slot, Attribute attribute, double value, const std::string& id) {
  if (slot == nullptr) {
    throw std::invalid_argument("'" + id + "' has no attribute " +
                                std::string(to_string(attribute)));
  }
  if (!attribute_in_range(attribute, value)) {
    throw std::invalid_argument("'" + id + "': " + std::string(to_string(attribute)) +
                                " out of range (" + std::string(attribute_range(attribute)) + ")");
  }
  *slot = value;
}

}  // namespace

void Network::set_node_attribute(NodeIndex v, Attribute attribute, double value) {
  set_slot(attribute_slot(nodes_.at(v), attribute), attribute, value, nodes_[v].id);
}

void Network::set_link_attribute(LinkIndex a, Attribute attribute, double value) {
  set_slot(attribute_slot(links_.at(a), attribute), attribute, value, links_[a].id);
}

std::optional<NodeIndex> Network::find_node(std::string_view id) const {
  const auto it = node_by_id_.find(std::string(id));
  if (it == node_by_id_.end()) return std::nullopt;
  return it->second;
}

std::optional<LinkIndex> Network::find_link(std::string_view id) const {
  const auto it = link_by_id_.find(std::string(id));
  if (it == link_by_id_.end()) return std::nullopt;
  return it->second;
}

std::vector<bool> Network::reachable_from(NodeIndex origin) const {
  std::vector<bool> seen(nodes_.size(), false);
  std::vector<NodeIndex> stack{origin};
  seen[origin] = true;
  while (!stack.empty()) {
    const NodeIndex v = stack.back();
    stack.pop_back();
    for (LinkIndex a = first_out_[v]; a < first_out_[v + 1]; ++a) {
      if (!seen[head_[a]]) {
        seen[head_[a]] = true;
        stack.push_back(head_[a]);
      }
    }
  }
  return seen;
}

NodeIndex NetworkBuilder::add_node(NodeSpec node) {
  check_node(node);
  nodes_.push_back(std::move(node));
  return static_cast<NodeIndex>(nodes_.size() - 1);
}

void NetworkBuilder::add_link(LinkSpec link) {
  check_link(link, nodes_.size());
  links_.push_back(std::move(link));
}

Network NetworkBuilder::build() && {
  Network net;
  const std::size_t n = nodes_.size();
  if (n > std::numeric_limits<NodeIndex>::max() ||
      links_.size() > std::numeric_limits<LinkIndex>::max()) {
    throw std::invalid_argument("network too large for 32-bit indices");
  }
  // Stable counting sort of the links by tail node: CSR order, input order kept per tail.
  std::vector<LinkIndex> order(links_.size());
  std::iota(order.begin(), order.end(), LinkIndex{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](LinkIndex a, LinkIndex b) { return links_[a].from < links_[b].from; });

  net.first_out_.assign(n + 1, 0);
  for (const LinkSpec& l : links_) ++net.first_out_[l.from + 1];
  std::partial_sum(net.first_out_.begin(), net.first_out_.end(), net.first_out_.begin());

  net.links_.reserve(links_.size());
  for (LinkIndex a : order) net.links_.push_back(std::move(links_[a]));
  net.head_.reserve(net.links_.size());
  net.tail_.reserve(net.links_.size());
  for (const LinkSpec& l : net.links_) {
    net.head_.push_back(l.to);
    net.tail_.push_back(l.from);
  }
  net.nodes_ = std::move(nodes_);

  for (NodeIndex v = 0; v < n; ++v) {
    if (!net.node_by_id_.emplace(net.nodes_[v].id, v).second) {
      throw std::invalid_argument("duplicate node id '" + net.nodes_[v].id + "'");
    }
  }
  for (LinkIndex a = 0; a < net.links_.size(); ++a) {
    const std::string& id = net.links_[a].id;
    if (net.node_by_id_.count(id) != 0 || !net.link_by_id_.emplace(id, a).second) {
      throw std::invalid_argument("duplicate element id '" + id + "'");
    }
  }
  return net;
}

}  // namespace corridor
