// Scenario loading: the `extends` chain, the merge, and the top-level keys.
#include "corridor/io/scenario_loader.hpp"

#include <algorithm>
#include <chrono>

#include "io/scenario_parts.hpp"
#include "io/text_file.hpp"
#include "io/yaml_decode.hpp"

namespace corridor::io {
namespace {

namespace fs = std::filesystem;

// Paths in these places are relative to the file that names them.
constexpr std::pair<std::string_view, std::string_view> kPathKeys[] = {
    {"network", "nodes"}, {"network", "links"}, {"demand", "od"}};

std::string display(const fs::path& p) { return p.lexically_normal().generic_string(); }

}  // namespace

void resolve_paths(YamlNode& root, const fs::path& dir) {
  for (const auto& [section, key] : kPathKeys) {
    YamlNode* s = root.find(section);
    YamlNode* value = (s != nullptr && s->is_map()) ? s->find(key) : nullptr;
    if (value != nullptr && value->is_scalar() && !value->scalar.empty()) {
      value->scalar = display(dir / value->scalar);
    }
  }
}

namespace {

// An override that declares corridor measures replaces a base's older
// {name, links} corridor instead of merging with it.
void drop_replaced_corridor(YamlNode& base, const YamlNode& over) {
  const YamlNode* c_over = over.find("corridor");
  YamlNode* c_base = base.find("corridor");
  if (c_over == nullptr || c_base == nullptr || !c_over->is_map() || !c_base->is_map()) return;
  if (c_over->find("measures") == nullptr && c_over->find("headline") == nullptr) return;
  std::erase_if(c_base->entries,
                [](const YamlEntry& e) { return e.key == "name" || e.key == "links"; });
}

// Loads `file` and, recursively, the scenarios it extends; returns the merged tree.
YamlNode load_chain(const fs::path& file, std::vector<fs::path>& chain, FileList& files,
                    const YamlNode* named_at) {
  const std::string name = display(file);
  std::error_code ec;
  const fs::path canonical = fs::weakly_canonical(file, ec);
  if (std::find(chain.begin(), chain.end(), canonical) != chain.end()) {
    std::string cycle;
    for (const fs::path& p : chain) cycle += display(p.filename()) + " -> ";
    fail(*named_at, "'extends' makes a cycle: " + cycle + display(file.filename()),
         "a chain of base scenarios without cycles");
  }
  if (chain.size() >= 32)
    fail(*named_at, "'extends' chain deeper than 32 files", "a shorter chain");
  std::string content;
  try {
    content = read_text_file(file, name);
  } catch (const InputError& e) {
    if (named_at == nullptr || e.where().line != 0) throw;
    fail(*named_at, "cannot read base scenario '" + name + "': " + e.message(), e.expected());
  }
  files.push_back(name);
  YamlNode tree = parse_yaml(content, name);
  if (!tree.is_map())
    fail(tree, "a scenario file holds " + std::string(tree.kind_name()), "a map of scenario keys");
  resolve_paths(tree, file.parent_path());

  const auto ext = std::find_if(tree.entries.begin(), tree.entries.end(),
                                [](const YamlEntry& e) { return e.key == "extends"; });
  if (ext == tree.entries.end()) return tree;
  const YamlNode extends_node = ext->value;
  tree.entries.erase(ext);
  const std::string base_name = as_text(extends_node, "extends");
  chain.push_back(canonical);
  YamlNode merged = load_chain(file.parent_path() / base_name, chain, files, &extends_node);
  chain.pop_back();
  drop_replaced_corridor(merged, tree);
  merge_yaml(merged, tree);
  return merged;
}

AssignmentSettings load_assignment(const YamlNode& section) {
  const MapReader m(section, "assignment",
                    {"method", "cost_function", "relative_gap", "max_iterations", "bpr_alpha",
                     "bpr_beta", "restraint_delay", "restraint_linear_from", "max_queue_months"});
  AssignmentSettings a;
  if (const YamlNode* v = m.optional("method")) {
    a.method = as_choice(*v, "assignment.method", {"user-equilibrium", "logit"}) == "logit"
                   ? AssignmentMethod::logit
                   : AssignmentMethod::user_equilibrium;
  }
  if (const YamlNode* v = m.optional("cost_function")) {
    a.cost_function =
        as_choice(*v, "assignment.cost_function", {"capacity-restraint", "bpr"}) == "bpr"
            ? CostFunctionKind::bpr
            : CostFunctionKind::capacity_restraint;
  }
  if (const YamlNode* v = m.optional("relative_gap")) {
    a.relative_gap = as_number(
        *v, "relative_gap", [](double x) { return x > 0 && x < 1; }, "a relative gap > 0 and < 1");
  }
  if (const YamlNode* v = m.optional("max_iterations")) {
    a.max_iterations = static_cast<std::uint32_t>(as_integer(*v, "max_iterations", 1, 1000000));
  }
  const auto positive = [](double x) { return x > 0 && x <= 100; };
  if (const YamlNode* v = m.optional("bpr_alpha"))
    a.bpr_alpha = as_number(*v, "bpr_alpha", positive, "a number > 0");
  if (const YamlNode* v = m.optional("bpr_beta")) {
    a.bpr_beta = as_number(
        *v, "bpr_beta", [](double x) { return x >= 1 && x <= 100; }, "a power >= 1");
  }
  if (const YamlNode* v = m.optional("restraint_delay")) {
    a.restraint_delay = as_number(*v, "restraint_delay", positive, "a number > 0");
  }
  if (const YamlNode* v = m.optional("restraint_linear_from")) {
    a.restraint_linear_from = as_number(
        *v, "restraint_linear_from", [](double x) { return x > 0 && x < 1; },
        "a utilisation > 0 and < 1");
  }
  if (const YamlNode* v = m.optional("max_queue_months")) {
    a.max_queue_months = as_number(
        *v, "max_queue_months", [](double x) { return x > 0 && x <= 120; },
        "months > 0 and at most 120");
  }
  return a;
}

void warn_outside_horizon(const Scenario& s, std::vector<std::string>& warnings) {
  using namespace std::chrono;
  const sys_days last{s.horizon.end / std::chrono::last};
  for (const Project& p : s.projects) {
    const sys_days d{p.in_service};
    if (d > last)
      warnings.push_back("project '" + p.id + "' comes into service after the horizon ends");
  }
  for (const CostSeries& c : s.cost_series) {
    if (sys_days{c.points.front().date} > last)
      warnings.push_back("cost series '" + c.id + "' starts after the horizon ends");
  }
}

}  // namespace

CsvTable read_table(const YamlNode& path_node, std::string_view what, FileList& files) {
  const std::string file = as_text(path_node, what);
  files.push_back(file);
  try {
    return CsvTable::read(file, file);
  } catch (const InputError& e) {
    if (e.where().line != 0) throw;
    fail(path_node, "cannot read table '" + file + "': " + e.message(), e.expected());
  }
}

YamlNode load_scenario_tree(const fs::path& path, FileList& files) {
  std::vector<fs::path> chain;
  return load_chain(path, chain, files, nullptr);
}

LoadedScenario decode_scenario(const YamlNode& root, FileList files) {
  LoadedScenario out;
  out.files = std::move(files);
  const MapReader m(
      root, "the scenario",
      {"format", "name", "description", "seed", "horizon", "network", "demand", "projects",
       "cost_series", "disruptions", "assignment", "corridor", "segment_rules", "route_choice",
       "uncertainty", "observations", "calibration", "select"});
  Scenario& s = out.scenario;
  if (const YamlNode* f = m.optional("format")) (void)as_integer(*f, "format", 1, 1);
  s.name = as_identifier(m.required("name"), "name");
  if (const YamlNode* d = m.optional("description"))
    s.description = as_text(*d, "description", true);
  if (const YamlNode* seed = m.optional("seed")) {
    s.seed = static_cast<std::uint64_t>(
        as_integer(*seed, "seed", 0, std::numeric_limits<long long>::max()));
  }
  s.horizon = load_horizon(m.required("horizon"));
  s.network = load_network(m.required("network"), out.files);
  s.demand = load_demand(m.required("demand"), s.network, out.files);
  if (const YamlNode* p = m.optional("projects")) s.projects = load_projects(*p, s.network);
  if (const YamlNode* c = m.optional("cost_series"))
    s.cost_series = load_cost_series(*c, s.network);
  if (const YamlNode* d = m.optional("disruptions"))
    s.disruptions = load_disruptions(*d, s.network);
  if (const YamlNode* a = m.optional("assignment")) s.assignment = load_assignment(*a);
  s.corridor = load_corridor(m.required("corridor"), s.network, s.demand);
  if (const YamlNode* r = m.optional("segment_rules")) s.segment_rules = load_segment_rules(*r, s);
  if (const YamlNode* r = m.optional("route_choice")) s.route_choice = load_route_choice(*r, s);
  if (const YamlNode* u = m.optional("uncertainty")) {
    std::vector<std::string> project_ids;
    if (const YamlNode* p = m.optional("projects"); p != nullptr && p->is_sequence()) {
      for (const YamlNode& item : p->items) {
        if (const YamlNode* id = item.find("id"); id != nullptr && id->is_scalar())
          project_ids.push_back(id->scalar);
      }
    }
    s.uncertainty = load_uncertainty(*u, s, project_ids);
  }
  if (const YamlNode* o = m.optional("observations")) s.observations = load_observations(*o, s);
  if (const YamlNode* c = m.optional("calibration")) s.calibration = load_calibration(*c, s);
  if (const YamlNode* v = m.optional("select")) {
    for (const ElementRef& e : resolve_elements(*v, s.network, "select element"))
      s.select.push_back(e.kind == ElementRef::Kind::node ? e.index
                                                          : s.network.node_count() + e.index);
  }
  warn_outside_horizon(s, out.warnings);
  return out;
}

LoadedScenario load_scenario(const fs::path& path) {
  FileList files;
  const YamlNode root = load_scenario_tree(path, files);
  return decode_scenario(root, std::move(files));
}

}  // namespace corridor::io
