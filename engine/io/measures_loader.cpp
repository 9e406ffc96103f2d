// Measures files: a list of override fragments, each merged on top of the base
// scenario's merged tree and decoded like a scenario.
#include "corridor/io/measures_loader.hpp"

#include <algorithm>

#include "io/scenario_parts.hpp"
#include "io/text_file.hpp"
#include "io/yaml_decode.hpp"

namespace corridor::io {
namespace {

namespace fs = std::filesystem;

void check_same_shape(const Scenario& base, const Scenario& s, const YamlNode& changes) {
  if (s.network.node_count() != base.network.node_count() ||
      s.network.link_count() != base.network.link_count()) {
    fail(changes, "the measure changes the network's nodes or links",
         "changes of values only (node_overrides, link_overrides, projects)");
  }
  if (s.demand.od.size() != base.demand.od.size()) {
    fail(changes, "the measure changes the number of OD pairs", "the base scenario's OD pairs");
  }
}

LoadedMeasure load_one(const YamlNode& item, std::size_t index, const YamlNode& base_tree,
                       const FileList& base_files, const Scenario& base, const fs::path& dir) {
  const std::string what = "measures[" + std::to_string(index) + "]";
  const MapReader m(item, what, {"id", "name", "source", "changes"});
  LoadedMeasure out;
  out.id = as_identifier(m.required("id"), what + ".id");
  out.name = as_text(m.required("name"), what + ".name");
  out.source = as_text(m.required("source"), what + ".source");
  YamlNode changes = m.required("changes");
  if (!changes.is_map())
    fail(changes, what + ".changes is " + std::string(changes.kind_name()),
         "a map of scenario keys");
  // A measure may change these top-level scenario keys; the horizon, the corridor
  // definition and the name stay the base's so that runs compare year by year.
  (void)MapReader(changes, what + ".changes",
                  {"projects", "disruptions", "network", "demand", "assignment"});
  resolve_paths(changes, dir);
  YamlNode merged = base_tree;
  merge_yaml(merged, changes);
  out.scenario = decode_scenario(merged, base_files).scenario;
  check_same_shape(base, out.scenario, m.required("changes"));
  return out;
}

}  // namespace

std::vector<LoadedMeasure> load_measures(const fs::path& scenario_path,
                                         const fs::path& measures_path) {
  FileList files;
  const YamlNode base_tree = load_scenario_tree(scenario_path, files);
  const Scenario base = decode_scenario(base_tree, files).scenario;
  const std::string name = measures_path.lexically_normal().generic_string();
  const YamlNode root = parse_yaml(read_text_file(measures_path, name), name);
  if (!root.is_map())
    fail(root, "a measures file holds " + std::string(root.kind_name()), "a map with 'measures'");
  const MapReader m(root, "the measures file", {"format", "measures"});
  if (const YamlNode* f = m.optional("format")) (void)as_integer(*f, "format", 1, 1);
  const YamlNode& list = m.required("measures");
  const std::vector<YamlNode>& items = as_list(list, "measures");
  if (items.empty()) fail(list, "the measures list is empty", "at least one measure");
  std::vector<LoadedMeasure> out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    LoadedMeasure lm = load_one(items[i], i, base_tree, files, base, measures_path.parent_path());
    const auto same =
        std::find_if(out.begin(), out.end(), [&](const LoadedMeasure& o) { return o.id == lm.id; });
    if (same != out.end())
      fail(*items[i].find("id"), "measure id '" + lm.id + "' used twice", "unique measure ids");
    out.push_back(std::move(lm));
  }
  return out;
}

}  // namespace corridor::io
