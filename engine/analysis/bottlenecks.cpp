#include "corridor/analysis/bottlenecks.hpp"

#include <stdexcept>

#include "corridor/sim/calendar.hpp"
#include "corridor/sim/report.hpp"

namespace corridor::analysis {
namespace {

PricedDelayCheck check_priced_delay(const Scenario& s, const sim::SimulationResult& r) {
  PricedDelayCheck c;
  c.limit_days = s.assignment.max_queue_months * sim::kDaysPerMonth;
  for (std::uint32_t t = 0; t < r.steps.size(); ++t) {
    bool over = false;
    for (std::uint32_t e = 0; e < r.element_count; ++e) {
      const double delay = r.element_delay_days[r.at(t, e)];
      over = over || delay > c.limit_days;
      if (delay > c.worst_delay_days) {
        c.worst_delay_days = delay;
        c.worst_element = e;
      }
    }
    if (!over) continue;
    ++c.steps_over_limit;
    if (!c.first_step) c.first_step = t;
  }
  return c;
}

}  // namespace

BottleneckAnalysis analyse_bottlenecks(const Scenario& s, std::vector<Measure> measures,
                                       const BottleneckOptions& options) {
  BottleneckAnalysis a;
  a.steps = sim::make_steps(s.horizon);
  a.inputs = sim::make_step_inputs(s, a.steps);
  a.base = sim::simulate(s, a.steps, a.inputs);
  if (!a.base.completed()) {
    a.status = a.base.status;
    a.reason = "base run: " + a.base.reason;
    return a;
  }
  a.base_years = summarise_run(s, a.steps, a.inputs, a.base);
  a.priced_delay = check_priced_delay(s, a.base);
  for (const int year : a.base_years.years) {
    a.year_capacity_t.push_back(year_capacity_t(a.inputs, a.steps, year));
    a.cuts.push_back(corridor_max_flow(s, a.year_capacity_t.back(), year));
  }
  const BaseCase base{&s, &a.steps, &a.inputs, a.base_years};
  a.marginal_delta = options.marginal_delta;
  a.marginals = marginal_values(base, options.marginal_delta, options.threads);
  if (measures.empty()) {
    measures = capacity_measures(s, a.inputs, options.default_capacity_factor);
    a.default_measures = true;
  }
  a.measures = evaluate_measures(base, measures, options.threads);
  a.ranking = rank_measures(a.measures);
  for (std::size_t i = 0; i < a.marginals.size() && a.status == sim::RunStatus::completed; ++i) {
    if (a.marginals[i].status == sim::RunStatus::completed) continue;
    a.status = a.marginals[i].status;
    a.reason = "marginal run of " + sim::element_id(s, a.marginals[i].element) + ": " +
               a.marginals[i].reason;
  }
  for (std::size_t i = 0; i < a.measures.size() && a.status == sim::RunStatus::completed; ++i) {
    if (a.measures[i].run.status == sim::RunStatus::completed) continue;
    a.status = a.measures[i].run.status;
    a.reason = "measure " + a.measures[i].id + ": " + a.measures[i].run.reason;
  }
  return a;
}

}  // namespace corridor::analysis
