#pragma once
// Rules that treat the demand segments of an element differently
// (segment_rules in the scenario, docs/scenario-format.md): which segments may
// use it, what each pays, and which part of its capacity is reserved for a
// segment (a rail ferry holding slots for container trains).
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace corridor {

struct SegmentRule {
  std::string id;
  /// Element numbers (nodes first, then links); at least one.
  std::vector<std::uint32_t> elements;
  /// Segments that may use the elements (indices into Demand::segments);
  /// empty = every segment.
  std::vector<std::uint32_t> allowed;
  /// (segment, USD/t): replaces the tariff (links) or handling cost (nodes)
  /// for that segment; risk premiums still apply.
  std::vector<std::pair<std::uint32_t, double>> tariff_usd_per_t;
  /// (segment, share in (0, 1]): that share of the element's capacity in each
  /// step is served to the segment first; what it leaves unused goes to the others.
  std::vector<std::pair<std::uint32_t, double>> reserve_share;
  std::string source;
  /// Applies in the steps that begin on or after this date; absent = the whole
  /// horizon. A dated rule sets tariffs and reservations only (route sets are
  /// built once, so which segments may use an element cannot change).
  std::optional<std::chrono::year_month_day> from;
};

}  // namespace corridor
