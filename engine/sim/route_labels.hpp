#pragma once
// What the outputs need to know of a path: its route label (the route family
// that covers most of its length) and, per corridor measure, where it first
// passes one of the measure's elements; and, per element, which measures it
// belongs to and in which direction freight passing it travels. Used to intern
// the paths the step assignment returns (PathStore) and to count measures in
// the loading.
#include <cstdint>
#include <string>
#include <vector>

#include "corridor/scenario.hpp"

namespace corridor::sim {

/// Per element, the measures that count freight passing it, and its direction.
struct MeasureMap {
  static constexpr std::uint8_t kByOd = 2;  ///< direction of the OD pair (nodes)
  std::uint32_t measure_count = 0;
  /// Measures of element e: measure[first[e] .. first[e + 1]).
  std::vector<std::uint32_t> first;
  std::vector<std::uint32_t> measure;
  std::vector<std::uint8_t> counts_routes;  ///< per entry: 1 routes, 0 element flows
  /// Per element: 0 westbound, 1 eastbound (links), kByOd (nodes).
  std::vector<std::uint8_t> direction;
  /// Per OD pair: 0 when its destination lies west of its origin, else 1.
  std::vector<std::uint8_t> od_direction;
};

class RouteLabels {
 public:
  explicit RouteLabels(const Scenario& scenario);

  static constexpr std::uint32_t kNone = 0xffffffffu;

  /// The links' `route` values, sorted, with "access" for links without one.
  [[nodiscard]] const std::vector<std::string>& names() const { return names_; }
  /// Label of a path (elements, nodes first then links): the route that covers
  /// most of its length, ignoring "access" legs; "access" if it has no other.
  [[nodiscard]] std::uint32_t route_of(const std::vector<std::uint32_t>& path) const;
  /// Index of "access" in names().
  [[nodiscard]] std::uint32_t access() const { return access_; }
  /// Label of element e (kNone for nodes).
  [[nodiscard]] std::uint32_t label_of(std::uint32_t e) const { return of_element_[e]; }
  /// Per measure: position of the first of its elements on the path, or -1.
  [[nodiscard]] std::vector<int> measure_positions(const std::vector<std::uint32_t>& path) const;
  [[nodiscard]] MeasureMap measure_map() const;

 private:
  const Scenario& s_;
  std::vector<std::string> names_;
  std::vector<std::uint32_t> of_element_;  // label per element; nodes get kNone
  std::uint32_t access_ = 0;
  std::vector<std::vector<bool>> in_measure_;  // per measure, per element
};

}  // namespace corridor::sim
