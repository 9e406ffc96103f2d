#pragma once
// Yearly figures a planner reads first, computed from a run's per-step result:
// corridor tonnage by segment and direction, the balance of every tonne of
// demand, route shares per OD pair, the binding element of each year and the
// first year the corridor reaches 5, 10 and 15 Mt.
#include <optional>
#include <string>
#include <vector>

#include "corridor/scenario.hpp"
#include "corridor/sim/simulation.hpp"

namespace corridor::sim {

struct SegmentYear {
  double demand_t = 0.0;
  double delivered_t = 0.0;
  double corridor_t = 0.0;
  double corridor_westbound_t = 0.0;
  double corridor_eastbound_t = 0.0;
  double diverted_t = 0.0;
  double queued_start_t = 0.0;  ///< waiting at the start of the year
  double queued_end_t = 0.0;    ///< waiting at the end of the year
  double unserved_t = 0.0;
};

struct YearReport {
  int year = 0;
  bool complete = false;              ///< all of the year's days are in the horizon
  double corridor_t = 0.0;            ///< all segments, both directions
  std::vector<SegmentYear> segments;  ///< per scenario segment
  /// The capacitated element with the highest utilisation (flow / capacity over
  /// the year), or -1 when no element has a capacity.
  std::int64_t binding_element = -1;
  double binding_utilisation = 0.0;
  double binding_queue_end_t = 0.0;
};

struct Milestone {
  double threshold_t = 0.0;
  std::optional<int> first_year;  ///< first complete year with corridor tonnage >= threshold
};

struct Report {
  std::vector<YearReport> years;
  std::vector<Milestone> milestones;  ///< 5, 10 and 15 Mt
};

[[nodiscard]] Report make_report(const Scenario& scenario, const SimulationResult& result);

/// Element id for outputs: node or link id.
[[nodiscard]] const std::string& element_id(const Scenario& scenario, std::uint32_t element);

}  // namespace corridor::sim
