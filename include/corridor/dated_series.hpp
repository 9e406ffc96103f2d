#pragma once
// Dated values shared by cost series, through-rates and route-family constants.
#include <chrono>
#include <cstdint>

namespace corridor {

using Date = std::chrono::year_month_day;

/// How a dated path runs between its points: `linear` by day, or `step` (the
/// last point at or before the day).
enum class SeriesInterpolation : std::uint8_t { linear, step };

/// One dated value of a series.
struct SeriesPoint {
  Date date;
  double value = 0.0;  ///< USD/t (before a cost series' level)
};

}  // namespace corridor
