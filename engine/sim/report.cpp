#include "corridor/sim/report.hpp"

#include <cmath>

namespace corridor::sim {
namespace {

std::size_t year_index(const std::vector<YearReport>& years, int year) {
  return static_cast<std::size_t>(year - years.front().year);
}

std::vector<YearReport> empty_years(const Scenario& s, const SimulationResult& r) {
  std::vector<YearReport> years;
  const int first = r.steps.front().year;
  const int last = r.steps.back().year;
  for (int y = first; y <= last; ++y) {
    YearReport yr;
    yr.year = y;
    yr.segments.resize(s.demand.segments.size());
    years.push_back(std::move(yr));
  }
  for (YearReport& yr : years) yr.complete = year_complete(s.horizon, yr.year);
  return years;
}

void add_od_flows(const Scenario& s, const SimulationResult& r, std::vector<YearReport>& years) {
  for (std::size_t t = 0; t < r.steps.size(); ++t) {
    YearReport& yr = years[year_index(years, r.steps[t].year)];
    const bool first_step_of_year = t == 0 || r.steps[t - 1].year != r.steps[t].year;
    const bool last_step_of_year =
        t + 1 == r.steps.size() || r.steps[t + 1].year != r.steps[t].year;
    for (std::uint32_t k = 0; k < r.od_count; ++k) {
      const std::size_t i = r.od_at(t, k);
      SegmentYear& sy = yr.segments[s.demand.od[k].segment];
      sy.demand_t += r.od_demand_t[i];
      sy.delivered_t += r.od_delivered_t[i];
      sy.corridor_t += r.od_corridor_t[i];
      sy.corridor_westbound_t += r.od_corridor_dir_t[2 * i];
      sy.corridor_eastbound_t += r.od_corridor_dir_t[2 * i + 1];
      sy.diverted_t += r.od_diverted_t[i];
      sy.unserved_t += r.od_unserved_t[i];
      if (first_step_of_year && t > 0) sy.queued_start_t += r.od_queue_t[i - r.od_count];
      if (last_step_of_year) sy.queued_end_t += r.od_queue_t[i];
      yr.corridor_t += r.od_corridor_t[i];
    }
  }
}

constexpr double kSameUtilisation = 1e-6;

void find_binding(const SimulationResult& r, std::vector<YearReport>& years) {
  std::vector<double> flow(r.element_count), capacity(r.element_count);
  std::size_t t = 0;
  for (YearReport& yr : years) {
    std::fill(flow.begin(), flow.end(), 0.0);
    std::fill(capacity.begin(), capacity.end(), 0.0);
    std::size_t last_step = t;
    for (; t < r.steps.size() && r.steps[t].year == yr.year; ++t) {
      for (std::uint32_t e = 0; e < r.element_count; ++e) {
        flow[e] += r.element_flow_t[r.at(t, e)];
        capacity[e] += r.element_capacity_t[r.at(t, e)];
      }
      last_step = t;
    }
    // Utilisations within kSameUtilisation are a tie (saturated elements sit at
    // 1 up to rounding); a tie goes to the longer queue at the year's end (the
    // element freight waits for), then to the element listed first.
    for (std::uint32_t e = 0; e < r.element_count; ++e) {
      if (!std::isfinite(capacity[e]) || capacity[e] <= 0.0) continue;
      const double u = flow[e] / capacity[e];
      const double queue = r.element_queue_t[r.at(last_step, e)];
      const bool tie = std::fabs(u - yr.binding_utilisation) <= kSameUtilisation;
      if (yr.binding_element < 0 || (!tie && u > yr.binding_utilisation) ||
          (tie && queue > yr.binding_queue_end_t)) {
        yr.binding_element = e;
        yr.binding_utilisation = u;
        yr.binding_queue_end_t = queue;
      }
    }
  }
}

}  // namespace

const std::string& element_id(const Scenario& s, std::uint32_t element) {
  return element < s.network.node_count() ? s.network.node(element).id
                                          : s.network.link(element - s.network.node_count()).id;
}

Report make_report(const Scenario& s, const SimulationResult& r) {
  Report report;
  if (r.steps.empty()) return report;
  report.years = empty_years(s, r);
  add_od_flows(s, r, report.years);
  find_binding(r, report.years);
  for (const double threshold : {5e6, 10e6, 15e6}) {
    Milestone m{threshold, std::nullopt};
    for (const YearReport& yr : report.years) {
      if (yr.complete && yr.corridor_t >= threshold) {
        m.first_year = yr.year;
        break;
      }
    }
    report.milestones.push_back(m);
  }
  return report;
}

}  // namespace corridor::sim
