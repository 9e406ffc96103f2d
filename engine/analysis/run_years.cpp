// Yearly figures of a run for the bottleneck analysis: corridor tonnes,
// tonne-days in the network (docs/bottlenecks.md §3) and the user cost (§5).
#include <algorithm>
#include <cmath>

#include "corridor/analysis/relief.hpp"
#include "corridor/sim/element_cost.hpp"
#include "corridor/sim/report.hpp"

namespace corridor::analysis {
namespace {

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

// User cost of each year, total and per segment: new demand x the cost a
// tonne of it expects to pay as the route choice prices it. Demand is fixed,
// so the difference between two runs is the change in consumer surplus.
void add_user_cost(const Scenario& s, const std::vector<sim::Step>& steps,
                   const sim::SimulationResult& r, RunYears& y) {
  y.user_cost_usd.assign(y.years.size(), 0.0);
  y.segment_user_cost_usd.assign(y.years.size(),
                                 std::vector<double>(s.demand.segments.size(), 0.0));
  for (std::uint32_t t = 0; t < steps.size(); ++t) {
    const auto yi = static_cast<std::size_t>(steps[t].year - y.years.front());
    for (std::uint32_t k = 0; k < r.od_count; ++k) {
      const std::size_t i = r.od_at(t, k);
      if (r.od_demand_t[i] <= 0.0) continue;
      const double usd = r.od_demand_t[i] * r.od_expected_cost_usd_per_t[i];
      y.user_cost_usd[yi] += usd;
      y.segment_user_cost_usd[yi][s.demand.od[k].segment] += usd;
    }
  }
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
  y.step_corridor_t.assign(steps.size(), 0.0);
  for (std::uint32_t t = 0; t < steps.size(); ++t) {
    const auto yi = static_cast<std::size_t>(steps[t].year - y.years.front());
    for (std::uint32_t e = 0; e < in.element_count; ++e) {
      const std::size_t i = in.at(t, e);
      y.tonne_days[yi] += r.element_flow_t[i] * element_days(s, in, i, r.element_flow_t[i]) +
                          r.element_queue_t[i] * steps[t].days;
    }
    for (std::uint32_t k = 0; k < r.od_count; ++k)
      y.step_corridor_t[t] += r.od_corridor_t[r.od_at(t, k)];
  }
  add_user_cost(s, steps, r, y);
  return y;
}

}  // namespace corridor::analysis
