// Loads `cost_series:`, dated paths of money attributes (docs/scenario-format.md).
#include <algorithm>
#include <map>

#include "io/parse_value.hpp"
#include "io/scenario_parts.hpp"
#include "io/yaml_decode.hpp"

namespace corridor::io {
namespace {

using std::chrono::sys_days;

std::string element_name(const Network& network, ElementRef e) {
  return e.kind == ElementRef::Kind::node ? "node '" + network.node(e.index).id + "'"
                                          : "link '" + network.link(e.index).id + "'";
}

Attribute read_money_attribute(const YamlNode& node, const std::vector<ElementRef>& elements,
                               const Network& network) {
  const auto attribute = parse_attribute(as_text(node, "attribute"));
  if (!attribute || !is_money_attribute(*attribute)) {
    fail(node, "attribute '" + node.scalar + "' is not a money attribute",
         "tariff_usd_per_t or risk_premium_usd_per_t (links), or handling_cost_usd_per_t (nodes)");
  }
  for (const ElementRef& e : elements) {
    const bool is_node = e.kind == ElementRef::Kind::node;
    const bool held = is_node ? attribute_slot(NodeSpec{}, *attribute) != nullptr
                              : attribute_slot(LinkSpec{}, *attribute) != nullptr;
    if (!held) {
      fail(node, node.scalar + " is not an attribute of " + element_name(network, e),
           is_node ? "handling_cost_usd_per_t for a node"
                   : "tariff_usd_per_t or risk_premium_usd_per_t for a link");
    }
  }
  return *attribute;
}

// An `add` series may lower an attribute, but not below 0 from its table value.
void check_add_floor(const CostSeries& c, const YamlNode& points, const Network& network) {
  const auto lowest = std::min_element(
      c.points.begin(), c.points.end(),
      [](const SeriesPoint& a, const SeriesPoint& b) { return a.value < b.value; });
  for (const ElementRef& e : c.elements) {
    const double table = attribute_value(network, e, c.attribute);
    const double result = table + c.level * lowest->value;
    if (result >= 0.0) continue;
    const YamlNode& at =
        *points.items[static_cast<std::size_t>(lowest - c.points.begin())].find("value");
    fail(at,
         "cost series '" + c.id + "' would take " + std::string(to_string(c.attribute)) + " of " +
             element_name(network, e) + " to " + format_number(result) + " (table value " +
             format_number(table) + " + " + format_number(c.level) + " x " +
             format_number(lowest->value) + ")",
         "values that keep table value + level x value >= 0");
  }
}

CostSeries read_series(const MapReader& m, const Network& network) {
  CostSeries c;
  c.id = as_identifier(m.required("id"), "id");
  c.name = m.optional("name") != nullptr ? as_text(*m.optional("name"), "name") : c.id;
  c.elements = resolve_elements(m.required("element"), network, "element");
  c.attribute = read_money_attribute(m.required("attribute"), c.elements, network);
  if (const YamlNode* v = m.optional("change")) {
    c.change = as_choice(*v, "change", {"set", "add"}) == "add" ? CostSeries::Change::add
                                                                : CostSeries::Change::set;
  }
  if (const YamlNode* v = m.optional("interpolation")) {
    c.interpolation = as_choice(*v, "interpolation", {"linear", "step"}) == "step"
                          ? CostSeries::Interpolation::step
                          : CostSeries::Interpolation::linear;
  }
  if (const YamlNode* v = m.optional("level")) {
    c.level = as_number(
        *v, "level", [](double x) { return x > 0; }, "a factor > 0");
  }
  const YamlNode& points = m.required("points");
  c.points = read_points(points, c.change);
  c.source = as_text(m.required("source"), "source");
  if (c.change == CostSeries::Change::add) check_add_floor(c, points, network);
  return c;
}

bool shares_element(const CostSeries& a, const CostSeries& b, ElementRef& common) {
  for (const ElementRef& x : a.elements) {
    for (const ElementRef& y : b.elements) {
      if (x.kind == y.kind && x.index == y.index) {
        common = x;
        return true;
      }
    }
  }
  return false;
}

std::string span_text(const CostSeries& c) {
  return format_date(c.points.front().date) + ".." + format_date(c.points.back().date);
}

// On one element and attribute, at most one series is between its first and
// last point on any day: otherwise which one sets the value would be a guess.
void check_overlaps(const std::vector<CostSeries>& series,
                    const std::vector<const YamlNode*>& points_nodes, const Network& network) {
  for (std::size_t j = 0; j < series.size(); ++j) {
    const CostSeries& b = series[j];
    for (std::size_t i = 0; i < j; ++i) {
      const CostSeries& a = series[i];
      ElementRef common;
      if (a.attribute != b.attribute || !shares_element(a, b, common)) continue;
      const bool overlap = sys_days(a.points.front().date) <= sys_days(b.points.back().date) &&
                           sys_days(b.points.front().date) <= sys_days(a.points.back().date);
      if (!overlap) continue;
      fail(*points_nodes[j],
           "cost series '" + b.id + "' (" + span_text(b) + ") overlaps cost series '" + a.id +
               "' (" + span_text(a) + ") on " + std::string(to_string(b.attribute)) + " of " +
               element_name(network, common),
           "series on one element and attribute whose spans [first point, last point] do not "
           "overlap");
    }
  }
}

}  // namespace

std::vector<SeriesPoint> read_points(const YamlNode& node, CostSeries::Change change) {
  const auto& items = as_list(node, "points");
  if (items.empty()) fail(node, "points is empty", "at least one {date: YYYY-MM[-DD], value: x}");
  const bool set = change == CostSeries::Change::set;
  std::vector<SeriesPoint> points;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const MapReader m(items[i], "points[" + std::to_string(i) + "]", {"date", "value"});
    SeriesPoint p;
    p.date = as_date(m.required("date"), "date");
    if (!points.empty() && sys_days(p.date) <= sys_days(points.back().date)) {
      fail(m.required("date"),
           "point date " + format_date(p.date) + " is not after the previous point's " +
               format_date(points.back().date),
           "dates in strictly increasing order");
    }
    p.value = set ? as_number(
                        m.required("value"), "value", [](double x) { return x >= 0; },
                        "USD per tonne >= 0 (a set series gives the attribute's value)")
                  : as_number(
                        m.required("value"), "value", [](double) { return true; },
                        "USD per tonne to add");
    points.push_back(p);
  }
  return points;
}

std::vector<CostSeries> load_cost_series(const YamlNode& list, const Network& network) {
  std::vector<CostSeries> out;
  std::vector<const YamlNode*> points_nodes;
  std::map<std::string, int> ids;
  const auto& items = as_list(list, "cost_series");
  for (std::size_t i = 0; i < items.size(); ++i) {
    const MapReader m(items[i], "cost_series[" + std::to_string(i) + "]",
                      {"id", "name", "element", "attribute", "change", "interpolation", "points",
                       "level", "enabled", "source"});
    const std::string id = as_identifier(m.required("id"), "id");
    if (!ids.emplace(id, 0).second)
      fail(m.required("id"), "duplicate cost series id '" + id + "'", "unique cost series ids");
    if (const YamlNode* e = m.optional("enabled"); e != nullptr && !as_bool(*e, "enabled"))
      continue;
    out.push_back(read_series(m, network));
    points_nodes.push_back(&m.required("points"));
  }
  check_overlaps(out, points_nodes, network);
  return out;
}

}  // namespace corridor::io
