// Loads `segment_rules:` (segment limits, per-segment tariffs and reserved
// capacity shares of elements). See docs/scenario-format.md.
#include <algorithm>
#include <map>

#include "io/parse_value.hpp"
#include "io/scenario_parts.hpp"
#include "io/yaml_decode.hpp"

namespace corridor::io {
namespace {

std::uint32_t element_number(const Network& net, const ElementRef& e) {
  return e.kind == ElementRef::Kind::node ? e.index : net.node_count() + e.index;
}

// {segment: number, ...} with each segment once and every number accepted by `ok`.
std::vector<std::pair<std::uint32_t, double>> read_per_segment(const YamlNode& node,
                                                               const std::string& what,
                                                               const Demand& demand,
                                                               const NumberCheck& ok,
                                                               const std::string& expected) {
  if (!node.is_map() || node.entries.empty())
    fail(node, what + " is not a map of segments", "{segment id: " + expected + ", ...}");
  std::vector<std::pair<std::uint32_t, double>> out;
  for (const YamlEntry& e : node.entries) {
    YamlNode key = e.value;
    key.scalar = e.key;
    out.emplace_back(resolve_segment(key, demand),
                     as_number(e.value, what + "." + e.key, ok, expected));
  }
  return out;
}

SegmentRule read_rule(const YamlNode& node, const std::string& what, const Scenario& s) {
  const MapReader m(
      node, what,
      {"id", "element", "segments", "tariff_usd_per_t", "reserve_share", "from", "source", "note"});
  SegmentRule r;
  r.id = as_identifier(m.required("id"), what + ".id");
  for (const ElementRef& e : resolve_elements(m.required("element"), s.network, "rule element"))
    r.elements.push_back(element_number(s.network, e));
  if (const YamlNode* v = m.optional("segments")) {
    for (const YamlNode& item : as_list(*v, what + ".segments")) {
      const std::uint32_t g = resolve_segment(item, s.demand);
      if (std::find(r.allowed.begin(), r.allowed.end(), g) != r.allowed.end())
        fail(item, "segment '" + item.scalar + "' listed twice", "each segment once");
      r.allowed.push_back(g);
    }
    if (r.allowed.empty()) fail(*v, what + ".segments is empty", "the segments that may use it");
  }
  if (const YamlNode* v = m.optional("tariff_usd_per_t")) {
    r.tariff_usd_per_t = read_per_segment(
        *v, what + ".tariff_usd_per_t", s.demand, [](double x) { return x >= 0 && x < 1e6; },
        "USD per tonne >= 0");
  }
  if (const YamlNode* v = m.optional("reserve_share")) {
    r.reserve_share = read_per_segment(
        *v, what + ".reserve_share", s.demand, [](double x) { return x > 0 && x <= 1; },
        "a share of capacity > 0 and at most 1");
    double sum = 0.0;
    for (const auto& [g, share] : r.reserve_share) sum += share;
    if (sum > 1.0 + 1e-12)
      fail(*v, what + ".reserve_share sums to " + format_number(sum),
           "shares summing to at most 1");
  }
  if (const YamlNode* v = m.optional("from")) {
    r.from = as_date(*v, what + ".from");
    if (!r.allowed.empty())
      fail(*v, what + " is dated and limits segments",
           "a dated rule to set tariffs or reservations only (segment limits hold for the whole "
           "horizon)");
  }
  r.source = as_text(m.required("source"), what + ".source");
  return r;
}

// Two rules may not both set the same thing (limits, a segment's tariff or
// reservations) of one element, and reservations of an element sum to at most 1.
void check_overlaps(const std::vector<SegmentRule>& rules, const YamlNode& list,
                    const Scenario& s) {
  std::map<std::uint32_t, double> reserved;
  std::map<std::uint32_t, std::size_t> limited;
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::size_t> tariff;
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const SegmentRule& r = rules[i];
    for (const std::uint32_t e : r.elements) {
      const std::string id = e < s.network.node_count()
                                 ? s.network.node(e).id
                                 : s.network.link(e - s.network.node_count()).id;
      if (!r.allowed.empty() && !limited.emplace(e, i).second)
        fail(list.items[i], "rules " + rules[limited[e]].id + " and " + r.id + " both limit " + id,
             "one rule limiting the segments of an element");
      for (const auto& [g, usd] : r.tariff_usd_per_t) {
        if (!tariff.emplace(std::make_pair(e, g), i).second)
          fail(list.items[i],
               "rules " + rules[tariff[{e, g}]].id + " and " + r.id + " both set the tariff of " +
                   s.demand.segments[g].id + " on " + id,
               "one tariff per element and segment");
      }
      for (const auto& [g, share] : r.reserve_share) reserved[e] += share;
      if (reserved[e] > 1.0 + 1e-12)
        fail(list.items[i], "reserved shares of " + id + " sum to " + format_number(reserved[e]),
             "reserved shares of an element summing to at most 1");
    }
  }
}

// Every OD pair keeps a path whose elements its segment may use.
void check_paths(const std::vector<SegmentRule>& rules, const YamlNode& list, const Scenario& s) {
  const Network& net = s.network;
  for (const OdDemand& od : s.demand.od) {
    std::vector<bool> barred(net.node_count() + net.link_count(), false);
    for (const SegmentRule& r : rules) {
      if (r.allowed.empty() ||
          std::find(r.allowed.begin(), r.allowed.end(), od.segment) != r.allowed.end())
        continue;
      for (const std::uint32_t e : r.elements) barred[e] = true;
    }
    std::vector<bool> seen(net.node_count(), false);
    std::vector<NodeIndex> stack;
    if (!barred[od.origin]) {
      seen[od.origin] = true;
      stack.push_back(od.origin);
    }
    while (!stack.empty()) {
      const NodeIndex v = stack.back();
      stack.pop_back();
      for (LinkIndex a = net.first_out()[v]; a < net.first_out()[v + 1]; ++a) {
        const NodeIndex w = net.head()[a];
        if (seen[w] || barred[net.node_count() + a] || barred[w]) continue;
        seen[w] = true;
        stack.push_back(w);
      }
    }
    if (!seen[od.destination]) {
      fail(list,
           "OD pair " + s.demand.segments[od.segment].id + " " + net.node(od.origin).id + " > " +
               net.node(od.destination).id + " has no path its segment may use under these rules",
           "segment limits that leave every OD pair a path");
    }
  }
}

}  // namespace

std::vector<SegmentRule> load_segment_rules(const YamlNode& list, const Scenario& s) {
  std::vector<SegmentRule> rules;
  const auto& items = as_list(list, "segment_rules");
  for (std::size_t i = 0; i < items.size(); ++i)
    rules.push_back(read_rule(items[i], "segment_rules[" + std::to_string(i) + "]", s));
  check_overlaps(rules, list, s);
  check_paths(rules, list, s);
  return rules;
}

}  // namespace corridor::io
