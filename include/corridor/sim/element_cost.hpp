#pragma once
// How long passing an element takes as a function of the tonnes that use it:
// the cost functions the time loop hands the assignment every step, and that
// the yearly summaries evaluate at the flows actually served.
#include "corridor/assign/problem.hpp"
#include "corridor/scenario.hpp"

namespace corridor::sim {

/// The cost function of an element for a step: travel time `time_days` at free
/// flow, growing with utilisation of `capacity_t` (capacity-restraint or BPR as
/// the scenario says) by the routed flow on top of `preload_t` (tonnes already
/// using the capacity in the step, e.g. served from its queue); an unlimited
/// capacity gives a constant time.
[[nodiscard]] assign::LinkCostFunction element_cost(const AssignmentSettings& settings,
                                                    double time_days, double capacity_t,
                                                    double preload_t = 0.0);

}  // namespace corridor::sim
