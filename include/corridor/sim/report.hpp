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

/// One corridor measure in one year, in its unit (tonnes or TEU).
struct MeasureYear {
  double value = 0.0;  ///< over the counted segments and directions
  /// [segment * 2 + direction (0 westbound, 1 eastbound)]: `value` split; 0
  /// where the measure does not count.
  std::vector<double> by_segment_direction;
};

struct YearReport {
  int year = 0;
  bool complete = false;              ///< all of the year's days are in the horizon
  double corridor_t = 0.0;            ///< all segments, both directions
  std::vector<SegmentYear> segments;  ///< per scenario segment
  std::vector<MeasureYear> measures;  ///< per corridor measure (corridor_t is the headline's)
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
  std::vector<Milestone> milestones;  ///< the headline measure's (5, 10 and 15 Mt by default)
  /// Per corridor measure: its milestones, in its unit.
  std::vector<std::vector<Milestone>> measure_milestones;
};

[[nodiscard]] Report make_report(const Scenario& scenario, const SimulationResult& result);

/// Value of corridor measure m in step t, in its unit, after its segment,
/// direction and TEU weights; with in_tonnes, the tonnes it counts (for a
/// measure in TEU: of the segments with a TEU factor).
[[nodiscard]] double measure_step_value(const Scenario& scenario, const SimulationResult& result,
                                        std::uint32_t m, std::size_t t, bool in_tonnes = false);

/// The first complete year whose value reaches each threshold.
[[nodiscard]] std::vector<Milestone> milestones(const std::vector<double>& thresholds,
                                                const std::vector<int>& years,
                                                const std::vector<bool>& complete,
                                                const std::vector<double>& values);

/// Element id for outputs: node or link id.
[[nodiscard]] const std::string& element_id(const Scenario& scenario, std::uint32_t element);

}  // namespace corridor::sim
