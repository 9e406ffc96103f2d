#include "corridor/io/results_writer.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>

#include "corridor/io/atomic_file.hpp"
#include "corridor/io/network_geojson.hpp"
#include "corridor/version.hpp"
#include "io/csv_format.hpp"

namespace corridor::io {
namespace {

// Fixed decimals; tiny negatives from rounding print as 0; unlimited prints empty.
double rounded(double x) { return std::round(x * 1000.0) / 1000.0; }

std::string date(std::chrono::sys_days d) {
  const std::chrono::year_month_day ymd{d};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

std::string elements_csv(const Scenario& s, const sim::SimulationResult& r) {
  std::string out =
      "step_start,year,element,kind,flow_t,capacity_t,utilisation,queue_t,delay_days\n";
  for (std::size_t t = 0; t < r.steps.size(); ++t) {
    const std::string start = date(r.steps[t].first_day);
    for (std::uint32_t e = 0; e < r.element_count; ++e) {
      const std::size_t i = r.at(t, e);
      const double cap = r.element_capacity_t[i];
      const double util = std::isfinite(cap) && cap > 0 ? r.element_flow_t[i] / cap
                                                        : std::numeric_limits<double>::quiet_NaN();
      out += start + ',' + std::to_string(r.steps[t].year) + ',' + sim::element_id(s, e) + ',' +
             (e < s.network.node_count() ? "node" : "link") + ',' +
             fixed_number(r.element_flow_t[i]) + ',' + fixed_number(cap) + ',' +
             fixed_number(util, 6) + ',' + fixed_number(r.element_queue_t[i]) + ',' +
             fixed_number(r.element_delay_days[i], 4) + '\n';
    }
  }
  return out;
}

// Tonnes and, for a measure in TEU, TEU: the two value columns of the measure tables.
std::string tonnes_and_teu(const CorridorMeasure& c, double value, double teu_per_t) {
  if (!c.in_teu()) return fixed_number(value) + ',';
  return fixed_number(teu_per_t > 0.0 ? value / teu_per_t : 0.0) + ',' + fixed_number(value);
}

std::string corridor_csv(const Scenario& s, const sim::Report& report) {
  std::string out = "measure,year,segment,direction,corridor_t,corridor_teu\n";
  for (std::uint32_t m = 0; m < s.corridor.measures.size(); ++m) {
    const CorridorMeasure& c = s.corridor.measures[m];
    for (const sim::YearReport& y : report.years) {
      for (std::uint32_t g = 0; g < s.demand.segments.size(); ++g) {
        if (c.weight(g) == 0.0) continue;
        const double teu = c.in_teu() ? c.teu_per_t[g] : 1.0;
        for (unsigned d = 0; d < 2; ++d) {
          if (!c.counts_direction(d)) continue;
          out += c.id + ',' + std::to_string(y.year) + ',' + s.demand.segments[g].id + ',' +
                 (d == 0 ? "westbound," : "eastbound,") +
                 tonnes_and_teu(c, y.measures[m].by_segment_direction[2 * g + d], teu) + '\n';
        }
      }
    }
  }
  return out;
}

// Per measure and step, all counted segments and directions. For a measure in
// TEU the tonnes are its counted segments' tonnes.
std::string corridor_steps_csv(const Scenario& s, const sim::SimulationResult& r) {
  std::string out = "measure,step_start,year,corridor_t,corridor_teu\n";
  for (std::uint32_t m = 0; m < s.corridor.measures.size(); ++m) {
    const CorridorMeasure& c = s.corridor.measures[m];
    for (std::size_t t = 0; t < r.steps.size(); ++t) {
      const double value = sim::measure_step_value(s, r, m, t);
      out += c.id + ',' + date(r.steps[t].first_day) + ',' + std::to_string(r.steps[t].year) + ',';
      if (!c.in_teu()) {
        out += fixed_number(value) + ",\n";
      } else {
        out += fixed_number(sim::measure_step_value(s, r, m, t, true)) + ',' + fixed_number(value) +
               '\n';
      }
    }
  }
  return out;
}

std::string balance_csv(const Scenario& s, const sim::Report& report) {
  std::string out =
      "year,segment,queued_start_t,demand_t,delivered_t,queued_end_t,unserved_t,corridor_t,"
      "diverted_t\n";
  for (const sim::YearReport& y : report.years) {
    for (std::size_t k = 0; k < y.segments.size(); ++k) {
      const sim::SegmentYear& g = y.segments[k];
      out += std::to_string(y.year) + ',' + s.demand.segments[k].id + ',' +
             fixed_number(g.queued_start_t) + ',' + fixed_number(g.demand_t) + ',' +
             fixed_number(g.delivered_t) + ',' + fixed_number(g.queued_end_t) + ',' +
             fixed_number(g.unserved_t) + ',' + fixed_number(g.corridor_t) + ',' +
             fixed_number(g.diverted_t) + '\n';
    }
  }
  return out;
}

std::string route_shares_csv(const Scenario& s, const sim::SimulationResult& r) {
  std::string out = "year,segment,origin,destination,route,delivered_t,share\n";
  const std::size_t routes = r.routes.size();
  std::size_t t = 0;
  while (t < r.steps.size()) {
    const int year = r.steps[t].year;
    std::vector<double> sum(r.od_count * routes, 0.0);
    for (; t < r.steps.size() && r.steps[t].year == year; ++t) {
      for (std::size_t i = 0; i < sum.size(); ++i)
        sum[i] += r.od_route_t[t * r.od_count * routes + i];
    }
    for (std::uint32_t k = 0; k < r.od_count; ++k) {
      double total = 0.0;
      for (std::size_t q = 0; q < routes; ++q) total += sum[k * routes + q];
      const OdDemand& od = s.demand.od[k];
      for (std::size_t q = 0; q < routes; ++q) {
        const double v = sum[k * routes + q];
        if (v <= 0.0) continue;
        out += std::to_string(year) + ',' + s.demand.segments[od.segment].id + ',' +
               s.network.node(od.origin).id + ',' + s.network.node(od.destination).id + ',' +
               r.routes[q] + ',' + fixed_number(v) + ',' +
               fixed_number(total > 0 ? v / total : 0.0, 6) + '\n';
      }
    }
  }
  return out;
}

nlohmann::ordered_json milestones_json(const sim::Report& report,
                                       const std::vector<sim::Milestone>& milestones,
                                       const std::string& unit) {
  using json = nlohmann::ordered_json;
  const int last_year = report.years.empty() ? 0 : report.years.back().year;
  json out = json::object();
  for (const sim::Milestone& m : milestones) {
    out[milestone_key(m.threshold_t, unit)] =
        m.first_year ? json(*m.first_year) : json("not reached by " + std::to_string(last_year));
  }
  return out;
}

nlohmann::ordered_json corridor_json(const Scenario& s, const sim::Report& report) {
  using json = nlohmann::ordered_json;
  json measures = json::array();
  for (std::uint32_t m = 0; m < s.corridor.measures.size(); ++m) {
    const CorridorMeasure& c = s.corridor.measures[m];
    json elements = json::array(), segments = json::array(), values = json::array();
    for (const std::uint32_t e : c.elements) elements.push_back(sim::element_id(s, e));
    for (const std::uint32_t g : c.segments) segments.push_back(s.demand.segments[g].id);
    for (const sim::YearReport& y : report.years)
      values.push_back({{"year", y.year}, {"value", rounded(y.measures[m].value)}});
    measures.push_back(
        {{"id", c.id},
         {"name", c.name},
         {"unit", c.unit()},
         {"counts", c.counts == CorridorMeasure::Counts::routes ? "routes" : "element-flows"},
         {"elements", elements},
         {"segments", segments},
         {"direction", c.direction == CorridorMeasure::Direction::both        ? "both"
                       : c.direction == CorridorMeasure::Direction::westbound ? "westbound"
                                                                              : "eastbound"},
         {"source", c.source},
         {"first_year_reaching", milestones_json(report, report.measure_milestones[m], c.unit())},
         {"years", values}});
  }
  const CorridorMeasure& h = s.corridor.headline_measure();
  return {{"headline", h.id}, {"name", h.name}, {"measures", measures}};
}

nlohmann::ordered_json summary_json(const Scenario& s, const sim::SimulationResult& r,
                                    const sim::Report& report, const RunMetadata& meta) {
  using json = nlohmann::ordered_json;
  json j;
  j["format_version"] = kOutputFormatVersion;
  j["engine_version"] = kVersion;
  j["scenario"] = {
      {"name", s.name}, {"fingerprint", meta.scenario_fingerprint}, {"files", meta.files}};
  j["seed"] = meta.seed;
  j["corridor"] = corridor_json(s, report);
  j["first_year_reaching"] = milestones_json(report, report.milestones, "t");
  json years = json::array();
  double demand = 0, delivered = 0, corridor = 0, diverted = 0, unserved = 0;
  for (const sim::YearReport& y : report.years) {
    json row{{"year", y.year}, {"complete", y.complete}, {"corridor_t", rounded(y.corridor_t)}};
    if (y.binding_element >= 0) {
      row["binding_element"] = sim::element_id(s, static_cast<std::uint32_t>(y.binding_element));
      row["binding_utilisation"] = std::round(y.binding_utilisation * 1e6) / 1e6;
      row["binding_queue_end_t"] = rounded(y.binding_queue_end_t);
    }
    years.push_back(row);
    for (const sim::SegmentYear& g : y.segments) {
      demand += g.demand_t;
      delivered += g.delivered_t;
      corridor += g.corridor_t;
      diverted += g.diverted_t;
      unserved += g.unserved_t;
    }
  }
  j["years"] = years;
  double queued_end = 0;
  if (!r.steps.empty()) {
    for (std::uint32_t k = 0; k < r.od_count; ++k)
      queued_end += r.od_queue_t[r.od_at(r.steps.size() - 1, k)];
  }
  j["totals"] = {{"demand_t", rounded(demand)},         {"delivered_t", rounded(delivered)},
                 {"corridor_t", rounded(corridor)},     {"diverted_t", rounded(diverted)},
                 {"queued_end_t", rounded(queued_end)}, {"unserved_t", rounded(unserved)}};
  json unserved_at = json::object();
  for (std::uint32_t e = 0; e < r.element_count; ++e) {
    if (r.element_unserved_t[e] > 0.0)
      unserved_at[sim::element_id(s, e)] = rounded(r.element_unserved_t[e]);
  }
  j["unserved_by_element"] = {{"reason", "waited longer than max_queue_months"},
                              {"tonnes", unserved_at}};
  j["solver"] = {{"iterations", r.solver.iterations},
                 {"worst_relative_gap", r.solver.worst_relative_gap},
                 {"steps_not_converged", r.solver.steps_not_converged}};
  return j;
}

}  // namespace

void write_results(const std::filesystem::path& dir, const Scenario& scenario,
                   const sim::SimulationResult& result, const sim::Report& report,
                   const RunMetadata& metadata) {
  write_file_atomically(dir / "elements.csv", elements_csv(scenario, result));
  write_file_atomically(dir / "corridor_tonnage.csv", corridor_csv(scenario, report));
  write_file_atomically(dir / "corridor_steps.csv", corridor_steps_csv(scenario, result));
  write_file_atomically(dir / "balance.csv", balance_csv(scenario, report));
  write_file_atomically(dir / "route_shares.csv", route_shares_csv(scenario, result));
  write_file_atomically(dir / "network.geojson", network_geojson(scenario, result));
  write_file_atomically(dir / "summary.json",
                        summary_json(scenario, result, report, metadata).dump(2) + "\n");
}

void write_timing(const std::filesystem::path& dir, double wall_seconds) {
  const nlohmann::ordered_json j{{"wall_seconds", std::round(wall_seconds * 1e4) / 1e4}};
  write_file_atomically(dir / "timing.json", j.dump(2) + "\n");
}

}  // namespace corridor::io
