#pragma once
// Loading a file of candidate relief measures (format: docs/scenario-format.md,
// "Measures files"). Each measure is a scenario override fragment merged on top
// of the base scenario after its `extends` chain; the result is a full scenario.
#include <filesystem>
#include <string>
#include <vector>

#include "corridor/analysis/plan.hpp"
#include "corridor/scenario.hpp"

namespace corridor::io {

struct LoadedMeasure {
  std::string id;      ///< unique within the file
  std::string name;    ///< what a planner reads in the ranking
  std::string source;  ///< where the measure's figures come from
  Scenario scenario;   ///< the base scenario with the measure's changes applied
  /// Planning fields (`cost`, `requires`, `exclusive`); absent for a measure
  /// that only `corridor bottlenecks` ranks.
  bool has_cost = false;
  double capex_usd = 0.0;
  double yearly_usd = 0.0;
  int lead_time_months = 0;
  int earliest_decision_year = 0;
  std::string cost_source;
  std::vector<std::string> requires_;  ///< measure ids
  std::string exclusive;               ///< group name; empty = none
};

/// Loads `measures_path` and applies each measure to the scenario at
/// `scenario_path`. Throws corridor::InputError naming the file, line and column
/// (in the measures file when the problem is in a measure), e.g. for an unknown
/// key, a duplicate id, an unknown element, or a change of the network's
/// elements, the OD pairs or the horizon (measures may not change those).
[[nodiscard]] std::vector<LoadedMeasure> load_measures(const std::filesystem::path& scenario_path,
                                                       const std::filesystem::path& measures_path);

/// A catalogue for `corridor plan`: the measures of a measures file that have
/// a `cost`, each adding its own projects, through-rates and dated segment
/// rules only (new ids), the earliest of them in force `lead_time_months` after
/// 1 January of the earliest decision year. Measures without a cost are left out (their ids in
/// `left_out`).
struct PlanCatalogue {
  Scenario base;
  std::vector<analysis::PlanMeasure> measures;
  double discount_rate = 0.0;
  std::string discount_rate_source;
  std::vector<std::string> left_out;
};

/// Loads a catalogue; errors (exit 2) name the measures file's line and column:
/// unknown prerequisite ids, cyclic prerequisites, negative costs, a change that
/// is not a set of new projects, through-rates or dated segment rules,
/// overlapping through-rates or clashing segment rules of measures outside one
/// exclusive group, a lead time that does not match the dates.
[[nodiscard]] PlanCatalogue load_plan_catalogue(const std::filesystem::path& scenario_path,
                                                const std::filesystem::path& measures_path);

}  // namespace corridor::io
