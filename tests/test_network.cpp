#include <gtest/gtest.h>

#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <stdexcept>

#include "corridor/network.hpp"
#include "corridor/network_graph.hpp"

namespace corridor {
namespace {

NodeSpec node(std::string id) {
  NodeSpec n;
  n.id = std::move(id);
  n.name = n.id;
  n.country = "KZ";
  return n;
}

LinkSpec link(std::string id, NodeIndex from, NodeIndex to, double days) {
  LinkSpec l;
  l.id = std::move(id);
  l.from = from;
  l.to = to;
  l.length_km = 100;
  l.transit_days = days;
  return l;
}

// 0 -> 1 -> 3 and 0 -> 2 -> 3, given out of tail order to exercise the CSR sort.
Network diamond() {
  NetworkBuilder b;
  for (const char* id : {"a", "b", "c", "d"}) b.add_node(node(id));
  b.add_link(link("b-d", 1, 3, 1.0));
  b.add_link(link("a-b", 0, 1, 2.0));
  b.add_link(link("c-d", 2, 3, 5.0));
  b.add_link(link("a-c", 0, 2, 1.0));
  return std::move(b).build();
}

TEST(Network, BuildsCsrGroupedByTailInInputOrder) {
  const Network net = diamond();
  ASSERT_EQ(net.node_count(), 4u);
  ASSERT_EQ(net.link_count(), 4u);
  EXPECT_EQ(std::vector<LinkIndex>(net.first_out().begin(), net.first_out().end()),
            (std::vector<LinkIndex>{0, 2, 3, 4, 4}));
  EXPECT_EQ(net.link(0).id, "a-b");  // stable: a-b came before a-c in the input
  EXPECT_EQ(net.link(1).id, "a-c");
  for (LinkIndex a = 0; a < net.link_count(); ++a) {
    EXPECT_EQ(net.tail()[a], net.link(a).from);
    EXPECT_EQ(net.head()[a], net.link(a).to);
  }
  EXPECT_EQ(net.find_link("c-d"), LinkIndex{3});
  EXPECT_EQ(net.find_node("c"), NodeIndex{2});
  EXPECT_FALSE(net.find_node("zz").has_value());
}

TEST(Network, ReachabilityFollowsDirection) {
  const Network net = diamond();
  const auto from_a = net.reachable_from(0);
  EXPECT_TRUE(from_a[3]);
  const auto from_d = net.reachable_from(3);
  EXPECT_FALSE(from_d[0]);
  EXPECT_TRUE(from_d[3]);
}

TEST(Network, BoostDijkstraRunsOnTheCsrArrays) {
  const Network net = diamond();
  std::vector<double> days(net.link_count());
  for (LinkIndex a = 0; a < net.link_count(); ++a) days[a] = net.link(a).transit_days;
  std::vector<double> dist(net.node_count());
  std::vector<NodeIndex> pred(net.node_count());
  boost::dijkstra_shortest_paths(net, NodeIndex{0},
                                 boost::weight_map(link_map(days))
                                     .distance_map(node_map(dist))
                                     .predecessor_map(node_map(pred)));
  EXPECT_DOUBLE_EQ(dist[3], 3.0);  // a-b (2) + b-d (1) beats a-c (1) + c-d (5)
  EXPECT_EQ(pred[3], 1u);
  EXPECT_EQ(pred[1], 0u);
}

TEST(NetworkBuilder, RejectsBrokenInvariants) {
  {
    NetworkBuilder b;
    b.add_node(node("a"));
    EXPECT_THROW(b.add_link(link("a-a", 0, 0, 1.0)), std::invalid_argument);
    EXPECT_THROW(b.add_link(link("a-x", 0, 7, 1.0)), std::invalid_argument);
  }
  {
    NetworkBuilder b;
    NodeSpec bad = node("a");
    bad.capacity_t_per_year = -1.0;
    EXPECT_THROW(b.add_node(bad), std::invalid_argument);
    bad.capacity_t_per_year = std::numeric_limits<double>::quiet_NaN();
    EXPECT_THROW(b.add_node(bad), std::invalid_argument);
  }
  {
    NetworkBuilder b;
    b.add_node(node("a"));
    b.add_node(node("b"));
    b.add_link(link("a", 0, 1, 1.0));  // id clashes with a node
    EXPECT_THROW((void)std::move(b).build(), std::invalid_argument);
  }
}

TEST(Attributes, SlotsMatchElementKinds) {
  NodeSpec n = node("a");
  LinkSpec l = link("l", 0, 1, 1.0);
  EXPECT_EQ(attribute_slot(n, Attribute::dwell_days), &n.dwell_days);
  EXPECT_EQ(attribute_slot(n, Attribute::tariff_usd_per_t), nullptr);
  EXPECT_EQ(attribute_slot(l, Attribute::transit_days), &l.transit_days);
  EXPECT_EQ(attribute_slot(l, Attribute::dwell_days), nullptr);
  EXPECT_TRUE(attribute_in_range(Attribute::capacity_t_per_year, kUnlimited));
  EXPECT_FALSE(attribute_in_range(Attribute::capacity_t_per_year, 0.0));
  EXPECT_FALSE(attribute_in_range(Attribute::transit_days, 0.0));
  EXPECT_TRUE(attribute_in_range(Attribute::tariff_usd_per_t, 0.0));
  EXPECT_EQ(parse_attribute("risk_premium_usd_per_t"), Attribute::risk_premium_usd_per_t);
  EXPECT_FALSE(parse_attribute("capacity").has_value());
}

}  // namespace
}  // namespace corridor
