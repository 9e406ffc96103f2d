#pragma once
// Output files of `corridor calibrate` (docs/calibration.md): parameters.csv,
// residuals.csv, summary.json and calibrated.yaml, each written atomically.
#include <filesystem>
#include <string>

#include "corridor/analysis/calibration.hpp"
#include "corridor/io/results_writer.hpp"

namespace corridor::io {

/// The override scenario that `extends` `scenario_file` (by a path relative to
/// `out_dir`) and sets the fitted values.
[[nodiscard]] std::string calibrated_yaml(const Scenario& scenario,
                                          const analysis::CalibrationResult& result,
                                          const std::filesystem::path& scenario_file,
                                          const std::filesystem::path& out_dir);

/// Writes the four files into `out_dir` (created when missing).
void write_calibration(const std::filesystem::path& out_dir, const Scenario& scenario,
                       const std::filesystem::path& scenario_file,
                       const analysis::CalibrationResult& result, const RunMetadata& meta,
                       double wall_seconds);

}  // namespace corridor::io
