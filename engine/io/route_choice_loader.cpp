// Loads `route_choice:` (route families, constants, path size, inertia) for
// the logit method. See docs/scenario-format.md.
#include <algorithm>
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

FamilyConstant read_constant(const YamlNode& node, const std::string& what, const Scenario& s,
                             const std::set<std::string>& labels) {
  const MapReader m(node, what, {"id", "family", "segment", "usd_per_t", "source", "note"});
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
  if (const YamlNode* g = m.optional("segment"))
    c.segment = static_cast<std::int32_t>(resolve_segment(*g, s.demand));
  c.usd_per_t = as_number(
      m.required("usd_per_t"), what + ".usd_per_t", [](double x) { return x >= -1e4 && x <= 1e4; },
      "USD per tonne between -10000 and 10000");
  c.source = as_text(m.required("source"), what + ".source");
  return c;
}

}  // namespace

RouteChoice load_route_choice(const YamlNode& section, const Scenario& s) {
  const MapReader m(section, "route_choice",
                    {"routes_per_family", "path_size", "inertia", "constants", "note"});
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
        if (before.family == c.family && before.segment == c.segment)
          fail(items[i], "a second constant for family " + c.family + " and this segment",
               "one constant per family and segment");
      }
      rc.constants.push_back(std::move(c));
    }
  }
  return rc;
}

}  // namespace corridor::io
