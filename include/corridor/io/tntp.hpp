#pragma once
// Reader for the TNTP research-network format (github.com/bstabler/TransportationNetworks):
// `<KEY> value` metadata up to `<END OF METADATA>`, `~` comments, `;`-terminated
// records. Bad input throws corridor::InputError naming file, line and column.
#include <cstdint>
#include <string>
#include <vector>

#include "corridor/assign/problem.hpp"

namespace corridor::io {

/// One link record of a *_net.tntp file (units as in the network's README).
struct TntpLink {
  std::int64_t init_node = 0;  ///< TNTP node number (1-based)
  std::int64_t term_node = 0;
  double capacity = 0.0;
  double length = 0.0;
  double free_flow_time = 0.0;
  double b = 0.0;
  double power = 0.0;
  double speed = 0.0;
  double toll = 0.0;
  int link_type = 0;
};

struct TntpNetwork {
  std::int64_t zones = 0;
  std::int64_t nodes = 0;
  std::int64_t first_thru_node = 1;  ///< TNTP number; zones below it are not passed through
  std::vector<TntpLink> links;
};

struct TntpOd {
  std::int64_t origin = 0;  ///< TNTP zone numbers
  std::int64_t destination = 0;
  double flow = 0.0;
};

struct TntpTrips {
  std::int64_t zones = 0;
  double total_flow = 0.0;  ///< as declared in the header (0 when absent)
  std::vector<TntpOd> demand;
};

/// A best-known solution row of a *_flow.tntp file.
struct TntpFlow {
  std::int64_t from = 0;
  std::int64_t to = 0;
  double volume = 0.0;
  double cost = 0.0;
};

[[nodiscard]] TntpNetwork read_tntp_network(const std::string& path);
[[nodiscard]] TntpTrips read_tntp_trips(const std::string& path);
[[nodiscard]] std::vector<TntpFlow> read_tntp_flows(const std::string& path);

/// Generalised-cost weights from a network's README (e.g. Chicago-Sketch: toll
/// 0.02 min/cent, distance 0.04 min/mile); they form the class's fixed link cost.
struct TntpWeights {
  double toll = 0.0;
  double distance = 0.0;
};

/// One-class assignment problem: BPR costs, fixed cost toll*w_toll + length*w_dist,
/// value of time 1, node index = TNTP number - 1. Throws InputError (naming
/// trips_path) when the trips do not fit the network.
[[nodiscard]] assign::Problem make_assignment_problem(const TntpNetwork& net,
                                                      const TntpTrips& trips,
                                                      const TntpWeights& weights,
                                                      const std::string& trips_path = {});

}  // namespace corridor::io
