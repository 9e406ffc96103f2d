#pragma once
// The whole bottleneck analysis of a scenario (`corridor bottlenecks`): the base
// run, per year the corridor's maximum throughput and minimum cut, the marginal
// value of every capacity, and the relief measures ranked. docs/bottlenecks.md.
#include <cstdint>
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

struct BottleneckAnalysis {
  std::vector<sim::Step> steps;
  sim::StepInputs inputs;
  sim::SimulationResult base;                        ///< the base run
  RunYears base_years;                               ///< its yearly figures
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
