#include "decompose.hpp"

#include <algorithm>
#include <limits>

namespace corridor::sim {
namespace {

constexpr std::uint32_t kNone = 0xffffffffu;
// Paths taken from one OD's flow at most (the corridor networks need a handful).
constexpr int kMaxPaths = 1000;

}  // namespace

bool decompose(const FlowModel& m, std::uint32_t origin, std::uint32_t destination,
               Eigen::VectorXd flow, double demand, double tiny, PathFlows& out) {
  out.clear();
  std::vector<std::uint32_t> path;
  double total = 0.0;
  for (int guard = 0; guard < kMaxPaths; ++guard) {
    path.clear();
    std::uint32_t u = origin;
    double bottleneck = std::numeric_limits<double>::infinity();
    while (u != destination && path.size() <= m.element_count) {
      std::uint32_t best = kNone;
      for (std::uint32_t i = m.first_out[u]; i < m.first_out[u + 1]; ++i) {
        const std::uint32_t e = m.out_link[i];
        if (flow[e] > tiny && (best == kNone || flow[e] > flow[best])) best = e;
      }
      if (best == kNone) break;
      path.push_back(best);
      bottleneck = std::min(bottleneck, flow[best]);
      u = m.head[best];
    }
    if (u != destination || path.empty()) break;
    for (const std::uint32_t e : path) flow[e] -= bottleneck;
    out.emplace_back(path, bottleneck);
    total += bottleneck;
    if (total >= demand - tiny) break;
  }
  if (out.empty()) return false;
  for (auto& [p, f] : out) f *= demand / total;
  return true;
}

}  // namespace corridor::sim
