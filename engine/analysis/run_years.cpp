// Yearly figures of a run for the bottleneck analysis: corridor tonnes,
// tonne-days in the network and a generalised cost (docs/bottlenecks.md §3).
#include <algorithm>
#include <cmath>

#include "corridor/analysis/relief.hpp"
#include "corridor/sim/element_cost.hpp"
#include "corridor/sim/report.hpp"

namespace corridor::analysis {
namespace {

// Demand-weighted mean value of time of the step's new freight (USD/t/day).
double mean_value_of_time(const Scenario& s, const sim::StepInputs& in, std::uint32_t t) {
  double tonnes = 0.0, weighted = 0.0, plain = 0.0;
  for (std::uint32_t k = 0; k < in.od_count; ++k) {
    const double vot = s.demand.segments[s.demand.od[k].segment].value_of_time_usd_per_t_day;
    tonnes += in.demand_t[in.od_at(t, k)];
    weighted += in.demand_t[in.od_at(t, k)] * vot;
    plain += vot;
  }
  if (tonnes > 0.0) return weighted / tonnes;
  return in.od_count > 0 ? plain / in.od_count : 0.0;
}

// Days a tonne spends passing element cell i: its free-flow time plus the
// congestion delay of the scenario's cost function at the flow actually served
// and the step's capacity (served <= capacity, so the delay stays finite; the
// equilibrium's own delay, evaluated at the capacity left after queues, is a
// routing device and can be far larger on a saturated element).
double element_days(const Scenario& s, const sim::StepInputs& in, std::size_t i, double flow_t) {
  const double capacity = in.capacity_t[i];
  if (flow_t <= 0.0 || !std::isfinite(capacity) || capacity <= 0.0) return in.time_days[i];
  return assign::link_time(sim::element_cost(s.assignment, in.time_days[i], capacity), flow_t);
}

}  // namespace

RunYears summarise_run(const Scenario& s, const std::vector<sim::Step>& steps,
                       const sim::StepInputs& in, const sim::SimulationResult& r) {
  RunYears y;
  y.status = r.status;
  y.reason = r.reason;
  const sim::Report report = sim::make_report(s, r);
  for (const sim::YearReport& yr : report.years) {
    y.years.push_back(yr.year);
    y.complete.push_back(yr.complete ? 1 : 0);
    y.corridor_t.push_back(yr.corridor_t);
    double delivered = 0.0;
    for (const sim::SegmentYear& g : yr.segments) delivered += g.delivered_t;
    y.delivered_t.push_back(delivered);
  }
  for (const sim::Milestone& m : report.milestones) {
    if (m.threshold_t == 10e6) y.first_year_10mt = m.first_year;
  }
  y.tonne_days.assign(y.years.size(), 0.0);
  y.generalised_cost_usd.assign(y.years.size(), 0.0);
  y.step_corridor_t.assign(steps.size(), 0.0);
  for (std::uint32_t t = 0; t < steps.size(); ++t) {
    const auto yi = static_cast<std::size_t>(steps[t].year - y.years.front());
    const double vot = mean_value_of_time(s, in, t);
    double days = 0.0, money = 0.0;
    for (std::uint32_t e = 0; e < in.element_count; ++e) {
      const std::size_t i = in.at(t, e);
      const double queue = r.element_queue_t[i];
      days +=
          r.element_flow_t[i] * element_days(s, in, i, r.element_flow_t[i]) + queue * steps[t].days;
      money += r.element_flow_t[i] * in.money_usd_per_t[i];
    }
    y.tonne_days[yi] += days;
    y.generalised_cost_usd[yi] += money + vot * days;
    for (std::uint32_t k = 0; k < r.od_count; ++k)
      y.step_corridor_t[t] += r.od_corridor_t[r.od_at(t, k)];
  }
  return y;
}

}  // namespace corridor::analysis
