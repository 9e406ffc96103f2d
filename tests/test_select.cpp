// Select-element analysis: the tonnes booked on a selected element add up to
// its flow in every step, per OD pair to the pair's flow over its routes, and
// the files of `corridor run --select` add up to the element's yearly flow.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include "test_support.hpp"

namespace corridor::sim {
namespace {

std::uint32_t link_number(const Scenario& s, std::string_view id) {
  return s.network.node_count() + *s.network.find_link(id);
}

SimulationResult run_selecting(const Scenario& s, std::vector<std::uint32_t> select) {
  SimulationOptions o;
  o.select = std::move(select);
  SimulationResult r = simulate(s, o);
  EXPECT_TRUE(r.completed()) << r.reason;
  return r;
}

double od_route_sum(const SimulationResult& r, std::size_t t, std::size_t sel, std::uint32_t k) {
  const std::size_t routes = r.routes.size();
  double sum = 0.0;
  for (std::size_t q = 0; q < routes; ++q)
    sum += r.select_od_route_t[((t * r.selected.size() + sel) * r.od_count + k) * routes + q];
  return sum;
}

TEST(SelectElement, TonnesAddUpToTheElementsFlowInEveryStep) {
  // The crossing binds and queues build: freight passes it both new and from its queue.
  const Scenario s = tests::mini_tight_ferry();
  const std::uint32_t ferry = link_number(s, "aktau-alat");
  const std::uint32_t alat = *s.network.find_node("alat");
  const SimulationResult r = run_selecting(s, {ferry, alat});
  double queued = 0.0;
  for (std::size_t t = 0; t < r.steps.size(); ++t) {
    queued += r.element_queue_t[r.at(t, ferry)];
    for (std::size_t sel = 0; sel < 2; ++sel) {
      const std::uint32_t e = r.selected[sel];
      const double flow = r.element_flow_t[r.at(t, e)];
      double by_od = 0.0;
      for (std::uint32_t k = 0; k < r.od_count; ++k) by_od += od_route_sum(r, t, sel, k);
      EXPECT_NEAR(by_od, flow, 1e-9 * std::max(1.0, flow)) << t << " " << e;
      const double* also = &r.select_element_t[(t * 2 + sel) * r.element_count];
      EXPECT_EQ(also[e], flow) << t << " " << e;  // booked in the same order: exact
      for (std::uint32_t other = 0; other < r.element_count; ++other)
        EXPECT_LE(also[other], flow * (1 + 1e-12)) << t << " " << other;
    }
    // All freight over the ferry goes on to Alat.
    EXPECT_NEAR(r.select_element_t[(t * 2) * r.element_count + alat],
                r.element_flow_t[r.at(t, ferry)], 1e-9);
  }
  EXPECT_GT(queued, 0.0);
}

TEST(SelectElement, EachOdPairsTonnesAreItsFlowOverTheRoutesThroughTheElement) {
  // Nothing binds: every tonne is delivered in the step it enters, so the tonnes
  // of a pair on the crossing are its deliveries on the routes that use it
  // (middle), and none on the routes that do not (northern). The logit splits
  // the containers between the two.
  Scenario s = tests::mini_scenario();
  s.assignment.method = AssignmentMethod::logit;
  for (Segment& g : s.demand.segments) g.logit_dispersion_per_usd = 0.02;
  s.disruptions.clear();
  s.network = tests::with_link(s.network, "aktau-alat",
                               [](LinkSpec& l) { l.capacity_t_per_year = kUnlimited; });
  const std::uint32_t ferry = link_number(s, "aktau-alat");
  const SimulationResult r = run_selecting(s, {ferry});
  std::size_t middle = 0, northern = 0;
  for (std::size_t q = 0; q < r.routes.size(); ++q) {
    if (r.routes[q] == "middle") middle = q;
    if (r.routes[q] == "northern") northern = q;
  }
  const std::size_t routes = r.routes.size();
  double both_routes = 0.0;
  for (std::size_t t = 0; t < r.steps.size(); ++t) {
    for (std::uint32_t k = 0; k < r.od_count; ++k) {
      ASSERT_EQ(r.od_queue_t[r.od_at(t, k)], 0.0);
      const double* sel = &r.select_od_route_t[(t * r.od_count + k) * routes];
      const double* delivered = &r.od_route_t[r.od_at(t, k) * routes];
      EXPECT_NEAR(sel[middle], delivered[middle], 1e-9 * std::max(1.0, delivered[middle]));
      EXPECT_EQ(sel[northern], 0.0);
      both_routes += delivered[northern] > 0.0 && delivered[middle] > 0.0 ? 1.0 : 0.0;
    }
  }
  // The containers split between the routes, so both cases are seen.
  EXPECT_GT(both_routes, 0.0);
}

TEST(SelectElement, OnTheBaselineTheFerrysTonnesAddUpInEveryStep) {
  const Scenario s = tests::source_scenario("scenarios/trans-caspian/baseline.yaml");
  const std::uint32_t ferry = link_number(s, "kuryk-alat");
  const SimulationResult r = run_selecting(s, {ferry});
  for (std::size_t t = 0; t < r.steps.size(); ++t) {
    const double flow = r.element_flow_t[r.at(t, ferry)];
    double by_od = 0.0;
    for (std::uint32_t k = 0; k < r.od_count; ++k) by_od += od_route_sum(r, t, 0, k);
    ASSERT_NEAR(by_od, flow, 1e-9 * std::max(1.0, flow)) << t;
    ASSERT_EQ(r.select_element_t[t * r.element_count + ferry], flow) << t;
  }
  // Selecting changes nothing else: the element flows are those of a plain run.
  EXPECT_EQ(r.element_flow_t, simulate(s).element_flow_t);
}

TEST(SelectElement, NothingSelectedBooksNothing) {
  const SimulationResult r = run_selecting(tests::mini_scenario(), {});
  EXPECT_TRUE(r.selected.empty());
  EXPECT_TRUE(r.select_od_route_t.empty());
  EXPECT_TRUE(r.select_element_t.empty());
}

// Sums of `column` over the rows of a CSV file whose `key` column equals `value`, by year.
std::map<int, double> yearly_sum(const std::filesystem::path& file, const std::string& key,
                                 const std::string& value, const std::string& column) {
  std::ifstream in(file);
  std::string line;
  std::getline(in, line);
  std::vector<std::string> head;
  std::stringstream h(line);
  for (std::string cell; std::getline(h, cell, ',');) head.push_back(cell);
  const auto col = [&](const std::string& name) {
    return static_cast<std::size_t>(std::find(head.begin(), head.end(), name) - head.begin());
  };
  std::map<int, double> out;
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::stringstream row(line);
    for (std::string cell; std::getline(row, cell, ',');) cells.push_back(cell);
    if (cells[col(key)] != value) continue;
    out[std::stoi(cells[col("year")])] += std::stod(cells[col(column)]);
  }
  return out;
}

TEST(SelectElement, RunWritesTablesThatAddUpToTheElementsYearlyFlow) {
  const tests::TempDir dir;
  const std::string scenario = tests::source_path("tests/data/mini/scenario.yaml").string();
  const tests::CliRun run = tests::run_corridor(
      "run " + scenario + " --select aktau-alat,alat --out " + dir.path().string());
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const auto flow = yearly_sum(dir / "elements.csv", "element", "aktau-alat", "flow_t");
  const auto by_od =
      yearly_sum(dir / "select_element_years.csv", "element", "aktau-alat", "flow_t");
  const auto by_step = yearly_sum(dir / "select_element.csv", "element", "aktau-alat", "flow_t");
  ASSERT_EQ(flow.size(), 3u);
  for (const auto& [year, tonnes] : flow) {
    EXPECT_NEAR(by_od.at(year), tonnes, 0.01) << year;  // 3 decimals per row
    EXPECT_NEAR(by_step.at(year), tonnes, 0.05) << year;
  }
  const std::string links = tests::read_file(dir / "select_links_years.csv");
  EXPECT_NE(links.find("2023,aktau-alat,alat,node,"), std::string::npos) << links;
}

}  // namespace
}  // namespace corridor::sim
