#pragma once
// Route choice among route families for the logit (route_choice in the
// scenario), as traffic classes of the logit solver. Each OD pair's routes are
// generated once (route_families.hpp) and fixed. The OD pair's responsive
// class chooses freely among all its routes; with inertia, one more class per
// family carries the demand still bound to that family, and chooses only
// among the family's routes. In a step, the responsive class carries the share
// kappa of the OD's demand (StepCosts::choice_share) and the family f's class
// (1 - kappa) x S(f), S the families' shares of the previous step: so the
// shares move S -> S + kappa (P - S), P the choice shares, within one
// consistent equilibrium. S is measured on the tonnes delivered in the step, so
// a family that cannot carry its bound freight (queues) loses it at once.
// Route constants: the family's alternative-specific constant and
// -(path_size / theta) ln(path size).
#include <cstdint>
#include <vector>

#include "corridor/assign/logit.hpp"
#include "corridor/scenario.hpp"
#include "corridor/sim/step_inputs.hpp"
#include "flow_model.hpp"
#include "route_families.hpp"
#include "route_labels.hpp"
#include "step_costs.hpp"

namespace corridor::sim {

class FamilyChoice {
 public:
  /// Generates the routes and appends the inertia classes to model.problem.
  FamilyChoice(const Scenario& scenario, const StepInputs& inputs, const RouteLabels& labels,
               FlowModel& model);

  [[nodiscard]] std::uint32_t class_count() const {
    return static_cast<std::uint32_t>(class_od_.size());
  }
  /// The OD pair of a solver class (classes 0..od_count-1 are the OD pairs' own).
  [[nodiscard]] std::uint32_t od_of(std::uint32_t cls) const { return class_od_[cls]; }
  [[nodiscard]] const std::vector<FamilyRoute>& routes(std::uint32_t od) const {
    return routes_[od];
  }
  /// Hands every class its fixed routes and their constants.
  void set_routes(assign::LogitSolver& solver) const;
  /// Each class's demand in a step with these OD demands and choice share.
  void class_demands(const std::vector<double>& od_demand_t, double choice_share,
                     std::vector<double>& class_demand_t) const;
  /// After a step's loading: the families' shares of each OD pair's tonnes
  /// delivered in the step (delivered_t[od * families + family], by route
  /// label), for the next step. Freight the family could not carry (still
  /// queued) is not bound to it; a pair with nothing delivered keeps its shares.
  void update_shares(const std::vector<double>& delivered_t);
  /// Flow of each route of OD k (route order of routes(k)), over its classes.
  void od_route_flows(const assign::LogitSolver& solver, std::uint32_t k,
                      std::vector<double>& flow_t) const;
  /// Whether a through-rate applies to some route or a family constant is
  /// dated (route constants then change from step to step).
  [[nodiscard]] bool has_dated_constants() const { return !rated_.empty() || dated_routes_; }
  /// The route constants of class `cls` in a step: its base constants, with a
  /// dated family constant at its value in the step, and on a route under a
  /// through-rate, share x (rate - the covered tariffs).
  void route_constants(std::uint32_t cls, const StepCosts& costs,
                       std::vector<double>& usd_per_t) const;

 private:
  void find_rated_routes(const Scenario& scenario, const RouteLabels& labels);

  std::vector<std::vector<FamilyRoute>> routes_;          // per OD
  std::vector<std::uint32_t> class_od_;                   // per class
  std::vector<std::int32_t> class_family_;                // per class: -1 responsive, else a family
  std::vector<std::vector<std::uint32_t>> class_routes_;  // per class: indices into routes_[od]
  std::vector<std::vector<double>> class_constants_;      // per class, per route: USD/t
  std::vector<std::vector<std::uint32_t>> od_classes_;    // per OD: its classes
  std::vector<std::vector<double>> share_;                // per OD, per family label: S
  std::vector<std::vector<double>> route_flow_;           // scratch per class
  /// A route under a through-rate: (OD, route, rate index, covered elements on it).
  struct Rated {
    std::uint32_t od = 0, route = 0, rate = 0;
    std::vector<std::uint32_t> covered;
  };
  std::vector<Rated> rated_;
  std::vector<std::int32_t> route_rated_;    // per (OD, route) flattened: index into rated_, or -1
  std::vector<std::size_t> od_route_first_;  // per OD: offset into route_rated_
  std::vector<std::uint32_t> od_segment_;
  // Per (OD, route) flattened like route_rated_: the index of its family
  // constant when that constant is dated, else -1; and whether any is.
  std::vector<std::int32_t> route_dated_constant_;
  bool dated_routes_ = false;
};

}  // namespace corridor::sim
