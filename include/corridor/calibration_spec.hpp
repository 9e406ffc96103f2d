#pragma once
// What a scenario says about calibration: observed corridor tonnages (with
// their sources) and the parameters a fit may move, each within bounds.
// Plain data; engine/io fills it, engine/analysis/calibration.cpp fits it.
#include <cstdint>
#include <string>
#include <vector>

#include "corridor/network.hpp"

namespace corridor {

/// An observed value of one corridor measure for one calendar year, all
/// segments or one.
struct Observation {
  int year = 0;
  std::uint32_t measure = 0;  ///< index into CorridorDefinition::measures
  double value = 0.0;         ///< in the measure's unit (tonnes or TEU) in the year, > 0
  std::int32_t segment = -1;  ///< index into Demand::segments; -1 = all segments
  std::string source;
  /// false: reported beside the fit (a check), not fitted, e.g. a derived or
  /// conflicting figure; `why` says why.
  bool fit = true;
  std::string why{};
};

enum class FreeParameterKind : std::uint8_t {
  demand_scale,      ///< Segment::scale of `segment`
  logit_dispersion,  ///< Segment::logit_dispersion_per_usd of `segment`
  risk_premium,      ///< base risk premium (USD/t) of every link in `links`
  growth_rate,       ///< annual rate of the step of `growth_path` starting in `from_year`
  project_value,     ///< Project::value of `project` (its to / times / plus figure)
  series_level,      ///< CostSeries::level of `series`
  series_point,      ///< the value (USD/t) of point `point` of `series`
  family_constant,   ///< FamilyConstant::usd_per_t of route_choice.constants[`constant`],
                     ///< or the value of its point `constant_point`
  inertia,           ///< RouteChoice::inertia
  path_size,         ///< RouteChoice::path_size
};
[[nodiscard]] std::string_view to_string(FreeParameterKind kind);

/// A parameter the calibration may move, within [lower, upper].
struct FreeParameter {
  FreeParameterKind kind = FreeParameterKind::demand_scale;
  std::string label;              ///< e.g. "demand_scale[transit-containers]" (outputs)
  std::uint32_t segment = 0;      ///< demand_scale, logit_dispersion
  std::vector<LinkIndex> links;   ///< risk_premium; at least one
  std::uint32_t growth_path = 0;  ///< growth_rate: index into Demand::growth_paths
  std::uint32_t growth_step = 0;  ///< growth_rate: index into GrowthPath::steps
  std::uint32_t project = 0;      ///< project_value: index into Scenario::projects
  std::uint32_t series = 0;       ///< series_level, series_point: index into Scenario::cost_series
  std::uint32_t point = 0;        ///< series_point: index into CostSeries::points
  std::uint32_t constant = 0;     ///< family_constant: index into RouteChoice::constants
  /// family_constant: -1 = its usd_per_t, else an index into FamilyConstant::points
  std::int32_t constant_point = -1;
  double initial = 0.0;  ///< starting value, lower <= initial <= upper
  double lower = 0.0;
  double upper = 0.0;  ///< lower < upper
};

struct CalibrationSpec {
  std::vector<FreeParameter> free;  ///< distinct parameters, file order
};

}  // namespace corridor
