// Max-flow on flat CSR arrays: a Boost.Graph adaptor (graph_traits over the
// FlowGraph arrays, no copy) and Boost's push-relabel (Goldberg and Tarjan,
// FIFO selection with global relabelling and the gap heuristic) or
// Boykov-Kolmogorov, chosen by the graph's shape unless the caller chooses.
#include "corridor/analysis/max_flow.hpp"

#include <boost/graph/graph_traits.hpp>
// GCC 12 reports a false "may be used uninitialized" inside Boost's
// push-relabel (min_edge_iter is set before use on every path).
#pragma GCC diagnostic push
#if defined(__GNUC__) && !defined(__clang__)  // a GCC-only warning; clang does not know it
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <boost/graph/boykov_kolmogorov_max_flow.hpp>
#include <boost/graph/push_relabel_max_flow.hpp>
#pragma GCC diagnostic pop
#include <boost/iterator/counting_iterator.hpp>
#include <boost/property_map/property_map.hpp>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace corridor::analysis {
// The adaptor type: a const view of the residual graph's CSR arrays.
struct FlowGraphView {
  const FlowGraph* g;
};
}  // namespace corridor::analysis

namespace boost {
template <>
struct graph_traits<corridor::analysis::FlowGraphView> {
  using vertex_descriptor = corridor::analysis::VertexIndex;
  using edge_descriptor = corridor::analysis::ArcIndex;
  using directed_category = directed_tag;
  using edge_parallel_category = allow_parallel_edge_tag;
  struct traversal_category : incidence_graph_tag, vertex_list_graph_tag, edge_list_graph_tag {};
  using vertex_iterator = counting_iterator<corridor::analysis::VertexIndex>;
  using out_edge_iterator = counting_iterator<corridor::analysis::ArcIndex>;
  using vertices_size_type = std::uint32_t;
  using edges_size_type = std::uint32_t;
  using degree_size_type = std::uint32_t;
  using adjacency_iterator = void;
  using in_edge_iterator = void;
  using edge_iterator = counting_iterator<corridor::analysis::ArcIndex>;
  static vertex_descriptor null_vertex() { return std::numeric_limits<vertex_descriptor>::max(); }
};
}  // namespace boost

namespace corridor::analysis {

using ViewTraits = boost::graph_traits<FlowGraphView>;

// Free functions found by argument-dependent lookup, as Boost.Graph expects.
inline VertexIndex source(ArcIndex a, const FlowGraphView& v) { return v.g->tail()[a]; }
inline VertexIndex target(ArcIndex a, const FlowGraphView& v) { return v.g->head()[a]; }
inline std::uint32_t num_vertices(const FlowGraphView& v) { return v.g->vertex_count(); }
inline std::uint32_t num_edges(const FlowGraphView& v) { return v.g->arc_count(); }
inline std::uint32_t out_degree(VertexIndex u, const FlowGraphView& v) {
  return v.g->first_out()[u + 1] - v.g->first_out()[u];
}
inline std::pair<ViewTraits::vertex_iterator, ViewTraits::vertex_iterator> vertices(
    const FlowGraphView& v) {
  return {ViewTraits::vertex_iterator(0), ViewTraits::vertex_iterator(v.g->vertex_count())};
}
inline std::pair<ViewTraits::edge_iterator, ViewTraits::edge_iterator> edges(
    const FlowGraphView& v) {
  return {ViewTraits::edge_iterator(0), ViewTraits::edge_iterator(v.g->arc_count())};
}
inline std::pair<ViewTraits::out_edge_iterator, ViewTraits::out_edge_iterator> out_edges(
    VertexIndex u, const FlowGraphView& v) {
  return {ViewTraits::out_edge_iterator(v.g->first_out()[u]),
          ViewTraits::out_edge_iterator(v.g->first_out()[u + 1])};
}

std::uint32_t FlowGraphBuilder::add_arc(VertexIndex tail, VertexIndex head, FlowValue capacity) {
  if (tail >= vertex_count_ || head >= vertex_count_) {
    throw std::invalid_argument("flow graph arc names an unknown vertex");
  }
  if (capacity < 0) throw std::invalid_argument("flow graph arc with negative capacity");
  tail_.push_back(tail);
  head_.push_back(head);
  capacity_.push_back(capacity);
  return static_cast<std::uint32_t>(tail_.size() - 1);
}

FlowGraph FlowGraphBuilder::build() && {
  FlowGraph g;
  const std::size_t m = tail_.size();
  if (2 * m >= std::numeric_limits<std::uint32_t>::max()) {
    throw std::invalid_argument("flow graph too large for 32-bit arc indices");
  }
  // Counting sort of the residual arcs by tail: input arc i contributes the
  // forward arc tail->head and the reverse arc head->tail. Self loops never
  // carry flow and are left out (Boykov-Kolmogorov loops forever on them).
  const auto loop = [&](std::size_t i) { return tail_[i] == head_[i]; };
  g.first_out_.assign(vertex_count_ + 1, 0);
  std::size_t arcs = 0;
  for (std::size_t i = 0; i < m; ++i) {
    if (loop(i)) continue;
    ++g.first_out_[tail_[i] + 1];
    ++g.first_out_[head_[i] + 1];
    arcs += 2;
  }
  for (std::uint32_t v = 0; v < vertex_count_; ++v) g.first_out_[v + 1] += g.first_out_[v];
  std::vector<ArcIndex> next(g.first_out_.begin(), g.first_out_.end() - 1);
  g.head_.resize(arcs);
  g.tail_.resize(arcs);
  g.reverse_.resize(arcs);
  g.capacity_.resize(arcs);
  g.forward_.assign(m, FlowGraph::kNoArc);
  g.input_of_.resize(arcs);
  for (std::size_t i = 0; i < m; ++i) {
    if (loop(i)) continue;
    const ArcIndex f = next[tail_[i]]++;
    const ArcIndex r = next[head_[i]]++;
    g.head_[f] = head_[i];
    g.tail_[f] = tail_[i];
    g.capacity_[f] = capacity_[i];
    g.head_[r] = tail_[i];
    g.tail_[r] = head_[i];
    g.capacity_[r] = 0;
    g.reverse_[f] = r;
    g.reverse_[r] = f;
    g.forward_[i] = f;
    g.input_of_[f] = static_cast<std::uint32_t>(i);
    g.input_of_[r] = FlowGraph::kNoInput;
  }
  return g;
}

FlowValue MaxFlow::run(const FlowGraph& g, VertexIndex source_vertex, VertexIndex sink_vertex) {
  if (source_vertex == sink_vertex || source_vertex >= g.vertex_count() ||
      sink_vertex >= g.vertex_count()) {
    throw std::invalid_argument("max-flow needs two different vertices of the graph");
  }
  g_ = &g;
  residual_.assign(g.arc_count(), 0);
  const boost::typed_identity_property_map<ArcIndex> arc_id;
  FlowGraphView view{&g};
  const auto capacity = boost::make_iterator_property_map(g.capacity().begin(), arc_id);
  const auto residual = boost::make_iterator_property_map(residual_.begin(), arc_id);
  const auto reverse = boost::make_iterator_property_map(g.reverse().begin(), arc_id);
  const boost::typed_identity_property_map<VertexIndex> vertex_id;
  used_ = algorithm_;
  if (used_ == MaxFlowAlgorithm::automatic) {
    const double short_path = 2.0 * std::log2(static_cast<double>(g.vertex_count()));
    used_ = static_cast<double>(hop_distance(source_vertex, sink_vertex)) <= short_path
                ? MaxFlowAlgorithm::boykov_kolmogorov
                : MaxFlowAlgorithm::push_relabel;
  }
  if (used_ == MaxFlowAlgorithm::push_relabel) {
    value_ = boost::push_relabel_max_flow(view, source_vertex, sink_vertex, capacity, residual,
                                          reverse, vertex_id);
  } else {
    predecessor_.assign(g.vertex_count(), 0);
    distance_.assign(g.vertex_count(), 0);
    std::vector<boost::default_color_type> color(g.vertex_count(), boost::white_color);
    value_ = boost::boykov_kolmogorov_max_flow(
        view, capacity, residual, reverse,
        boost::make_iterator_property_map(predecessor_.begin(), vertex_id),
        boost::make_iterator_property_map(color.begin(), vertex_id),
        boost::make_iterator_property_map(distance_.begin(), vertex_id), vertex_id, source_vertex,
        sink_vertex);
  }
  mark_source_side(source_vertex);
  return value_;
}

// Arcs on a shortest source-sink path with capacity (breadth-first, stops at
// the sink); the vertex count if the sink cannot be reached.
std::uint32_t MaxFlow::hop_distance(VertexIndex source_vertex, VertexIndex sink_vertex) {
  const FlowGraph& g = *g_;
  std::vector<std::uint32_t> hops(g.vertex_count(), std::numeric_limits<std::uint32_t>::max());
  queue_.clear();
  queue_.push_back(source_vertex);
  hops[source_vertex] = 0;
  for (std::size_t i = 0; i < queue_.size(); ++i) {
    const VertexIndex u = queue_[i];
    for (ArcIndex a = g.first_out()[u]; a < g.first_out()[u + 1]; ++a) {
      const VertexIndex w = g.head()[a];
      if (g.capacity()[a] > 0 && hops[w] == std::numeric_limits<std::uint32_t>::max()) {
        hops[w] = hops[u] + 1;
        if (w == sink_vertex) return hops[w];
        queue_.push_back(w);
      }
    }
  }
  return g.vertex_count();
}

void MaxFlow::mark_source_side(VertexIndex source_vertex) {
  const FlowGraph& g = *g_;
  reached_.assign(g.vertex_count(), 0);
  queue_.clear();
  queue_.push_back(source_vertex);
  reached_[source_vertex] = 1;
  for (std::size_t i = 0; i < queue_.size(); ++i) {
    const VertexIndex u = queue_[i];
    for (ArcIndex a = g.first_out()[u]; a < g.first_out()[u + 1]; ++a) {
      const VertexIndex w = g.head()[a];
      if (residual_[a] > 0 && reached_[w] == 0) {
        reached_[w] = 1;
        queue_.push_back(w);
      }
    }
  }
}

FlowValue MaxFlow::arc_flow(std::uint32_t input_arc) const {
  const ArcIndex a = g_->forward_arc(input_arc);
  if (a == FlowGraph::kNoArc) return 0;
  return g_->capacity()[a] - residual_[a];
}

std::vector<std::uint32_t> MaxFlow::cut_arcs() const {
  std::vector<std::uint32_t> cut;
  const FlowGraph& g = *g_;
  for (std::uint32_t i = 0; i < g.input_arc_count(); ++i) {
    const ArcIndex a = g.forward_arc(i);
    if (a != FlowGraph::kNoArc && g.capacity()[a] > 0 && reached_[g.tail()[a]] != 0 &&
        reached_[g.head()[a]] == 0) {
      cut.push_back(i);
    }
  }
  return cut;
}

}  // namespace corridor::analysis
