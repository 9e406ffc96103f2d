// Measures files: a list of override fragments, each merged on top of the base
// scenario's merged tree and decoded like a scenario.
#include "corridor/io/measures_loader.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <optional>

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

void read_cost(const YamlNode& node, const std::string& what, LoadedMeasure& out) {
  const MapReader c(node, what,
                    {"capex_usd", "yearly_usd", "lead_time_months", "earliest_decision", "source"});
  const auto non_negative = [](double v) { return v >= 0.0; };
  out.has_cost = true;
  out.capex_usd =
      as_number(c.required("capex_usd"), what + ".capex_usd", non_negative, "a cost >= 0 (USD)");
  if (const YamlNode* y = c.optional("yearly_usd"))
    out.yearly_usd = as_number(*y, what + ".yearly_usd", non_negative, "a cost >= 0 (USD a year)");
  out.lead_time_months = static_cast<int>(
      as_integer(c.required("lead_time_months"), what + ".lead_time_months", 0, 600));
  out.earliest_decision_year = static_cast<int>(
      as_integer(c.required("earliest_decision"), what + ".earliest_decision", 1900, 2200));
  out.cost_source = as_text(c.required("source"), what + ".source");
}

LoadedMeasure load_one(const YamlNode& item, std::size_t index, const YamlNode& base_tree,
                       const FileList& base_files, const Scenario& base, const fs::path& dir) {
  const std::string what = "measures[" + std::to_string(index) + "]";
  const MapReader m(item, what,
                    {"id", "name", "source", "changes", "cost", "requires", "exclusive"});
  LoadedMeasure out;
  out.id = as_identifier(m.required("id"), what + ".id");
  out.name = as_text(m.required("name"), what + ".name");
  out.source = as_text(m.required("source"), what + ".source");
  if (const YamlNode* c = m.optional("cost")) read_cost(*c, what + ".cost", out);
  if (const YamlNode* r = m.optional("requires")) {
    for (const YamlNode& id : as_list(*r, what + ".requires"))
      out.requires_.push_back(as_identifier(id, what + ".requires"));
  }
  if (const YamlNode* x = m.optional("exclusive"))
    out.exclusive = as_identifier(*x, what + ".exclusive");
  YamlNode changes = m.required("changes");
  if (!changes.is_map())
    fail(changes, what + ".changes is " + std::string(changes.kind_name()),
         "a map of scenario keys");
  // A measure may change these top-level scenario keys; the horizon, the corridor
  // definition and the name stay the base's so that runs compare year by year.
  (void)MapReader(changes, what + ".changes",
                  {"projects", "disruptions", "network", "demand", "assignment", "route_choice",
                   "segment_rules"});
  resolve_paths(changes, dir);
  YamlNode merged = base_tree;
  merge_yaml(merged, changes);
  out.scenario = decode_scenario(merged, base_files).scenario;
  check_same_shape(base, out.scenario, m.required("changes"));
  return out;
}

struct LoadedFile {
  std::vector<LoadedMeasure> measures;
  YamlNode root;
  std::vector<YamlNode> items;
  Scenario base;
};

LoadedFile load_file(const fs::path& scenario_path, const fs::path& measures_path,
                     std::initializer_list<std::string_view> top_keys) {
  FileList files;
  const YamlNode base_tree = load_scenario_tree(scenario_path, files);
  const Scenario base = decode_scenario(base_tree, files).scenario;
  const std::string name = measures_path.lexically_normal().generic_string();
  const YamlNode root = parse_yaml(read_text_file(measures_path, name), name);
  if (!root.is_map())
    fail(root, "a measures file holds " + std::string(root.kind_name()), "a map with 'measures'");
  const MapReader m(root, "the measures file", top_keys);
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
  for (std::size_t i = 0; i < items.size(); ++i) {
    const YamlNode* rq = items[i].find("requires");
    for (std::size_t j = 0; j < out[i].requires_.size(); ++j) {
      const std::string& id = out[i].requires_[j];
      const bool known =
          std::any_of(out.begin(), out.end(), [&](const LoadedMeasure& o) { return o.id == id; });
      if (!known || id == out[i].id)
        fail(rq->items[j], "unknown prerequisite '" + id + "'", "the id of another measure");
    }
  }
  return {std::move(out), root, items, base};
}

}  // namespace

std::vector<LoadedMeasure> load_measures(const fs::path& scenario_path,
                                         const fs::path& measures_path) {
  return load_file(scenario_path, measures_path, {"format", "measures", "planning"}).measures;
}

namespace {

// The items of `list` (each with an id `base` lacks), taken from
// the measure's merged scenario (`merged`) into `out`; `date_of` gives the
// date each starts.
template <class T, class DateOf>
void take_new(const YamlNode* list, const std::string& what, const std::string& kind,
              const std::vector<T>& base, const std::vector<T>& merged, std::vector<T>& out,
              const DateOf& date_of, const std::function<void(Date)>& earliest) {
  if (list == nullptr) return;
  for (const YamlNode& node : as_list(*list, what + " " + kind + "s")) {
    const YamlNode* id = node.find("id");
    const std::string tid = id != nullptr ? as_identifier(*id, kind + " id") : "";
    const auto has_id = [&](const T& x) { return x.id == tid; };
    if (std::any_of(base.begin(), base.end(), has_id))
      fail(*id, what + " changes the scenario's " + kind + " '" + tid + "'",
           "a plan measure to add " + kind + "s with new ids (decided in a year, in force " +
               "after its lead time)");
    const auto it = std::find_if(merged.begin(), merged.end(), has_id);
    if (it == merged.end())
      fail(node, what + ": " + kind + " '" + tid + "' is not in force",
           "an enabled " + kind + " with an id");
    const std::optional<Date> d = date_of(*it);
    if (!d) fail(node, what + ": " + kind + " '" + tid + "' has no date", "a dated " + kind);
    out.push_back(*it);
    earliest(*d);
  }
}

// What a plan measure adds, checked: `changes` holds `projects`,
// `route_choice.through_rates` and dated `segment_rules` only, each with an id
// the base does not have; the earliest of their dates (a project's date, a
// through-rate's first point, a rule's `from`) is lead_time_months after
// 1 January of the earliest decision year.
void read_additions(const LoadedMeasure& lm, const YamlNode& item, const Scenario& base,
                    analysis::PlanMeasure& pm) {
  const YamlNode& changes = *item.find("changes");
  const std::string what = "measure '" + lm.id + "'";
  const std::string expected_changes =
      "a plan measure's changes to be new projects, through-rates and dated segment rules only";
  for (const YamlEntry& e : changes.entries) {
    if (e.key == "route_choice") {
      if (!e.value.is_map()) fail(e.value, what + " changes 'route_choice'", expected_changes);
      for (const YamlEntry& r : e.value.entries) {
        if (r.key != "through_rates")
          fail(r.value, what + " changes 'route_choice." + r.key + "'", expected_changes);
      }
    } else if (e.key != "projects" && e.key != "segment_rules") {
      fail(e.value, what + " changes '" + e.key + "'", expected_changes);
    }
  }
  using namespace std::chrono;
  std::optional<Date> first;
  const std::function<void(Date)> earliest = [&](Date d) {
    if (!first || sys_days{d} < sys_days{*first}) first = d;
  };
  take_new(
      changes.find("projects"), what, "project", base.projects, lm.scenario.projects, pm.projects,
      [](const Project& p) { return std::optional<Date>{p.in_service}; }, earliest);
  const YamlNode* rc = changes.find("route_choice");
  take_new(
      rc != nullptr ? rc->find("through_rates") : nullptr, what, "through-rate", base.through_rates,
      lm.scenario.through_rates, pm.through_rates,
      [](const ThroughRate& r) { return std::optional<Date>{r.points.front().date}; }, earliest);
  take_new(
      changes.find("segment_rules"), what, "segment rule", base.segment_rules,
      lm.scenario.segment_rules, pm.segment_rules, [](const SegmentRule& r) { return r.from; },
      earliest);
  if (!first)
    fail(changes, what + " adds nothing",
         "at least one new project, through-rate or dated segment rule");
  const year_month expected =
      year{lm.earliest_decision_year} / January + months{lm.lead_time_months};
  if (*first != expected / day{1}) {
    const auto ym = [](year_month x) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "%04d-%02u", static_cast<int>(x.year()),
                    static_cast<unsigned>(x.month()));
      return std::string(buf);
    };
    fail(*item.find("cost"),
         what + ": its earliest date is not " + std::to_string(lm.lead_time_months) +
             " months after January " + std::to_string(lm.earliest_decision_year),
         "the first project, through-rate or segment rule in force on " + ym(expected) +
             "-01 (earliest_decision + lead_time_months)");
  }
}

// Whether two segment rules set the same thing of one element: both reserve
// capacity there, or both set one segment's tariff.
bool rules_clash(const SegmentRule& a, const SegmentRule& b) {
  for (const std::uint32_t e : a.elements) {
    if (std::find(b.elements.begin(), b.elements.end(), e) == b.elements.end()) continue;
    if (!a.reserve_share.empty() && !b.reserve_share.empty()) return true;
    for (const auto& [g, usd] : a.tariff_usd_per_t) {
      if (std::any_of(b.tariff_usd_per_t.begin(), b.tariff_usd_per_t.end(),
                      [g = g](const auto& x) { return x.first == g; }))
        return true;
    }
  }
  return false;
}

// Two plan measures may not both be decided when their through-rates could
// apply to the same OD pair and segment of a family, or their segment rules
// set the same thing of an element: they must share an exclusive group.
void check_overlaps(const std::vector<analysis::PlanMeasure>& ms,
                    const std::vector<YamlNode>& items, const std::vector<std::size_t>& item_of) {
  for (std::size_t i = 0; i < ms.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (ms[i].exclusive_group >= 0 && ms[i].exclusive_group == ms[j].exclusive_group) continue;
      const auto clash = [&](const std::string& what) {
        fail(*items[item_of[i]].find("changes"),
             "measures '" + ms[j].id + "' and '" + ms[i].id + "' both " + what,
             "such measures in one exclusive group");
      };
      for (const ThroughRate& a : ms[i].through_rates) {
        for (const ThroughRate& b : ms[j].through_rates) {
          if (through_rates_overlap(a, b))
            clash("add a through-rate for some OD pair and segment of family " + a.family);
        }
      }
      for (const SegmentRule& a : ms[i].segment_rules) {
        for (const SegmentRule& b : ms[j].segment_rules) {
          if (rules_clash(a, b))
            clash("add segment rules that reserve capacity or set a tariff on one element");
        }
      }
    }
  }
}

// Prerequisites by index; a cycle fails at the first measure on it.
void check_acyclic(const std::vector<analysis::PlanMeasure>& ms, const std::vector<YamlNode>& items,
                   const std::vector<std::size_t>& item_of) {
  std::vector<int> state(ms.size(), 0);  // 0 new, 1 on the path, 2 done
  const std::function<void(std::size_t)> visit = [&](std::size_t i) {
    state[i] = 1;
    for (const std::size_t r : ms[i].requires_) {
      if (state[r] == 1)
        fail(*items[item_of[i]].find("requires"),
             "prerequisites form a cycle through '" + ms[i].id + "' and '" + ms[r].id + "'",
             "prerequisites without cycles");
      if (state[r] == 0) visit(r);
    }
    state[i] = 2;
  };
  for (std::size_t i = 0; i < ms.size(); ++i) {
    if (state[i] == 0) visit(i);
  }
}

}  // namespace

PlanCatalogue load_plan_catalogue(const fs::path& scenario_path, const fs::path& measures_path) {
  LoadedFile f = load_file(scenario_path, measures_path, {"format", "measures", "planning"});
  PlanCatalogue c;
  if (const YamlNode* pl = f.root.find("planning")) {
    const MapReader m(*pl, "planning", {"discount_rate", "source"});
    c.discount_rate = as_number(
        m.required("discount_rate"), "planning.discount_rate",
        [](double v) { return v >= 0.0 && v < 1.0; }, "a rate a year in [0, 1)");
    c.discount_rate_source = as_text(m.required("source"), "planning.source");
  }
  std::vector<std::size_t> item_of;
  std::vector<std::string> groups;
  for (std::size_t i = 0; i < f.measures.size(); ++i) {
    const LoadedMeasure& lm = f.measures[i];
    if (!lm.has_cost) {
      c.left_out.push_back(lm.id);
      continue;
    }
    analysis::PlanMeasure pm;
    pm.id = lm.id;
    pm.name = lm.name;
    pm.capex_usd = lm.capex_usd;
    pm.yearly_usd = lm.yearly_usd;
    pm.lead_time_months = lm.lead_time_months;
    pm.earliest_decision_year = lm.earliest_decision_year;
    read_additions(lm, f.items[i], f.base, pm);
    if (!lm.exclusive.empty()) {
      auto g = std::find(groups.begin(), groups.end(), lm.exclusive);
      if (g == groups.end()) g = groups.insert(groups.end(), lm.exclusive);
      pm.exclusive_group = static_cast<int>(g - groups.begin());
    }
    c.measures.push_back(std::move(pm));
    item_of.push_back(i);
  }
  if (c.measures.empty())
    fail(f.root, "no measure has a cost", "measures with a 'cost' block for corridor plan");
  for (std::size_t k = 0; k < c.measures.size(); ++k) {
    const LoadedMeasure& lm = f.measures[item_of[k]];
    for (std::size_t j = 0; j < lm.requires_.size(); ++j) {
      const auto it =
          std::find_if(c.measures.begin(), c.measures.end(),
                       [&](const analysis::PlanMeasure& o) { return o.id == lm.requires_[j]; });
      if (it == c.measures.end())
        fail(f.items[item_of[k]].find("requires")->items[j],
             "prerequisite '" + lm.requires_[j] + "' has no cost", "a measure with a 'cost' block");
      c.measures[k].requires_.push_back(static_cast<std::size_t>(it - c.measures.begin()));
    }
  }
  check_acyclic(c.measures, f.items, item_of);
  check_overlaps(c.measures, f.items, item_of);
  c.base = std::move(f.base);
  return c;
}

}  // namespace corridor::io
