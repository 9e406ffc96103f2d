#pragma once
// Calibration: fit the scenario's free parameters (calibration.free) to its
// observed corridor tonnages (observations) by bounded Levenberg–Marquardt
// nonlinear least squares. Each objective evaluation is a full simulation of
// the horizon cut at the last observed year. See docs/calibration.md.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "corridor/scenario.hpp"

namespace corridor::analysis {

struct CalibrationOptions {
  /// Fit on observations of years <= fit_until_year; later ones are backcast
  /// (reported, not fitted). Unset: fit on all observations.
  std::optional<int> fit_until_year;
  std::uint32_t max_iterations = 20;  ///< Jacobian evaluations (LM iterations)
  /// Forward-difference step of parameter j: relative_step × max(|x_j|, 0.01 (upper_j - lower_j)),
  /// taken backwards when the forward point would leave the bounds.
  double relative_step = 1e-3;
  /// Stop when an accepted step lowers the sum of squares by less than this share of it.
  double cost_tolerance = 1e-3;
  /// Stop when the relative residuals' root mean square falls below this (an exact fit).
  double residual_tolerance = 1e-5;
  /// Singular values of the scaled Jacobian below rank_tolerance × the largest count as zero.
  double rank_tolerance = 1e-6;
  /// Called after each iteration with (iteration, sum of squared relative residuals); may be empty.
  std::function<void(std::uint32_t, double)> progress;
};

enum class CalibrationStatus : std::uint8_t {
  converged,        ///< the sum of squares stopped decreasing, or the fit is exact
  iteration_limit,  ///< max_iterations reached; values are the best found
  flat_objective,   ///< the Jacobian is rank-deficient: some parameter (combination) does not move
                    ///< the fit
  no_observations,  ///< nothing to fit (no observation up to fit_until_year) or no free parameter
  simulation_failed,  ///< the simulation fails at the initial values (reason says why)
};
[[nodiscard]] std::string_view to_string(CalibrationStatus status);

struct FittedParameter {
  std::string label;
  double initial = 0.0;
  double value = 0.0;
  double lower = 0.0;
  double upper = 0.0;
  /// sqrt of the diagonal of s² (JᵀJ)⁻¹ with s² = RSS / (m - n), in the parameter's
  /// unit; NaN when there are no degrees of freedom left (m <= n) or the parameter is not
  /// identified.
  double standard_error = 0.0;
  bool at_bound =
      false;  ///< the value sits on a bound (its standard error is then only indicative)
  bool identified = true;  ///< false when the fit does not depend on it (flat direction)
};

struct ObservationFit {
  Observation observation;
  double fitted = 0.0;          ///< the simulated measure in the year (and segment), in its unit
  double relative_error = 0.0;  ///< (fitted - observed) / observed
  bool in_sample = true;  ///< false: a backcast (year after fit_until_year) or a check (fit: false)
};

struct CalibrationResult {
  CalibrationStatus status = CalibrationStatus::no_observations;
  std::string reason;                        ///< one readable sentence on how the fit ended
  std::vector<FittedParameter> parameters;   ///< in calibration.free order
  std::vector<ObservationFit> observations;  ///< every observation, year order
  double initial_sum_squares = 0.0;  ///< sum of squared relative residuals at the start (in sample)
  double sum_squares = 0.0;          ///< same at the fitted values
  std::uint32_t in_sample = 0;       ///< m
  std::uint32_t degrees_of_freedom =
      0;  ///< m - n (n: parameters inside their bounds) when positive, else 0
  std::uint32_t jacobian_rank = 0;  ///< numerical rank of J over the parameters inside their bounds
  std::uint32_t iterations = 0;
  std::uint32_t evaluations = 0;  ///< simulations run
};

/// Fits `scenario.calibration.free` to `scenario.observations`. Never throws on a
/// bad fit: the status and reason say what happened.
[[nodiscard]] CalibrationResult calibrate(const Scenario& scenario,
                                          const CalibrationOptions& options = {});

/// Writes `values` (one per calibration.free entry) into the scenario in place:
/// segment scales and dispersions, growth rates, link risk premia, project values.
void apply_parameters(Scenario& scenario, const std::vector<double>& values);

/// The scenario with `values` (one per calibration.free entry) written in: segment
/// scales and dispersions, growth rates, link risk premia.
[[nodiscard]] Scenario with_parameters(const Scenario& scenario, const std::vector<double>& values);

/// Simulated tonnage for each observation of `scenario` (all years), with the
/// horizon cut at the last observed year; NaN for each when the run does not complete.
[[nodiscard]] std::vector<double> simulate_observations(const Scenario& scenario);

}  // namespace corridor::analysis
