// Loads the `uncertainty:` section: distributions of growth, project dates,
// random closures, demand shocks and cost series levels for Monte-Carlo ensembles.
#include <algorithm>

#include "io/parse_value.hpp"
#include "io/scenario_parts.hpp"
#include "io/yaml_decode.hpp"

namespace corridor::io {
namespace {

const auto kAny = [](double) { return true; };

// A number (fixed), or one of {uniform: [a, b]}, {normal: [mean, sd]},
// {triangular: [min, mode, max]}; every value must satisfy `ok`.
Distribution read_distribution(const YamlNode& node, const std::string& what, const NumberCheck& ok,
                               const std::string& range) {
  Distribution d;
  if (node.is_scalar()) {
    d.a = as_number(node, what, ok, range);
    return d;
  }
  const MapReader m(node, what, {"uniform", "normal", "triangular"});
  if (node.entries.size() != 1)
    fail(node, what + " names " + std::to_string(node.entries.size()) + " distributions",
         "exactly one of uniform, normal, triangular");
  const YamlEntry& e = node.entries.front();
  const auto& items = as_list(e.value, what + "." + e.key);
  const std::size_t want = e.key == "triangular" ? 3 : 2;
  if (items.size() != want) {
    fail(e.value, what + "." + e.key + " has " + std::to_string(items.size()) + " numbers",
         std::to_string(want) + " numbers");
  }
  std::vector<double> v;
  v.reserve(items.size());
  for (const YamlNode& item : items) v.push_back(as_number(item, what, kAny, "a number"));
  if (e.key == "uniform") {
    d.kind = Distribution::Kind::uniform;
    d.a = v[0];
    d.b = v[1];
    if (!(d.a < d.b))
      fail(e.value, what + ": uniform needs min < max", "[min, max] with min < max");
    if (!ok(d.a) || !ok(d.b)) fail(e.value, what + ": bounds out of range", range);
  } else if (e.key == "normal") {
    d.kind = Distribution::Kind::normal;
    d.a = v[0];
    d.b = v[1];
    if (!(d.b >= 0)) fail(items[1], what + ": normal sd is negative", "[mean, sd] with sd >= 0");
    if (!ok(d.a)) fail(items[0], what + ": mean out of range", range);
  } else {
    d.kind = Distribution::Kind::triangular;
    d.a = v[0];
    d.c = v[1];
    d.b = v[2];
    if (!(d.a < d.b && d.a <= d.c && d.c <= d.b)) {
      fail(e.value, what + ": triangular needs min <= mode <= max and min < max",
           "[min, mode, max]");
    }
    if (!ok(d.a) || !ok(d.b)) fail(e.value, what + ": bounds out of range", range);
  }
  return d;
}

template <class Items>
std::uint32_t index_of(const YamlNode& node, const Items& items, std::string_view what) {
  const std::string id = as_identifier(node, what);
  std::vector<std::string_view> ids;
  for (std::uint32_t i = 0; i < items.size(); ++i) {
    if (items[i].id == id) return i;
    ids.push_back(items[i].id);
  }
  fail(node, std::string(what) + " '" + id + "' is not defined" + did_you_mean(id, ids),
       "an existing id");
}

std::vector<GrowthUncertainty> read_growth(const YamlNode& list, const Demand& demand) {
  std::vector<GrowthUncertainty> out;
  const auto& items = as_list(list, "uncertainty.growth");
  for (std::size_t i = 0; i < items.size(); ++i) {
    const MapReader m(items[i], "uncertainty.growth[" + std::to_string(i) + "]",
                      {"path", "annual_sd", "persistent_sd", "source"});
    GrowthUncertainty g;
    g.growth_path = index_of(m.required("path"), demand.growth_paths, "growth path");
    const auto sd = [](double x) { return x >= 0 && x <= 1; };
    if (const YamlNode* v = m.optional("annual_sd"))
      g.annual_sd = as_number(*v, "annual_sd", sd, "a standard deviation from 0 to 1");
    if (const YamlNode* v = m.optional("persistent_sd"))
      g.persistent_sd = as_number(*v, "persistent_sd", sd, "a standard deviation from 0 to 1");
    (void)as_text(m.required("source"), "source");
    out.push_back(g);
  }
  return out;
}

std::vector<ProjectDelay> read_delays(const YamlNode& list, const std::vector<Project>& projects,
                                      const std::vector<std::string>& all_project_ids) {
  std::vector<ProjectDelay> out;
  const auto& items = as_list(list, "uncertainty.project_delays");
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string what = "uncertainty.project_delays[" + std::to_string(i) + "]";
    const MapReader m(items[i], what, {"project", "delay_months", "source"});
    ProjectDelay d;
    const YamlNode& p = m.required("project");
    if (as_text(p, "project") == "*") {
      for (std::uint32_t k = 0; k < projects.size(); ++k) d.projects.push_back(k);
    } else {
      const std::string id = as_identifier(p, "project");
      const auto it = std::find_if(projects.begin(), projects.end(),
                                   [&](const Project& x) { return x.id == id; });
      if (it == projects.end()) {
        const bool disabled =
            std::find(all_project_ids.begin(), all_project_ids.end(), id) != all_project_ids.end();
        std::vector<std::string_view> ids(all_project_ids.begin(), all_project_ids.end());
        fail(p,
             disabled ? "project '" + id + "' is disabled"
                      : "project '" + id + "' is not defined" + did_you_mean(id, ids),
             "an enabled project id, or '*'");
      }
      d.projects.push_back(static_cast<std::uint32_t>(it - projects.begin()));
    }
    d.delay_months = read_distribution(
        m.required("delay_months"), "delay_months", [](double x) { return x >= -120 && x <= 240; },
        "months from -120 to 240");
    (void)as_text(m.required("source"), "source");
    out.push_back(std::move(d));
  }
  return out;
}

std::vector<RandomClosure> read_closures(const YamlNode& list, const Network& network) {
  std::vector<RandomClosure> out;
  const auto& items = as_list(list, "uncertainty.random_closures");
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string what = "uncertainty.random_closures[" + std::to_string(i) + "]";
    const MapReader m(items[i], what,
                      {"id", "element", "months", "events_per_month", "duration_days", "source"});
    RandomClosure c;
    c.id = as_identifier(m.required("id"), "id");
    for (const ElementRef& e : resolve_elements(m.required("element"), network, "element")) {
      c.elements.push_back(e.kind == ElementRef::Kind::node ? e.index
                                                            : network.node_count() + e.index);
    }
    if (const YamlNode* months = m.optional("months")) {
      for (const YamlNode& month : as_list(*months, "months"))
        c.months.push_back(static_cast<unsigned>(as_integer(month, "month", 1, 12)));
    } else {
      for (unsigned month = 1; month <= 12; ++month) c.months.push_back(month);
    }
    c.events_per_month = as_number(
        m.required("events_per_month"), "events_per_month",
        [](double x) { return x >= 0 && x <= 31; }, "events per month from 0 to 31");
    c.duration_days = read_distribution(
        m.required("duration_days"), "duration_days", [](double x) { return x >= 0 && x <= 366; },
        "days from 0 to 366");
    (void)as_text(m.required("source"), "source");
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<DemandShock> read_shocks(const YamlNode& list, const Demand& demand) {
  std::vector<DemandShock> out;
  const auto& items = as_list(list, "uncertainty.demand_shocks");
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string what = "uncertainty.demand_shocks[" + std::to_string(i) + "]";
    const MapReader m(
        items[i], what,
        {"id", "segment", "probability_per_year", "size", "duration_months", "source"});
    DemandShock s;
    s.id = as_identifier(m.required("id"), "id");
    const YamlNode& seg = m.required("segment");
    if (as_text(seg, "segment") == "*") {
      for (std::uint32_t k = 0; k < demand.segments.size(); ++k) s.segments.push_back(k);
    } else {
      s.segments.push_back(index_of(seg, demand.segments, "segment"));
    }
    s.probability_per_year = as_number(
        m.required("probability_per_year"), "probability_per_year",
        [](double x) { return x >= 0 && x <= 1; }, "a probability from 0 to 1");
    s.size = read_distribution(
        m.required("size"), "size", [](double x) { return x > -1 && x <= 10; },
        "a fraction of demand above -1 (-0.2 = 20% less)");
    s.duration_months = read_distribution(
        m.required("duration_months"), "duration_months",
        [](double x) { return x > 0 && x <= 120; }, "months > 0 and at most 120");
    (void)as_text(m.required("source"), "source");
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<SeriesLevelUncertainty> read_series_levels(const YamlNode& list,
                                                       const std::vector<CostSeries>& series) {
  std::vector<SeriesLevelUncertainty> out;
  const auto& items = as_list(list, "uncertainty.cost_series");
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string what = "uncertainty.cost_series[" + std::to_string(i) + "]";
    const MapReader m(items[i], what, {"series", "level", "source"});
    SeriesLevelUncertainty u;
    u.series = index_of(m.required("series"), series, "cost series");
    for (const SeriesLevelUncertainty& before : out) {
      if (before.series == u.series)
        fail(m.required("series"), "cost series '" + series[u.series].id + "' is drawn twice",
             "each cost series once");
    }
    u.level = read_distribution(
        m.required("level"), "level", [](double x) { return x >= 0 && x <= 1000; },
        "a factor on the series' level from 0 to 1000");
    (void)as_text(m.required("source"), "source");
    out.push_back(u);
  }
  return out;
}

// route_choice: {inertia: <distribution>, constants: [{constant: id, usd_per_t: <distribution>}]}
void read_route_choice(const YamlNode& node, const Scenario& s, Uncertainty& u) {
  const MapReader m(node, "uncertainty.route_choice", {"inertia", "constants", "source"});
  if (!s.route_choice.enabled)
    fail(node, "uncertainty.route_choice needs route families", "a route_choice section");
  (void)as_text(m.required("source"), "uncertainty.route_choice.source");
  if (const YamlNode* v = m.optional("inertia")) {
    u.inertia = read_distribution(
        *v, "inertia", [](double x) { return x >= 0 && x < 1; }, "an inertia >= 0 and < 1");
  }
  if (const YamlNode* list = m.optional("constants")) {
    const auto& items = as_list(*list, "uncertainty.route_choice.constants");
    for (std::size_t i = 0; i < items.size(); ++i) {
      const MapReader c(items[i], "uncertainty.route_choice.constants[" + std::to_string(i) + "]",
                        {"constant", "usd_per_t"});
      ConstantUncertainty x;
      x.constant = index_of(c.required("constant"), s.route_choice.constants, "family constant");
      for (const ConstantUncertainty& before : u.constants) {
        if (before.constant == x.constant)
          fail(c.required("constant"), "family constant drawn twice", "each constant once");
      }
      x.usd_per_t = read_distribution(
          c.required("usd_per_t"), "usd_per_t", [](double v) { return v >= -1e4 && v <= 1e4; },
          "USD per tonne between -10000 and 10000");
      u.constants.push_back(x);
    }
  }
}

}  // namespace

Uncertainty load_uncertainty(const YamlNode& section, const Scenario& scenario,
                             const std::vector<std::string>& all_project_ids) {
  const MapReader m(section, "uncertainty",
                    {"growth", "project_delays", "random_closures", "demand_shocks", "cost_series",
                     "route_choice"});
  Uncertainty u;
  if (const YamlNode* g = m.optional("growth")) u.growth = read_growth(*g, scenario.demand);
  if (const YamlNode* d = m.optional("project_delays"))
    u.project_delays = read_delays(*d, scenario.projects, all_project_ids);
  if (const YamlNode* c = m.optional("random_closures"))
    u.closures = read_closures(*c, scenario.network);
  if (const YamlNode* s = m.optional("demand_shocks")) u.shocks = read_shocks(*s, scenario.demand);
  if (const YamlNode* c = m.optional("cost_series"))
    u.cost_series = read_series_levels(*c, scenario.cost_series);
  if (const YamlNode* r = m.optional("route_choice")) read_route_choice(*r, scenario, u);
  return u;
}

}  // namespace corridor::io
