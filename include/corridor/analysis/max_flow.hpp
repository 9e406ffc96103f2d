#pragma once
// Maximum flow and minimum cut on a directed graph with integer capacities,
// computed with Boost.Graph's push-relabel or Boykov-Kolmogorov algorithm
// running on an adaptor over flat CSR arrays (32-bit indices, every arc paired
// with its reverse arc).
//
//   FlowGraphBuilder b(4);
//   b.add_arc(0, 1, 5); b.add_arc(1, 3, 2); ...
//   const FlowGraph g = std::move(b).build();
//   MaxFlow mf;
//   mf.run(g, 0, 3);           // mf.flow_value(), mf.source_side(v), mf.cut_arcs()
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

namespace corridor::analysis {

using VertexIndex = std::uint32_t;
using ArcIndex = std::uint32_t;
/// Capacities and flows are integers (tonnes): push-relabel terminates exactly
/// with integers, and a tonne is fine enough for a corridor's yearly capacity.
using FlowValue = std::int64_t;

/// A capacity that never binds. Large enough to exceed any finite cut of a
/// corridor (1e15 t), small enough that sums of a few thousand never overflow.
inline constexpr FlowValue kInfiniteFlow = 1'000'000'000'000'000;

/// Residual graph in CSR form. Input arc i (in the order it was added) is the
/// CSR arc forward_arc(i) (kNoArc for a self loop); its paired reverse arc
/// (capacity 0) is reverse()[a].
class FlowGraph {
 public:
  [[nodiscard]] std::uint32_t vertex_count() const noexcept {
    return static_cast<std::uint32_t>(first_out_.size()) - 1;
  }
  /// CSR arcs: two per input arc that is not a self loop.
  [[nodiscard]] std::uint32_t arc_count() const noexcept {
    return static_cast<std::uint32_t>(head_.size());
  }
  [[nodiscard]] std::uint32_t input_arc_count() const noexcept {
    return static_cast<std::uint32_t>(forward_.size());
  }
  [[nodiscard]] std::span<const ArcIndex> first_out() const noexcept { return first_out_; }
  [[nodiscard]] std::span<const VertexIndex> head() const noexcept { return head_; }
  [[nodiscard]] std::span<const VertexIndex> tail() const noexcept { return tail_; }
  [[nodiscard]] std::span<const ArcIndex> reverse() const noexcept { return reverse_; }
  /// Capacity per CSR arc (0 on reverse arcs).
  [[nodiscard]] std::span<const FlowValue> capacity() const noexcept { return capacity_; }
  /// The CSR arc of input arc i.
  [[nodiscard]] ArcIndex forward_arc(std::uint32_t input_arc) const { return forward_[input_arc]; }
  /// The input arc of CSR arc a, or kNoInput for a reverse arc.
  [[nodiscard]] std::uint32_t input_of(ArcIndex a) const { return input_of_[a]; }
  static constexpr std::uint32_t kNoInput = std::numeric_limits<std::uint32_t>::max();
  static constexpr ArcIndex kNoArc = std::numeric_limits<ArcIndex>::max();

 private:
  friend class FlowGraphBuilder;
  std::vector<ArcIndex> first_out_{0};
  std::vector<VertexIndex> head_;
  std::vector<VertexIndex> tail_;
  std::vector<ArcIndex> reverse_;
  std::vector<FlowValue> capacity_;
  std::vector<ArcIndex> forward_;
  std::vector<std::uint32_t> input_of_;
};

/// Collects arcs, then lays them out in CSR order (a stable counting sort by
/// tail, so the layout is deterministic).
class FlowGraphBuilder {
 public:
  explicit FlowGraphBuilder(std::uint32_t vertex_count) : vertex_count_(vertex_count) {}
  /// Adds arc tail -> head with capacity >= 0 (kInfiniteFlow for unlimited);
  /// returns its input index. Self loops are allowed; they never carry flow
  /// and the built graph leaves them out (forward_arc() gives kNoArc).
  std::uint32_t add_arc(VertexIndex tail, VertexIndex head, FlowValue capacity);
  [[nodiscard]] FlowGraph build() &&;

 private:
  std::uint32_t vertex_count_;
  std::vector<VertexIndex> tail_;
  std::vector<VertexIndex> head_;
  std::vector<FlowValue> capacity_;
};

/// Boost.Graph's max-flow algorithms. Both give the same flow value and, as the
/// cut is read off the residual graph, the same minimum cut nearest to the source.
enum class MaxFlowAlgorithm : std::uint8_t {
  /// By the graph's shape (default): Boykov-Kolmogorov when the sink is few arcs
  /// from the source (at most 2 log2(vertices) by breadth-first search: a
  /// small-world graph, where its short augmenting paths win), else push-relabel
  /// (long, layered graphs such as corridors, where augmenting paths are long).
  automatic,
  push_relabel,       ///< Goldberg-Tarjan, FIFO with global relabelling and gaps
  boykov_kolmogorov,  ///< augmenting paths on two search trees
};

/// Maximum s-t flow and a minimum cut. Reusable: run() may be called again on
/// another graph; buffers are kept.
class MaxFlow {
 public:
  /// Computes the maximum flow from `source` to `sink` (different vertices of g).
  /// Returns the flow value; g must outlive the queries below.
  FlowValue run(const FlowGraph& g, VertexIndex source, VertexIndex sink);
  /// Chooses the algorithm used by later runs.
  /// The algorithm the last run used (automatic resolved).
  [[nodiscard]] MaxFlowAlgorithm used() const noexcept { return used_; }
  MaxFlow& algorithm(MaxFlowAlgorithm a) noexcept {
    algorithm_ = a;
    return *this;
  }

  [[nodiscard]] FlowValue flow_value() const noexcept { return value_; }
  /// Flow on input arc i after run().
  [[nodiscard]] FlowValue arc_flow(std::uint32_t input_arc) const;
  /// Whether v can still be reached from the source in the residual graph: the
  /// source side of the minimum cut nearest to the source.
  [[nodiscard]] bool source_side(VertexIndex v) const { return reached_[v] != 0; }
  /// Input arcs from the source side to the sink side with capacity > 0: the
  /// minimum cut, in increasing order. Their capacities add up to flow_value().
  [[nodiscard]] std::vector<std::uint32_t> cut_arcs() const;

 private:
  void mark_source_side(VertexIndex source);

  [[nodiscard]] std::uint32_t hop_distance(VertexIndex source, VertexIndex sink);

  MaxFlowAlgorithm algorithm_ = MaxFlowAlgorithm::automatic;
  MaxFlowAlgorithm used_ = MaxFlowAlgorithm::push_relabel;
  const FlowGraph* g_ = nullptr;
  FlowValue value_ = 0;
  std::vector<FlowValue> residual_;
  std::vector<std::uint8_t> reached_;
  std::vector<VertexIndex> queue_;
  std::vector<ArcIndex> predecessor_;  // Boykov-Kolmogorov work arrays
  std::vector<std::int64_t> distance_;
};

}  // namespace corridor::analysis
