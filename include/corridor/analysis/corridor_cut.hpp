#pragma once
// The corridor's maximum throughput in a year and the minimum cut that limits
// it (docs/bottlenecks.md, section 2). The capacity graph is the network with
// every node split into an entry and an exit vertex joined by an arc carrying
// the node's capacity, laid out in two layers: layer 0 before the freight has
// crossed the corridor, layer 1 after. The headline measure's elements (links
// or nodes) are the only arcs from layer 0 to layer 1 and exist in no layer,
// so every unit of flow passes exactly one of them: exact for a measure whose
// elements form a cut no route passes twice (the Caspian crossings), a lower
// bound when routes pass several of them in series.
// A super source feeds every OD origin in layer 0, and every OD destination in
// layer 1 drains into a super sink.
#include <cstdint>
#include <vector>

#include "corridor/scenario.hpp"
#include "corridor/sim/calendar.hpp"
#include "corridor/sim/step_inputs.hpp"

namespace corridor::analysis {

/// Capacity of each element (nodes first, then links) over the steps of `year`:
/// the sum of the steps' capacities after projects and closures; kUnlimited
/// when the element does not limit in some step of the year.
[[nodiscard]] std::vector<double> year_capacity_t(const sim::StepInputs& inputs,
                                                  const std::vector<sim::Step>& steps, int year);

struct CorridorCut {
  int year = 0;
  /// Maximum tonnes in the year that can travel from OD origins to OD
  /// destinations over a corridor link; kUnlimited when no finite cut exists.
  double max_throughput_t = 0.0;
  /// Elements whose arcs form the minimum cut nearest to the source, in
  /// increasing element order (an element counted once even if it is cut in
  /// both layers).
  std::vector<std::uint32_t> cut_elements;
};

/// Max-flow / min-cut of the layered capacity graph with per-element capacities
/// `capacity_t` (nodes first, then links; tonnes, kUnlimited allowed; fractions of
/// a tonne are dropped).
[[nodiscard]] CorridorCut corridor_max_flow(const Scenario& scenario,
                                            const std::vector<double>& capacity_t, int year);

}  // namespace corridor::analysis
