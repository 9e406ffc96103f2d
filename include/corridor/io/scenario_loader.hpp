#pragma once
// Loading a scenario from its YAML file and CSV tables (format:
// docs/scenario-format.md). This is the edge of the engine: it turns files into
// the plain corridor::Scenario the core computes on.
#include <filesystem>
#include <string>
#include <vector>

#include "corridor/scenario.hpp"

namespace corridor::io {

struct LoadedScenario {
  Scenario scenario;
  /// Every file read, in order: the scenario chain (base first) and its tables.
  std::vector<std::string> files;
  /// Things worth knowing that are not errors (e.g. a project outside the horizon).
  std::vector<std::string> warnings;
};

/// Loads `path`, resolves `extends` (cycles are errors), merges, decodes and
/// validates. Throws corridor::InputError naming file, line and column.
[[nodiscard]] LoadedScenario load_scenario(const std::filesystem::path& path);

}  // namespace corridor::io
