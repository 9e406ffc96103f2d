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
    yr.measures.resize(s.corridor.measures.size());
    for (MeasureYear& m : yr.measures) m.by_segment_direction.assign(2 * yr.segments.size(), 0.0);
    years.push_back(std::move(yr));
  }
  for (YearReport& yr : years) yr.complete = year_complete(s.horizon, yr.year);
  return years;
}

// Adds OD cell i's counts to every measure of the year, weighted.
void add_measures(const Scenario& s, const SimulationResult& r, std::size_t i, YearReport& yr) {
  const std::uint32_t g = s.demand.od[i % r.od_count].segment;
  for (std::uint32_t m = 0; m < r.measure_count; ++m) {
    const CorridorMeasure& c = s.corridor.measures[m];
    const double w = c.weight(g);
    if (w == 0.0) continue;
    MeasureYear& my = yr.measures[m];
    for (unsigned d = 0; d < 2; ++d) {
      if (!c.counts_direction(d)) continue;
      const double v = w * r.od_measure_t[(i * r.measure_count + m) * 2 + d];
      my.by_segment_direction[2 * g + d] += v;
      my.value += v;
    }
  }
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
      sy.diverted_t += r.od_diverted_t[i];
      sy.unserved_t += r.od_unserved_t[i];
      if (first_step_of_year && t > 0) sy.queued_start_t += r.od_queue_t[i - r.od_count];
      if (last_step_of_year) sy.queued_end_t += r.od_queue_t[i];
      add_measures(s, r, i, yr);
    }
  }
  // The headline's figures in the segment balance and the year's total.
  for (YearReport& yr : years) {
    const MeasureYear& h = yr.measures[s.corridor.headline];
    yr.corridor_t = h.value;
    for (std::size_t g = 0; g < yr.segments.size(); ++g) {
      SegmentYear& sy = yr.segments[g];
      sy.corridor_westbound_t = h.by_segment_direction[2 * g];
      sy.corridor_eastbound_t = h.by_segment_direction[2 * g + 1];
      sy.corridor_t = sy.corridor_westbound_t + sy.corridor_eastbound_t;
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
  std::vector<int> years;
  std::vector<bool> complete;
  for (const YearReport& yr : report.years) {
    years.push_back(yr.year);
    complete.push_back(yr.complete);
  }
  for (std::uint32_t m = 0; m < s.corridor.measures.size(); ++m) {
    std::vector<double> values;
    for (const YearReport& yr : report.years) values.push_back(yr.measures[m].value);
    report.measure_milestones.push_back(
        milestones(s.corridor.measures[m].milestones, years, complete, values));
  }
  report.milestones = report.measure_milestones[s.corridor.headline];
  return report;
}

std::vector<Milestone> milestones(const std::vector<double>& thresholds,
                                  const std::vector<int>& years, const std::vector<bool>& complete,
                                  const std::vector<double>& values) {
  std::vector<Milestone> out;
  for (const double threshold : thresholds) {
    Milestone m{threshold, std::nullopt};
    for (std::size_t y = 0; y < years.size(); ++y) {
      if (complete[y] && values[y] >= threshold) {
        m.first_year = years[y];
        break;
      }
    }
    out.push_back(m);
  }
  return out;
}

double measure_step_value(const Scenario& s, const SimulationResult& r, std::uint32_t m,
                          std::size_t t, bool in_tonnes) {
  const CorridorMeasure& c = s.corridor.measures[m];
  double value = 0.0;
  for (std::uint32_t k = 0; k < r.od_count; ++k) {
    double w = c.weight(s.demand.od[k].segment);
    if (w == 0.0) continue;
    if (in_tonnes) w = 1.0;
    const std::size_t i = r.od_at(t, k);
    for (unsigned d = 0; d < 2; ++d) {
      if (c.counts_direction(d)) value += w * r.od_measure_t[(i * r.measure_count + m) * 2 + d];
    }
  }
  return value;
}

}  // namespace corridor::sim
