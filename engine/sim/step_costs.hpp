#pragma once
// The cost policy of the time loop: what each step's assignment sees, in bulk.
// From the step's inputs, the capacity left after queues were served and the
// queues themselves, it builds every element's cost function, what passing
// each element costs each OD pair's class, and the step's demand. The step
// assignment (step_assigner.hpp) takes these as a whole and finds the changes.
#include <Eigen/Core>
#include <cstdint>
#include <vector>

#include "corridor/assign/problem.hpp"
#include "corridor/scenario.hpp"
#include "corridor/sim/calendar.hpp"
#include "corridor/sim/step_inputs.hpp"
#include "segment_table.hpp"

namespace corridor::sim {

using CostMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

/// One step's costs and demand, for every element, segment and OD pair. What
/// passing element e costs the class of OD pair k, of segment g, in USD/t:
///   money(g, e) + penalty(e) + value_of_time(k) x wait_days(g, e);
/// money alone (tariffs, premiums, handling) defines the logit's routes: waits
/// and closures change what a route costs, not which routes exist.
struct StepCosts {
  /// Per element: travel-time function at the capacity left in the step.
  std::vector<assign::LinkCostFunction> element;
  /// (segment, element): tariff + risk premium (links) or handling (nodes), USD/t,
  /// with the segment's own tariff where a segment rule gives one, and a barrier
  /// (1e7 USD/t) on elements the segment may not use.
  CostMatrix money_usd_per_t;
  /// Per element: the closed-element penalty (USD/t) when it is shut all step, else 0.
  std::vector<double> penalty_usd_per_t;
  /// (segment, element): days freight arriving in the step waits (queue ahead +
  /// closure); the same for every segment unless the element reserves capacity.
  CostMatrix wait_days;
  /// (segment, element): the tariff (links) or handling cost (nodes) part of
  /// money, USD/t: what a through-rate replaces.
  CostMatrix tariff_usd_per_t;
  /// Per through-rate (Scenario::through_rates): the share of the step's days
  /// it is in force, and its mean rate over those days, USD/t.
  std::vector<double> through_rate_share;
  std::vector<double> through_rate_usd_per_t;
  /// Per family constant (RouteChoice::constants): its mean value over the
  /// step's days (`usd_per_t` on the days before its first point) less its
  /// `usd_per_t`, USD/t; 0 for a constant without dated points.
  std::vector<double> constant_shift_usd_per_t;
  /// Per OD: tonnes that want to move in the step.
  std::vector<double> demand_t;
  /// Share of each OD pair's demand that chooses among all its route families
  /// in the step (route_choice with inertia; 1 otherwise and in the first
  /// calendar year of the horizon): 1 - inertia^(days / 365.25).
  double choice_share = 1.0;
};

class CostPolicy {
 public:
  CostPolicy(const Scenario& s, const StepInputs& in, const SegmentTable& table);

  /// Fills `out` for step t. remaining_t: per element, capacity left after the
  /// queues were served; queue_t: per element, tonnes waiting at it;
  /// segment_queue_t: the same per [element][segment].
  void fill(std::uint32_t t, const Step& step, const std::vector<double>& remaining_t,
            const std::vector<double>& queue_t, const std::vector<double>& segment_queue_t,
            StepCosts& out) const;

  /// Days freight joining the queue at cell i (step t, element e) waits: the
  /// time to clear what is ahead of it at the nominal capacity.
  [[nodiscard]] double queue_wait_days(std::size_t i, double queue_t, const Step& step) const;

 private:
  [[nodiscard]] double segment_wait_days(std::uint32_t e, std::uint32_t g, std::size_t i,
                                         const std::vector<double>& queue_t,
                                         const std::vector<double>& segment_queue_t,
                                         const Step& step) const;

  const AssignmentSettings& settings_;
  const SegmentTable& table_;
  const RouteChoice& route_choice_;
  const std::vector<ThroughRate>& through_rates_;
  int first_year_ = 0;
  const StepInputs& in_;
  std::uint32_t segment_count_ = 0;
};

}  // namespace corridor::sim
