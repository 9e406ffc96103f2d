#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <string>

#include "corridor/analysis/bottlenecks.hpp"
#include "corridor/analysis/corridor_cut.hpp"
#include "corridor/analysis/relief.hpp"
#include "corridor/error.hpp"
#include "corridor/io/bottlenecks_writer.hpp"
#include "corridor/io/measures_loader.hpp"
#include "test_support.hpp"

namespace corridor::analysis {
namespace {

using tests::mini_scenario;
using tests::mini_tight_ferry;

const std::filesystem::path kMini = tests::source_path("tests/data/mini/scenario.yaml");

std::uint32_t link_element(const Scenario& s, const char* id) {
  return s.network.node_count() + *s.network.find_link(id);
}

// A -> B -> C over corridor link B->C, plus a non-corridor bypass A -> C.
Scenario three_nodes(double b_capacity, double corridor_capacity) {
  Scenario s;
  NetworkBuilder nb;
  for (const char* id : {"A", "B", "C"}) {
    NodeSpec n;
    n.id = id;
    n.capacity_t_per_year = std::string(id) == "B" ? b_capacity : kUnlimited;
    nb.add_node(n);
  }
  const auto link = [&](const char* id, NodeIndex from, NodeIndex to, double cap) {
    LinkSpec l;
    l.id = id;
    l.from = from;
    l.to = to;
    l.length_km = 1;
    l.transit_days = 1;
    l.capacity_t_per_year = cap;
    nb.add_link(l);
  };
  link("A-B", 0, 1, 10);
  link("B-C", 1, 2, corridor_capacity);
  link("A-C", 0, 2, 100);
  s.network = std::move(nb).build();
  s.demand.segments.push_back({});
  s.demand.od.push_back({0, 0, 2, 2022, 1, -1});
  CorridorMeasure m;
  m.id = "corridor";
  m.elements = {s.network.node_count() + *s.network.find_link("B-C")};
  s.corridor.measures = {m};
  return s;
}

std::vector<double> capacities(const Scenario& s) {
  std::vector<double> cap;
  for (const NodeSpec& n : s.network.nodes()) cap.push_back(n.capacity_t_per_year);
  for (const LinkSpec& l : s.network.links()) cap.push_back(l.capacity_t_per_year);
  return cap;
}

TEST(CorridorCut, NodeCapacityIsSplitAndTheBypassDoesNotCount) {
  // Without node splitting the corridor could carry min(10, 8) = 8; node B allows 5.
  const Scenario s = three_nodes(5, 8);
  const CorridorCut cut = corridor_max_flow(s, capacities(s), 2030);
  EXPECT_EQ(cut.max_throughput_t, 5.0);
  EXPECT_EQ(cut.cut_elements, (std::vector<std::uint32_t>{1}));  // node B
}

TEST(CorridorCut, CorridorLinkBindsWhenNodeIsWide) {
  const Scenario s = three_nodes(50, 8);
  const CorridorCut cut = corridor_max_flow(s, capacities(s), 2030);
  EXPECT_EQ(cut.max_throughput_t, 8.0);
  EXPECT_EQ(cut.cut_elements, (std::vector<std::uint32_t>{link_element(s, "B-C")}));
}

TEST(CorridorCut, UnlimitedCorridorHasNoFiniteCut) {
  const Scenario s = three_nodes(kUnlimited, kUnlimited);
  std::vector<double> cap = capacities(s);
  cap[link_element(s, "A-B")] = kUnlimited;
  const CorridorCut cut = corridor_max_flow(s, cap, 2030);
  EXPECT_FALSE(std::isfinite(cut.max_throughput_t));
  EXPECT_TRUE(cut.cut_elements.empty());
}

TEST(CorridorCut, MiniCutMovesFromFerryToPortWhenTheFerryProjectComesIn) {
  // mini: the sea crossing aktau-alat has 3 Mt/yr until 2023-06 and 4 Mt/yr after it;
  // the Aktau port has 4 Mt/yr but is 30% closed in December and January (~3.8 Mt/yr).
  const Scenario s = mini_scenario();
  const auto steps = sim::make_steps(s.horizon);
  const auto inputs = sim::make_step_inputs(s, steps);
  const std::uint32_t port = *s.network.find_node("aktau");
  const std::uint32_t ferry = link_element(s, "aktau-alat");
  const std::vector<double> cap22 = year_capacity_t(inputs, steps, 2022);
  const CorridorCut c22 = corridor_max_flow(s, cap22, 2022);
  EXPECT_NEAR(c22.max_throughput_t, 3e6, 1.0);
  EXPECT_EQ(c22.cut_elements, (std::vector<std::uint32_t>{ferry}));
  const std::vector<double> cap24 = year_capacity_t(inputs, steps, 2024);
  const CorridorCut c24 = corridor_max_flow(s, cap24, 2024);
  EXPECT_NEAR(c24.max_throughput_t, 4e6 * (1 - 0.3 * 62.0 / 366.0), 1.0);
  EXPECT_NEAR(c24.max_throughput_t, std::floor(cap24[port]), 0.5);
  EXPECT_EQ(c24.cut_elements, (std::vector<std::uint32_t>{port}));
}

// mini_tight_ferry: the sea crossing is far too small for the bulk OD, so
// relieving the crossing must rank first.
TEST(Relief, RelievingTheBindingCrossingRanksFirst) {
  const Scenario s = mini_tight_ferry();
  BottleneckOptions options;
  options.threads = 2;
  const BottleneckAnalysis a = analyse_bottlenecks(s, {}, options);
  ASSERT_TRUE(a.default_measures);
  ASSERT_FALSE(a.ranking.empty());
  const MeasureResult& best = a.measures[a.ranking.front()];
  EXPECT_EQ(best.id, "aktau-alat+10%");
  // +10% of 0.5 Mt/yr, all used by the waiting bulk freight.
  EXPECT_NEAR(best.tonnes_gained_per_year, 5e4, 5e3);
  EXPECT_GT(best.days_saved_per_tonne, 0.0);
  // Its marginal value: about one corridor tonne per tonne of capacity.
  for (const ElementMarginal& m : a.marginals) {
    if (m.element == link_element(s, "aktau-alat")) {
      EXPECT_NEAR(m.corridor_t_per_t[1], 1.0, 0.1);
    }
  }
  // The min cut is the crossing in every year.
  for (const CorridorCut& c : a.cuts) {
    EXPECT_EQ(c.cut_elements, (std::vector<std::uint32_t>{link_element(s, "aktau-alat")}));
  }
}

TEST(Relief, MeasureThatChangesNothingGainsNothing) {
  const Scenario s = mini_scenario();
  const auto steps = sim::make_steps(s.horizon);
  const auto inputs = sim::make_step_inputs(s, steps);
  const BaseCase base{&s, &steps, &inputs,
                      summarise_run(s, steps, inputs, sim::simulate(s, steps, inputs))};
  Measure same;
  same.id = "nothing";
  same.scenario = std::make_shared<const Scenario>(s);
  const std::vector<MeasureResult> r = evaluate_measures(base, {same}, 1);
  EXPECT_FALSE(r[0].start_year.has_value());
  EXPECT_EQ(r[0].tonnes_gained_per_year, 0.0);
}

TEST(Relief, RankingOrderIsTonnesThenTenMtThenDaysThenId) {
  std::vector<MeasureResult> r(4);
  r[0].id = "d";
  r[0].tonnes_gained_per_year = 100;
  r[1].id = "c";
  r[1].tonnes_gained_per_year = 200;
  r[2].id = "b";
  r[2].tonnes_gained_per_year = 100;
  r[2].days_saved_per_tonne = 1;
  r[3].id = "a";
  r[3].tonnes_gained_per_year = 100;
  r[3].base_year_10mt = 2030;
  r[3].year_10mt = 2029;
  EXPECT_EQ(rank_measures(r), (std::vector<std::size_t>{1, 3, 2, 0}));
}

TEST(Relief, OutputsAreIdenticalWhateverTheThreadCount) {
  const Scenario s = mini_tight_ferry();
  const tests::TempDir dir;
  for (const unsigned threads : {1u, 3u}) {
    BottleneckOptions options;
    options.threads = threads;
    const BottleneckAnalysis a = analyse_bottlenecks(s, {}, options);
    io::write_bottlenecks(dir / std::to_string(threads), s, a, {});
  }
  tests::expect_same_files(
      dir / "1", dir / "3",
      {"bottleneck_years.csv", "bottleneck_steps.csv", "max_flow.csv", "min_cut.csv",
       "relief_ranking.csv", "relief_benefit.csv", "bottlenecks.json"});
}

TEST(Measures, LoadsOverridesOnTopOfTheChain) {
  const std::vector<io::LoadedMeasure> m = io::load_measures(
      kMini, tests::source_path("tests/cli_cases/bottlenecks-mini/measures.yaml"));
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0].id, "ferry-earlier");
  // The ferry project moved a year earlier; everything else is the base.
  EXPECT_EQ(m[0].scenario.projects.front().in_service, std::chrono::year{2022} / 6 / 1);
  EXPECT_EQ(
      m[1].scenario.network.link(*m[1].scenario.network.find_link("ru-eu")).risk_premium_usd_per_t,
      0.0);
}

TEST(Measures, ErrorsNameTheMeasuresFile) {
  try {
    (void)io::load_measures(
        kMini, tests::source_path("tests/cli_cases/bottlenecks-bad-element/measures.yaml"));
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_NE(e.where().file.find("measures.yaml"), std::string::npos);
    EXPECT_GT(e.where().line, 0);
  }
}

}  // namespace
}  // namespace corridor::analysis
