// Loads the node and link tables and applies the YAML overrides.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>

#include "io/parse_value.hpp"
#include "io/scenario_parts.hpp"
#include "io/table_reader.hpp"
#include "io/yaml_decode.hpp"

namespace corridor::io {
namespace {

const auto kPositive = [](double x) { return x > 0.0; };
const auto kNonNegative = [](double x) { return x >= 0.0; };
const std::string kCapacityRule = "a capacity > 0 t/yr, or empty for not limiting";

// Ids of nodes and links share one name space; remembers where each was defined.
class IdRegistry {
 public:
  void add(const std::string& id, const SourceLocation& where) {
    const auto [it, inserted] = seen_.emplace(id, where);
    if (!inserted) {
      throw InputError(
          where, "duplicate id '" + id + "'",
          "ids unique across nodes and links (first defined at " + it->second.to_string() + ")");
    }
  }

 private:
  std::map<std::string, SourceLocation> seen_;
};

NodeSpec read_node(const TableReader& t, const CsvRow& row) {
  NodeSpec n;
  n.id = t.identifier(row, "id");
  n.name = t.text(row, "name");
  n.country = t.text(row, "country");
  const CsvField country = t.cell(row, "country");
  if (n.country.size() != 2 || !std::isupper(static_cast<unsigned char>(n.country[0])) ||
      !std::isupper(static_cast<unsigned char>(n.country[1]))) {
    t.fail(country, "country '" + n.country + "' is not a two-letter code",
           "an ISO 3166 alpha-2 code such as KZ");
  }
  static constexpr std::string_view kKinds[] = {"terminal", "border", "port", "junction"};
  n.kind = *parse_node_kind(t.choice(row, "kind", kKinds));
  n.lat_deg = t.number(
      row, "lat", [](double x) { return x >= -90 && x <= 90; },
      "a latitude from -90 to 90 degrees");
  n.lon_deg = t.number(
      row, "lon", [](double x) { return x >= -180 && x <= 180; },
      "a longitude from -180 to 180 degrees");
  n.capacity_t_per_year =
      t.number(row, "capacity_t_per_year", kPositive, kCapacityRule, kUnlimited);
  n.dwell_days = t.number(row, "dwell_days", kNonNegative, "days >= 0", 0.0);
  n.handling_cost_usd_per_t =
      t.number(row, "handling_cost_usd_per_t", kNonNegative, "USD/t >= 0", 0.0);
  (void)t.text(row, "source");
  return n;
}

std::vector<NodeSpec> read_nodes(const CsvTable& table, IdRegistry& ids) {
  const TableReader t(table, {{"id"},
                              {"name"},
                              {"country"},
                              {"kind"},
                              {"lat"},
                              {"lon"},
                              {"capacity_t_per_year"},
                              {"dwell_days"},
                              {"handling_cost_usd_per_t"},
                              {"source"}});
  std::vector<NodeSpec> nodes;
  for (const CsvRow& row : table.rows()) {
    nodes.push_back(read_node(t, row));
    ids.add(nodes.back().id, t.where(t.cell(row, "id")));
  }
  if (nodes.empty()) throw InputError({table.file(), 1, 1}, "no nodes", "at least two nodes");
  return nodes;
}

NodeIndex endpoint(const TableReader& t, const CsvRow& row, std::string_view column,
                   const std::map<std::string, NodeIndex>& node_index) {
  const CsvField c = t.cell(row, column);
  const auto it = node_index.find(c.text);
  if (it == node_index.end()) {
    std::vector<std::string_view> names;
    names.reserve(node_index.size());
    for (const auto& [id, index] : node_index) names.push_back(id);
    t.fail(
        c,
        std::string(column) + " node '" + c.text + "' is not defined" + did_you_mean(c.text, names),
        "a node id from the nodes table");
  }
  return it->second;
}

LinkSpec read_link(const TableReader& t, const CsvRow& row,
                   const std::map<std::string, NodeIndex>& node_index) {
  LinkSpec l;
  l.id = t.identifier(row, "id");
  l.from = endpoint(t, row, "from", node_index);
  l.to = endpoint(t, row, "to", node_index);
  if (l.from == l.to)
    t.fail(t.cell(row, "to"), "link from a node to itself", "two different nodes");
  static constexpr std::string_view kModes[] = {"rail", "road", "sea", "ferry"};
  l.mode = *parse_mode(t.choice(row, "mode", kModes));
  l.length_km = t.number(row, "length_km", kPositive, "a length > 0 km");
  l.capacity_t_per_year =
      t.number(row, "capacity_t_per_year", kPositive, kCapacityRule, kUnlimited);
  l.transit_days = t.number(row, "transit_days", kPositive, "a transit time > 0 days");
  l.tariff_usd_per_t = t.number(row, "tariff_usd_per_t", kNonNegative, "USD/t >= 0");
  l.risk_premium_usd_per_t =
      t.number(row, "risk_premium_usd_per_t", kNonNegative, "USD/t >= 0", 0.0);
  const CsvField gauge = t.cell(row, "gauge_mm");
  if (!gauge.text.empty()) {
    if (l.mode != Mode::rail)
      t.fail(gauge, "gauge_mm given for a " + std::string(to_string(l.mode)) + " link",
             "an empty cell (gauge is for rail)");
    l.gauge_mm = static_cast<std::uint16_t>(t.integer(row, "gauge_mm", 600, 2000));
  }
  l.route = t.text(row, "route", true);
  (void)t.text(row, "source");
  return l;
}

std::vector<LinkSpec> read_links(const CsvTable& table, const std::vector<NodeSpec>& nodes,
                                 IdRegistry& ids) {
  const TableReader t(table, {{"id"},
                              {"from"},
                              {"to"},
                              {"mode"},
                              {"length_km"},
                              {"capacity_t_per_year"},
                              {"transit_days"},
                              {"tariff_usd_per_t"},
                              {"risk_premium_usd_per_t", false},
                              {"gauge_mm", false},
                              {"route", false},
                              {"source"}});
  std::map<std::string, NodeIndex> node_index;
  for (NodeIndex v = 0; v < nodes.size(); ++v) node_index.emplace(nodes[v].id, v);
  std::vector<LinkSpec> links;
  for (const CsvRow& row : table.rows()) {
    links.push_back(read_link(t, row, node_index));
    ids.add(links.back().id, t.where(t.cell(row, "id")));
  }
  if (links.empty()) throw InputError({table.file(), 1, 1}, "no links", "at least one link");
  return links;
}

// Applies `node_overrides` / `link_overrides` entries: {id, <attribute>: value, source}.
template <class Spec>
void apply_overrides(const YamlNode& list, std::vector<Spec>& specs, std::string_view what) {
  const auto& items = as_list(list, what);
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string item_what = std::string(what) + "[" + std::to_string(i) + "]";
    const MapReader m(
        items[i], item_what,
        {"id", "capacity_t_per_year", "transit_days", "dwell_days", "tariff_usd_per_t",
         "risk_premium_usd_per_t", "handling_cost_usd_per_t", "source"});
    const std::string id = as_identifier(m.required("id"), "id");
    (void)as_text(m.required("source"), "source");
    auto spec = std::find_if(specs.begin(), specs.end(), [&](const Spec& s) { return s.id == id; });
    if (spec == specs.end())
      fail(m.required("id"), item_what + " names unknown id '" + id + "'", "an id from the table");
    for (const YamlEntry& e : items[i].entries) {
      const auto attribute = parse_attribute(e.key);
      if (!attribute) continue;  // id, source
      double* slot = attribute_slot(*spec, *attribute);
      if (slot == nullptr)
        fail(e.value, e.key + " does not apply to '" + id + "'", "an attribute of this element");
      *slot = as_number(
          e.value, e.key, [&](double x) { return attribute_in_range(*attribute, x); },
          std::string(attribute_range(*attribute)));
    }
  }
}

}  // namespace

Network load_network(const YamlNode& section, FileList& files) {
  const MapReader m(section, "network", {"nodes", "links", "node_overrides", "link_overrides"});
  IdRegistry ids;
  const CsvTable node_table = read_table(m.required("nodes"), "network.nodes", files);
  std::vector<NodeSpec> nodes = read_nodes(node_table, ids);
  const CsvTable link_table = read_table(m.required("links"), "network.links", files);
  std::vector<LinkSpec> links = read_links(link_table, nodes, ids);
  if (const YamlNode* o = m.optional("node_overrides"))
    apply_overrides(*o, nodes, "node_overrides");
  if (const YamlNode* o = m.optional("link_overrides"))
    apply_overrides(*o, links, "link_overrides");

  NetworkBuilder builder;
  for (NodeSpec& n : nodes) builder.add_node(std::move(n));
  for (LinkSpec& l : links) builder.add_link(std::move(l));
  return std::move(builder).build();
}

}  // namespace corridor::io
