// Loads `corridor:`: the measures the scenario reports, one of them the
// headline. The single-link-set form {name, links} of earlier files is one
// measure. See docs/scenario-format.md.
#include <algorithm>
#include <map>

#include "io/parse_value.hpp"
#include "io/scenario_parts.hpp"
#include "io/yaml_decode.hpp"

namespace corridor::io {
namespace {

constexpr double kMaxTeuPerTonne = 10.0;  // an empty TEU weighs well over 100 kg

std::uint32_t element_number(const Network& net, const ElementRef& e) {
  return e.kind == ElementRef::Kind::node ? e.index : net.node_count() + e.index;
}

// {name, links}: the corridor as one measure counting routes over links.
CorridorDefinition load_link_set(const YamlNode& section, const Network& network) {
  const MapReader m(section, "corridor", {"name", "links"});
  CorridorMeasure c;
  c.id = "corridor";
  c.name = as_text(m.required("name"), "corridor.name");
  const YamlNode& links = m.required("links");
  for (const YamlNode& item : as_list(links, "corridor.links")) {
    const ElementRef e = resolve_element(item, network, "corridor link");
    if (e.kind != ElementRef::Kind::link)
      fail(item, "corridor link '" + item.scalar + "' is a node", "a link id");
    const std::uint32_t n = element_number(network, e);
    if (std::find(c.elements.begin(), c.elements.end(), n) != c.elements.end()) {
      fail(item, "corridor link '" + item.scalar + "' listed twice", "each link once");
    }
    c.elements.push_back(n);
  }
  if (c.elements.empty()) fail(links, "corridor.links is empty", "at least one link id");
  c.source = "the scenario's corridor links";
  CorridorDefinition d;
  d.measures.push_back(std::move(c));
  return d;
}

std::vector<double> read_teu(const YamlNode& node, const std::string& what, const Demand& demand) {
  if (!node.is_map())
    fail(node, what + " is not a map", "segment: TEU per tonne, e.g. {containers: 0.083}");
  std::vector<double> teu(demand.segments.size(), 0.0);
  for (const YamlEntry& e : node.entries) {
    YamlNode key = e.value;
    key.scalar = e.key;
    const std::uint32_t g = resolve_segment(key, demand);
    teu[g] = as_number(
        e.value, what + "." + e.key, [](double x) { return x > 0 && x <= kMaxTeuPerTonne; },
        "TEU per tonne > 0 and at most 10");
  }
  if (node.entries.empty()) fail(node, what + " is empty", "at least one segment with a factor");
  return teu;
}

std::vector<double> read_milestones(const YamlNode& node, const std::string& what) {
  std::vector<double> out;
  for (const YamlNode& item : as_list(node, what)) {
    const double x = as_number(
        item, what, [](double v) { return v > 0 && v < 1e12; }, "a threshold > 0");
    if (!out.empty() && x <= out.back())
      fail(item, what + " are not increasing", "thresholds in increasing order");
    out.push_back(x);
  }
  return out;
}

CorridorMeasure read_measure(const YamlNode& node, const std::string& what, const Network& net,
                             const Demand& demand) {
  const MapReader m(node, what,
                    {"id", "name", "counts", "elements", "segments", "direction", "teu_per_t",
                     "milestones", "source", "note"});
  CorridorMeasure c;
  c.id = as_identifier(m.required("id"), what + ".id");
  c.name = as_text(m.required("name"), what + ".name");
  if (const YamlNode* v = m.optional("counts")) {
    c.counts = as_choice(*v, what + ".counts", {"routes", "element-flows"}) == "routes"
                   ? CorridorMeasure::Counts::routes
                   : CorridorMeasure::Counts::element_flows;
  }
  for (const ElementRef& e : resolve_elements(m.required("elements"), net, "measure element"))
    c.elements.push_back(element_number(net, e));
  if (const YamlNode* v = m.optional("segments")) {
    for (const YamlNode& item : as_list(*v, what + ".segments")) {
      const std::uint32_t g = resolve_segment(item, demand);
      if (std::find(c.segments.begin(), c.segments.end(), g) != c.segments.end())
        fail(item, "segment '" + item.scalar + "' listed twice", "each segment once");
      c.segments.push_back(g);
    }
    if (c.segments.empty()) fail(*v, what + ".segments is empty", "segment ids, or no key for all");
  }
  if (const YamlNode* v = m.optional("direction")) {
    const std::string d = as_choice(*v, what + ".direction", {"both", "westbound", "eastbound"});
    c.direction = d == "westbound"   ? CorridorMeasure::Direction::westbound
                  : d == "eastbound" ? CorridorMeasure::Direction::eastbound
                                     : CorridorMeasure::Direction::both;
  }
  if (const YamlNode* v = m.optional("teu_per_t")) {
    c.teu_per_t = read_teu(*v, what + ".teu_per_t", demand);
    c.milestones.clear();  // tonne thresholds mean nothing in TEU
  }
  if (const YamlNode* v = m.optional("milestones"))
    c.milestones = read_milestones(*v, what + ".milestones");
  c.source = as_text(m.required("source"), what + ".source");
  return c;
}

CorridorDefinition load_measures(const YamlNode& section, const Network& net,
                                 const Demand& demand) {
  const MapReader m(section, "corridor", {"headline", "measures"});
  CorridorDefinition d;
  const YamlNode& list = m.required("measures");
  const auto& items = as_list(list, "corridor.measures");
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string what = "corridor.measures[" + std::to_string(i) + "]";
    CorridorMeasure c = read_measure(items[i], what, net, demand);
    if (d.find(c.id) >= 0)
      fail(*items[i].find("id"), "measure id '" + c.id + "' used twice", "distinct measure ids");
    d.measures.push_back(std::move(c));
  }
  if (d.measures.empty()) fail(list, "corridor.measures is empty", "at least one measure");
  const YamlNode& headline = m.required("headline");
  const std::string id = as_text(headline, "corridor.headline");
  const std::int32_t h = d.find(id);
  if (h < 0) {
    std::vector<std::string_view> ids;
    for (const CorridorMeasure& c : d.measures) ids.push_back(c.id);
    fail(headline, "corridor.headline '" + id + "' is not a measure" + did_you_mean(id, ids),
         "the id of one of corridor.measures");
  }
  d.headline = static_cast<std::uint32_t>(h);
  if (d.headline_measure().in_teu())
    fail(headline, "the headline measure '" + id + "' is in TEU", "a headline measured in tonnes");
  return d;
}

}  // namespace

std::uint32_t resolve_segment(const YamlNode& node, const Demand& demand) {
  const std::string id = as_text(node, "segment");
  std::vector<std::string_view> ids;
  for (std::uint32_t i = 0; i < demand.segments.size(); ++i) {
    if (demand.segments[i].id == id) return i;
    ids.push_back(demand.segments[i].id);
  }
  fail(node, "segment '" + id + "' is not defined" + did_you_mean(id, ids),
       "a segment id from demand.segments");
}

CorridorDefinition load_corridor(const YamlNode& section, const Network& network,
                                 const Demand& demand) {
  if (section.is_map() && section.find("measures") == nullptr &&
      section.find("headline") == nullptr)
    return load_link_set(section, network);
  return load_measures(section, network, demand);
}

}  // namespace corridor::io
