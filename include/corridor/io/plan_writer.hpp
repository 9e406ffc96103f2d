#pragma once
// Writes the outputs of `corridor plan` into a folder (format: docs/outputs.md,
// "Outputs of corridor plan"). Every file is written atomically; plan.json is
// written last, so its presence means the files are complete. All files but
// timing.json are byte-identical for the same inputs, whatever the thread count.
#include <filesystem>
#include <string>
#include <vector>

#include "corridor/analysis/plan.hpp"
#include "corridor/io/results_writer.hpp"

namespace corridor::io {

/// Every corridor measure per year with and without one answer's programme.
struct PlanTrajectory {
  int by_year = 0;
  std::vector<int> years;
  std::vector<std::vector<double>> baseline;   ///< [measure][year]
  std::vector<std::vector<double>> programme;  ///< [measure][year]
  /// Ensemble mode: per year, the share of draws whose target measure has
  /// reached the target in a complete year up to it, with the programme. Empty otherwise.
  std::vector<double> reach_share;
};

struct PlanOutput {
  const analysis::PlanProblem* problem = nullptr;
  const analysis::PlanResult* result = nullptr;
  std::vector<PlanTrajectory> trajectories;  ///< per answer
  std::vector<std::string> left_out;         ///< catalogue measures without a cost
  std::string discount_rate_source;
  bool frontier = false;
  double seconds = 0.0;  ///< wall time of the search (timing.json only)
};

/// Writes programme.csv, frontier.csv, trajectory.csv, timing.json and plan.json into `dir`.
void write_plan(const std::filesystem::path& dir, const PlanOutput& out, const RunMetadata& meta);

}  // namespace corridor::io
