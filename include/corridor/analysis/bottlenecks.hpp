#pragma once
// The whole bottleneck analysis of a scenario (`corridor bottlenecks`): the base
// run, per year the corridor's maximum throughput and minimum cut, the marginal
// value of every capacity, and the relief measures ranked. docs/bottlenecks.md.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "corridor/analysis/corridor_cut.hpp"
#include "corridor/analysis/relief.hpp"
#include "corridor/scenario.hpp"
#include "corridor/sim/simulation.hpp"

namespace corridor::analysis {

struct BottleneckOptions {
  unsigned threads = 1;          ///< >= 1; results do not depend on it
  double marginal_delta = 0.01;  ///< relative capacity step of the finite differences (> 0)
  /// Capacity factor of the default measures (one per capacitated element),
  /// used when no measures are given.
  double default_capacity_factor = 1.1;
};

/// Steps of the base in which the route choice priced an element's delay
/// (SimulationResult::element_delay_days: congestion delay plus queue wait)
/// beyond the longest wait a tonne can have (assignment.max_queue_months, after
/// which it gives up). There freight that cannot go around a saturated element
/// meets the congestion function far past its capacity, and the user cost holds
/// a delay that no tonne pays: user benefits are then dominated by it
/// (docs/bottlenecks.md §5).
struct PricedDelayCheck {
  double limit_days = 0.0;                  ///< max_queue_months in days
  std::uint32_t steps_over_limit = 0;       ///< steps with some element over the limit
  std::optional<std::uint32_t> first_step;  ///< the first of them
  std::uint32_t worst_element = 0;          ///< element with the longest delay of the run
  double worst_delay_days = 0.0;            ///< that delay
};

struct BottleneckAnalysis {
  std::vector<sim::Step> steps;
  sim::StepInputs inputs;
  sim::SimulationResult base;                        ///< the base run
  RunYears base_years;                               ///< its yearly figures
  PricedDelayCheck priced_delay;                     ///< of the base run
  std::vector<CorridorCut> cuts;                     ///< one per year of the horizon
  std::vector<std::vector<double>> year_capacity_t;  ///< [year][element]
  std::vector<ElementMarginal> marginals;            ///< capacitated elements, element order
  double marginal_delta = 0.0;
  bool default_measures = false;        ///< the measures are the "+x% capacity" defaults
  std::vector<MeasureResult> measures;  ///< in the order given
  std::vector<std::size_t> ranking;     ///< indices into measures, best first
  /// completed, or the status of the first run that did not complete (the
  /// base, else the marginal runs in element order, else the measures in
  /// order); `reason` then names the run and why it stopped.
  sim::RunStatus status = sim::RunStatus::completed;
  std::string reason;
};

/// Runs the analysis. `measures` may be empty: then every capacitated element
/// gets a "+10% capacity" measure. Throws std::invalid_argument for measures
/// that do not fit the scenario (see evaluate_measures).
[[nodiscard]] BottleneckAnalysis analyse_bottlenecks(const Scenario& scenario,
                                                     std::vector<Measure> measures,
                                                     const BottleneckOptions& options);

}  // namespace corridor::analysis
