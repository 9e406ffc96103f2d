#pragma once
// The route families of the logit's fixed choice sets (route_choice in the
// scenario): for each OD pair and each route label (the family), the cheapest
// loopless paths at the first step's free-flow costs that use only the
// family's links and unlabelled ("access") links, found once by Yen's
// algorithm; and each route's path size among the OD pair's routes.
#include <cstdint>
#include <vector>

#include "corridor/scenario.hpp"
#include "corridor/sim/step_inputs.hpp"
#include "flow_model.hpp"
#include "route_labels.hpp"
#include "segment_table.hpp"

namespace corridor::sim {

/// One route of an OD pair's choice set.
struct FamilyRoute {
  std::uint32_t family = 0;             ///< index into RouteLabels::names()
  std::vector<std::uint32_t> elements;  ///< assignment links (elements), origin to destination
  double cost_usd_per_t = 0.0;          ///< free-flow generalised cost when generated
  /// Ben-Akiva and Bierlaire's path size among the OD pair's routes, (0, 1]:
  /// the sum over its links of (link km / route km) / (routes using the link).
  double path_size = 1.0;
};

/// Each OD pair's routes: up to route_choice.routes_per_family per family,
/// families in label order, cheapest first within a family. Uses step 0 of
/// `inputs` for money and free-flow times, valued with each OD's value of
/// time, and only elements the OD's segment may use.
[[nodiscard]] std::vector<std::vector<FamilyRoute>> generate_family_routes(
    const Scenario& s, const FlowModel& m, const StepInputs& in, const RouteLabels& labels,
    const SegmentTable& table);

/// The k cheapest loopless paths (elements) from vertex `from` to vertex `to`
/// over the elements with allowed[e] != 0 (Yen 1971), cheapest first.
[[nodiscard]] std::vector<std::vector<std::uint32_t>> cheapest_paths(
    const FlowModel& model, const std::vector<double>& cost,
    const std::vector<std::uint8_t>& allowed, std::uint32_t from, std::uint32_t to,
    std::uint32_t k);

}  // namespace corridor::sim
