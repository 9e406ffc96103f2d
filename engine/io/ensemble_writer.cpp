#include "corridor/io/ensemble_writer.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <string>

#include "corridor/io/atomic_file.hpp"
#include "corridor/version.hpp"
#include "io/csv_format.hpp"

namespace corridor::io {
namespace {

std::string segment_name(const Scenario& s, std::uint32_t seg) {
  return seg < s.demand.segments.size() ? s.demand.segments[seg].id : std::string("all");
}

// The value columns: tonnes for a measure in tonnes, TEU for one in TEU.
std::string value_cells(const CorridorMeasure& c, double value, int decimals) {
  return c.in_teu() ? "," + fixed_number(value, decimals) : fixed_number(value, decimals) + ",";
}

std::string quantiles_csv(const Scenario& s, const analysis::EnsembleResult& r,
                          const analysis::EnsembleSummary& q) {
  std::string out = "measure,year,segment,quantile,corridor_t,corridor_teu\n";
  for (std::uint32_t m = 0; m < r.measure_count; ++m) {
    const CorridorMeasure& c = s.corridor.measures[m];
    for (std::size_t y = 0; y < r.years.size(); ++y) {
      for (std::uint32_t seg = 0; seg <= r.segment_count; ++seg) {
        if (seg < r.segment_count && c.weight(seg) == 0.0) continue;
        for (std::size_t k = 0; k < q.quantile_levels.size(); ++k) {
          out += c.id + ',' + std::to_string(r.years[y]) + ',' + segment_name(s, seg) + ',' +
                 fixed_number(q.quantile_levels[k], 2) + ',' +
                 value_cells(c, q.quantile(r, y, m, seg, k), 3) + '\n';
        }
      }
    }
  }
  return out;
}

std::string reach_csv(const Scenario& s, const analysis::EnsembleResult& r,
                      const analysis::EnsembleSummary& q) {
  std::string out = "measure,year,threshold,unit,probability\n";
  for (std::uint32_t m = 0; m < r.measure_count; ++m) {
    const CorridorMeasure& c = s.corridor.measures[m];
    const analysis::MeasureReach& reach = q.reach[m];
    for (std::size_t y = 0; y < r.years.size(); ++y) {
      for (std::size_t k = 0; k < reach.thresholds.size(); ++k) {
        out += c.id + ',' + std::to_string(r.years[y]) + ',' +
               fixed_number(reach.thresholds[k], 0) + ',' + c.unit() + ',' +
               fixed_number(reach.probability[k * r.years.size() + y], 6) + '\n';
      }
    }
  }
  return out;
}

std::string reach_year_csv(const Scenario& s, const analysis::EnsembleResult& r,
                           const analysis::EnsembleSummary& q) {
  std::string out = "measure,threshold,unit,first_year,share\n";
  const std::size_t n = r.years.size();
  for (std::uint32_t m = 0; m < r.measure_count; ++m) {
    const CorridorMeasure& c = s.corridor.measures[m];
    const analysis::MeasureReach& reach = q.reach[m];
    for (std::size_t k = 0; k < reach.thresholds.size(); ++k) {
      const std::string head =
          c.id + ',' + fixed_number(reach.thresholds[k], 0) + ',' + c.unit() + ',';
      double reached = 0.0;
      for (std::size_t y = 0; y < n; ++y) {
        const double share = reach.first_year_share[k * n + y];
        reached += share;
        if (share > 0.0)
          out += head + std::to_string(r.years[y]) + ',' + fixed_number(share, 6) + '\n';
      }
      out += head + "not reached," + fixed_number(1.0 - reached, 6) + '\n';
    }
  }
  return out;
}

std::string draws_csv(const Scenario& s, const analysis::EnsembleResult& r) {
  std::string out = "draw,measure,year,segment,corridor_t,corridor_teu\n";
  for (std::uint32_t d = 0; d < r.draw_count; ++d) {
    for (std::uint32_t m = 0; m < r.measure_count; ++m) {
      const CorridorMeasure& c = s.corridor.measures[m];
      for (std::size_t y = 0; y < r.years.size(); ++y) {
        for (std::uint32_t seg = 0; seg <= r.segment_count; ++seg) {
          if (seg < r.segment_count && c.weight(seg) == 0.0) continue;
          out += std::to_string(r.first_draw + d) + ',' + c.id + ',' + std::to_string(r.years[y]) +
                 ',' + segment_name(s, seg) + ',' + value_cells(c, r.at(d, y, m, seg), 3) + '\n';
        }
      }
    }
  }
  return out;
}

// The year by which the share of draws that reached the threshold first
// passes `p`, or null.
nlohmann::ordered_json year_with_probability(const analysis::EnsembleResult& r,
                                             const analysis::MeasureReach& reach, std::size_t k,
                                             double p) {
  for (std::size_t y = 0; y < r.years.size(); ++y) {
    if (reach.probability[k * r.years.size() + y] >= p) return r.years[y];
  }
  return nullptr;
}

nlohmann::ordered_json reaching_json(const analysis::EnsembleResult& r,
                                     const analysis::MeasureReach& reach, const std::string& unit) {
  using json = nlohmann::ordered_json;
  json out = json::object();
  for (std::size_t k = 0; k < reach.thresholds.size(); ++k) {
    const std::size_t last = k * r.years.size() + r.years.size() - 1;
    out[milestone_key(reach.thresholds[k], unit)] = {
        {"probability_by_end", std::round(reach.probability[last] * 1e6) / 1e6},
        {"year_p10", year_with_probability(r, reach, k, 0.1)},
        {"year_p50", year_with_probability(r, reach, k, 0.5)},
        {"year_p90", year_with_probability(r, reach, k, 0.9)}};
  }
  return out;
}

nlohmann::ordered_json summary_json(const Scenario& s, const analysis::EnsembleResult& r,
                                    const analysis::EnsembleSummary& q, const RunMetadata& meta) {
  using json = nlohmann::ordered_json;
  json j;
  j["format_version"] = kOutputFormatVersion;
  j["engine_version"] = kVersion;
  j["scenario"] = {{"name", s.name}, {"fingerprint", meta.scenario_fingerprint}};
  j["seed"] = meta.seed;
  j["draws"] = r.draw_count;
  j["headline"] = s.corridor.headline_measure().id;
  j["reaching"] = reaching_json(r, q.reach[s.corridor.headline], "t");
  json measures = json::object();
  for (std::uint32_t m = 0; m < r.measure_count; ++m) {
    const CorridorMeasure& c = s.corridor.measures[m];
    measures[c.id] = {{"unit", c.unit()}, {"reaching", reaching_json(r, q.reach[m], c.unit())}};
  }
  j["measures"] = measures;
  return j;
}

}  // namespace

void write_ensemble(const std::filesystem::path& dir, const Scenario& scenario,
                    const analysis::EnsembleResult& result,
                    const analysis::EnsembleSummary& summary, const RunMetadata& metadata,
                    bool per_draw) {
  write_file_atomically(dir / "corridor_quantiles.csv", quantiles_csv(scenario, result, summary));
  write_file_atomically(dir / "reach_probability.csv", reach_csv(scenario, result, summary));
  write_file_atomically(dir / "reach_year.csv", reach_year_csv(scenario, result, summary));
  if (per_draw) write_file_atomically(dir / "draws.csv", draws_csv(scenario, result));
  write_file_atomically(dir / "ensemble_summary.json",
                        summary_json(scenario, result, summary, metadata).dump(2) + "\n");
}

}  // namespace corridor::io
