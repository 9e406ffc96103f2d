#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "corridor/io/results_writer.hpp"
#include "corridor/io/scenario_loader.hpp"
#include "corridor/sim/report.hpp"
#include "corridor/sim/simulation.hpp"
#include "corridor/sim/step_inputs.hpp"
#include "sim/loading.hpp"
#include "test_support.hpp"

namespace corridor::sim {
namespace {

using namespace std::chrono;
using tests::expect_conservation;
using tests::expect_within_capacity;
using tests::mini_scenario;

std::uint32_t element_of_link(const Scenario& s, const char* id) {
  return s.network.node_count() + *s.network.find_link(id);
}

TEST(Simulation, ConservesEveryTonneAndRespectsCapacity) {
  // The sea crossing binds hard: half of the bulk demand fits.
  const Scenario tight = tests::mini_tight_ferry();
  const auto ferry = *tight.network.find_link("aktau-alat");
  const SimulationResult r = simulate(tight);
  expect_conservation(r);
  expect_within_capacity(r);
  // The crossing is full and a queue builds.
  const std::uint32_t e = tight.network.node_count() + ferry;
  const std::size_t last = (r.steps.size() - 1) * r.element_count + e;
  EXPECT_NEAR(r.element_flow_t[last], r.element_capacity_t[last],
              1e-6 * r.element_capacity_t[last]);
  EXPECT_GT(r.element_queue_t[last], 0.0);
}

TEST(Simulation, QueuesGiveUpAfterMaxWaitAndAreReportedUnserved) {
  Scenario s = mini_scenario();
  s.assignment.max_queue_months = 2;
  // Close the only route of the bulk OD (aktau -> eu starts at the port) for a whole year.
  Disruption d;
  d.id = "closed";
  d.elements = {{ElementRef::Kind::link, *s.network.find_link("aktau-alat")}};
  d.from = year{2023} / January / 1;
  d.to = year{2023} / December / 31;
  d.closed_fraction = 1.0;
  s.disruptions = {d};
  s.projects.clear();
  const SimulationResult r = simulate(s);
  expect_conservation(r);
  expect_within_capacity(r);
  double unserved = 0.0;
  for (double u : r.od_unserved_t) unserved += u;
  EXPECT_GT(unserved, 0.0);
  EXPECT_GT(r.element_unserved_t[element_of_link(s, "aktau-alat")], 0.0);
}

TEST(Simulation, ClosureGrowsQueuesAndDivertsFreight) {
  Scenario open = mini_scenario();
  open.projects.clear();
  open.disruptions.clear();
  // Make the middle route the cheaper one for containers.
  open.network =
      tests::with_link(open.network, "ru-eu", [](LinkSpec& l) { l.risk_premium_usd_per_t = 200; });
  Scenario closed = open;
  Disruption d;
  d.id = "storm";
  d.elements = {{ElementRef::Kind::node, *open.network.find_node("aktau")}};
  d.months = {1, 2, 3};
  d.closed_fraction = 0.9;
  closed.disruptions = {d};
  const SimulationResult a = simulate(open);
  const SimulationResult c = simulate(closed);
  expect_conservation(c);
  expect_within_capacity(c);
  const std::uint32_t containers = 0;  // od 0: cn -> eu containers
  const std::size_t feb = 1 * c.od_count + containers;
  EXPECT_LT(a.od_diverted_t[feb], 0.01 * a.od_demand_t[feb]);  // open: middle route
  EXPECT_GT(c.od_diverted_t[feb], 0.5 * c.od_demand_t[feb]);   // closed: goes north
  const std::uint32_t aktau = *open.network.find_node("aktau");
  EXPECT_GT(c.element_queue_t[1 * c.element_count + aktau],
            a.element_queue_t[1 * a.element_count + aktau]);
}

TEST(StepInputs, ProjectsTakeEffectOnTheirDate) {
  Scenario s = mini_scenario();
  s.disruptions.clear();
  Project p;
  p.id = "double";
  p.elements = {{ElementRef::Kind::link, *s.network.find_link("cn-aktau")}};
  p.attribute = Attribute::capacity_t_per_year;
  p.change = Project::Change::multiply_by;
  p.value = 2.0;
  p.in_service = year{2023} / June / 16;  // June has 30 days: 15 before, 15 after
  s.projects = {p};
  const auto steps = make_steps(s.horizon);
  const StepInputs in = make_step_inputs(s, steps);
  const std::uint32_t e = element_of_link(s, "cn-aktau");
  const double per_day = 2e7 / 365.0;
  EXPECT_NEAR(in.capacity_t[in.at(16, e)], per_day * 31, 1e-6);             // May 2023
  EXPECT_NEAR(in.capacity_t[in.at(17, e)], per_day * (15 + 2 * 15), 1e-6);  // June 2023
  EXPECT_NEAR(in.capacity_t[in.at(18, e)], 2 * per_day * 31, 1e-6);         // July 2023
}

TEST(StepInputs, RampUpIsLinear) {
  Scenario s = mini_scenario();
  s.disruptions.clear();
  s.projects[0].in_service = year{2023} / January / 1;
  s.projects[0].ramp_up_months = 12;  // aktau-alat: 3 Mt/yr plus 1 Mt/yr, over a year
  const auto steps = make_steps(s.horizon);
  const StepInputs in = make_step_inputs(s, steps);
  const std::uint32_t e = element_of_link(s, "aktau-alat");
  double year2023 = 0.0;
  for (std::uint32_t t = 12; t < 24; ++t) year2023 += in.capacity_t[in.at(t, e)];
  EXPECT_NEAR(year2023, 3.5e6, 0.01e6);  // half the addition on average over the ramp year
  double year2024 = 0.0;
  for (std::uint32_t t = 24; t < 36; ++t) year2024 += in.capacity_t[in.at(t, e)];
  EXPECT_NEAR(year2024, 4e6, 1e-3);
}

TEST(StepInputs, ClosuresCutCapacityAndYearsAddUp) {
  Scenario s = mini_scenario();
  s.projects.clear();
  const auto steps = make_steps(s.horizon);
  const StepInputs in = make_step_inputs(s, steps);
  const std::uint32_t aktau = *s.network.find_node("aktau");
  // Winter closure of 30% in December and January.
  EXPECT_NEAR(in.capacity_t[in.at(0, aktau)], 4e6 * 31 / 365 * 0.7, 1e-6);
  EXPECT_NEAR(in.capacity_t[in.at(1, aktau)], 4e6 * 28 / 365, 1e-6);
  EXPECT_NEAR(in.closed_share[in.at(0, aktau)], 0.3, 1e-12);
  // Bulk has no growth path: a year's steps hold exactly the base tonnes.
  double bulk2023 = 0.0;
  for (std::uint32_t t = 12; t < 24; ++t) bulk2023 += in.demand_t[in.od_at(t, 1)];
  EXPECT_NEAR(bulk2023, 1e6, 1e-6);
  // Containers grow 10% a year from 2022 and are seasonal (Nov and Dec doubled).
  double c2022 = 0.0;
  for (std::uint32_t t = 0; t < 12; ++t) c2022 += in.demand_t[in.od_at(t, 0)];
  EXPECT_NEAR(c2022, 2e6 * 0.1 / std::log(1.1), 2e6 * 0.01);  // integral of 1.1^x over a year
  EXPECT_GT(in.demand_t[in.od_at(10, 0)], 1.8 * in.demand_t[in.od_at(9, 0)]);
}

TEST(Loader, ServesQueuesOldestFirst) {
  PathStore paths;
  const auto route = [](const std::vector<std::uint32_t>&) { return 0u; };
  const auto no_measure = [](const std::vector<std::uint32_t>&) { return std::vector<int>{-1}; };
  const std::uint32_t path = paths.intern({0, 1}, route, no_measure);
  MeasureMap measures;  // one measure that no element counts for
  measures.measure_count = 1;
  measures.first.assign(3, 0);
  measures.direction.assign(2, MeasureMap::kByOd);
  measures.od_direction.assign(2, 0);
  SegmentTable one_segment;  // no rules: every segment may use everything
  one_segment.segments = 1;
  one_segment.allowed.assign(2, 1);
  one_segment.tariff_usd_per_t.assign(2, std::numeric_limits<double>::quiet_NaN());
  one_segment.reserve_share.assign(2, 0.0);
  one_segment.reserved_total.assign(2, 0.0);
  Loader loader(2, 1, measures, 0, {0, 0}, one_segment);
  const auto fresh = [] {
    LoadingOutcome o;
    o.element_served_t.assign(2, 0.0);
    o.element_unserved_t.assign(2, 0.0);
    for (auto* v : {&o.od_delivered_t, &o.od_diverted_t, &o.od_unserved_t}) v->assign(2, 0.0);
    o.od_route_t.assign(2, 0.0);
    o.od_measure_t.assign(4, 0.0);
    return o;
  };
  // Step 0: OD 0 sends 100 t through element 1, which passes 40.
  LoadingOutcome out = fresh();
  std::vector<double> remaining{kUnlimited, 40.0};
  loader.load({{0, path, 0, 0, 100.0}}, remaining, paths, out);
  EXPECT_DOUBLE_EQ(out.od_delivered_t[0], 40.0);
  EXPECT_DOUBLE_EQ(loader.queue_t()[1], 60.0);
  // Step 1: OD 1 sends 50 t; element 1 passes 70: first the 60 t of OD 0 waiting, then 10 t of
  // OD 1.
  out = fresh();
  remaining = {kUnlimited, 70.0};
  loader.serve_queues(0, remaining, paths, out);
  loader.load({{1, path, 0, 1, 50.0}}, remaining, paths, out);
  EXPECT_DOUBLE_EQ(out.od_delivered_t[0], 60.0);
  EXPECT_DOUBLE_EQ(out.od_delivered_t[1], 10.0);
  EXPECT_DOUBLE_EQ(loader.queue_t()[1], 40.0);
  EXPECT_DOUBLE_EQ(loader.od_queue_t()[1], 40.0);
  // Step 2: nothing may wait from before step 2: the 40 t of OD 1 give up.
  out = fresh();
  remaining = {kUnlimited, 70.0};
  loader.serve_queues(2, remaining, paths, out);
  EXPECT_DOUBLE_EQ(out.od_unserved_t[1], 40.0);
  EXPECT_DOUBLE_EQ(out.element_unserved_t[1], 40.0);
  EXPECT_DOUBLE_EQ(loader.queue_t()[1], 0.0);
}

// The binding element of a year: the highest utilisation; utilisations within
// 1e-6 tie (saturated elements sit at 1 up to rounding), and a tie goes to the
// longer queue at the year's end.
TEST(Report, BindingElementBreaksTiesByTheYearEndQueue) {
  const Scenario s = mini_scenario();
  SimulationResult r = simulate(s);
  const std::uint32_t a = element_of_link(s, "aktau-alat");
  const std::uint32_t b = element_of_link(s, "alat-eu");
  ASSERT_LT(a, b);
  const auto year_steps = [&](int year) {
    std::vector<std::size_t> steps;
    for (std::size_t t = 0; t < r.steps.size(); ++t)
      if (r.steps[t].year == year) steps.push_back(t);
    return steps;
  };
  const int year = r.steps.front().year;
  const std::vector<std::size_t> steps = year_steps(year);
  const auto set = [&](double ua, double ub, double qa, double qb) {
    std::fill(r.element_flow_t.begin(), r.element_flow_t.end(), 0.0);
    for (const std::size_t t : steps) {
      const std::size_t row = t * r.element_count;
      r.element_capacity_t[row + a] = r.element_capacity_t[row + b] = 100.0;
      r.element_flow_t[row + a] = 100.0 * ua;
      r.element_flow_t[row + b] = 100.0 * ub;
      r.element_queue_t[row + a] = qa;
      r.element_queue_t[row + b] = qb;
    }
    return make_report(s, r).years.front();
  };
  EXPECT_EQ(set(1.0 - 1e-9, 1.0, 10.0, 50.0).binding_element, static_cast<std::int64_t>(b));
  EXPECT_EQ(set(1.0 - 1e-9, 1.0, 50.0, 10.0).binding_element, static_cast<std::int64_t>(a));
  EXPECT_EQ(set(1.0, 1.0, 0.0, 0.0).binding_element, static_cast<std::int64_t>(a));  // listed first
  const YearReport clear = set(0.99, 1.0, 1000.0, 0.0);
  EXPECT_EQ(clear.binding_element, static_cast<std::int64_t>(b));  // utilisation before queue
  EXPECT_DOUBLE_EQ(clear.binding_utilisation, 1.0);
}

TEST(Simulation, SameScenarioGivesByteIdenticalOutputs) {
  const io::LoadedScenario loaded =
      tests::load_source_scenario("scenarios/trans-caspian/baseline.yaml");
  const tests::TempDir dir;
  for (const char* run : {"a", "b"}) {
    const SimulationResult r = simulate(loaded.scenario);
    expect_conservation(r);
    expect_within_capacity(r);
    io::write_results(dir / run, loaded.scenario, r, make_report(loaded.scenario, r),
                      {"fingerprint", loaded.files, loaded.scenario.seed});
  }
  const std::vector<std::string> files = {"elements.csv", "corridor_tonnage.csv", "balance.csv",
                                          "route_shares.csv", "summary.json"};
  tests::expect_same_files(dir / "a", dir / "b", files);
  for (const std::string& file : files) {
    EXPECT_EQ(tests::read_file(dir / "a" / file).find("nan"), std::string::npos) << file;
  }
}

}  // namespace
}  // namespace corridor::sim

namespace corridor::sim {
namespace {

TEST(Simulation, LogitVariantSplitsRoutesAndConserves) {
  Scenario s = mini_scenario();
  s.assignment.method = AssignmentMethod::logit;
  for (Segment& seg : s.demand.segments) seg.logit_dispersion_per_usd = 0.02;
  const SimulationResult r = simulate(s);
  expect_conservation(r);
  expect_within_capacity(r);
  // Containers (od 0) use both routes: the middle one costs ~60 USD/t more, so with
  // theta = 0.02 about exp(-1.2) / (1 + exp(-1.2)) ~ 23% of them take it.
  const std::size_t jan = 0;
  const double share_diverted = r.od_diverted_t[jan] / r.od_delivered_t[jan];
  EXPECT_GT(share_diverted, 0.5);
  EXPECT_LT(share_diverted, 0.95);
}

}  // namespace
}  // namespace corridor::sim
