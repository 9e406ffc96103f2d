#pragma once
// Helpers shared by the tests in tests/*.cpp: scratch folders of their own,
// files read whole, the `corridor` executable run with its output captured,
// scenarios from the source tree, and the simulation's invariants.
//
// Every test that writes files writes them under a TempDir: two copies of the
// suite may run at the same time (two checkouts, or ctest -j), so no test may
// use a fixed path under /tmp.
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "corridor/assign/problem.hpp"
#include "corridor/io/scenario_loader.hpp"
#include "corridor/sim/simulation.hpp"

namespace corridor::tests {

/// A folder made on construction under temp_directory_path(), named after the
/// running test, corridor_<suite>_<test>[_<label>]_XXXXXX (mkdtemp fills in the
/// X's, so the name is unique on the machine), and removed with all it holds on
/// destruction. `label` tells apart several folders of one test.
class TempDir {
 public:
  explicit TempDir(std::string_view label = {});
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  TempDir(TempDir&&) = delete;
  TempDir& operator=(TempDir&&) = delete;
  ~TempDir();

  /// The folder (absolute).
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }
  /// A path inside the folder; nothing is created.
  [[nodiscard]] std::filesystem::path operator/(const std::filesystem::path& name) const {
    return path_ / name;
  }
  /// Writes `text` to `name` inside the folder (making its parent folders) and
  /// returns the file's path.
  std::filesystem::path write(const std::filesystem::path& name, std::string_view text) const;

 private:
  std::filesystem::path path_;
};

/// `relative` (e.g. "tests/data/mini/scenario.yaml") in this checkout's source tree.
[[nodiscard]] std::filesystem::path source_path(std::string_view relative);

/// The scenario at `relative` in the source tree, loaded (throws InputError).
[[nodiscard]] io::LoadedScenario load_source_scenario(std::string_view relative);
[[nodiscard]] Scenario source_scenario(std::string_view relative);

/// tests/data/mini/scenario.yaml: five nodes, one sea crossing (aktau-alat).
[[nodiscard]] Scenario mini_scenario();

/// The mini scenario without its projects and with the sea crossing cut to
/// 0.5 Mt/yr: far too small for the bulk OD (aktau -> eu, 1 Mt/yr, no other
/// route), so the crossing binds and a queue builds.
[[nodiscard]] Scenario mini_tight_ferry();

/// `network` rebuilt with `change` applied to the link `link_id`; throws
/// std::invalid_argument when there is no such link.
[[nodiscard]] Network with_link(const Network& network, std::string_view link_id,
                                const std::function<void(LinkSpec&)>& change);

/// A file's bytes (empty when it cannot be read).
[[nodiscard]] std::string read_file(const std::filesystem::path& path);

/// What a run of the `corridor` executable did.
struct CliRun {
  int exit_code = -1;  ///< -1 when it did not exit normally (a signal)
  std::string output;  ///< stdout and stderr, interleaved
};

/// Runs `corridor -q <args>` through the shell (args are not quoted) and waits for it.
[[nodiscard]] CliRun run_corridor(const std::string& args);

/// Each of `names` is a non-empty file in `expected_dir` and the same, byte for
/// byte, in `actual_dir`.
void expect_same_files(const std::filesystem::path& expected_dir,
                       const std::filesystem::path& actual_dir,
                       const std::vector<std::string>& names);

/// queue(t-1) + demand(t) = delivered(t) + queue(t) + unserved(t), per OD and step.
void expect_conservation(const sim::SimulationResult& r);

/// No element carries more than its capacity in any step (unlimited ones aside).
void expect_within_capacity(const sim::SimulationResult& r);

/// Nodes 0 -> 1 joined by one link of cost `cost`; one class sends 1 unit.
[[nodiscard]] assign::Problem one_link_problem(const assign::LinkCostFunction& cost);

}  // namespace corridor::tests
