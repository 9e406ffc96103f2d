#pragma once
// What the outputs need to know of a path: its route label (the route family
// that covers most of its length) and where it first passes the corridor, and
// in which direction each corridor link runs. Used to intern the paths the
// step assignment returns (PathStore).
#include <cstdint>
#include <string>
#include <vector>

#include "corridor/scenario.hpp"

namespace corridor::sim {

class RouteLabels {
 public:
  explicit RouteLabels(const Scenario& scenario);

  static constexpr std::uint32_t kNone = 0xffffffffu;

  /// The links' `route` values, sorted, with "access" for links without one.
  [[nodiscard]] const std::vector<std::string>& names() const { return names_; }
  /// Label of a path (elements, nodes first then links): the route that covers
  /// most of its length, ignoring "access" legs; "access" if it has no other.
  [[nodiscard]] std::uint32_t route_of(const std::vector<std::uint32_t>& path) const;
  /// Position of the first corridor element on the path, or -1.
  [[nodiscard]] int corridor_pos(const std::vector<std::uint32_t>& path) const;
  /// Per element: 0 (westbound) or 1 (eastbound) for corridor links,
  /// Loader::kNotCorridor otherwise.
  [[nodiscard]] std::vector<std::uint8_t> corridor_directions() const;

 private:
  const Scenario& s_;
  std::vector<std::string> names_;
  std::vector<std::uint32_t> of_element_;  // label per element; nodes get kNone
  std::uint32_t access_ = 0;
  std::vector<bool> corridor_;  // per element
};

}  // namespace corridor::sim
