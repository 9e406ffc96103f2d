#pragma once
// The network with its yearly flows as GeoJSON (RFC 7946), for QGIS and other
// GIS tools: one Point feature per node and one LineString feature per directed
// link, with per-year figures as properties (`flow_t_2030`, ...). Format:
// docs/outputs.md, section network.geojson.
#include <string>

#include "corridor/scenario.hpp"
#include "corridor/sim/simulation.hpp"

namespace corridor::io {

/// The FeatureCollection as text (ends with a newline). Coordinates are
/// [longitude, latitude] in WGS84; a link is the straight segment between its
/// end nodes. Deterministic: nodes then links, in network order.
[[nodiscard]] std::string network_geojson(const Scenario& scenario,
                                          const sim::SimulationResult& result);

}  // namespace corridor::io
