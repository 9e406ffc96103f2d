#include "corridor/io/bottlenecks_writer.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <optional>
#include <string>

#include "corridor/io/atomic_file.hpp"
#include "corridor/sim/report.hpp"
#include "corridor/version.hpp"
#include "io/csv_format.hpp"

namespace corridor::io {
namespace {

using analysis::BottleneckAnalysis;
using json = nlohmann::ordered_json;
constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

// Fixed decimals; tiny values print as 0; non-finite prints empty.
std::string year_text(const std::optional<int>& y) {
  return y ? std::to_string(*y) : std::string();
}

json rounded(double x, double scale = 1000.0) {
  if (!std::isfinite(x)) return nullptr;
  return std::round(x * scale) / scale;
}

std::string kind(const Scenario& s, std::uint32_t e) {
  return e < s.network.node_count() ? "node" : "link";
}

bool in_cut(const analysis::CorridorCut& cut, std::uint32_t e) {
  return std::binary_search(cut.cut_elements.begin(), cut.cut_elements.end(), e);
}

std::string years_csv(const Scenario& s, const BottleneckAnalysis& a) {
  std::string out =
      "year,element,kind,capacity_t,flow_t,utilisation,queue_end_t,in_min_cut,"
      "corridor_t_per_capacity_t,user_benefit_usd_per_capacity_t\n";
  const sim::SimulationResult& r = a.base;
  for (std::size_t y = 0; y < a.base_years.years.size(); ++y) {
    const int year = a.base_years.years[y];
    std::size_t last = 0;
    std::vector<double> flow(r.element_count, 0.0);
    for (std::size_t t = 0; t < r.steps.size(); ++t) {
      if (r.steps[t].year != year) continue;
      last = t;
      for (std::uint32_t e = 0; e < r.element_count; ++e) flow[e] += r.element_flow_t[r.at(t, e)];
    }
    for (const analysis::ElementMarginal& m : a.marginals) {
      const std::uint32_t e = m.element;
      const double cap = a.year_capacity_t[y][e];
      if (!std::isfinite(cap)) continue;
      out += std::to_string(year) + ',' + sim::element_id(s, e) + ',' + kind(s, e) + ',' +
             fixed_number(cap) + ',' + fixed_number(flow[e]) + ',' +
             fixed_number(cap > 0 ? flow[e] / cap : kNan, 6) + ',' +
             fixed_number(r.element_queue_t[r.at(last, e)]) + ',' +
             (in_cut(a.cuts[y], e) ? "1" : "0") + ',' + fixed_number(m.corridor_t_per_t[y], 6) +
             ',' + fixed_number(m.user_benefit_usd_per_t[y], 6) + '\n';
    }
  }
  return out;
}

std::string step_start(const sim::SimulationResult& r, std::size_t t) {
  const std::chrono::year_month_day d{r.steps[t].first_day};
  char start[16];
  std::snprintf(start, sizeof start, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return start;
}

std::string steps_csv(const Scenario& s, const BottleneckAnalysis& a) {
  std::string out =
      "step_start,year,element,kind,capacity_t,utilisation,queue_t,corridor_t_per_capacity_t\n";
  const sim::SimulationResult& r = a.base;
  for (std::size_t t = 0; t < r.steps.size(); ++t) {
    const std::string start = step_start(r, t);
    for (const analysis::ElementMarginal& m : a.marginals) {
      const std::size_t i = r.at(t, m.element);
      const double cap = r.element_capacity_t[i];
      if (!std::isfinite(cap)) continue;
      out += start + ',' + std::to_string(r.steps[t].year) + ',' + sim::element_id(s, m.element) +
             ',' + kind(s, m.element) + ',' + fixed_number(cap) + ',' +
             fixed_number(cap > 0 ? r.element_flow_t[i] / cap : kNan, 6) + ',' +
             fixed_number(r.element_queue_t[i]) + ',' +
             fixed_number(m.step_corridor_t_per_t[t], 6) + '\n';
    }
  }
  return out;
}

std::string max_flow_csv(const BottleneckAnalysis& a) {
  std::string out = "year,complete,corridor_t,max_throughput_t,throughput_used\n";
  for (std::size_t y = 0; y < a.cuts.size(); ++y) {
    const double cap = a.cuts[y].max_throughput_t;
    out +=
        std::to_string(a.cuts[y].year) + ',' + (a.base_years.complete[y] != 0 ? "1" : "0") + ',' +
        fixed_number(a.base_years.corridor_t[y]) + ',' + fixed_number(cap) + ',' +
        fixed_number(std::isfinite(cap) && cap > 0 ? a.base_years.corridor_t[y] / cap : kNan, 6) +
        '\n';
  }
  return out;
}

std::string min_cut_csv(const Scenario& s, const BottleneckAnalysis& a) {
  std::string out = "year,element,kind,capacity_t\n";
  for (std::size_t y = 0; y < a.cuts.size(); ++y) {
    for (const std::uint32_t e : a.cuts[y].cut_elements) {
      out += std::to_string(a.cuts[y].year) + ',' + sim::element_id(s, e) + ',' + kind(s, e) + ',' +
             fixed_number(a.year_capacity_t[y][e]) + '\n';
    }
  }
  return out;
}

std::optional<int> years_earlier(const analysis::MeasureResult& m) {
  if (!m.base_year_10mt || !m.year_10mt) return std::nullopt;
  return *m.base_year_10mt - *m.year_10mt;
}

std::string ranking_csv(const BottleneckAnalysis& a) {
  std::string out =
      "rank,measure,name,start_year,years_counted,tonnes_gained_per_year,base_year_10mt,year_10mt,"
      "years_earlier_10mt,days_saved_per_tonne,tonne_days_saved_per_year,"
      "user_benefit_usd_per_year\n";
  for (std::size_t r = 0; r < a.ranking.size(); ++r) {
    const analysis::MeasureResult& m = a.measures[a.ranking[r]];
    std::string name = m.name;
    for (char& c : name) {
      if (c == '"') c = '\'';
    }
    out += std::to_string(r + 1) + ',' + m.id + ",\"" + name + "\"," + year_text(m.start_year) +
           ',' + std::to_string(m.years_counted) + ',' + fixed_number(m.tonnes_gained_per_year) +
           ',' + year_text(m.base_year_10mt) + ',' + year_text(m.year_10mt) + ',' +
           year_text(years_earlier(m)) + ',' + fixed_number(m.days_saved_per_tonne, 4) + ',' +
           fixed_number(m.tonne_days_saved_per_year) + ',' +
           fixed_number(m.user_benefit_usd_per_year) + '\n';
  }
  return out;
}

// User benefit per measure (ranking order) and demand segment (scenario order).
std::string benefit_csv(const Scenario& s, const BottleneckAnalysis& a) {
  std::string out = "measure,segment,user_benefit_usd_per_year\n";
  for (const std::size_t i : a.ranking) {
    const analysis::MeasureResult& m = a.measures[i];
    for (std::size_t g = 0; g < m.segment_user_benefit_usd_per_year.size(); ++g) {
      out += m.id + ',' + s.demand.segments[g].id + ',' +
             fixed_number(m.segment_user_benefit_usd_per_year[g]) + '\n';
    }
  }
  return out;
}

json segment_benefits(const Scenario& s, const analysis::MeasureResult& m) {
  json out = json::object();
  for (std::size_t g = 0; g < m.segment_user_benefit_usd_per_year.size(); ++g)
    out[s.demand.segments[g].id] = rounded(m.segment_user_benefit_usd_per_year[g]);
  return out;
}

json summary(const Scenario& s, const BottleneckAnalysis& a, const RunMetadata& meta) {
  json j;
  j["format_version"] = kOutputFormatVersion;
  j["engine_version"] = kVersion;
  j["scenario"] = {
      {"name", s.name}, {"fingerprint", meta.scenario_fingerprint}, {"files", meta.files}};
  j["corridor"] = s.corridor.headline_measure().name;
  j["marginal_relative_delta"] = a.marginal_delta;
  j["measures"] = a.default_measures ? "default: +10% capacity per capacitated element"
                                     : "from the measures file";
  json years = json::array();
  for (std::size_t y = 0; y < a.cuts.size(); ++y) {
    json cut = json::array();
    for (const std::uint32_t e : a.cuts[y].cut_elements) cut.push_back(sim::element_id(s, e));
    years.push_back({{"year", a.cuts[y].year},
                     {"complete", a.base_years.complete[y] != 0},
                     {"corridor_t", rounded(a.base_years.corridor_t[y])},
                     {"max_throughput_t", rounded(a.cuts[y].max_throughput_t)},
                     {"min_cut", cut}});
  }
  j["years"] = years;
  json ranking = json::array();
  for (std::size_t r = 0; r < a.ranking.size(); ++r) {
    const analysis::MeasureResult& m = a.measures[a.ranking[r]];
    const std::optional<int> earlier = years_earlier(m);
    ranking.push_back(
        {{"rank", r + 1},
         {"measure", m.id},
         {"name", m.name},
         {"start_year", m.start_year ? json(*m.start_year) : json(nullptr)},
         {"tonnes_gained_per_year", rounded(m.tonnes_gained_per_year)},
         {"base_year_10mt", m.base_year_10mt ? json(*m.base_year_10mt) : json(nullptr)},
         {"year_10mt", m.year_10mt ? json(*m.year_10mt) : json(nullptr)},
         {"years_earlier_10mt", earlier ? json(*earlier) : json(nullptr)},
         {"days_saved_per_tonne", rounded(m.days_saved_per_tonne, 1e4)},
         {"user_benefit_usd_per_year", rounded(m.user_benefit_usd_per_year)},
         {"segment_user_benefit_usd_per_year", segment_benefits(s, m)}});
  }
  j["ranking"] = ranking;
  const analysis::PricedDelayCheck& c = a.priced_delay;
  j["priced_delay"] = {
      {"limit_days", rounded(c.limit_days)},
      {"steps_over_limit", c.steps_over_limit},
      {"first_step_over_limit",
       c.first_step ? json(step_start(a.base, *c.first_step)) : json(nullptr)},
      {"worst_element",
       c.worst_delay_days > 0.0 ? json(sim::element_id(s, c.worst_element)) : json(nullptr)},
      {"worst_delay_days", rounded(c.worst_delay_days)}};
  j["solver"] = {{"iterations", a.base.solver.iterations},
                 {"worst_relative_gap", a.base.solver.worst_relative_gap},
                 {"steps_not_converged", a.base.solver.steps_not_converged}};
  return j;
}

}  // namespace

void write_bottlenecks(const std::filesystem::path& dir, const Scenario& s,
                       const BottleneckAnalysis& a, const RunMetadata& meta) {
  write_file_atomically(dir / "bottleneck_years.csv", years_csv(s, a));
  write_file_atomically(dir / "bottleneck_steps.csv", steps_csv(s, a));
  write_file_atomically(dir / "max_flow.csv", max_flow_csv(a));
  write_file_atomically(dir / "min_cut.csv", min_cut_csv(s, a));
  write_file_atomically(dir / "relief_ranking.csv", ranking_csv(a));
  write_file_atomically(dir / "relief_benefit.csv", benefit_csv(s, a));
  write_file_atomically(dir / "bottlenecks.json", summary(s, a, meta).dump(2) + "\n");
}

}  // namespace corridor::io
