#pragma once
// The scenario's segment rules as dense per element and segment arrays, for
// the cost policy (which segments may use an element, what they pay), the
// loading (reserved capacity) and the route families (allowed elements).
#include <chrono>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "corridor/scenario.hpp"

namespace corridor::sim {

struct SegmentTable {
  std::uint32_t segments = 0;
  std::vector<std::uint8_t> allowed;     ///< [element][segment]: 1 when the segment may use it
  std::vector<double> tariff_usd_per_t;  ///< [element][segment]: NaN = the element's own
  std::vector<double> reserve_share;     ///< [element][segment]: reserved share of capacity
  std::vector<double> reserved_total;    ///< per element: sum of its reserved shares
  bool any_limit = false;
  bool any_tariff = false;
  bool any_reservation = false;

  [[nodiscard]] std::size_t at(std::uint32_t e, std::uint32_t g) const {
    return std::size_t{e} * segments + g;
  }
  [[nodiscard]] bool allows(std::uint32_t e, std::uint32_t g) const {
    return allowed[at(e, g)] != 0;
  }
  [[nodiscard]] bool has_tariff(std::uint32_t e, std::uint32_t g) const {
    return !std::isnan(tariff_usd_per_t[at(e, g)]);
  }
};

/// Every rule, dated or not: for what holds over the whole horizon (which
/// segments may use an element: dated rules do not limit segments).
[[nodiscard]] SegmentTable make_segment_table(const Scenario& scenario);

/// The rules that apply in a step beginning on `first_day` (undated ones and
/// those dated on or before it).
[[nodiscard]] SegmentTable make_segment_table(const Scenario& scenario,
                                              std::chrono::sys_days first_day);

/// Whether any rule is dated (the table then changes during a run).
[[nodiscard]] bool has_dated_rules(const Scenario& scenario);

}  // namespace corridor::sim
