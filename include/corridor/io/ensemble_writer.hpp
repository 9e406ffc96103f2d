#pragma once
// Writes a Monte-Carlo ensemble's outputs (docs/outputs.md, "Ensemble files"),
// each atomically; ensemble_summary.json last.
#include <filesystem>

#include "corridor/analysis/ensemble.hpp"
#include "corridor/io/results_writer.hpp"

namespace corridor::io {

/// corridor_quantiles.csv, reach_probability.csv, reach_year.csv,
/// ensemble_summary.json, and draws.csv when `per_draw`.
void write_ensemble(const std::filesystem::path& dir, const Scenario& scenario,
                    const analysis::EnsembleResult& result,
                    const analysis::EnsembleSummary& summary, const RunMetadata& metadata,
                    bool per_draw);

}  // namespace corridor::io
