#include "corridor/io/network_geojson.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include <cmath>
#include <string>
#include <vector>

namespace corridor::io {
namespace {

using json = nlohmann::ordered_json;

// One element's figures summed over the steps of one calendar year.
struct ElementYear {
  int year = 0;
  double flow_t = 0.0;
  double capacity_t = 0.0;  // infinite when any step is unlimited
};

double rounded(double x, double scale) { return std::round(x * scale) / scale; }

// Per year (in step order), per element: flow and capacity summed over the year's steps.
std::vector<std::vector<ElementYear>> yearly(const sim::SimulationResult& r) {
  std::vector<std::vector<ElementYear>> years;
  for (std::size_t t = 0; t < r.steps.size(); ++t) {
    if (t == 0 || r.steps[t - 1].year != r.steps[t].year) {
      years.emplace_back(r.element_count, ElementYear{r.steps[t].year});
    }
    for (std::uint32_t e = 0; e < r.element_count; ++e) {
      const std::size_t i = r.at(t, e);
      years.back()[e].flow_t += r.element_flow_t[i];
      years.back()[e].capacity_t += r.element_capacity_t[i];
    }
  }
  return years;
}

// flow_t_YYYY, capacity_t_YYYY, utilisation_YYYY (null when unlimited) for one element.
void add_years(json& props, const std::vector<std::vector<ElementYear>>& years, std::uint32_t e,
               const char* flow_name) {
  for (const std::vector<ElementYear>& y : years) {
    props[flow_name + std::to_string(y[e].year)] = rounded(y[e].flow_t, 1e3);
  }
  for (const std::vector<ElementYear>& y : years) {
    const double cap = y[e].capacity_t;
    props["capacity_t_" + std::to_string(y[e].year)] =
        std::isfinite(cap) ? json(rounded(cap, 1e3)) : json(nullptr);
  }
  for (const std::vector<ElementYear>& y : years) {
    const double cap = y[e].capacity_t;
    props["utilisation_" + std::to_string(y[e].year)] =
        std::isfinite(cap) && cap > 0.0 ? json(rounded(y[e].flow_t / cap, 1e6)) : json(nullptr);
  }
}

json point(const NodeSpec& n) {
  return {{"type", "Point"}, {"coordinates", {n.lon_deg, n.lat_deg}}};
}

json node_feature(const Scenario& s, NodeIndex v,
                  const std::vector<std::vector<ElementYear>>& years) {
  const NodeSpec& n = s.network.node(v);
  json props{{"feature", "node"},
             {"id", n.id},
             {"name", n.name},
             {"country", n.country},
             {"kind", to_string(n.kind)}};
  add_years(props, years, v, "throughput_t_");
  return {{"type", "Feature"}, {"id", n.id}, {"geometry", point(n)}, {"properties", props}};
}

bool on_corridor(const Scenario& s, LinkIndex a) {
  const std::vector<std::uint32_t>& e = s.corridor.headline_measure().elements;
  return std::find(e.begin(), e.end(), s.network.node_count() + a) != e.end();
}

json link_feature(const Scenario& s, LinkIndex a,
                  const std::vector<std::vector<ElementYear>>& years) {
  const Network& net = s.network;
  const LinkSpec& l = net.link(a);
  const NodeSpec& from = net.node(l.from);
  const NodeSpec& to = net.node(l.to);
  // Same rule as corridor_tonnage.csv: westbound when the head lies west of the tail.
  const char* direction = to.lon_deg < from.lon_deg ? "westbound" : "eastbound";
  const std::string leg = from.id < to.id ? from.id + "~" + to.id : to.id + "~" + from.id;
  json props{{"feature", "link"},
             {"id", l.id},
             {"from", from.id},
             {"to", to.id},
             {"leg", leg},
             {"direction", direction},
             {"mode", to_string(l.mode)},
             {"route", l.route},
             {"corridor", on_corridor(s, a)},
             {"length_km", l.length_km}};
  add_years(props, years, net.node_count() + a, "flow_t_");
  json geometry{{"type", "LineString"},
                {"coordinates", {{from.lon_deg, from.lat_deg}, {to.lon_deg, to.lat_deg}}}};
  return {{"type", "Feature"}, {"id", l.id}, {"geometry", geometry}, {"properties", props}};
}

}  // namespace

std::string network_geojson(const Scenario& scenario, const sim::SimulationResult& result) {
  const std::vector<std::vector<ElementYear>> years = yearly(result);
  // One feature per line: readable, greppable and diffable, still one JSON document.
  std::string out =
      R"({"type":"FeatureCollection","name":)" + json(scenario.name).dump() + R"(,"features":[)";
  const char* sep = "\n";
  for (NodeIndex v = 0; v < scenario.network.node_count(); ++v) {
    out += sep + node_feature(scenario, v, years).dump();
    sep = ",\n";
  }
  for (LinkIndex a = 0; a < scenario.network.link_count(); ++a) {
    out += sep + link_feature(scenario, a, years).dump();
    sep = ",\n";
  }
  return out + "\n]}\n";
}

}  // namespace corridor::io
