#pragma once
// The simulation's time axis: the steps of a horizon (weeks, months or
// quarters) with their dates and lengths in days. Everything per step
// (capacity, demand) is an integral over the step's days, so a year's steps
// add up to exactly that year's figures.
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "corridor/scenario.hpp"

namespace corridor::sim {

using Days = std::chrono::sys_days;

/// Mean days per month (365.25 / 12): turns durations given in months (ramps,
/// delays, queue limits, shock lengths) into days.
inline constexpr double kDaysPerMonth = 365.25 / 12.0;

struct Step {
  Days first_day;      ///< first day of the step
  std::uint32_t days;  ///< length; the last week may be shorter
  /// Calendar year of the step's first day (the year its tonnes are reported in).
  int year;
};

/// The steps covering the horizon, in order.
[[nodiscard]] std::vector<Step> make_steps(const Horizon& horizon);

/// Whether the horizon covers `year` from 1 January to 31 December.
[[nodiscard]] bool year_complete(const Horizon& horizon, int year);

/// "2024-03": year and month of the step's first day.
[[nodiscard]] std::string format_month(const Step& step);

/// 365 or 366.
[[nodiscard]] int days_in_year(int year);

/// Fractional calendar year of the middle of `day` (2024-01-01 → 2024.5/366).
[[nodiscard]] double fractional_year(Days day);

}  // namespace corridor::sim
