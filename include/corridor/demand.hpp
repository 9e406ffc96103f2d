#pragma once
// Freight demand: commodity segments, growth paths and origin–destination
// tonnages per segment. Plain data; loaders fill it, the simulation reads it.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "corridor/network.hpp"

namespace corridor {

/// A commodity segment (containers, bulk, oil products, ...).
struct Segment {
  std::string id;
  double value_of_time_usd_per_t_day = 0.0;  ///< >= 0
  double logit_dispersion_per_usd = 0.0;     ///< theta of the logit variant; 0 = not given
  /// Multiplies the base tonnes of every OD row of the segment (calibration knob); > 0.
  double scale = 1.0;
  /// Monthly factors, January first, normalised so that their mean is 1.
  std::array<double, 12> seasonality{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
};

/// One step of a growth path: `annual_rate` applies from 1 January of `from_year`.
struct GrowthStep {
  int from_year = 0;
  double annual_rate = 0.0;  ///< -1 < rate <= 10
};

/// Piecewise-constant annual growth rates. factor(base, y) is the ratio of
/// tonnes in year y to tonnes in year base: the product of (1 + rate) over the
/// years from base to y (the inverse product when y < base). Fractional years
/// compound continuously within the year, so the factor is smooth in time.
struct GrowthPath {
  std::string id;
  std::vector<GrowthStep> steps;  ///< strictly increasing from_year; may be empty (no growth)

  [[nodiscard]] double rate_in(int year) const;
  [[nodiscard]] double factor(int base_year, double year) const;
};

/// Tonnes per year wanting to move from origin to destination in one segment.
struct OdDemand {
  std::uint32_t segment = 0;
  NodeIndex origin = 0;
  NodeIndex destination = 0;
  int base_year = 0;
  double base_t_per_year = 0.0;   ///< >= 0
  std::int32_t growth_path = -1;  ///< index into Demand::growth_paths, -1 = no growth
};

struct Demand {
  std::vector<Segment> segments;
  std::vector<GrowthPath> growth_paths;
  std::vector<OdDemand> od;

  [[nodiscard]] double total_base_t_per_year() const;
};

}  // namespace corridor
