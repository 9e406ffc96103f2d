#pragma once
// The pieces of the scenario loader, one file each: network tables, demand,
// and the dated sections (horizon, projects, cost series, disruptions).
// Internal to engine/io.
#include <filesystem>
#include <string>
#include <vector>

#include "corridor/demand.hpp"
#include "corridor/io/scenario_loader.hpp"
#include "corridor/network.hpp"
#include "corridor/scenario.hpp"
#include "io/csv_table.hpp"
#include "io/yaml_tree.hpp"

namespace corridor::io {

/// Files read while loading, in order (for the summary and the run metadata).
using FileList = std::vector<std::string>;

/// Reads the CSV table whose path is the scalar `path_node` (already resolved
/// against the naming file); a missing file is reported at `path_node`.
[[nodiscard]] CsvTable read_table(const YamlNode& path_node, std::string_view what,
                                  FileList& files);

/// The scenario file `path` with its `extends` chain merged (table paths
/// resolved against the files naming them); the files read are appended to `files`.
[[nodiscard]] YamlNode load_scenario_tree(const std::filesystem::path& path, FileList& files);

/// Decodes and validates a merged scenario tree (see load_scenario).
[[nodiscard]] LoadedScenario decode_scenario(const YamlNode& root, FileList files);

/// Makes the table paths of a scenario fragment (network.nodes, network.links,
/// demand.od) relative to `dir`, the folder of the file that holds the fragment.
void resolve_paths(YamlNode& root, const std::filesystem::path& dir);

/// `network:` section: nodes.csv, links.csv, node_overrides, link_overrides.
[[nodiscard]] Network load_network(const YamlNode& section, FileList& files);

/// `demand:` section: segments, growth_paths and the OD table. Checks that
/// every OD pair is connected in `network`.
[[nodiscard]] Demand load_demand(const YamlNode& section, const Network& network, FileList& files);

/// `horizon:` section.
[[nodiscard]] Horizon load_horizon(const YamlNode& section);

/// `projects:` list (enabled ones only); checks that each project's resulting
/// values stay in range when the projects of an element apply in date order.
[[nodiscard]] std::vector<Project> load_projects(const YamlNode& list, const Network& network);

/// `cost_series:` list (enabled ones only): money attributes of known elements,
/// points with strictly increasing dates and values in range, and no two series
/// on one element and attribute whose spans overlap.
[[nodiscard]] std::vector<CostSeries> load_cost_series(const YamlNode& list,
                                                       const Network& network);

/// `disruptions:` list (enabled ones only).
[[nodiscard]] std::vector<Disruption> load_disruptions(const YamlNode& list,
                                                       const Network& network);

/// `uncertainty:` section. `all_project_ids` lists every project id in the file,
/// enabled or not, for the message when a delay names a disabled one.
[[nodiscard]] Uncertainty load_uncertainty(const YamlNode& section, const Scenario& scenario,
                                           const std::vector<std::string>& all_project_ids);

/// `observations:` list, sorted by year; years inside the horizon.
[[nodiscard]] std::vector<Observation> load_observations(const YamlNode& list,
                                                         const Scenario& scenario);

/// `calibration:` section: the free parameters with bounds (needs demand and network loaded).
[[nodiscard]] CalibrationSpec load_calibration(const YamlNode& section, const Scenario& scenario);

/// `corridor:` section: the measures and the headline, or the older
/// {name, links} form (one measure, id "corridor").
[[nodiscard]] CorridorDefinition load_corridor(const YamlNode& section, const Network& network,
                                               const Demand& demand);

/// A `points:` list of a dated series: `{date, value}` with strictly increasing
/// dates; values >= 0 for a `set` series, any for `add`.
[[nodiscard]] std::vector<SeriesPoint> read_points(const YamlNode& node, CostSeries::Change change);

/// `segment_rules:` list (needs network and demand loaded).
[[nodiscard]] std::vector<SegmentRule> load_segment_rules(const YamlNode& list,
                                                          const Scenario& scenario);

/// `route_choice:` section (needs assignment, network and demand loaded); its
/// through_rates and routes go to scenario.through_rates and listed_routes.
[[nodiscard]] RouteChoice load_route_choice(const YamlNode& section, Scenario& scenario);

/// Whether two through-rates could both apply to some OD pair and segment (one
/// family, overlapping segments, origins and destinations; empty/-1 = any).
[[nodiscard]] bool through_rates_overlap(const ThroughRate& a, const ThroughRate& b);

/// A segment id as its index in demand.segments; unknown ids fail at `node`.
[[nodiscard]] std::uint32_t resolve_segment(const YamlNode& node, const Demand& demand);

/// An element id (node or link) as an ElementRef; unknown ids fail at `node`.
[[nodiscard]] ElementRef resolve_element(const YamlNode& node, const Network& network,
                                         std::string_view what);
/// One element id or a list of distinct ids.
[[nodiscard]] std::vector<ElementRef> resolve_elements(const YamlNode& node, const Network& network,
                                                       std::string_view what);

}  // namespace corridor::io
