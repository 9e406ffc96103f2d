#pragma once
// The pieces of a run's draw that the two ways of setting an input share:
// where each kind of uncertainty item starts in the input numbering, and the
// item at a fixed quantile level (one-at-a-time swings, docs/sensitivity.md).
// Internal to engine/analysis.
#include <cstdint>
#include <vector>

#include "corridor/scenario.hpp"
#include "corridor/sim/calendar.hpp"
#include "corridor/sim/step_inputs.hpp"

namespace corridor::analysis {

/// Input number of the first item of each kind (uncertain_inputs' order).
struct InputOffsets {
  std::size_t growth = 0;
  std::size_t delay = 0;
  std::size_t closure = 0;
  std::size_t shock = 0;
  std::size_t series = 0;
  std::size_t inertia = 0;  ///< meaningful only when the inertia is drawn
  std::size_t constant = 0;
  std::size_t count = 0;
};
[[nodiscard]] InputOffsets input_offsets(const Uncertainty& u);

/// Quantile p of the standard normal (Acklam's rational approximation, relative
/// error below 1.2e-9).
[[nodiscard]] double normal_quantile(double p);
/// Quantile p of a distribution (its inverse CDF; a fixed value is itself).
[[nodiscard]] double distribution_quantile(const Distribution& d, double p);
/// Smallest count n with P(N <= n) >= p for N Poisson with mean `mean`.
[[nodiscard]] unsigned poisson_quantile(double mean, double p);
/// Smallest count n with P(N <= n) >= p for N binomial(trials, chance).
[[nodiscard]] unsigned binomial_quantile(unsigned trials, double chance, double p);

/// The growth path with every year's rate shifted by
/// (persistent_sd + annual_sd) * z, z the normal quantile of `level`.
[[nodiscard]] GrowthPath growth_at_level(const GrowthPath& path, const GrowthUncertainty& g,
                                         int first_year, int last_year, double level);

/// The closure spells of item `c` at `level`: in every year, the quantile of the
/// Poisson count of spells over its months, spread evenly over those months,
/// each spell the duration's quantile long.
void closures_at_level(const Scenario& base, const RandomClosure& c, double level, Scenario& out);

/// The shocks of item `s` at `level`: the quantile of the binomial number of
/// shock years over the steps' years, spread evenly; each starts mid-year, with
/// the size's median and the duration's quantile.
void shocks_at_level(const Scenario& base, const DemandShock& s, double level,
                     const std::vector<sim::Step>& steps, sim::StepInputs& inputs);

/// Scales the demand of the shock's segments by (1 + size) over
/// [start_day, end_day) (days since the epoch), pro rata per step.
void apply_shock(const Scenario& base, const DemandShock& s, double size, double start_day,
                 double end_day, const std::vector<sim::Step>& steps, sim::StepInputs& inputs);

}  // namespace corridor::analysis
