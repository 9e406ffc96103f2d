#pragma once
// What each step of a run sees: per element its capacity in tonnes for the step
// (after dated projects and scheduled closures), its time and money costs, and
// per OD pair the tonnes that want to move in the step (base × growth ×
// seasonality). Built once per run from the scenario; the time loop only reads.
//
// Elements are numbered nodes first, then links: element e < node_count is
// node e, element node_count + a is link a.
#include <cstdint>
#include <vector>

#include "corridor/scenario.hpp"
#include "corridor/sim/calendar.hpp"

namespace corridor::sim {

struct StepInputs {
  std::uint32_t step_count = 0;
  std::uint32_t element_count = 0;
  std::uint32_t od_count = 0;
  /// [step * element_count + e]: tonnes the element can pass in the step, after
  /// projects and closures; kUnlimited when the element does not limit.
  std::vector<double> capacity_t;
  /// Same without closures (used to turn a queue into days of waiting).
  std::vector<double> nominal_capacity_t;
  /// [step * element_count + e]: share of the step the element is closed, 0..1.
  std::vector<double> closed_share;
  /// [step * element_count + e]: free-flow transit days (links) or dwell days (nodes).
  std::vector<double> time_days;
  /// [step * element_count + e]: tariff + risk premium (links) or handling cost (nodes), USD/t,
  /// after projects and cost series.
  std::vector<double> money_usd_per_t;
  /// [step * element_count + e]: the tariff (links) or handling cost (nodes)
  /// alone, USD/t: the part a segment's own tariff or a through-rate replaces.
  std::vector<double> tariff_usd_per_t;
  /// [step * od_count + k]: tonnes of OD pair k wanting to move in the step.
  std::vector<double> demand_t;

  [[nodiscard]] std::size_t at(std::uint32_t step, std::uint32_t e) const {
    return static_cast<std::size_t>(step) * element_count + e;
  }
  [[nodiscard]] std::size_t od_at(std::uint32_t step, std::uint32_t k) const {
    return static_cast<std::size_t>(step) * od_count + k;
  }
};

/// Builds the per-step inputs. Project values ramp linearly over their ramp-up,
/// cost series apply after an element's projects, and both are averaged over
/// the days of each step; several closures of one element
/// on the same day combine as independent events (open share = product of
/// (1 - closed_fraction)).
[[nodiscard]] StepInputs make_step_inputs(const Scenario& scenario, const std::vector<Step>& steps);

}  // namespace corridor::sim
