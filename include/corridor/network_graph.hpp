#pragma once
// Boost.Graph adaptor over corridor::Network: the CSR arrays are the graph, no
// copy is made. Vertices are NodeIndex, edges are LinkIndex. Models
// IncidenceGraph, VertexListGraph and EdgeListGraph, so Dijkstra, BFS and
// friends run directly:
//
//   std::vector<double> dist(net.node_count());
//   boost::dijkstra_shortest_paths(net, origin,
//       boost::weight_map(corridor::link_map(cost_per_link)).distance_map(
//           corridor::node_map(dist)));
#include <boost/graph/graph_traits.hpp>
#include <boost/graph/properties.hpp>
#include <boost/iterator/counting_iterator.hpp>
#include <boost/property_map/property_map.hpp>
#include <limits>
#include <utility>
#include <vector>

#include "corridor/network.hpp"

namespace boost {

template <>
struct graph_traits<corridor::Network> {
  using vertex_descriptor = corridor::NodeIndex;
  using edge_descriptor = corridor::LinkIndex;
  using directed_category = directed_tag;
  using edge_parallel_category = allow_parallel_edge_tag;
  struct traversal_category : incidence_graph_tag, vertex_list_graph_tag, edge_list_graph_tag {};
  using vertex_iterator = counting_iterator<corridor::NodeIndex>;
  using out_edge_iterator = counting_iterator<corridor::LinkIndex>;
  using edge_iterator = counting_iterator<corridor::LinkIndex>;
  using vertices_size_type = std::uint32_t;
  using edges_size_type = std::uint32_t;
  using degree_size_type = std::uint32_t;
  // Not an adjacency or bidirectional graph; these are required typedefs only.
  using adjacency_iterator = void;
  using in_edge_iterator = void;
  static vertex_descriptor null_vertex() { return std::numeric_limits<vertex_descriptor>::max(); }
};

template <>
struct property_map<corridor::Network, vertex_index_t> {
  using type = typed_identity_property_map<corridor::NodeIndex>;
  using const_type = type;
};

template <>
struct property_map<corridor::Network, edge_index_t> {
  using type = typed_identity_property_map<corridor::LinkIndex>;
  using const_type = type;
};

}  // namespace boost

namespace corridor {

using GraphTraits = boost::graph_traits<Network>;

// Free functions found by argument-dependent lookup, as Boost.Graph expects.
inline NodeIndex source(LinkIndex a, const Network& g) { return g.tail()[a]; }
inline NodeIndex target(LinkIndex a, const Network& g) { return g.head()[a]; }
inline std::uint32_t num_vertices(const Network& g) { return g.node_count(); }
inline std::uint32_t num_edges(const Network& g) { return g.link_count(); }
inline std::uint32_t out_degree(NodeIndex v, const Network& g) {
  return g.first_out()[v + 1] - g.first_out()[v];
}
inline std::pair<GraphTraits::vertex_iterator, GraphTraits::vertex_iterator> vertices(
    const Network& g) {
  return {GraphTraits::vertex_iterator(0), GraphTraits::vertex_iterator(g.node_count())};
}
inline std::pair<GraphTraits::edge_iterator, GraphTraits::edge_iterator> edges(const Network& g) {
  return {GraphTraits::edge_iterator(0), GraphTraits::edge_iterator(g.link_count())};
}
inline std::pair<GraphTraits::out_edge_iterator, GraphTraits::out_edge_iterator> out_edges(
    NodeIndex v, const Network& g) {
  return {GraphTraits::out_edge_iterator(g.first_out()[v]),
          GraphTraits::out_edge_iterator(g.first_out()[v + 1])};
}
inline boost::typed_identity_property_map<NodeIndex> get(boost::vertex_index_t, const Network&) {
  return {};
}
inline boost::typed_identity_property_map<LinkIndex> get(boost::edge_index_t, const Network&) {
  return {};
}

/// A property map over a per-link vector (indexed by LinkIndex); no copy.
template <class T>
auto link_map(std::vector<T>& values) {
  return boost::make_iterator_property_map(values.begin(),
                                           boost::typed_identity_property_map<LinkIndex>{});
}
template <class T>
auto link_map(const std::vector<T>& values) {
  return boost::make_iterator_property_map(values.cbegin(),
                                           boost::typed_identity_property_map<LinkIndex>{});
}
/// A property map over a per-node vector (indexed by NodeIndex); no copy.
template <class T>
auto node_map(std::vector<T>& values) {
  return boost::make_iterator_property_map(values.begin(),
                                           boost::typed_identity_property_map<NodeIndex>{});
}

}  // namespace corridor
