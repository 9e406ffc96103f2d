#pragma once
// The step assignment: the one place where the time loop meets the
// route-choice method. The loop hands it each step's costs and demand in bulk
// (StepCosts); it passes the solver only what changed since the last step, so
// that warm starts keep the solver's state, solves, and returns per OD pair
// the tonnes on each path. User equilibrium and logit differ only in here.
#include <Eigen/Core>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "corridor/assign/status.hpp"
#include "corridor/scenario.hpp"
#include "corridor/sim/step_inputs.hpp"
#include "step_costs.hpp"

namespace corridor::sim {

/// Tonnes of one OD pair on one path (a PathStore id).
struct RouteFlow {
  std::uint32_t path = 0;
  double tonnes = 0.0;
};

class StepAssigner {
 public:
  /// Gives the id of a path of elements (nodes first, then links); called for
  /// every path the assignment returns, in a deterministic order.
  using Intern = std::function<std::uint32_t(const std::vector<std::uint32_t>& elements)>;

  /// One traffic class per OD pair of the scenario (with route_choice, more:
  /// family_choice.hpp), solved by the scenario's assignment method with its
  /// gap and iteration limit. `inputs` (step 0) prices the route families.
  StepAssigner(const Scenario& scenario, const StepInputs& inputs, Intern intern);
  ~StepAssigner();
  StepAssigner(const StepAssigner&) = delete;
  StepAssigner& operator=(const StepAssigner&) = delete;

  /// Applies what changed in `costs` since the last call (everything on the
  /// first) and solves from the last solution. Keeps `costs` for the next
  /// call's comparison by swapping it with the previous step's: on return
  /// `costs` holds stale values, to be filled anew (CostPolicy::fill sets
  /// every field) before the next call.
  assign::SolveResult solve(StepCosts& costs);

  /// After a solve with flows (assign::has_flows): the paths of OD pair k and
  /// their tonnes, adding up to exactly its demand in the solve. Returns false,
  /// with `out` empty, when the solution holds no path for the pair.
  [[nodiscard]] bool routes(std::uint32_t k, std::vector<RouteFlow>& out);

  /// After the step's loading: tonnes delivered per OD pair and route label
  /// ([od * labels + label]); route families with inertia keep them as the
  /// families' shares for the next step.
  void observe_delivered(const std::vector<double>& od_route_delivered_t);

  /// What OD pair k's tonne expects to pay in the last solve, USD/t: the logit's
  /// expected least cost (logsum; demand-weighted over its classes), or with
  /// user equilibrium the least cost of its used paths (after routes()).
  [[nodiscard]] double expected_cost(std::uint32_t k) const;

  /// Travel time per element at the last solve's flows, days.
  [[nodiscard]] const Eigen::VectorXd& element_time() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace corridor::sim
