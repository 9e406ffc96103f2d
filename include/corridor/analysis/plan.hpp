#pragma once
// The cheapest programme of measures that makes a corridor measure reach a
// target by a year, deterministically or with a stated probability over the
// scenario's uncertainty. A programme decides some catalogue measures, each in
// a year; a measure decided in year d enters service lead-time months after
// 1 January of d (its projects move with it). Cost is the present value of
// capital at decision and yearly costs from service to the horizon's end.
// Depth-first branch and bound, exact under monotone reach: docs/planning.md.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "corridor/scenario.hpp"

namespace corridor::analysis {

/// One catalogue measure as the planner sees it.
struct PlanMeasure {
  std::string id;
  std::string name;
  double capex_usd = 0.0;   ///< >= 0, spent in the decision year
  double yearly_usd = 0.0;  ///< >= 0, every year from the service year to the horizon's end
  int lead_time_months = 0;
  int earliest_decision_year = 0;
  /// The projects the measure adds, dated as if decided on 1 January of
  /// earliest_decision_year (the earliest of them in service lead_time_months later).
  std::vector<Project> projects;
  /// The through-rates it adds (route_choice.through_rates), dated the same way.
  std::vector<ThroughRate> through_rates;
  /// The dated segment rules it adds (tariffs and reservations from `from`).
  std::vector<SegmentRule> segment_rules;
  std::vector<std::size_t> requires_;  ///< measures that must be decided no later
  int exclusive_group = -1;            ///< at most one measure per group (>= 0)
};

struct PlanProblem {
  const Scenario* base = nullptr;  ///< the scenario without any catalogue measure
  std::vector<PlanMeasure> measures;
  std::uint32_t corridor_measure = 0;  ///< index into base->corridor.measures
  double target = 0.0;                 ///< in the measure's unit, per year
  /// Also the price year of present values. The target counts as reached in a
  /// complete year from first_decision_year on (earlier years are history no
  /// measure can change).
  int first_decision_year = 0;
  int last_decision_year = 0;
  double discount_rate = 0.0;        ///< per year, >= 0
  std::optional<double> budget_usd;  ///< present value, inclusive
  /// Probabilistic mode when draws > 0: reach with probability >= `probability`
  /// over draws [0, draws) of the base's uncertainty (the same draws for every
  /// programme: common random numbers).
  double probability = 1.0;
  std::uint32_t draws = 0;
  std::uint64_t seed = 1;
  unsigned threads = 1;
  /// Stop after this many distinct programme evaluations (the answer then
  /// carries a lower bound and a gap); 0 = no limit.
  std::uint64_t max_evaluations = 0;

  /// Whether `value` of the corridor measure in `year` reaches the target: a
  /// complete year from first_decision_year on, at least `target`.
  [[nodiscard]] bool reaches(int year, bool complete, double value) const {
    return complete && year >= first_decision_year && value >= target;
  }
};

/// One decided measure of a programme.
struct PlanChoice {
  std::size_t measure = 0;  ///< index into PlanProblem::measures
  int decision_year = 0;
  Date in_service;                 ///< of its earliest project
  double present_value_usd = 0.0;  ///< capital and yearly costs, discounted to the price year
};

enum class PlanStatus : std::uint8_t {
  optimal,     ///< the least-cost programme (proven when `proven`)
  feasible,    ///< a programme that reaches the target; the search stopped early
  infeasible,  ///< no programme in the catalogue reaches the target by the year (within budget)
  unknown,     ///< the search stopped early without finding a programme that reaches it
};
[[nodiscard]] const char* to_string(PlanStatus status);

struct PlanAnswer {
  int by_year = 0;
  PlanStatus status = PlanStatus::infeasible;
  bool proven = false;  ///< the search finished: optimal, or infeasible for every programme
  std::vector<PlanChoice> programme;  ///< in decision-year, then catalogue order
  double cost_usd = 0.0;              ///< present value of the programme
  /// Lower bound on the cost of any programme that reaches the target (equal to
  /// cost_usd when proven optimal).
  double lower_bound_usd = 0.0;
  [[nodiscard]] double gap() const {
    return cost_usd > 0.0 ? (cost_usd - lower_bound_usd) / cost_usd : 0.0;
  }
  /// The year the target is first reached (deterministic) or first reached
  /// with the probability (ensemble) under the programme.
  std::optional<int> reach_year;
  /// Without any measure / with every measure decided as early as allowed (one
  /// measure of each exclusive group, the earliest over the groups'
  /// combinations), over the whole horizon.
  std::optional<int> base_reach_year;
  std::optional<int> best_reach_year;
};

struct PlanStats {
  std::uint64_t programmes_evaluated = 0;  ///< distinct programmes simulated
  /// Runs of the time loop: one per programme (deterministic), or the draws
  /// it took to decide each programme's reach (ensemble mode).
  std::uint64_t runs = 0;
  std::uint64_t nodes = 0;         ///< search nodes opened
  std::uint64_t nodes_pruned = 0;  ///< by cost bound or by reach bound
  std::uint64_t cache_hits = 0;
  /// Local check of each answer's optimality: dropping any one measure, or
  /// deciding it a year later, no longer reaches the target.
  std::uint64_t local_checks_failed = 0;
};

struct PlanResult {
  std::vector<PlanAnswer> answers;  ///< one per target year, in year order
  PlanStats stats;
  /// The order in which the search branches on measures (indices into measures).
  std::vector<std::size_t> branching_order;
};

/// Solves for each year in [from_year, to_year] (a single year when equal).
/// Throws std::invalid_argument for a problem out of range (years outside the
/// horizon, probability outside (0, 1], ...). Deterministic: the same problem
/// gives the same result whatever `threads`.
[[nodiscard]] PlanResult solve_plan(const PlanProblem& problem, int from_year, int to_year,
                                    const std::function<void(const PlanStats&)>& progress = {});

/// The present value of measure `m` decided in `decision_year` (PlanProblem's
/// rate and price year; yearly costs to the base horizon's end).
[[nodiscard]] double measure_present_value(const PlanProblem& problem, const PlanMeasure& m,
                                           int decision_year);

/// The base scenario with the programme's measures added (their projects moved
/// to the decision years).
[[nodiscard]] Scenario programme_scenario(const PlanProblem& problem,
                                          const std::vector<PlanChoice>& programme);

}  // namespace corridor::analysis
