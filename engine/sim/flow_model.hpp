#pragma once
// The assignment network the step assignment solves every step. Each node v is split
// into an entry vertex 2v and an exit vertex 2v+1 joined by a "node link" that
// carries the node's capacity, dwell time and handling cost; each network link
// a joins exit(tail) to entry(head). So element e (nodes first, then links, as
// in StepInputs) is assignment link e, and node capacities are ordinary link
// capacities. Freight enters at its origin's entry vertex and leaves at its
// destination's exit vertex, so it passes both end terminals.
//
// Each OD pair is its own traffic class (with its segment's value of time), so
// the solver's origin flows are exactly the OD's link flows: the loading
// decomposes them into paths without any proportional-mixing assumption.
#include <cstdint>
#include <vector>

#include "corridor/assign/problem.hpp"
#include "corridor/scenario.hpp"
#include "corridor/sim/element_cost.hpp"

namespace corridor::sim {

struct FlowModel {
  assign::Problem problem;
  std::uint32_t node_count = 0;
  std::uint32_t element_count = 0;
  /// CSR over vertices of the split graph: out-links of vertex u are
  /// out_link[first_out[u] .. first_out[u+1]).
  std::vector<std::uint32_t> first_out;
  std::vector<std::uint32_t> out_link;
  std::vector<std::uint32_t> head;  ///< per element: head vertex
  /// Per OD: origin entry vertex and destination exit vertex.
  std::vector<std::uint32_t> od_origin;
  std::vector<std::uint32_t> od_destination;
};

[[nodiscard]] inline std::uint32_t entry_vertex(std::uint32_t node) { return 2 * node; }
[[nodiscard]] inline std::uint32_t exit_vertex(std::uint32_t node) { return 2 * node + 1; }

/// Builds the split network and one class per OD pair (demand and costs are set
/// per step by the step assignment, step_assigner.hpp).
[[nodiscard]] FlowModel make_flow_model(const Scenario& scenario);

}  // namespace corridor::sim
