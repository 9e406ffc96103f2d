// Loads `observations:` (observed corridor tonnage by year) and `calibration:`
// (the free parameters of a fit, with bounds). See docs/calibration.md.
#include <algorithm>
#include <cmath>
#include <limits>

#include "io/parse_value.hpp"
#include "io/scenario_parts.hpp"
#include "io/yaml_decode.hpp"

namespace corridor::io {
namespace {

Observation read_observation(const YamlNode& node, const std::string& what, const Scenario& s) {
  const MapReader m(
      node, what,
      {"year", "measure", "value", "corridor_t", "segment", "fit", "why", "source", "note"});
  Observation o;
  const int first = static_cast<int>(s.horizon.start.year());
  const int last = static_cast<int>(s.horizon.end.year());
  o.year = static_cast<int>(as_integer(m.required("year"), "year", first, last));
  o.measure = s.corridor.headline;
  if (const YamlNode* id = m.optional("measure")) {
    const std::string text = as_text(*id, "measure");
    const std::int32_t k = s.corridor.find(text);
    if (k < 0) {
      std::vector<std::string_view> ids;
      for (const CorridorMeasure& c : s.corridor.measures) ids.push_back(c.id);
      fail(*id, "measure '" + text + "' is not one of corridor.measures" + did_you_mean(text, ids),
           "a measure id from corridor.measures (default: the headline)");
    }
    o.measure = static_cast<std::uint32_t>(k);
  }
  // `value` is in the measure's unit; `corridor_t` is the older name (tonnes).
  const YamlNode* value = m.optional("value");
  const YamlNode* tonnes = m.optional("corridor_t");
  if ((value == nullptr) == (tonnes == nullptr)) {
    fail(node, value ? "both value and corridor_t given" : "missing key 'value'",
         "the observed value in the measure's unit (value:), or corridor_t: in tonnes");
  }
  if (tonnes != nullptr && s.corridor.measures[o.measure].in_teu())
    fail(*tonnes, "corridor_t given for a measure in TEU", "value: in TEU");
  o.value = as_number(
      value ? *value : *tonnes, value ? "value" : "corridor_t",
      [](double x) { return x > 0 && x < 1e12; }, "a value per year > 0");
  if (const YamlNode* seg = m.optional("segment"))
    o.segment = static_cast<std::int32_t>(resolve_segment(*seg, s.demand));
  if (const YamlNode* f = m.optional("fit")) {
    o.fit = as_bool(*f, "fit");
    if (!o.fit) o.why = as_text(m.required("why"), "why");
  }
  o.source = as_text(m.required("source"), "source");
  return o;
}

// [lo, hi] with lo < hi, both accepted by `ok`.
std::pair<double, double> read_bounds(const YamlNode& node, const NumberCheck& ok,
                                      const std::string& expected) {
  const auto& items = as_list(node, "bounds");
  if (items.size() != 2)
    fail(node, "bounds has " + std::to_string(items.size()) + " values", "[lower, upper]");
  const double lo = as_number(items[0], "lower bound", ok, expected);
  const double hi = as_number(items[1], "upper bound", ok, expected);
  if (!(lo < hi))
    fail(node, "lower bound is not below the upper bound", "[lower, upper] with lower < upper");
  return {lo, hi};
}

std::uint32_t growth_step(const YamlNode& path_node, const YamlNode& from_node,
                          const Demand& demand, FreeParameter& p) {
  const std::string id = as_text(path_node, "path");
  std::vector<std::string_view> ids;
  for (std::uint32_t i = 0; i < demand.growth_paths.size(); ++i) {
    if (demand.growth_paths[i].id != id) {
      ids.push_back(demand.growth_paths[i].id);
      continue;
    }
    p.growth_path = i;
    const int from = static_cast<int>(as_integer(from_node, "from", 1900, 2200));
    const auto& steps = demand.growth_paths[i].steps;
    for (std::uint32_t k = 0; k < steps.size(); ++k) {
      if (steps[k].from_year == from) return k;
    }
    fail(from_node, "growth path '" + id + "' has no step starting in " + std::to_string(from),
         "the 'from' year of one of the path's steps");
  }
  fail(path_node, "growth path '" + id + "' is not defined" + did_you_mean(id, ids),
       "a key of demand.growth_paths");
}

std::uint32_t project_index(const YamlNode& node, const Scenario& s) {
  const std::string id = as_text(node, "project");
  std::vector<std::string_view> ids;
  for (std::uint32_t i = 0; i < s.projects.size(); ++i) {
    if (s.projects[i].id == id) return i;
    ids.push_back(s.projects[i].id);
  }
  fail(node, "project '" + id + "' is not defined or not enabled" + did_you_mean(id, ids),
       "an enabled project id");
}

bool is_series_kind(FreeParameterKind kind) {
  return kind == FreeParameterKind::series_level || kind == FreeParameterKind::series_point;
}

// A series' level, or one of its points: sets the indices and the label,
// returns the current value.
double series_target(const MapReader& m, const Scenario& s, FreeParameter& p) {
  const YamlNode& node = m.required("series");
  const std::string id = as_text(node, "series");
  std::vector<std::string_view> ids;
  for (const CostSeries& c : s.cost_series) ids.push_back(c.id);
  const auto it = std::find(ids.begin(), ids.end(), id);
  if (it == ids.end()) {
    fail(node, "cost series '" + id + "' is not defined or not enabled" + did_you_mean(id, ids),
         "an enabled cost series id");
  }
  p.series = static_cast<std::uint32_t>(it - ids.begin());
  const CostSeries& c = s.cost_series[p.series];
  const std::string kind(to_string(p.kind));
  if (p.kind == FreeParameterKind::series_level) {
    p.label = kind + "[" + c.id + "]";
    return c.level;
  }
  const auto last = static_cast<long long>(c.points.size()) - 1;
  p.point = static_cast<std::uint32_t>(as_integer(m.required("point"), "point", 0, last));
  p.label = kind + "[" + c.id + "@" + std::to_string(p.point) + "]";
  return c.points[p.point].value;
}

// Reads kind-specific keys, the bounds and the current scenario value (the default initial value).
bool is_route_choice_kind(FreeParameterKind kind) {
  return kind == FreeParameterKind::family_constant || kind == FreeParameterKind::inertia ||
         kind == FreeParameterKind::path_size;
}

// A family constant (by its id), the inertia or the path-size coefficient.
double route_choice_target(const MapReader& m, const Scenario& s, FreeParameter& p) {
  const std::string kind(to_string(p.kind));
  if (!s.route_choice.enabled) {
    fail(m.required("parameter"), kind + " needs route families", "a route_choice section");
  }
  if (p.kind == FreeParameterKind::inertia) {
    p.label = kind;
    return s.route_choice.inertia;
  }
  if (p.kind == FreeParameterKind::path_size) {
    p.label = kind;
    return s.route_choice.path_size;
  }
  const YamlNode& id = m.required("constant");
  const std::string text = as_text(id, "constant");
  std::vector<std::string_view> ids;
  for (std::uint32_t i = 0; i < s.route_choice.constants.size(); ++i) {
    if (s.route_choice.constants[i].id == text) {
      const FamilyConstant& c = s.route_choice.constants[i];
      p.constant = i;
      if (const YamlNode* point = m.optional("point")) {
        if (c.points.empty())
          fail(*point, "constant '" + text + "' has no dated points", "no 'point'");
        const auto last = static_cast<long long>(c.points.size()) - 1;
        p.constant_point = static_cast<std::int32_t>(as_integer(*point, "point", 0, last));
        p.label = kind + "[" + text + "@" + std::to_string(p.constant_point) + "]";
        return c.points[static_cast<std::size_t>(p.constant_point)].value;
      }
      p.label = kind + "[" + text + "]";
      return c.usd_per_t;
    }
    ids.push_back(s.route_choice.constants[i].id);
  }
  fail(id, "constant '" + text + "' is not in route_choice.constants" + did_you_mean(text, ids),
       "the id of a family constant");
}

double read_target(const MapReader& m, const Scenario& s, FreeParameter& p) {
  const auto needs = [&m](std::string_view key, bool wanted) {
    if (!wanted && m.optional(key) != nullptr) {
      fail(*m.optional(key), std::string(key) + " does not apply to this parameter",
           "no '" + std::string(key) + "'");
    }
  };
  const bool by_segment =
      p.kind == FreeParameterKind::demand_scale || p.kind == FreeParameterKind::logit_dispersion;
  needs("segment", by_segment);
  needs("element", p.kind == FreeParameterKind::risk_premium);
  needs("path", p.kind == FreeParameterKind::growth_rate);
  needs("from", p.kind == FreeParameterKind::growth_rate);
  needs("project", p.kind == FreeParameterKind::project_value);
  needs("series", is_series_kind(p.kind));
  needs("point",
        p.kind == FreeParameterKind::series_point || p.kind == FreeParameterKind::family_constant);
  needs("constant", p.kind == FreeParameterKind::family_constant);
  if (is_series_kind(p.kind)) return series_target(m, s, p);
  if (is_route_choice_kind(p.kind)) return route_choice_target(m, s, p);
  const std::string kind(to_string(p.kind));
  if (by_segment) {
    p.segment = resolve_segment(m.required("segment"), s.demand);
    p.label = kind + "[" + s.demand.segments[p.segment].id + "]";
    const Segment& seg = s.demand.segments[p.segment];
    return p.kind == FreeParameterKind::demand_scale ? seg.scale : seg.logit_dispersion_per_usd;
  }
  if (p.kind == FreeParameterKind::risk_premium) {
    const YamlNode& el = m.required("element");
    for (const ElementRef& e : resolve_elements(el, s.network, "element")) {
      if (e.kind != ElementRef::Kind::link)
        fail(el, "a risk premium belongs to links, not nodes", "link ids");
      p.links.push_back(e.index);
    }
    p.label =
        kind + "[" + s.network.link(p.links.front()).id + (p.links.size() > 1 ? ",...]" : "]");
    return s.network.link(p.links.front()).risk_premium_usd_per_t;
  }
  if (p.kind == FreeParameterKind::project_value) {
    p.project = project_index(m.required("project"), s);
    p.label = kind + "[" + s.projects[p.project].id + "]";
    return s.projects[p.project].value;
  }
  p.growth_step = growth_step(m.required("path"), m.required("from"), s.demand, p);
  const GrowthPath& path = s.demand.growth_paths[p.growth_path];
  p.label = kind + "[" + path.id + "@" + std::to_string(path.steps[p.growth_step].from_year) + "]";
  return path.steps[p.growth_step].annual_rate;
}

FreeParameter read_free(const YamlNode& node, const std::string& what, const Scenario& s) {
  const MapReader m(node, what,
                    {"parameter", "segment", "element", "path", "from", "project", "series",
                     "point", "constant", "initial", "bounds", "note"});
  FreeParameter p;
  const std::string kind =
      as_choice(m.required("parameter"), "parameter",
                {"demand_scale", "logit_dispersion", "risk_premium", "growth_rate", "project_value",
                 "series_level", "series_point", "family_constant", "inertia", "path_size"});
  if (kind == "logit_dispersion") p.kind = FreeParameterKind::logit_dispersion;
  if (kind == "risk_premium") p.kind = FreeParameterKind::risk_premium;
  if (kind == "growth_rate") p.kind = FreeParameterKind::growth_rate;
  if (kind == "project_value") p.kind = FreeParameterKind::project_value;
  if (kind == "series_level") p.kind = FreeParameterKind::series_level;
  if (kind == "series_point") p.kind = FreeParameterKind::series_point;
  if (kind == "family_constant") p.kind = FreeParameterKind::family_constant;
  if (kind == "inertia") p.kind = FreeParameterKind::inertia;
  if (kind == "path_size") p.kind = FreeParameterKind::path_size;
  const double current = read_target(m, s, p);
  NumberCheck ok = [](double x) { return x > 0 && x <= 1000; };
  std::string expected = "a value > 0 and at most 1000";
  if (p.kind == FreeParameterKind::risk_premium) {
    ok = [](double x) { return x >= 0 && x <= 1e5; };
    expected = "USD per tonne >= 0";
  } else if (p.kind == FreeParameterKind::project_value) {
    ok = [](double x) { return std::isfinite(x) && std::abs(x) < 1e12; };
    expected = "a finite number (the project's to / times / plus value)";
  } else if (p.kind == FreeParameterKind::growth_rate) {
    ok = [](double x) { return x > -1 && x <= 10; };
    expected = "an annual rate above -1 and at most 10";
  } else if (p.kind == FreeParameterKind::series_point &&
             s.cost_series[p.series].change == CostSeries::Change::set) {
    ok = [](double x) { return x >= 0 && x < 1e12; };
    expected = "USD per tonne >= 0 (a point of a set series)";
  } else if (p.kind == FreeParameterKind::series_point) {
    ok = [](double x) { return std::abs(x) < 1e12; };
    expected = "USD per tonne (a point of an add series)";
  } else if (p.kind == FreeParameterKind::family_constant) {
    ok = [](double x) { return x >= -1e4 && x <= 1e4; };
    expected = "USD per tonne between -10000 and 10000";
  } else if (p.kind == FreeParameterKind::inertia) {
    ok = [](double x) { return x >= 0 && x < 1; };
    expected = "a share >= 0 and < 1";
  } else if (p.kind == FreeParameterKind::path_size) {
    ok = [](double x) { return x >= 0 && x <= 5; };
    expected = "a coefficient >= 0 and at most 5";
  }
  std::tie(p.lower, p.upper) = read_bounds(m.required("bounds"), ok, expected);
  p.initial = current;
  if (const YamlNode* init = m.optional("initial")) {
    p.initial = as_number(*init, "initial", ok, expected);
  }
  if (p.initial < p.lower || p.initial > p.upper) {
    fail(m.optional("initial") != nullptr ? *m.optional("initial") : m.required("bounds"),
         "initial value " + format_number(p.initial) + " of " + p.label + " is outside its bounds",
         "an initial value within [lower, upper] (default: the scenario's current value)");
  }
  return p;
}

}  // namespace

std::vector<Observation> load_observations(const YamlNode& list, const Scenario& s) {
  std::vector<Observation> out;
  const auto& items = as_list(list, "observations");
  for (std::size_t i = 0; i < items.size(); ++i) {
    Observation o = read_observation(items[i], "observations[" + std::to_string(i) + "]", s);
    for (const Observation& before : out) {
      if (before.year == o.year && before.segment == o.segment && before.measure == o.measure) {
        fail(*items[i].find("year"),
             "a second observation for " + std::to_string(o.year) + ", this measure and segment",
             "one observation per year, measure and segment");
      }
    }
    out.push_back(o);
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Observation& a, const Observation& b) { return a.year < b.year; });
  return out;
}

CalibrationSpec load_calibration(const YamlNode& section, const Scenario& s) {
  const MapReader m(section, "calibration", {"free"});
  CalibrationSpec spec;
  const YamlNode& free = m.required("free");
  const auto& items = as_list(free, "calibration.free");
  for (std::size_t i = 0; i < items.size(); ++i) {
    FreeParameter p = read_free(items[i], "calibration.free[" + std::to_string(i) + "]", s);
    for (const FreeParameter& before : spec.free) {
      if (before.label == p.label)
        fail(items[i], "parameter " + p.label + " is free twice", "each parameter once");
    }
    spec.free.push_back(p);
  }
  if (spec.free.empty()) fail(free, "calibration.free is empty", "at least one free parameter");
  return spec;
}

}  // namespace corridor::io
