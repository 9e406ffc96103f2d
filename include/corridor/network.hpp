#pragma once
// The capacitated multimodal network: nodes (terminals, borders, ports,
// junctions) and directed links (rail, road, sea, ferry legs), stored in
// compressed sparse row form (links grouped by tail node) with 32-bit indices
// and names kept in side tables. Boost.Graph algorithms run on it through the
// adaptor in corridor/network_graph.hpp, without a second copy.
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace corridor {

using NodeIndex = std::uint32_t;
using LinkIndex = std::uint32_t;

/// A capacity that never binds (an empty capacity cell in a table).
inline constexpr double kUnlimited = std::numeric_limits<double>::infinity();

enum class NodeKind : std::uint8_t { terminal, border, port, junction };
enum class Mode : std::uint8_t { rail, road, sea, ferry };

[[nodiscard]] std::string_view to_string(NodeKind kind);
[[nodiscard]] std::string_view to_string(Mode mode);
[[nodiscard]] std::optional<NodeKind> parse_node_kind(std::string_view text);
[[nodiscard]] std::optional<Mode> parse_mode(std::string_view text);

/// One node as given by a table row (input to NetworkBuilder).
struct NodeSpec {
  std::string id;       ///< unique id across nodes and links
  std::string name;     ///< display name
  std::string country;  ///< ISO 3166 alpha-2
  NodeKind kind = NodeKind::junction;
  double lat_deg = 0.0;
  double lon_deg = 0.0;
  double capacity_t_per_year = kUnlimited;  ///< throughput capacity, > 0
  double dwell_days = 0.0;                  ///< average dwell, >= 0
  double handling_cost_usd_per_t = 0.0;     ///< >= 0
};

/// One directed link as given by a table row; `from`/`to` are node indices.
struct LinkSpec {
  std::string id;
  NodeIndex from = 0;
  NodeIndex to = 0;
  Mode mode = Mode::rail;
  double length_km = 0.0;                   ///< > 0
  double capacity_t_per_year = kUnlimited;  ///< > 0
  double transit_days = 0.0;                ///< free-flow transit time, > 0
  double tariff_usd_per_t = 0.0;            ///< >= 0
  double risk_premium_usd_per_t = 0.0;      ///< >= 0
  std::uint16_t gauge_mm = 0;               ///< 0 = not rail / not applicable
  std::string route;                        ///< route family, e.g. "middle", "northern"
};

/// The element attributes that tables, overrides and projects can set.
enum class Attribute : std::uint8_t {
  capacity_t_per_year,      ///< nodes and links; > 0 or kUnlimited
  transit_days,             ///< links; > 0
  dwell_days,               ///< nodes; >= 0
  tariff_usd_per_t,         ///< links; >= 0
  risk_premium_usd_per_t,   ///< links; >= 0
  handling_cost_usd_per_t,  ///< nodes; >= 0
};
[[nodiscard]] std::string_view to_string(Attribute attribute);
[[nodiscard]] std::optional<Attribute> parse_attribute(std::string_view text);
/// The field holding `attribute`, or nullptr when nodes (links) do not have it.
[[nodiscard]] double* attribute_slot(NodeSpec& node, Attribute attribute);
[[nodiscard]] double* attribute_slot(LinkSpec& link, Attribute attribute);
[[nodiscard]] const double* attribute_slot(const NodeSpec& node, Attribute attribute);
[[nodiscard]] const double* attribute_slot(const LinkSpec& link, Attribute attribute);
/// Whether `value` is allowed for `attribute`, and the rule in words.
[[nodiscard]] bool attribute_in_range(Attribute attribute, double value);
[[nodiscard]] std::string_view attribute_range(Attribute attribute);

/// Immutable network in CSR form. Link indices are positions in CSR order:
/// the links out of node v are [first_out()[v], first_out()[v+1]). Links keep
/// their input order within a tail node (a stable sort), so the layout is
/// deterministic.
class Network {
 public:
  Network() = default;

  [[nodiscard]] std::uint32_t node_count() const noexcept {
    return static_cast<std::uint32_t>(nodes_.size());
  }
  [[nodiscard]] std::uint32_t link_count() const noexcept {
    return static_cast<std::uint32_t>(links_.size());
  }

  [[nodiscard]] const NodeSpec& node(NodeIndex v) const { return nodes_[v]; }
  [[nodiscard]] const LinkSpec& link(LinkIndex a) const { return links_[a]; }
  [[nodiscard]] std::span<const NodeSpec> nodes() const noexcept { return nodes_; }
  [[nodiscard]] std::span<const LinkSpec> links() const noexcept { return links_; }

  /// CSR arrays: first_out has node_count()+1 entries; head/tail one per link.
  [[nodiscard]] std::span<const LinkIndex> first_out() const noexcept { return first_out_; }
  [[nodiscard]] std::span<const NodeIndex> head() const noexcept { return head_; }
  [[nodiscard]] std::span<const NodeIndex> tail() const noexcept { return tail_; }

  [[nodiscard]] std::optional<NodeIndex> find_node(std::string_view id) const;
  [[nodiscard]] std::optional<LinkIndex> find_link(std::string_view id) const;

  /// Sets one attribute of a node or a link in place (ids, endpoints and the
  /// CSR layout never change). Throws std::invalid_argument when the element
  /// does not have the attribute or the value is out of its range
  /// (attribute_in_range), leaving the network unchanged.
  void set_node_attribute(NodeIndex v, Attribute attribute, double value);
  void set_link_attribute(LinkIndex a, Attribute attribute, double value);

  /// Nodes reachable from `origin` along directed links (breadth-first).
  [[nodiscard]] std::vector<bool> reachable_from(NodeIndex origin) const;

 private:
  friend class NetworkBuilder;
  std::vector<NodeSpec> nodes_;
  std::vector<LinkSpec> links_;
  std::vector<LinkIndex> first_out_;
  std::vector<NodeIndex> head_;
  std::vector<NodeIndex> tail_;
  std::unordered_map<std::string, NodeIndex> node_by_id_;  // lookup only, never iterated
  std::unordered_map<std::string, LinkIndex> link_by_id_;
};

/// Collects nodes and links, then builds the CSR network. Checks the
/// invariants the core relies on (known endpoints, no self loops, unique ids,
/// finite positive capacities or kUnlimited); a violation throws
/// std::invalid_argument (loaders validate first and report locations).
class NetworkBuilder {
 public:
  NodeIndex add_node(NodeSpec node);
  void add_link(LinkSpec link);
  [[nodiscard]] Network build() &&;

 private:
  std::vector<NodeSpec> nodes_;
  std::vector<LinkSpec> links_;
};

}  // namespace corridor
