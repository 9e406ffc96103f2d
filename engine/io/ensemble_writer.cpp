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

std::string quantiles_csv(const Scenario& s, const analysis::EnsembleResult& r,
                          const analysis::EnsembleSummary& q) {
  std::string out = "year,segment,quantile,corridor_t\n";
  const std::uint32_t width = r.segment_count + 1;
  const std::size_t levels = q.quantile_levels.size();
  for (std::size_t y = 0; y < r.years.size(); ++y) {
    for (std::uint32_t seg = 0; seg < width; ++seg) {
      for (std::size_t k = 0; k < levels; ++k) {
        out += std::to_string(r.years[y]) + ',' + segment_name(s, seg) + ',' +
               fixed_number(q.quantile_levels[k], 2) + ',' +
               fixed_number(q.quantiles_t[(y * width + seg) * levels + k], 3) + '\n';
      }
    }
  }
  return out;
}

std::string reach_csv(const analysis::EnsembleResult& r, const analysis::EnsembleSummary& q) {
  std::string out = "year,threshold_t,probability\n";
  for (std::size_t y = 0; y < r.years.size(); ++y) {
    for (std::size_t k = 0; k < q.thresholds_t.size(); ++k) {
      out += std::to_string(r.years[y]) + ',' + fixed_number(q.thresholds_t[k], 0) + ',' +
             fixed_number(q.reach_probability[k * r.years.size() + y], 6) + '\n';
    }
  }
  return out;
}

std::string reach_year_csv(const analysis::EnsembleResult& r, const analysis::EnsembleSummary& q) {
  std::string out = "threshold_t,first_year,share\n";
  for (std::size_t k = 0; k < q.thresholds_t.size(); ++k) {
    const std::size_t n = r.years.size();
    double reached = 0.0;
    for (std::size_t y = 0; y < n; ++y) {
      const double share = q.first_year_share[k * n + y];
      reached += share;
      if (share > 0.0)
        out += fixed_number(q.thresholds_t[k], 0) + ',' + std::to_string(r.years[y]) + ',' +
               fixed_number(share, 6) + '\n';
    }
    out += fixed_number(q.thresholds_t[k], 0) + ",not reached," + fixed_number(1.0 - reached, 6) +
           '\n';
  }
  return out;
}

std::string draws_csv(const Scenario& s, const analysis::EnsembleResult& r) {
  std::string out = "draw,year,segment,corridor_t\n";
  for (std::uint32_t d = 0; d < r.draw_count; ++d) {
    for (std::size_t y = 0; y < r.years.size(); ++y) {
      for (std::uint32_t seg = 0; seg <= r.segment_count; ++seg) {
        out += std::to_string(r.first_draw + d) + ',' + std::to_string(r.years[y]) + ',' +
               segment_name(s, seg) + ',' + fixed_number(r.at(d, y, seg), 3) + '\n';
      }
    }
  }
  return out;
}

// The year by which the share of draws that reached the threshold first
// passes `p`, or null.
nlohmann::ordered_json year_with_probability(const analysis::EnsembleResult& r,
                                             const analysis::EnsembleSummary& q, std::size_t k,
                                             double p) {
  for (std::size_t y = 0; y < r.years.size(); ++y) {
    if (q.reach_probability[k * r.years.size() + y] >= p) return r.years[y];
  }
  return nullptr;
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
  json milestones = json::object();
  for (std::size_t k = 0; k < q.thresholds_t.size(); ++k) {
    const std::size_t last = k * r.years.size() + r.years.size() - 1;
    milestones[fixed_number(q.thresholds_t[k] / 1e6, 0) + "_Mt"] = {
        {"probability_by_end", std::round(q.reach_probability[last] * 1e6) / 1e6},
        {"year_p10", year_with_probability(r, q, k, 0.1)},
        {"year_p50", year_with_probability(r, q, k, 0.5)},
        {"year_p90", year_with_probability(r, q, k, 0.9)}};
  }
  j["reaching"] = milestones;
  return j;
}

}  // namespace

void write_ensemble(const std::filesystem::path& dir, const Scenario& scenario,
                    const analysis::EnsembleResult& result,
                    const analysis::EnsembleSummary& summary, const RunMetadata& metadata,
                    bool per_draw) {
  write_file_atomically(dir / "corridor_quantiles.csv", quantiles_csv(scenario, result, summary));
  write_file_atomically(dir / "reach_probability.csv", reach_csv(result, summary));
  write_file_atomically(dir / "reach_year.csv", reach_year_csv(result, summary));
  if (per_draw) write_file_atomically(dir / "draws.csv", draws_csv(scenario, result));
  write_file_atomically(dir / "ensemble_summary.json",
                        summary_json(scenario, result, summary, metadata).dump(2) + "\n");
}

}  // namespace corridor::io
