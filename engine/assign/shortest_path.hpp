#pragma once
// Dijkstra on the CSR graph with a lazy binary heap; built once, reused per query.
#include <utility>
#include <vector>

#include "assign/graph.hpp"

namespace corridor::assign::detail {

class ShortestPathTree {
 public:
  void resize(Index node_count);

  /// Distances from origin under out_cost (one entry per forward-star slot, see
  /// Graph::out_link), honouring the no-through-zones rule. Unreached nodes keep
  /// an infinite distance.
  void run(const Graph& g, const double* out_cost, Index origin);

  [[nodiscard]] double distance(Index node) const { return dist_[node]; }
  [[nodiscard]] Index pred_link(Index node) const { return pred_[node]; }
  /// Reached nodes in the order they were settled (a topological order of the tree).
  [[nodiscard]] const std::vector<Index>& settled() const { return settled_; }

 private:
  std::vector<double> dist_;
  std::vector<Index> pred_;
  std::vector<Index> settled_;
  std::vector<std::uint8_t> done_;
  std::vector<std::pair<double, Index>> heap_;
};

}  // namespace corridor::assign::detail
