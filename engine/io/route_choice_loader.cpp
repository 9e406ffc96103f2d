// Loads `route_choice:` (route families, constants, path size, inertia) for
// the logit method. See docs/scenario-format.md.
#include <algorithm>
#include <cmath>
#include <set>

#include "io/parse_value.hpp"
#include "io/scenario_parts.hpp"
#include "io/yaml_decode.hpp"

namespace corridor::io {
namespace {

// The route labels of the network's links ("access" for unlabelled ones).
std::set<std::string> route_labels(const Network& net) {
  std::set<std::string> labels{"access"};
  for (const LinkSpec& l : net.links()) labels.insert(l.route.empty() ? "access" : l.route);
  return labels;
}

std::vector<std::uint32_t> read_segments(const YamlNode* node, const std::string& what,
                                         const Demand& demand) {
  std::vector<std::uint32_t> out;
  if (node == nullptr) return out;
  for (const YamlNode& item : as_list(*node, what)) {
    const std::uint32_t g = resolve_segment(item, demand);
    if (std::find(out.begin(), out.end(), g) != out.end())
      fail(item, "segment '" + item.scalar + "' listed twice", "each segment once");
    out.push_back(g);
  }
  if (out.empty()) fail(*node, what + " is empty", "segment ids, or no key for all");
  return out;
}

FamilyConstant read_constant(const YamlNode& node, const std::string& what, const Scenario& s,
                             const std::set<std::string>& labels) {
  const MapReader m(node, what,
                    {"id", "family", "segment", "segments", "usd_per_t", "interpolation", "points",
                     "source", "note"});
  FamilyConstant c;
  c.id = as_identifier(m.required("id"), what + ".id");
  const YamlNode& family = m.required("family");
  c.family = as_text(family, what + ".family");
  if (labels.count(c.family) == 0) {
    const std::vector<std::string_view> ids(labels.begin(), labels.end());
    fail(
        family,
        "family '" + c.family + "' is not a route label of the links" + did_you_mean(c.family, ids),
        "the `route` value of some link");
  }
  if (const YamlNode* g = m.optional("segment")) {
    if (m.optional("segments") != nullptr)
      fail(*g, what + " has both segment and segments", "one of them");
    c.segments.push_back(resolve_segment(*g, s.demand));
  }
  if (m.optional("segments") != nullptr)
    c.segments = read_segments(m.optional("segments"), what + ".segments", s.demand);
  c.usd_per_t = as_number(
      m.required("usd_per_t"), what + ".usd_per_t", [](double x) { return x >= -1e4 && x <= 1e4; },
      "USD per tonne between -10000 and 10000");
  if (const YamlNode* p = m.optional("points")) {
    c.points = read_points(*p, CostSeries::Change::add);
    const auto& items = as_list(*p, "points");
    for (std::size_t i = 0; i < c.points.size(); ++i) {
      if (std::abs(c.points[i].value) > 1e4)
        fail(items[i], what + ".points value out of range",
             "USD per tonne between -10000 and 10000");
    }
  }
  if (const YamlNode* v = m.optional("interpolation")) {
    if (c.points.empty()) fail(*v, what + " has an interpolation but no points", "points");
    c.interpolation = as_choice(*v, what + ".interpolation", {"step", "linear"}) == "linear"
                          ? SeriesInterpolation::linear
                          : SeriesInterpolation::step;
  }
  c.source = as_text(m.required("source"), what + ".source");
  return c;
}

std::uint32_t element_number(const Network& net, const ElementRef& e) {
  return e.kind == ElementRef::Kind::node ? e.index : net.node_count() + e.index;
}

std::string read_family(const YamlNode& node, const std::string& what,
                        const std::set<std::string>& labels) {
  std::string family = as_text(node, what);
  if (labels.count(family) == 0) {
    const std::vector<std::string_view> ids(labels.begin(), labels.end());
    fail(node,
         "family '" + family + "' is not a route label of the links" + did_you_mean(family, ids),
         "the `route` value of some link");
  }
  return family;
}

NodeIndex read_node(const YamlNode& node, const Network& net, const std::string& what) {
  const ElementRef e = resolve_element(node, net, what);
  if (e.kind != ElementRef::Kind::node) fail(node, what + " is a link", "a node id");
  return e.index;
}

ThroughRate read_through_rate(const YamlNode& node, const std::string& what, const Scenario& s,
                              const std::set<std::string>& labels) {
  const MapReader m(node, what,
                    {"id", "family", "segments", "od", "covers", "unit", "t_per_teu",
                     "interpolation", "points", "source", "note"});
  ThroughRate r;
  r.id = as_identifier(m.required("id"), what + ".id");
  r.family = read_family(m.required("family"), what + ".family", labels);
  r.segments = read_segments(m.optional("segments"), what + ".segments", s.demand);
  if (const YamlNode* od = m.optional("od")) {
    const MapReader o(*od, what + ".od", {"origin", "destination"});
    r.origin = read_node(o.required("origin"), s.network, "origin");
    r.destination = read_node(o.required("destination"), s.network, "destination");
  }
  for (const ElementRef& e : resolve_elements(m.required("covers"), s.network, "covered element"))
    r.covers.push_back(element_number(s.network, e));
  if (const YamlNode* v = m.optional("interpolation")) {
    r.interpolation = as_choice(*v, what + ".interpolation", {"step", "linear"}) == "linear"
                          ? CostSeries::Interpolation::linear
                          : CostSeries::Interpolation::step;
  }
  r.points = read_points(m.required("points"), CostSeries::Change::set);
  const std::string unit = m.optional("unit") ? as_choice(*m.optional("unit"), what + ".unit",
                                                          {"usd_per_t", "usd_per_teu"})
                                              : "usd_per_t";
  if (unit == "usd_per_teu") {
    const YamlNode* teu = m.optional("t_per_teu");
    if (teu == nullptr)
      fail(node, what + " is per TEU but has no t_per_teu", "t_per_teu: tonnes per TEU");
    const double t_per_teu = as_number(
        *teu, what + ".t_per_teu", [](double x) { return x > 0.5 && x <= 40; },
        "tonnes per TEU > 0.5 and at most 40");
    for (SeriesPoint& p : r.points) p.value /= t_per_teu;
  } else if (m.optional("t_per_teu") != nullptr) {
    fail(*m.optional("t_per_teu"), "t_per_teu given for a rate per tonne", "unit: usd_per_teu");
  }
  r.source = as_text(m.required("source"), what + ".source");
  return r;
}

// `via`: the route's links in order; the route is the origin node, each
// link and the node it leads to.
ListedRoute read_route(const YamlNode& node, const std::string& what, const Scenario& s,
                       const std::set<std::string>& labels) {
  const MapReader m(node, what, {"id", "family", "segments", "via", "source", "note"});
  ListedRoute r;
  r.id = as_identifier(m.required("id"), what + ".id");
  r.family = read_family(m.required("family"), what + ".family", labels);
  r.segments = read_segments(m.optional("segments"), what + ".segments", s.demand);
  const Network& net = s.network;
  const YamlNode& via = m.required("via");
  const std::vector<ElementRef> links = resolve_elements(via, net, "route link");
  for (std::size_t i = 0; i < links.size(); ++i) {
    if (links[i].kind != ElementRef::Kind::link)
      fail(via.is_sequence() ? via.items[i] : via, "route element is a node", "link ids in order");
    const LinkSpec& l = net.link(links[i].index);
    if (i == 0) {
      r.origin = l.from;
      r.elements.push_back(l.from);
    } else if (l.from != net.link(links[i - 1].index).to) {
      fail(via.items[i],
           what + " is not a path: link '" + l.id + "' does not start where '" +
               net.link(links[i - 1].index).id + "' ends",
           "links in order, each starting where the previous ends");
    }
    r.elements.push_back(element_number(net, links[i]));
    r.elements.push_back(l.to);
    r.destination = l.to;
  }
  r.source = as_text(m.required("source"), what + ".source");
  return r;
}

// A listed route uses only elements its segments may use (segment_rules).
void check_route_allowed(const ListedRoute& r, const YamlNode& node, const Scenario& s) {
  for (const SegmentRule& rule : s.segment_rules) {
    if (rule.allowed.empty()) continue;
    for (std::uint32_t g = 0; g < s.demand.segments.size(); ++g) {
      const bool mine = r.segments.empty() ||
                        std::find(r.segments.begin(), r.segments.end(), g) != r.segments.end();
      const bool barred =
          std::find(rule.allowed.begin(), rule.allowed.end(), g) == rule.allowed.end();
      if (!mine || !barred) continue;
      for (const std::uint32_t e : r.elements) {
        if (std::find(rule.elements.begin(), rule.elements.end(), e) != rule.elements.end())
          fail(node,
               "route " + r.id + " passes an element segment rule " + rule.id + " closes to " +
                   s.demand.segments[g].id,
               "a route its segments may use (or segments: limited to those allowed)");
      }
    }
  }
}

// Two through-rates on one family may not both apply to an OD pair and segment.
void check_rates_overlap(const Scenario& s, const YamlNode& list) {
  for (std::size_t i = 0; i < s.through_rates.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      const ThroughRate& a = s.through_rates[i];
      const ThroughRate& b = s.through_rates[j];
      if (through_rates_overlap(a, b))
        fail(list.items[i],
             "through-rates " + b.id + " and " + a.id +
                 " both apply to some OD pair and segment of family " + a.family,
             "one through-rate per family, OD pair and segment (a dated series rises and falls)");
    }
  }
}

}  // namespace

bool through_rates_overlap(const ThroughRate& a, const ThroughRate& b) {
  const auto overlap = [](const std::vector<std::uint32_t>& x,
                          const std::vector<std::uint32_t>& y) {
    if (x.empty() || y.empty()) return true;
    return std::any_of(x.begin(), x.end(), [&](std::uint32_t v) {
      return std::find(y.begin(), y.end(), v) != y.end();
    });
  };
  const auto same_end = [](std::int64_t x, std::int64_t y) { return x < 0 || y < 0 || x == y; };
  return a.family == b.family && overlap(a.segments, b.segments) && same_end(a.origin, b.origin) &&
         same_end(a.destination, b.destination);
}

RouteChoice load_route_choice(const YamlNode& section, Scenario& s) {
  const MapReader m(section, "route_choice",
                    {"routes_per_family", "path_size", "inertia", "constants", "through_rates",
                     "routes", "note"});
  if (s.assignment.method != AssignmentMethod::logit) {
    fail(section, "route_choice is given but assignment.method is user-equilibrium",
         "assignment.method: logit with route_choice (or no route_choice)");
  }
  RouteChoice rc;
  rc.enabled = true;
  if (const YamlNode* v = m.optional("routes_per_family"))
    rc.routes_per_family = static_cast<std::uint32_t>(as_integer(*v, "routes_per_family", 1, 64));
  if (const YamlNode* v = m.optional("path_size")) {
    rc.path_size = as_number(
        *v, "route_choice.path_size", [](double x) { return x >= 0 && x <= 5; },
        "a coefficient >= 0 and at most 5");
  }
  if (const YamlNode* v = m.optional("inertia")) {
    rc.inertia = as_number(
        *v, "route_choice.inertia", [](double x) { return x >= 0 && x < 1; },
        "a share of a year's gap >= 0 and < 1");
  }
  if (const YamlNode* list = m.optional("constants")) {
    const std::set<std::string> labels = route_labels(s.network);
    const auto& items = as_list(*list, "route_choice.constants");
    for (std::size_t i = 0; i < items.size(); ++i) {
      const std::string what = "route_choice.constants[" + std::to_string(i) + "]";
      FamilyConstant c = read_constant(items[i], what, s, labels);
      for (const FamilyConstant& before : rc.constants) {
        const bool shared =
            before.segments.empty() || c.segments.empty()
                ? before.segments.empty() && c.segments.empty()
                : std::any_of(c.segments.begin(), c.segments.end(), [&](std::uint32_t g) {
                    return std::find(before.segments.begin(), before.segments.end(), g) !=
                           before.segments.end();
                  });
        if (before.family == c.family && shared)
          fail(items[i], "a second constant for family " + c.family + " and a segment of it",
               "one constant per family and segment");
      }
      rc.constants.push_back(std::move(c));
    }
  }
  const std::set<std::string> labels = route_labels(s.network);
  if (const YamlNode* list = m.optional("through_rates")) {
    const auto& items = as_list(*list, "route_choice.through_rates");
    for (std::size_t i = 0; i < items.size(); ++i) {
      s.through_rates.push_back(read_through_rate(
          items[i], "route_choice.through_rates[" + std::to_string(i) + "]", s, labels));
    }
  }
  if (const YamlNode* list = m.optional("routes")) {
    const auto& items = as_list(*list, "route_choice.routes");
    for (std::size_t i = 0; i < items.size(); ++i) {
      s.listed_routes.push_back(
          read_route(items[i], "route_choice.routes[" + std::to_string(i) + "]", s, labels));
      check_route_allowed(s.listed_routes.back(), items[i], s);
    }
  }
  if (const YamlNode* list = m.optional("through_rates")) check_rates_overlap(s, *list);
  return rc;
}

}  // namespace corridor::io
