// Writers for `corridor calibrate`: tables, JSON summary and the override scenario.
#include "corridor/io/calibration_writer.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <map>

#include "corridor/io/atomic_file.hpp"
#include "corridor/version.hpp"
#include "io/csv_format.hpp"
#include "io/parse_value.hpp"

namespace corridor::io {
namespace {

namespace fs = std::filesystem;

// Enough digits to reproduce a fitted value; NaN prints empty (CSV) .
std::string num(double x) {
  if (!std::isfinite(x)) return {};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.8g", x);
  return buf;
}

std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string segment_name(const Scenario& s, std::int32_t segment) {
  return segment < 0 ? std::string("all") : s.demand.segments[static_cast<std::size_t>(segment)].id;
}

std::string parameters_csv(const analysis::CalibrationResult& r) {
  std::string out = "parameter,initial,value,standard_error,lower,upper,at_bound,identified\n";
  for (const analysis::FittedParameter& p : r.parameters) {
    out += p.label + "," + num(p.initial) + "," + num(p.value) + "," + num(p.standard_error) + "," +
           num(p.lower) + "," + num(p.upper) + "," + (p.at_bound ? "true" : "false") + "," +
           (p.identified ? "true" : "false") + "\n";
  }
  return out;
}

// in-sample, check (an observation marked fit: false) or backcast.
std::string sample_name(const analysis::ObservationFit& o) {
  if (o.in_sample) return "in-sample";
  return o.observation.fit ? "backcast" : "check";
}

std::string residuals_csv(const Scenario& s, const analysis::CalibrationResult& r) {
  std::string out = "year,measure,segment,unit,observed,fitted,relative_error,sample,source\n";
  for (const analysis::ObservationFit& o : r.observations) {
    const CorridorMeasure& c = s.corridor.measures[o.observation.measure];
    out += std::to_string(o.observation.year) + "," + c.id + "," +
           segment_name(s, o.observation.segment) + "," + c.unit() + "," +
           num(o.observation.value) + "," + num(std::round(o.fitted)) + "," +
           num(o.relative_error) + "," + sample_name(o) + "," + csv_field(o.observation.source) +
           "\n";
  }
  return out;
}

nlohmann::ordered_json summary_json(const Scenario& s, const analysis::CalibrationResult& r,
                                    const RunMetadata& meta, double wall_seconds) {
  using json = nlohmann::ordered_json;
  const auto finite = [](double x) { return std::isfinite(x) ? json(x) : json(nullptr); };
  json params = json::array();
  for (const analysis::FittedParameter& p : r.parameters) {
    params.push_back({{"parameter", p.label},
                      {"initial", p.initial},
                      {"value", p.value},
                      {"standard_error", finite(p.standard_error)},
                      {"bounds", {p.lower, p.upper}},
                      {"at_bound", p.at_bound},
                      {"identified", p.identified}});
  }
  json obs = json::array();
  for (const analysis::ObservationFit& o : r.observations) {
    const CorridorMeasure& c = s.corridor.measures[o.observation.measure];
    obs.push_back({{"year", o.observation.year},
                   {"measure", c.id},
                   {"segment", segment_name(s, o.observation.segment)},
                   {"unit", c.unit()},
                   {"observed", o.observation.value},
                   {"fitted", std::round(o.fitted)},
                   {"relative_error", o.relative_error},
                   {"sample", sample_name(o)},
                   {"source", o.observation.source}});
  }
  return json{{"output_format", kOutputFormatVersion},
              {"engine_version", kVersion},
              {"scenario", s.name},
              {"scenario_fingerprint", meta.scenario_fingerprint},
              {"status", std::string(analysis::to_string(r.status))},
              {"reason", r.reason},
              {"observations_in_sample", r.in_sample},
              {"free_parameters", r.parameters.size()},
              {"degrees_of_freedom", r.degrees_of_freedom},
              {"jacobian_rank", r.jacobian_rank},
              {"initial_sum_squares", r.initial_sum_squares},
              {"sum_squares", r.sum_squares},
              {"iterations", r.iterations},
              {"simulations", r.evaluations},
              {"wall_seconds", std::round(wall_seconds * 100.0) / 100.0},
              {"parameters", params},
              {"observations", obs}};
}

constexpr const char* kSource = "calibrated by corridor calibrate, see calibration/parameters.csv";

std::string segments_yaml(const Scenario& s, const analysis::CalibrationResult& r) {
  std::map<std::uint32_t, std::string> keys;  // segment index → "scale: x, ..."
  for (std::size_t j = 0; j < r.parameters.size(); ++j) {
    const FreeParameter& p = s.calibration.free[j];
    const char* key = p.kind == FreeParameterKind::demand_scale       ? "scale"
                      : p.kind == FreeParameterKind::logit_dispersion ? "logit_dispersion_per_usd"
                                                                      : nullptr;
    if (key != nullptr)
      keys[p.segment] += std::string(", ") + key + ": " + num(r.parameters[j].value);
  }
  std::string out;
  for (const auto& [segment, text] : keys)
    out += "    - {id: " + s.demand.segments[segment].id + text + "}\n";
  return out.empty() ? out : "  segments:\n" + out;
}

// A path is written whole (a YAML list replaces its base); unfitted steps keep their rate.
std::string growth_yaml(const Scenario& s, const analysis::CalibrationResult& r) {
  std::map<std::uint32_t, std::vector<std::pair<GrowthStep, bool>>> paths;  // step, fitted
  for (std::size_t j = 0; j < r.parameters.size(); ++j) {
    const FreeParameter& p = s.calibration.free[j];
    if (p.kind != FreeParameterKind::growth_rate) continue;
    auto [it, fresh] = paths.try_emplace(p.growth_path);
    if (fresh) {
      for (const GrowthStep& g : s.demand.growth_paths[p.growth_path].steps)
        it->second.emplace_back(g, false);
    }
    it->second[p.growth_step] = {{it->second[p.growth_step].first.from_year, r.parameters[j].value},
                                 true};
  }
  std::string out;
  for (const auto& [path, steps] : paths) {
    out += "    " + s.demand.growth_paths[path].id + ":\n";
    for (const auto& [g, fitted] : steps) {
      out += "      - {from: " + std::to_string(g.from_year) + ", rate: " + num(g.annual_rate) +
             ", source: " + quoted(fitted ? kSource : "as in the base scenario (not fitted)") +
             "}\n";
    }
  }
  return out.empty() ? out : "  growth_paths:\n" + out;
}

std::string links_yaml(const Scenario& s, const analysis::CalibrationResult& r) {
  std::string out;
  for (std::size_t j = 0; j < r.parameters.size(); ++j) {
    const FreeParameter& p = s.calibration.free[j];
    if (p.kind != FreeParameterKind::risk_premium) continue;
    for (const LinkIndex a : p.links) {
      out += "    - {id: " + s.network.link(a).id +
             ", risk_premium_usd_per_t: " + num(r.parameters[j].value) +
             ", source: " + quoted(kSource) + "}\n";
    }
  }
  return out.empty() ? out : "network:\n  link_overrides:\n" + out;
}

std::string projects_yaml(const Scenario& s, const analysis::CalibrationResult& r) {
  std::string out;
  for (std::size_t j = 0; j < r.parameters.size(); ++j) {
    const FreeParameter& p = s.calibration.free[j];
    if (p.kind != FreeParameterKind::project_value) continue;
    const Project& project = s.projects[p.project];
    const char* key = project.change == Project::Change::set_to        ? "to"
                      : project.change == Project::Change::multiply_by ? "times"
                                                                       : "plus";
    out += "  - {id: " + project.id + ", " + key + ": " + num(r.parameters[j].value) + "}\n";
  }
  return out.empty() ? out : "projects:\n" + out;
}

// Dated points are written whole (a YAML list replaces its base); unfitted
// points keep their value exactly. Fitted values by point, for one series or constant.
using PointValues = std::map<std::uint32_t, std::vector<std::string>>;

void set_point(PointValues& fitted, std::uint32_t owner, const std::vector<SeriesPoint>& points,
               std::size_t point, const std::string& value) {
  auto [it, fresh] = fitted.try_emplace(owner);
  if (fresh) {
    for (const SeriesPoint& q : points) it->second.push_back(format_number(q.value));
  }
  it->second[point] = value;
}

std::string points_yaml(const std::vector<SeriesPoint>& points,
                        const std::vector<std::string>& values) {
  std::string out = ", points: [";
  for (std::size_t k = 0; k < values.size(); ++k) {
    out += std::string(k == 0 ? "" : ", ") + "{date: " + format_date(points[k].date) +
           ", value: " + values[k] + "}";
  }
  return out + "]";
}

std::string series_yaml(const Scenario& s, const analysis::CalibrationResult& r) {
  std::map<std::uint32_t, std::string> level;  // series index → ", level: x"
  PointValues fitted_points;                   // series index → values
  for (std::size_t j = 0; j < r.parameters.size(); ++j) {
    const FreeParameter& p = s.calibration.free[j];
    if (p.kind == FreeParameterKind::series_level) {
      level[p.series] = ", level: " + num(r.parameters[j].value);
    } else if (p.kind == FreeParameterKind::series_point) {
      set_point(fitted_points, p.series, s.cost_series[p.series].points, p.point,
                num(r.parameters[j].value));
    }
  }
  std::string out;
  for (std::uint32_t i = 0; i < s.cost_series.size(); ++i) {
    const auto values = fitted_points.find(i);
    if (!level.contains(i) && values == fitted_points.end()) continue;
    out += "  - {id: " + s.cost_series[i].id + (level.contains(i) ? level[i] : "");
    if (values != fitted_points.end()) out += points_yaml(s.cost_series[i].points, values->second);
    out += "}\n";
  }
  return out.empty() ? out : "cost_series:\n" + out;
}

// Fitted family constants (by id; a dated constant's points written whole, as
// a series'), inertia and path-size coefficient.
std::string route_choice_yaml(const Scenario& s, const analysis::CalibrationResult& r) {
  std::string keys;
  std::map<std::uint32_t, std::string> value;  // constant → usd_per_t
  PointValues fitted_points;                   // constant → point values
  for (std::size_t j = 0; j < r.parameters.size(); ++j) {
    const FreeParameter& p = s.calibration.free[j];
    if (p.kind == FreeParameterKind::inertia)
      keys += "  inertia: " + num(r.parameters[j].value) + "\n";
    if (p.kind == FreeParameterKind::path_size)
      keys += "  path_size: " + num(r.parameters[j].value) + "\n";
    if (p.kind != FreeParameterKind::family_constant) continue;
    if (p.constant_point < 0) {
      value[p.constant] = num(r.parameters[j].value);
      continue;
    }
    set_point(fitted_points, p.constant, s.route_choice.constants[p.constant].points,
              static_cast<std::size_t>(p.constant_point), num(r.parameters[j].value));
  }
  std::string constants;
  for (std::uint32_t i = 0; i < s.route_choice.constants.size(); ++i) {
    const FamilyConstant& c = s.route_choice.constants[i];
    const auto points = fitted_points.find(i);
    if (!value.contains(i) && points == fitted_points.end()) continue;
    constants += "    - {id: " + c.id;
    if (value.contains(i)) constants += ", usd_per_t: " + value[i];
    if (points != fitted_points.end()) constants += points_yaml(c.points, points->second);
    constants += ", source: " + quoted(kSource) + "}\n";
  }
  if (!constants.empty()) keys += "  constants:\n" + constants;
  return keys.empty() ? keys : "route_choice:\n" + keys;
}

}  // namespace

std::string calibrated_yaml(const Scenario& s, const analysis::CalibrationResult& r,
                            const fs::path& scenario_file, const fs::path& out_dir) {
  const fs::path base = fs::weakly_canonical(fs::absolute(scenario_file));
  const fs::path dir = fs::weakly_canonical(fs::absolute(out_dir));
  std::string out =
      "# Written by `corridor calibrate` (status: " + std::string(analysis::to_string(r.status)) +
      "). Fitted values over the base scenario; see parameters.csv and residuals.csv.\n";
  out += "extends: " + base.lexically_relative(dir).generic_string() + "\n";
  out += "name: " + s.name + "-calibrated\n";
  const std::string demand = segments_yaml(s, r) + growth_yaml(s, r);
  if (!demand.empty()) out += "demand:\n" + demand;
  out += links_yaml(s, r);
  out += projects_yaml(s, r);
  out += series_yaml(s, r);
  out += route_choice_yaml(s, r);
  return out;
}

void write_calibration(const fs::path& out_dir, const Scenario& s, const fs::path& scenario_file,
                       const analysis::CalibrationResult& r, const RunMetadata& meta,
                       double wall_seconds) {
  write_file_atomically(out_dir / "parameters.csv", parameters_csv(r));
  write_file_atomically(out_dir / "residuals.csv", residuals_csv(s, r));
  write_file_atomically(out_dir / "calibrated.yaml", calibrated_yaml(s, r, scenario_file, out_dir));
  // Last, as for `corridor run`: when summary.json is there, the folder is complete.
  write_file_atomically(out_dir / "summary.json",
                        summary_json(s, r, meta, wall_seconds).dump(2) + "\n");
}

}  // namespace corridor::io
