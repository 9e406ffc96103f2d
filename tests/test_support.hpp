#pragma once
// Helpers shared by the tests in tests/*.cpp: scratch folders of their own,
// files read whole, the `corridor` executable run with its output captured,
// and paths in the source tree.
//
// Every test that writes files writes them under a TempDir: two copies of the
// suite may run at the same time (two checkouts, or ctest -j), so no test may
// use a fixed path under /tmp.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

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

}  // namespace corridor::tests
