#pragma once
// Writes the outputs of `corridor bottlenecks` into a folder (format:
// docs/outputs.md, "Outputs of corridor bottlenecks"). Every file is written
// atomically; bottlenecks.json is written last, so its presence means the
// files are complete. All files are byte-identical for the same inputs,
// whatever the thread count.
#include <filesystem>

#include "corridor/analysis/bottlenecks.hpp"
#include "corridor/io/results_writer.hpp"
#include "corridor/scenario.hpp"

namespace corridor::io {

/// Writes bottleneck_years.csv, bottleneck_steps.csv, max_flow.csv,
/// min_cut.csv, relief_ranking.csv, relief_benefit.csv and bottlenecks.json
/// into `dir`.
void write_bottlenecks(const std::filesystem::path& dir, const Scenario& scenario,
                       const analysis::BottleneckAnalysis& analysis, const RunMetadata& metadata);

}  // namespace corridor::io
