#pragma once
// Writes the outputs of `corridor sensitivity` (docs/outputs.md, "Outputs of
// corridor sensitivity"), each atomically; sensitivity_summary.json last.
#include <filesystem>
#include <vector>

#include "corridor/analysis/sensitivity.hpp"
#include "corridor/io/results_writer.hpp"

namespace corridor::io {

/// What the analysis was about: the scenario's inputs and the outputs analysed.
struct SensitivitySubject {
  std::vector<analysis::UncertainInput> inputs;
  std::vector<analysis::SensitivityOutput> outputs;
};

/// sensitivity_oat.csv and sensitivity_summary.json.
void write_oat(const std::filesystem::path& dir, const Scenario& scenario,
               const SensitivitySubject& subject, const analysis::OatDesign& design,
               const std::vector<analysis::OatSwing>& swings, const RunMetadata& metadata);

/// sensitivity_sobol.csv and sensitivity_summary.json; `table` (all the design's
/// runs) gives the share of runs in which a milestone is not reached.
void write_sobol(const std::filesystem::path& dir, const Scenario& scenario,
                 const SensitivitySubject& subject, const analysis::SaltelliDesign& design,
                 const analysis::SobolOptions& options, const analysis::RunTable& table,
                 const std::vector<analysis::SobolOutput>& indices, const RunMetadata& metadata);

/// The output's name in tables and on the console: "corridor 2030" or
/// "corridor year reaching 10 Mt".
[[nodiscard]] std::string output_label(const Scenario& scenario,
                                       const analysis::SensitivityOutput& output);

}  // namespace corridor::io
