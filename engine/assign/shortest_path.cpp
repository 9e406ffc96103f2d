// Dijkstra for the bush initialisation (and the logit's route sets).
#include "assign/shortest_path.hpp"

#include <algorithm>
#include <limits>

namespace corridor::assign::detail {
namespace {

constexpr Index kArity = 4;  // a 4-ary heap: shallower than binary, same cache lines
constexpr Index kSettled = kNoIndex - 1;

}  // namespace

void ShortestPathTree::resize(Index node_count) {
  dist_.assign(node_count, std::numeric_limits<double>::infinity());
  pred_.assign(node_count, kNoIndex);
  slot_.assign(node_count, kNoIndex);
  settled_.reserve(node_count);
  heap_.reserve(node_count);
}

// Indexed heap of (distance, node) entries: slot_[v] is v's position in heap_,
// kNoIndex when not yet reached, kSettled once popped. Keys live in the heap
// entries so that sifting compares neighbouring memory, not dist_ lookups.
void ShortestPathTree::sift_up(Index pos, HeapEntry entry) {
  while (pos > 0) {
    const Index parent = (pos - 1) / kArity;
    if (!(entry.dist < heap_[parent].dist)) break;
    heap_[pos] = heap_[parent];
    slot_[heap_[pos].node] = pos;
    pos = parent;
  }
  heap_[pos] = entry;
  slot_[entry.node] = pos;
}

ShortestPathTree::HeapEntry ShortestPathTree::pop_min() {
  const HeapEntry top = heap_[0];
  const HeapEntry last = heap_.back();
  heap_.pop_back();
  const auto size = static_cast<Index>(heap_.size());
  if (size > 0) {
    Index pos = 0;
    for (;;) {
      const Index first = pos * kArity + 1;
      if (first >= size) break;
      Index best = first;
      const Index end = std::min(first + kArity, size);
      for (Index c = first + 1; c < end; ++c) {
        if (heap_[c].dist < heap_[best].dist) best = c;
      }
      if (!(heap_[best].dist < last.dist)) break;
      heap_[pos] = heap_[best];
      slot_[heap_[pos].node] = pos;
      pos = best;
    }
    heap_[pos] = last;
    slot_[last.node] = pos;
  }
  slot_[top.node] = kSettled;
  return top;
}

void ShortestPathTree::run(const Graph& g, const double* out_cost, Index origin) {
  for (const Index v : touched_) {  // reset only what the last run reached
    dist_[v] = std::numeric_limits<double>::infinity();
    pred_[v] = kNoIndex;
    slot_[v] = kNoIndex;
  }
  settled_.clear();
  touched_.clear();
  heap_.clear();
  dist_[origin] = 0.0;
  touched_.push_back(origin);
  heap_.push_back({0.0, origin});
  slot_[origin] = 0;
  while (!heap_.empty()) {
    const auto [d, u] = pop_min();
    settled_.push_back(u);
    if (u < g.first_thru && u != origin) continue;  // zones are not passed through
    for (Index e = g.first_out[u]; e < g.first_out[u + 1]; ++e) {
      const Index v = g.out_head[e];
      const double nd = d + out_cost[e];
      if (nd < dist_[v] && slot_[v] != kSettled) {
        if (slot_[v] == kNoIndex) {
          slot_[v] = static_cast<Index>(heap_.size());
          heap_.push_back({nd, v});
          touched_.push_back(v);
        }
        dist_[v] = nd;
        pred_[v] = g.out_link[e];
        sift_up(slot_[v], {nd, v});
      }
    }
  }
}

}  // namespace corridor::assign::detail
