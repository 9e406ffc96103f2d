#pragma once
// Path decomposition of one OD pair's link flows, for the loading (which moves
// tonnes along paths) when the assignment knows only link flows.
#include <Eigen/Core>
#include <cstdint>
#include <utility>
#include <vector>

#include "flow_model.hpp"

namespace corridor::sim {

using PathFlows = std::vector<std::pair<std::vector<std::uint32_t>, double>>;

/// Splits an OD's acyclic link flows into paths (largest residual first, ties
/// to the lowest link index), scaled so that they add up to exactly `demand`.
/// Flows at or below `tiny` (tonnes) count as none. Returns false, with `out`
/// empty, when the flow holds no path from origin to destination.
[[nodiscard]] bool decompose(const FlowModel& model, std::uint32_t origin,
                             std::uint32_t destination, Eigen::VectorXd flow, double demand,
                             double tiny, PathFlows& out);

}  // namespace corridor::sim
