#pragma once
// Writes a run's outputs into a folder (format: docs/outputs.md). Every file is
// written atomically; summary.json is written last, so its presence means the
// run's files are complete. All files but timing.json are byte-identical for
// the same scenario and seed.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "corridor/scenario.hpp"
#include "corridor/sim/report.hpp"
#include "corridor/sim/simulation.hpp"

namespace corridor::io {

struct RunMetadata {
  std::string scenario_fingerprint;  ///< fingerprint_files() of the inputs
  std::vector<std::string> files;    ///< inputs read, in order
  std::uint64_t seed = 0;
};

/// Output format version, written into summary.json; bumped on any change of
/// a file's columns or meaning.
inline constexpr int kOutputFormatVersion = 2;

/// Writes elements.csv, corridor_tonnage.csv, corridor_steps.csv, balance.csv, route_shares.csv,
/// network.geojson and summary.json into `dir`.
void write_results(const std::filesystem::path& dir, const Scenario& scenario,
                   const sim::SimulationResult& result, const sim::Report& report,
                   const RunMetadata& metadata);

/// Writes timing.json (wall-clock seconds: the one file that differs between runs).
void write_timing(const std::filesystem::path& dir, double wall_seconds);

}  // namespace corridor::io
