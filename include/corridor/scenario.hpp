#pragma once
// A scenario: network, demand, time horizon, dated projects, scheduled
// disruptions, assignment parameters and the definition of "the corridor".
// Plain data with invariants checked by the loader (engine/io); the core never
// reads files.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "corridor/calibration_spec.hpp"
#include "corridor/dated_series.hpp"
#include "corridor/demand.hpp"
#include "corridor/network.hpp"
#include "corridor/route_choice.hpp"
#include "corridor/segment_rule.hpp"
#include "corridor/uncertainty.hpp"

namespace corridor {

enum class StepLength : std::uint8_t { week, month, quarter };
[[nodiscard]] std::string_view to_string(StepLength step);

/// The simulated period: from the first day of `start` to the last day of `end`.
struct Horizon {
  std::chrono::year_month start{std::chrono::year{2022}, std::chrono::January};
  std::chrono::year_month end{std::chrono::year{2040}, std::chrono::December};
  StepLength step = StepLength::month;

  /// Number of steps in the horizon (weeks are counted as started weeks).
  [[nodiscard]] std::uint32_t step_count() const;
};

/// A node or a link, by index.
struct ElementRef {
  enum class Kind : std::uint8_t { node, link };
  Kind kind = Kind::node;
  std::uint32_t index = 0;
};

/// A dated change of one attribute of one or more elements (a port phase, a
/// second track in both directions, new vessels). From `in_service` the value
/// moves linearly from the old to the new one over `ramp_up_months`.
struct Project {
  enum class Change : std::uint8_t { set_to, multiply_by, add };
  std::string id;
  std::string name;
  std::vector<ElementRef> elements;  ///< at least one; all have `attribute`
  Attribute attribute = Attribute::capacity_t_per_year;
  Change change = Change::set_to;
  double value = 0.0;
  Date in_service;
  double ramp_up_months = 0.0;  ///< >= 0
  std::string source;

  /// The attribute's value once the project is fully in service, from `before`.
  [[nodiscard]] double applied_to(double before) const;
};

/// A dated path of a money attribute that rises and falls (a risk premium
/// through a crisis, a surcharge for the months of a closure), applied to the
/// elements after their projects. Before the first point the attribute keeps
/// its value; from it on the series value s(day) is interpolated between the
/// points (`linear` by day, or `step`: the last point at or before the day) and
/// held at the last point's value after it. `set` makes the attribute
/// level × s(day), `add` adds level × s(day) to it; the result is never below 0.
struct CostSeries {
  enum class Change : std::uint8_t { set, add };
  using Interpolation = SeriesInterpolation;
  std::string id;
  std::string name;
  std::vector<ElementRef> elements;  ///< at least one; all have `attribute`
  /// tariff_usd_per_t, risk_premium_usd_per_t (links) or handling_cost_usd_per_t (nodes)
  Attribute attribute = Attribute::risk_premium_usd_per_t;
  Change change = Change::set;
  Interpolation interpolation = Interpolation::linear;
  std::vector<SeriesPoint> points;  ///< at least one, strictly increasing dates
  double level = 1.0;               ///< factor on every value; > 0 as loaded, >= 0 in a draw
  std::string source;
};

/// A harmonised through-rate (route_choice.through_rates): on the routes of
/// `family` of the OD pairs it applies to, from its first date on, the rate
/// replaces the sum of the tariffs of the `covers` elements on the route
/// (links' tariffs, nodes' handling costs); risk premiums still apply. Needs
/// route families (route_choice).
struct ThroughRate {
  std::string id;
  std::string family;                   ///< a route label
  std::vector<std::uint32_t> segments;  ///< indices into Demand::segments; empty = all
  std::int64_t origin = -1;             ///< node index of the OD pairs' origin; -1 = any
  std::int64_t destination = -1;        ///< node index of their destination; -1 = any
  std::vector<std::uint32_t> covers;    ///< element numbers (nodes first, then links)
  CostSeries::Interpolation interpolation = CostSeries::Interpolation::step;
  std::vector<SeriesPoint> points;  ///< USD per tonne (a rate per TEU is converted at load)
  std::string source;
};

/// A route listed in the scenario (route_choice.routes), added to the
/// generated routes of the OD pairs it connects.
struct ListedRoute {
  std::string id;
  std::string family;                   ///< a route label: the family it belongs to
  std::vector<std::uint32_t> segments;  ///< the segments whose choice sets get it; empty = all
  NodeIndex origin = 0;
  NodeIndex destination = 0;
  std::vector<std::uint32_t>
      elements;  ///< the path: origin node, link, node, ..., destination node
  std::string source;
};

/// Whether a cost series may change `attribute` (the money attributes).
[[nodiscard]] bool is_money_attribute(Attribute attribute);

/// The value of `attribute` of an element in the network tables (before
/// projects). Precondition: the element has the attribute (attribute_slot).
[[nodiscard]] double attribute_value(const Network& network, ElementRef element,
                                     Attribute attribute);

/// A scheduled closure: the elements are shut for `closed_fraction` of the
/// period, either every year in `months` or once between `from` and `to`.
struct Disruption {
  std::string id;
  std::vector<ElementRef> elements;  ///< at least one
  std::vector<unsigned> months;      ///< 1..12, recurring every year (empty for a one-off)
  std::optional<Date> from;          ///< one-off closure, inclusive
  std::optional<Date> to;
  double closed_fraction = 1.0;  ///< 0 < f <= 1
  std::string source;
};

enum class AssignmentMethod : std::uint8_t { user_equilibrium, logit };
enum class CostFunctionKind : std::uint8_t { capacity_restraint, bpr };

struct AssignmentSettings {
  AssignmentMethod method = AssignmentMethod::user_equilibrium;
  CostFunctionKind cost_function = CostFunctionKind::capacity_restraint;
  double relative_gap = 1e-6;  ///< 0 < g < 1
  std::uint32_t max_iterations = 500;
  double bpr_alpha = 0.15;
  double bpr_beta = 4.0;
  /// Capacity restraint t = t0 (1 + J rho / (1 - rho)), linear beyond rho = mu:
  /// J = restraint_delay (> 0), mu = restraint_linear_from (0 < mu < 1).
  double restraint_delay = 0.5;
  double restraint_linear_from = 0.95;
  /// Freight that has waited this long in a queue gives up and is reported unserved.
  double max_queue_months = 6.0;
};

/// One figure the scenario reports about the corridor, e.g. the route-wide
/// volume or the tonnes through a set of seaports (docs/scenario-format.md).
struct CorridorMeasure {
  enum class Counts : std::uint8_t {
    /// Tonnes of OD flows whose path uses any of the elements, each tonne
    /// once, counted when it passes the first of them on its path.
    routes,
    /// Tonnes passing the elements: a tonne passing two of them counts twice.
    element_flows,
  };
  enum class Direction : std::uint8_t { both, westbound, eastbound };

  std::string id;
  std::string name;
  Counts counts = Counts::routes;
  /// Element numbers (nodes first, then links, as in sim::StepInputs); at least one.
  std::vector<std::uint32_t> elements;
  /// Segments counted (indices into Demand::segments); empty = all.
  std::vector<std::uint32_t> segments;
  /// Tonnes counted by the direction they travel where they are counted: a
  /// link's direction (westbound when its head lies west of its tail), or at a
  /// node the OD pair's (its destination west of its origin).
  Direction direction = Direction::both;
  /// Per segment: TEU per tonne. Empty: the measure is in tonnes. Otherwise
  /// it is in TEU and counts only the segments with a factor > 0.
  std::vector<double> teu_per_t;
  /// Thresholds whose first year is reported, in the measure's unit.
  std::vector<double> milestones{5e6, 10e6, 15e6};
  std::string source;

  [[nodiscard]] bool in_teu() const { return !teu_per_t.empty(); }
  /// Unit of the measure's values: "t" or "TEU".
  [[nodiscard]] const char* unit() const { return in_teu() ? "TEU" : "t"; }
  /// What one tonne of `segment` adds to the measure (0 when not counted).
  [[nodiscard]] double weight(std::uint32_t segment) const;
  /// Whether tonnes travelling in `direction` (0 westbound, 1 eastbound) count.
  [[nodiscard]] bool counts_direction(unsigned travel) const {
    return direction == Direction::both || (direction == Direction::westbound) == (travel == 0);
  }
};

/// What the scenario counts as the corridor: its measures, one of which is
/// the headline (the tonnage printed first, the milestones of the summary,
/// "diverted" freight, the bottleneck analysis).
struct CorridorDefinition {
  std::vector<CorridorMeasure> measures;  ///< at least one
  std::uint32_t headline = 0;             ///< index into measures; a measure in tonnes

  [[nodiscard]] const CorridorMeasure& headline_measure() const { return measures[headline]; }
  /// Index of the measure with `id`, or -1.
  [[nodiscard]] std::int32_t find(std::string_view id) const;
};

struct Scenario {
  std::string name;
  std::string description;
  std::uint64_t seed = 1;
  Horizon horizon;
  Network network;
  Demand demand;
  std::vector<Project> projects;  ///< enabled projects only, in file order
  /// Enabled cost series, in file order; on one element and attribute their
  /// spans [first point, last point] do not overlap.
  std::vector<CostSeries> cost_series;
  std::vector<Disruption> disruptions;
  AssignmentSettings assignment;
  CorridorDefinition corridor;
  RouteChoice route_choice;                ///< logit route families; disabled by default
  std::vector<ThroughRate> through_rates;  ///< route_choice.through_rates
  std::vector<ListedRoute> listed_routes;  ///< route_choice.routes
  std::vector<SegmentRule> segment_rules;  ///< segment limits, tariffs and reservations
  Uncertainty uncertainty;                 ///< empty: every draw equals the deterministic run
  std::vector<Observation> observations;   ///< observed corridor tonnage, year order
  CalibrationSpec calibration;             ///< free parameters for `corridor calibrate`
  /// Elements whose freight `corridor run` breaks down (select-element analysis),
  /// element numbers (nodes first, then links), distinct; empty: none.
  std::vector<std::uint32_t> select;
};

}  // namespace corridor
