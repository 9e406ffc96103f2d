#pragma once
// The select-element analysis of a run (`corridor run --select`, or the
// scenario's `select:` list): whose freight passes each selected element, and
// which other elements that freight uses (docs/outputs.md).
#include <filesystem>
#include <string>
#include <vector>

#include "corridor/scenario.hpp"
#include "corridor/sim/simulation.hpp"

namespace corridor::io {

/// "kuryk-alat,alat" as element numbers; an unknown or repeated id is an
/// InputError located at `option` (e.g. "--select").
[[nodiscard]] std::vector<std::uint32_t> parse_element_list(const Network& network,
                                                            const std::string& list,
                                                            const std::string& option);

/// select_element.csv and select_links.csv (per step), select_element_years.csv
/// and select_links_years.csv (per year), each atomically. Precondition: the
/// run selected elements (result.selected not empty).
void write_select(const std::filesystem::path& dir, const Scenario& scenario,
                  const sim::SimulationResult& result);

}  // namespace corridor::io
