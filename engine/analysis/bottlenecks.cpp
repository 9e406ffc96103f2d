#include "corridor/analysis/bottlenecks.hpp"

#include <stdexcept>

namespace corridor::analysis {

BottleneckAnalysis analyse_bottlenecks(const Scenario& s, std::vector<Measure> measures,
                                       const BottleneckOptions& options) {
  BottleneckAnalysis a;
  a.steps = sim::make_steps(s.horizon);
  a.inputs = sim::make_step_inputs(s, a.steps);
  a.base = sim::simulate(s, a.steps, a.inputs);
  a.base_years = summarise_run(s, a.steps, a.inputs, a.base);
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
  return a;
}

}  // namespace corridor::analysis
