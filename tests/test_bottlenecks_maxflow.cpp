#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <random>

#include "corridor/analysis/max_flow.hpp"

namespace corridor::analysis {
namespace {

FlowValue cut_capacity(const FlowGraph& g, const std::vector<std::uint32_t>& cut) {
  FlowValue sum = 0;
  for (const std::uint32_t i : cut) sum += g.capacity()[g.forward_arc(i)];
  return sum;
}

TEST(MaxFlow, TextbookNetworkHasKnownValueAndCut) {
  // Cormen et al., Introduction to Algorithms, fig. 26.1: s=0, v1..v4 = 1..4, t=5; max flow 23,
  // minimum cut {s, v1, v2, v4} | {v3, t}: arcs v1->v3 (12), v4->v3 (7), v4->t (4).
  FlowGraphBuilder b(6);
  b.add_arc(0, 1, 16);
  b.add_arc(0, 2, 13);
  b.add_arc(2, 1, 4);
  b.add_arc(1, 3, 12);  // input 3
  b.add_arc(3, 2, 9);
  b.add_arc(2, 4, 14);
  b.add_arc(4, 3, 7);  // input 6
  b.add_arc(3, 5, 20);
  b.add_arc(4, 5, 4);  // input 8
  const FlowGraph g = std::move(b).build();
  MaxFlow mf;
  EXPECT_EQ(mf.run(g, 0, 5), 23);
  EXPECT_EQ(mf.cut_arcs(), (std::vector<std::uint32_t>{3, 6, 8}));
  EXPECT_TRUE(mf.source_side(4));
  EXPECT_FALSE(mf.source_side(3));
  // Flow conservation at inner vertices and capacity on every arc.
  std::vector<FlowValue> net(6, 0);
  for (std::uint32_t i = 0; i < g.input_arc_count(); ++i) {
    const ArcIndex a = g.forward_arc(i);
    EXPECT_GE(mf.arc_flow(i), 0);
    EXPECT_LE(mf.arc_flow(i), g.capacity()[a]);
    net[g.tail()[a]] -= mf.arc_flow(i);
    net[g.head()[a]] += mf.arc_flow(i);
  }
  for (std::uint32_t v = 1; v < 5; ++v) EXPECT_EQ(net[v], 0) << v;
  EXPECT_EQ(net[5], 23);
}

TEST(MaxFlow, InfiniteArcsNeverEnterTheCut) {
  // s -inf-> a -3-> b -inf-> t, plus s -inf-> b? no: s -2-> t directly.
  FlowGraphBuilder b(4);
  b.add_arc(0, 1, kInfiniteFlow);
  b.add_arc(1, 2, 3);
  b.add_arc(2, 3, kInfiniteFlow);
  b.add_arc(0, 3, 2);
  const FlowGraph g = std::move(b).build();
  MaxFlow mf;
  EXPECT_EQ(mf.run(g, 0, 3), 5);
  EXPECT_EQ(mf.cut_arcs(), (std::vector<std::uint32_t>{1, 3}));
}

TEST(MaxFlow, DisconnectedSinkHasZeroFlowAndEmptyCut) {
  FlowGraphBuilder b(3);
  b.add_arc(0, 1, 10);
  const FlowGraph g = std::move(b).build();
  MaxFlow mf;
  EXPECT_EQ(mf.run(g, 0, 2), 0);
  EXPECT_TRUE(mf.cut_arcs().empty());
}

// Brute force: the minimum over all 2^(n-2) s-t vertex partitions of the cut capacity.
FlowValue brute_force_min_cut(std::uint32_t n,
                              const std::vector<std::array<std::int64_t, 3>>& arcs) {
  FlowValue best = std::numeric_limits<FlowValue>::max();
  for (std::uint32_t mask = 0; mask < (1u << (n - 2)); ++mask) {
    const auto in_s = [&](std::int64_t v) {
      return v == 0 || (v != n - 1 && ((mask >> (v - 1)) & 1u) != 0);
    };
    FlowValue cut = 0;
    for (const auto& [u, v, c] : arcs) {
      if (in_s(u) && !in_s(v)) cut += c;
    }
    best = std::min(best, cut);
  }
  return best;
}

TEST(MaxFlow, MatchesBruteForceMinCutOnRandomGraphs) {
  std::mt19937_64 rng(42);
  for (int trial = 0; trial < 200; ++trial) {
    const std::uint32_t n = 2 + static_cast<std::uint32_t>(rng() % 8);  // up to 9 vertices
    const std::uint32_t m = static_cast<std::uint32_t>(rng() % (3 * n + 1));
    std::vector<std::array<std::int64_t, 3>> arcs;
    FlowGraphBuilder b(n);
    for (std::uint32_t i = 0; i < m; ++i) {
      const auto u = static_cast<VertexIndex>(rng() % n);
      const auto v = static_cast<VertexIndex>(rng() % n);
      const auto c = static_cast<FlowValue>(rng() % 20);
      arcs.push_back({u, v, c});
      b.add_arc(u, v, c);
    }
    const FlowGraph g = std::move(b).build();
    const FlowValue expected = brute_force_min_cut(n, arcs);
    for (const MaxFlowAlgorithm algorithm :
         {MaxFlowAlgorithm::automatic, MaxFlowAlgorithm::push_relabel,
          MaxFlowAlgorithm::boykov_kolmogorov}) {
      MaxFlow mf;
      const FlowValue value = mf.algorithm(algorithm).run(g, 0, n - 1);
      ASSERT_EQ(value, expected) << "trial " << trial;
      ASSERT_EQ(cut_capacity(g, mf.cut_arcs()), value) << "trial " << trial;
    }
  }
}

// The automatic choice: a sink two arcs from the source (small world) gets
// Boykov-Kolmogorov; at the end of a long chain, push-relabel. Both flows are
// right.
TEST(MaxFlow, AutomaticChoosesByDistanceToTheSink) {
  FlowGraphBuilder star(64);
  for (VertexIndex v = 1; v + 1 < 64; ++v) {
    star.add_arc(0, v, 1);
    star.add_arc(v, 63, 1);
  }
  const FlowGraph short_graph = std::move(star).build();
  MaxFlow mf;
  EXPECT_EQ(mf.run(short_graph, 0, 63), 62);
  EXPECT_EQ(mf.used(), MaxFlowAlgorithm::boykov_kolmogorov);

  FlowGraphBuilder chain(64);
  for (VertexIndex v = 0; v + 1 < 64; ++v) {
    chain.add_arc(v, v + 1, 10 + v);
    chain.add_arc(v, v + 1, 1);  // a parallel arc
  }
  const FlowGraph long_graph = std::move(chain).build();
  EXPECT_EQ(mf.run(long_graph, 0, 63), 11);
  EXPECT_EQ(mf.used(), MaxFlowAlgorithm::push_relabel);
  EXPECT_EQ(mf.algorithm(MaxFlowAlgorithm::boykov_kolmogorov).run(long_graph, 0, 63), 11);
  EXPECT_EQ(mf.used(), MaxFlowAlgorithm::boykov_kolmogorov);
}

TEST(MaxFlow, RejectsBadInput) {
  FlowGraphBuilder b(2);
  EXPECT_THROW(b.add_arc(0, 2, 1), std::invalid_argument);
  EXPECT_THROW(b.add_arc(0, 1, -1), std::invalid_argument);
  const FlowGraph g = std::move(b).build();
  MaxFlow mf;
  EXPECT_THROW(mf.run(g, 0, 0), std::invalid_argument);
}

}  // namespace
}  // namespace corridor::analysis
