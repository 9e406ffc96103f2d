// Dijkstra for the bush initialisation and the gap's shortest-path travel time.
#include "assign/shortest_path.hpp"

#include <algorithm>
#include <limits>

namespace corridor::assign::detail {
namespace {

// Min-heap on distance; ties broken by node index so results never depend on
// heap internals.
struct Greater {
  bool operator()(const std::pair<double, Index>& a, const std::pair<double, Index>& b) const {
    return a > b;
  }
};

}  // namespace

void ShortestPathTree::resize(Index node_count) {
  dist_.assign(node_count, std::numeric_limits<double>::infinity());
  pred_.assign(node_count, kNoIndex);
  done_.assign(node_count, 0);
  settled_.reserve(node_count);
  heap_.reserve(node_count);
}

void ShortestPathTree::run(const Graph& g, const double* out_cost, Index origin) {
  std::fill(dist_.begin(), dist_.end(), std::numeric_limits<double>::infinity());
  std::fill(pred_.begin(), pred_.end(), kNoIndex);
  std::fill(done_.begin(), done_.end(), std::uint8_t{0});
  settled_.clear();
  heap_.clear();
  dist_[origin] = 0.0;
  heap_.emplace_back(0.0, origin);
  while (!heap_.empty()) {
    std::pop_heap(heap_.begin(), heap_.end(), Greater{});
    const auto [d, u] = heap_.back();
    heap_.pop_back();
    if (done_[u] != 0) continue;
    done_[u] = 1;
    settled_.push_back(u);
    if (u < g.first_thru && u != origin) continue;  // zones are not passed through
    for (Index e = g.first_out[u]; e < g.first_out[u + 1]; ++e) {
      const Index v = g.out_head[e];
      const double nd = d + out_cost[e];
      if (nd < dist_[v]) {
        dist_[v] = nd;
        pred_[v] = g.out_link[e];
        heap_.emplace_back(nd, v);
        std::push_heap(heap_.begin(), heap_.end(), Greater{});
      }
    }
  }
}

}  // namespace corridor::assign::detail
