#pragma once
// Dated cost series in the time loop: the value of a series on a day, and a
// money attribute on a day after the series of one element and attribute.
// Used by make_step_inputs (step_inputs.cpp), which averages over each step's days.
#include <cstdint>
#include <vector>

#include "corridor/scenario.hpp"
#include "corridor/sim/calendar.hpp"

namespace corridor::sim {

/// The series value s(day) in USD/t, before the level: linear between the
/// surrounding points (by day) or the last point at or before `day` (step);
/// the last point's value after the last point. Precondition: `day` is on or
/// after the first point's date.
[[nodiscard]] double series_value(const CostSeries& series, Days day);
/// The same for any dated points (a through-rate's).
[[nodiscard]] double series_value(const std::vector<SeriesPoint>& points,
                                  CostSeries::Interpolation interpolation, Days day);

/// `before` (the attribute on `day` with projects applied) after the series of
/// one element and attribute, in order of their first dates (their spans do
/// not overlap): each series that has started sets the value to level × s(day)
/// or adds level × s(day) to it. Never below 0.
[[nodiscard]] double apply_series(double before, const std::vector<const CostSeries*>& series,
                                  Days day);

/// True when none of the series changes the value within the `n` days from
/// `first` (none starts inside them, and s is constant on them), so one day
/// stands for the whole step.
[[nodiscard]] bool series_constant_over(const std::vector<const CostSeries*>& series, Days first,
                                        std::uint32_t n);

}  // namespace corridor::sim
