// Loads demand: segments and growth paths from YAML, OD tonnages from CSV.
#include <algorithm>
#include <map>
#include <numeric>

#include "io/parse_value.hpp"
#include "io/scenario_parts.hpp"
#include "io/table_reader.hpp"
#include "io/yaml_decode.hpp"

namespace corridor::io {
namespace {

Segment read_segment(const YamlNode& node, const std::string& what) {
  const MapReader m(node, what,
                    {"id", "value_of_time_usd_per_t_day", "logit_dispersion_per_usd", "scale",
                     "seasonality", "description", "source"});
  Segment s;
  s.id = as_identifier(m.required("id"), "id");
  s.value_of_time_usd_per_t_day = as_number(
      m.required("value_of_time_usd_per_t_day"), "value_of_time_usd_per_t_day",
      [](double x) { return x > 0; }, "USD per tonne-day > 0");
  if (const YamlNode* d = m.optional("logit_dispersion_per_usd")) {
    s.logit_dispersion_per_usd = as_number(
        *d, "logit_dispersion_per_usd", [](double x) { return x > 0; }, "a number > 0 per USD");
  }
  if (const YamlNode* sc = m.optional("scale")) {
    s.scale = as_number(
        *sc, "scale", [](double x) { return x > 0 && x <= 1000; },
        "a factor > 0 and at most 1000 on the segment's base tonnes");
  }
  if (const YamlNode* seas = m.optional("seasonality")) {
    const auto& items = as_list(*seas, "seasonality");
    if (items.size() != 12) {
      fail(*seas, "seasonality has " + std::to_string(items.size()) + " factors",
           "12 monthly factors, January first");
    }
    for (std::size_t k = 0; k < 12; ++k) {
      s.seasonality[k] = as_number(
          items[k], "seasonality factor", [](double x) { return x > 0 && x < 100; },
          "a factor > 0");
    }
    const double mean = std::accumulate(s.seasonality.begin(), s.seasonality.end(), 0.0) / 12.0;
    for (double& f : s.seasonality) f /= mean;
  }
  (void)as_text(m.required("source"), "source");
  return s;
}

GrowthPath read_growth_path(const YamlEntry& entry) {
  GrowthPath path;
  path.id = entry.key;
  if (!is_identifier(path.id)) {
    throw InputError(entry.key_where, "growth path name '" + path.id + "' is not a valid id",
                     "letters, digits, '_', '.' or '-'");
  }
  const auto& items = as_list(entry.value, "growth path '" + path.id + "'");
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string what = "growth_paths." + path.id + "[" + std::to_string(i) + "]";
    const MapReader m(items[i], what, {"from", "rate", "source"});
    GrowthStep step;
    step.from_year = static_cast<int>(as_integer(m.required("from"), "from", 1900, 2200));
    step.annual_rate = as_number(
        m.required("rate"), "rate", [](double x) { return x > -1.0 && x <= 10.0; },
        "an annual rate above -1 and at most 10 (0.08 = 8%)");
    (void)as_text(m.required("source"), "source");
    if (!path.steps.empty() && step.from_year <= path.steps.back().from_year) {
      fail(m.required("from"),
           what + " starts in " + std::to_string(step.from_year) + ", not after the step before it",
           "steps in increasing years");
    }
    path.steps.push_back(step);
  }
  return path;
}

template <class T>
std::uint32_t index_by_id(const TableReader& t, const CsvRow& row, std::string_view column,
                          const std::vector<T>& items, const std::string& expected) {
  const CsvField c = t.cell(row, column);
  std::vector<std::string_view> ids;
  for (std::uint32_t i = 0; i < items.size(); ++i) {
    if (items[i].id == c.text) return i;
    ids.push_back(items[i].id);
  }
  t.fail(c, std::string(column) + " '" + c.text + "' is not defined" + did_you_mean(c.text, ids),
         expected);
}

NodeIndex node_by_id(const TableReader& t, const CsvRow& row, std::string_view column,
                     const Network& network) {
  const CsvField c = t.cell(row, column);
  if (const auto v = network.find_node(c.text)) return *v;
  std::vector<std::string_view> ids;
  for (const NodeSpec& n : network.nodes()) ids.push_back(n.id);
  t.fail(c,
         std::string(column) + " node '" + c.text + "' is not defined" + did_you_mean(c.text, ids),
         "a node id from the nodes table");
}

std::vector<OdDemand> read_od(const CsvTable& table, const Demand& demand, const Network& network) {
  const TableReader t(table, {{"segment"},
                              {"origin"},
                              {"destination"},
                              {"base_year"},
                              {"base_t_per_year"},
                              {"growth_path", false},
                              {"source"}});
  std::vector<OdDemand> od;
  std::map<NodeIndex, std::vector<bool>> reach;  // origin → reachable nodes, computed once
  std::map<std::tuple<std::uint32_t, NodeIndex, NodeIndex>, int> seen_rows;
  for (const CsvRow& row : table.rows()) {
    OdDemand d;
    d.segment =
        index_by_id(t, row, "segment", demand.segments, "a segment id from demand.segments");
    d.origin = node_by_id(t, row, "origin", network);
    d.destination = node_by_id(t, row, "destination", network);
    if (d.origin == d.destination)
      t.fail(t.cell(row, "destination"), "destination equals origin", "two different nodes");
    d.base_year = static_cast<int>(t.integer(row, "base_year", 1900, 2200));
    d.base_t_per_year = t.number(
        row, "base_t_per_year", [](double x) { return x >= 0 && x < 1e12; },
        "tonnes per year >= 0");
    if (!t.cell(row, "growth_path").text.empty()) {
      d.growth_path = static_cast<std::int32_t>(
          index_by_id(t, row, "growth_path", demand.growth_paths, "a key of demand.growth_paths"));
    }
    (void)t.text(row, "source");
    const auto key = std::tuple(d.segment, d.origin, d.destination);
    if (const auto [it, fresh] = seen_rows.emplace(key, t.cell(row, "segment").line); !fresh) {
      t.fail(t.cell(row, "segment"), "duplicate OD pair for this segment",
             "one row per segment, origin and destination (first at line " +
                 std::to_string(it->second) + ")");
    }
    auto [it, fresh] = reach.try_emplace(d.origin);
    if (fresh) it->second = network.reachable_from(d.origin);
    if (!it->second[d.destination]) {
      t.fail(t.cell(row, "destination"),
             "no path from '" + network.node(d.origin).id + "' to '" +
                 network.node(d.destination).id + "'",
             "an OD pair connected by directed links (its tonnes could never be served)");
    }
    od.push_back(d);
  }
  return od;
}

}  // namespace

Demand load_demand(const YamlNode& section, const Network& network, FileList& files) {
  const MapReader m(section, "demand", {"od", "segments", "growth_paths"});
  Demand demand;
  const auto& segments = as_list(m.required("segments"), "demand.segments");
  for (std::size_t i = 0; i < segments.size(); ++i) {
    demand.segments.push_back(
        read_segment(segments[i], "demand.segments[" + std::to_string(i) + "]"));
    for (std::size_t j = 0; j < i; ++j) {
      if (demand.segments[j].id == demand.segments[i].id) {
        fail(*segments[i].find("id"), "duplicate segment id '" + demand.segments[i].id + "'",
             "unique segment ids");
      }
    }
  }
  if (demand.segments.empty()) fail(m.required("segments"), "no segments", "at least one segment");
  if (const YamlNode* g = m.optional("growth_paths")) {
    if (!g->is_map())
      fail(*g, "demand.growth_paths is " + std::string(g->kind_name()),
           "a map of named growth paths");
    for (const YamlEntry& e : g->entries) demand.growth_paths.push_back(read_growth_path(e));
  }
  const CsvTable table = read_table(m.required("od"), "demand.od", files);
  demand.od = read_od(table, demand, network);
  if (demand.od.empty())
    throw InputError({table.file(), 1, 1}, "no OD rows", "at least one OD pair");
  return demand;
}

}  // namespace corridor::io
