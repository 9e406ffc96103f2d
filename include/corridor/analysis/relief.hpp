#pragma once
// What relieving a bottleneck buys: candidate measures simulated against the
// base scenario (in parallel, deterministic whatever the thread count), ranked
// by corridor tonnes gained per year; and the marginal value of each element's
// capacity by finite differences. Definitions: docs/bottlenecks.md.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "corridor/scenario.hpp"
#include "corridor/sim/calendar.hpp"
#include "corridor/sim/simulation.hpp"
#include "corridor/sim/step_inputs.hpp"

namespace corridor::analysis {

/// The yearly figures of one run that the bottleneck analysis compares.
struct RunYears {
  std::vector<int> years;              ///< calendar years of the horizon, in order
  std::vector<std::uint8_t> complete;  ///< 1 when all the year's days are in the horizon
  std::vector<double> corridor_t;      ///< tonnes over the corridor links, per year
  std::vector<double> delivered_t;     ///< tonnes delivered, per year
  /// Tonne-days spent in the network per year: sum over steps and elements of
  /// flow x (free-flow time + congestion delay at the served flow and the step's
  /// capacity), plus queued tonnes x step days.
  std::vector<double> tonne_days;
  /// User cost per year, USD: sum over the year's steps and OD pairs of new
  /// demand x the cost a tonne of it expects to pay as the route choice prices
  /// it (SimulationResult::od_expected_cost_usd_per_t: the logsum, or the
  /// equilibrium's least cost). Base minus measure is the user benefit.
  std::vector<double> user_cost_usd;
  /// The same per demand segment, [year][segment] (Scenario::demand.segments order).
  std::vector<std::vector<double>> segment_user_cost_usd;
  std::vector<double> step_corridor_t;  ///< tonnes over the corridor per step
  std::optional<int> first_year_10mt;   ///< first complete year with corridor_t >= 10 Mt
  /// The run's status; the figures above are meaningful only when completed.
  sim::RunStatus status = sim::RunStatus::completed;
  std::string reason;  ///< the run's reason when it did not complete
};

/// Summarises a run of `scenario` with per-step `inputs` into RunYears.
[[nodiscard]] RunYears summarise_run(const Scenario& scenario, const std::vector<sim::Step>& steps,
                                     const sim::StepInputs& inputs,
                                     const sim::SimulationResult& result);

/// A candidate relief measure: a changed scenario (same network elements, OD
/// pairs and horizon as the base) and/or factors on element capacities.
struct Measure {
  std::string id;
  std::string name;
  /// The scenario with the measure applied; null means the base scenario.
  std::shared_ptr<const Scenario> scenario;
  /// (element, factor > 0): multiplies the element's step capacities after
  /// projects and closures, in every step.
  std::vector<std::pair<std::uint32_t, double>> capacity_factors;
};

/// One "+x% capacity" measure per element that has a capacity in some step,
/// with ids "<element id>+10%" (for factor 1.1).
[[nodiscard]] std::vector<Measure> capacity_measures(const Scenario& scenario,
                                                     const sim::StepInputs& inputs, double factor);

/// A measure's effect against the base, over the complete years from its start year.
struct MeasureResult {
  std::string id;
  std::string name;
  /// First year whose step inputs differ from the base's; empty when the
  /// measure changes nothing (all gains are then 0).
  std::optional<int> start_year;
  std::uint32_t years_counted = 0;         ///< complete years from start_year on
  double tonnes_gained_per_year = 0.0;     ///< mean corridor tonnes gained per counted year
  double tonne_days_saved_per_year = 0.0;  ///< mean tonne-days saved per counted year
  /// Mean days in the network per delivered tonne, base minus measure, over the counted years.
  double days_saved_per_tonne = 0.0;
  /// Mean user benefit per counted year, USD: user cost (RunYears::user_cost_usd),
  /// base minus measure. With fixed demand this is the change in consumer surplus.
  double user_benefit_usd_per_year = 0.0;
  /// The same per demand segment (Scenario::demand.segments order); adds up to
  /// user_benefit_usd_per_year.
  std::vector<double> segment_user_benefit_usd_per_year;
  std::optional<int> base_year_10mt;  ///< first complete year >= 10 Mt, base
  std::optional<int> year_10mt;       ///< same with the measure
  RunYears run;                       ///< the measure's yearly figures
};

/// The base run the measures are compared with.
struct BaseCase {
  const Scenario* scenario = nullptr;
  const std::vector<sim::Step>* steps = nullptr;
  const sim::StepInputs* inputs = nullptr;
  RunYears run;
};

/// Simulates every measure against the base on `threads` threads (>= 1). Each
/// measure writes its own slot, so the results do not depend on the thread
/// count. Measures must have the base's element, OD and step counts
/// (std::invalid_argument otherwise). Results are in the order of `measures`.
[[nodiscard]] std::vector<MeasureResult> evaluate_measures(const BaseCase& base,
                                                           const std::vector<Measure>& measures,
                                                           unsigned threads);

/// Ranking order (indices into `results`): corridor tonnes gained per year
/// (descending, compared to the tonne), then years earlier to 10 Mt
/// (descending; "reached" beats "not reached"), then days saved per tonne
/// (descending), then id.
[[nodiscard]] std::vector<std::size_t> rank_measures(const std::vector<MeasureResult>& results);

/// Marginal value of an element's capacity, by a forward finite difference:
/// the run is repeated with the element's step capacities x (1 + delta).
struct ElementMarginal {
  std::uint32_t element = 0;
  /// Per year: corridor tonnes gained per extra tonne of capacity in the year.
  std::vector<double> corridor_t_per_t;
  /// Per year: user benefit (user cost, base minus perturbed, USD) per extra
  /// tonne of capacity in the year.
  std::vector<double> user_benefit_usd_per_t;
  /// Per step: corridor tonnes gained per extra tonne of capacity in the step.
  std::vector<double> step_corridor_t_per_t;
  /// The perturbed run's status; the values above are NaN unless completed.
  sim::RunStatus status = sim::RunStatus::completed;
  std::string reason;
};

/// Marginal values of every element with a capacity in some step (in element
/// order), relative step `relative_delta` (> 0), computed on `threads` threads.
[[nodiscard]] std::vector<ElementMarginal> marginal_values(const BaseCase& base,
                                                           double relative_delta, unsigned threads);

}  // namespace corridor::analysis
