#pragma once
// The discrete-time corridor simulation: for each step of the horizon, assign
// the step's demand by generalised cost (warm-started equilibrium), load it
// onto capacities with FIFO queues, and record what was served, queued,
// diverted and unserved. See docs/simulation.md.
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "corridor/scenario.hpp"
#include "corridor/sim/calendar.hpp"
#include "corridor/sim/step_inputs.hpp"

namespace spdlog {
class logger;
}

namespace corridor::sim {

struct SimulationOptions {
  /// Receives warnings (e.g. a step whose equilibrium stopped short of the gap); may be null.
  std::shared_ptr<spdlog::logger> log;
  /// Cancellation: when non-null and set (e.g. by the CLI's signal handler), the
  /// run stops before the next step and returns with status `cancelled`. The
  /// library never installs signal handlers itself.
  const std::atomic<bool>* cancel = nullptr;
  /// Select-element analysis: the elements (numbers, nodes first, then links;
  /// distinct) whose passing freight is broken down by OD pair and route, with
  /// the other elements its paths use. Empty: none (and no cost).
  std::vector<std::uint32_t> select;
};

struct SolverStats {
  std::uint64_t iterations = 0;     ///< equilibrium iterations over all steps
  double worst_relative_gap = 0.0;  ///< largest final gap of any step
  std::uint32_t steps_not_converged = 0;
};

/// How a run ended.
enum class RunStatus : std::uint8_t {
  completed,           ///< every step simulated
  cancelled,           ///< SimulationOptions::cancel was set before the last step
  equilibrium_failed,  ///< a step's assignment found no usable flow (reason says why)
};
[[nodiscard]] const char* to_string(RunStatus status);

/// Everything a run produced, per step. Arrays are row-major: [step][element],
/// [step][od], [step][od][route], [step][od][direction],
/// [step][od][measure][direction].
struct SimulationResult {
  std::vector<Step> steps;
  std::uint32_t element_count = 0;  ///< nodes first, then links (as in StepInputs)
  std::uint32_t od_count = 0;
  std::uint32_t measure_count = 0;  ///< corridor measures (Scenario::corridor)
  std::vector<std::string> routes;  ///< route labels; index used by od_route_t

  std::vector<double> element_flow_t;      ///< tonnes that passed the element in the step
  std::vector<double> element_capacity_t;  ///< its capacity in the step (kUnlimited if none)
  std::vector<double> element_queue_t;     ///< tonnes waiting at it at the end of the step
  std::vector<double> element_delay_days;  ///< congestion delay + queue wait at the end of the step

  std::vector<double> od_demand_t;     ///< new demand in the step
  std::vector<double> od_delivered_t;  ///< reached the destination in the step
  std::vector<double> od_queue_t;      ///< waiting anywhere at the end of the step
  std::vector<double> od_unserved_t;   ///< gave up waiting in the step
  std::vector<double> od_diverted_t;   ///< delivered on paths that avoid the headline measure
  /// Tonnes the headline measure counted in the step (after its segment and
  /// direction filters), total and [step][od][0 westbound, 1 eastbound].
  std::vector<double> od_corridor_t;
  std::vector<double> od_corridor_dir_t;
  /// Tonnes each measure counted, [step][od][measure][direction], before its
  /// segment, direction and TEU weights (sim/measures.hpp applies them).
  std::vector<double> od_measure_t;
  std::vector<double> od_route_t;  ///< delivered per route label
  /// What a tonne of the OD pair's new demand expects to pay in the step, USD/t:
  /// the logit's expected least cost (logsum) or the user equilibrium's least
  /// path cost (0 in a step without demand). Its change between two runs, times
  /// demand, is the change in consumer surplus (docs/bottlenecks.md).
  std::vector<double> od_expected_cost_usd_per_t;
  std::vector<double> element_unserved_t;  ///< per element, whole run: tonnes that gave up there

  /// Select-element analysis: the selected elements (SimulationOptions::select).
  std::vector<std::uint32_t> selected;
  /// Tonnes that passed selected element s in the step, per OD pair and route
  /// label: [step][s][od][route]. They add up to the element's flow in the step.
  std::vector<double> select_od_route_t;
  /// Tonnes that passed s in the step and whose paths also use element e:
  /// [step][s][element]; for e = s, the element's flow (bit for bit).
  std::vector<double> select_element_t;

  SolverStats solver;
  RunStatus status = RunStatus::completed;
  std::string reason;  ///< why the run stopped early (empty when completed)
  /// The step whose assignment failed (status equilibrium_failed).
  std::optional<std::uint32_t> failed_step;
  /// Steps simulated; less than steps.size() only when the run stopped early
  /// (later steps stay zero).
  std::uint32_t steps_completed = 0;

  [[nodiscard]] bool completed() const { return status == RunStatus::completed; }
  /// Index of (step, element) in the per-element arrays.
  [[nodiscard]] std::size_t at(std::size_t step, std::uint32_t element) const {
    return step * element_count + element;
  }
  /// Index of (step, OD pair) in the per-OD arrays.
  [[nodiscard]] std::size_t od_at(std::size_t step, std::uint32_t od) const {
    return step * od_count + od;
  }
};

/// Runs the scenario's horizon. Deterministic: the same scenario gives the same
/// result, bit for bit.
[[nodiscard]] SimulationResult simulate(const Scenario& scenario,
                                        const SimulationOptions& options = {});

/// Same, with per-step inputs already built (e.g. perturbed by a Monte-Carlo draw).
[[nodiscard]] SimulationResult simulate(const Scenario& scenario, const std::vector<Step>& steps,
                                        const StepInputs& inputs,
                                        const SimulationOptions& options = {});

}  // namespace corridor::sim
