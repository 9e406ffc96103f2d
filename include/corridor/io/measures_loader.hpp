#pragma once
// Loading a file of candidate relief measures (format: docs/scenario-format.md,
// "Measures files"). Each measure is a scenario override fragment merged on top
// of the base scenario after its `extends` chain; the result is a full scenario.
#include <filesystem>
#include <string>
#include <vector>

#include "corridor/scenario.hpp"

namespace corridor::io {

struct LoadedMeasure {
  std::string id;      ///< unique within the file
  std::string name;    ///< what a planner reads in the ranking
  std::string source;  ///< where the measure's figures come from
  Scenario scenario;   ///< the base scenario with the measure's changes applied
};

/// Loads `measures_path` and applies each measure to the scenario at
/// `scenario_path`. Throws corridor::InputError naming the file, line and column
/// (in the measures file when the problem is in a measure), e.g. for an unknown
/// key, a duplicate id, an unknown element, or a change of the network's
/// elements, the OD pairs or the horizon (measures may not change those).
[[nodiscard]] std::vector<LoadedMeasure> load_measures(const std::filesystem::path& scenario_path,
                                                       const std::filesystem::path& measures_path);

}  // namespace corridor::io
