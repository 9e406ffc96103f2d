#pragma once
// How shippers choose among route families (docs/scenario-format.md,
// `route_choice`), for the logit method: each OD pair's routes are generated
// once per family (the links' `route` labels) and kept as costs move; a
// family may carry an alternative-specific constant, routes that overlap are
// corrected by their path size, and inertia (contracts, sunk logistics) moves
// the families' shares only part of the way towards the choice shares each year.
#include <cstdint>
#include <string>
#include <vector>

#include "corridor/dated_series.hpp"

namespace corridor {

/// An alternative-specific constant: USD per tonne added to the generalised
/// cost of every route of a family (negative: preferred beyond its costs).
/// With `points` it is a dated path: `usd_per_t` before the first point, then
/// the points' values, interpolated as a cost series' are (a disadvantage that
/// shrinks as a service improves).
struct FamilyConstant {
  std::string id;                       ///< names it in overrides, calibration and uncertainty
  std::string family;                   ///< a route label
  std::vector<std::uint32_t> segments;  ///< indices into Demand::segments; empty = every segment
  double usd_per_t = 0.0;
  std::string source;
  SeriesInterpolation interpolation = SeriesInterpolation::step;
  std::vector<SeriesPoint> points;  ///< empty = constant over the horizon
};

struct RouteChoice {
  /// A `route_choice` section is present: fixed route families, not Dial's
  /// efficient paths.
  bool enabled = false;
  /// Routes generated per OD pair and family: the cheapest loopless paths at
  /// the first step's free-flow costs that use only the family's links and
  /// unlabelled ("access") links. >= 1.
  std::uint32_t routes_per_family = 4;
  /// Coefficient of ln(path size) in the route utility (Ben-Akiva and Bierlaire's
  /// path-size logit: routes sharing links count as less than distinct
  /// alternatives). 0 = plain logit over the routes. Range [0, 5].
  double path_size = 1.0;
  /// Share of a gap between the families' shares and the choice shares that
  /// is left after a year. 0 = none (the choice shares every step); in the first
  /// calendar year of the horizon the shares are the choice shares. Range [0, 1).
  double inertia = 0.0;
  std::vector<FamilyConstant> constants;  ///< at most one per (family, segment)

  /// The constant of `family` for `segment` (one that lists the segment, else
  /// the family's for every segment, else 0), before any dated points.
  [[nodiscard]] double constant(const std::string& family, std::uint32_t segment) const;
  /// The index into `constants` of the one that applies to `family` and
  /// `segment` (as constant() picks it), or -1.
  [[nodiscard]] std::int32_t constant_index(const std::string& family, std::uint32_t segment) const;
};

}  // namespace corridor
