#pragma once
// Dijkstra on the CSR graph with an indexed 4-ary heap; built once, reused per
// query (a run resets only the nodes the previous run touched).
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
  struct HeapEntry {
    double dist;
    Index node;
  };
  void sift_up(Index pos, HeapEntry entry);
  HeapEntry pop_min();

  std::vector<double> dist_;
  std::vector<Index> pred_;
  std::vector<Index> slot_;     // heap position, kNoIndex (unreached) or settled
  std::vector<Index> settled_;  // in settle order
  std::vector<Index> touched_;  // reached by the last run (superset of settled_)
  std::vector<HeapEntry> heap_;
};

}  // namespace corridor::assign::detail
