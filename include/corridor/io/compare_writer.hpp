#pragma once
// The tidy CSV of `corridor compare --out DIR`: compare.csv (one row per run
// and year, headline measure), compare_measures.csv (per run, measure and
// year) and compare_milestones.csv (per run, measure and threshold).
// Columns in docs/outputs.md.
#include <string>
#include <vector>

#include "corridor/io/results_reader.hpp"

namespace corridor::io {

/// A label per run: its scenario name, or its folder when two runs share a name.
[[nodiscard]] std::vector<std::string> run_labels(const std::vector<RunResults>& runs);

/// Writes the three files into `dir` (created if needed), each atomically. Throws
/// InputError naming the folder when it cannot be written.
void write_compare(const std::string& dir, const std::vector<RunResults>& runs);

}  // namespace corridor::io
