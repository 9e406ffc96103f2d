// Infeasible situations end in reported unserved tonnage and finite numbers:
// the only route shut all year, capacities of 1 t/yr everywhere, and an
// iteration limit the equilibrium cannot meet (reported, not hidden).
// Scenarios in tests/data/infeasible/.
#include <gtest/gtest.h>

#include <cctype>
#include <cmath>
#include <filesystem>
#include <numeric>
#include <string>

#include "corridor/io/results_writer.hpp"
#include "corridor/sim/report.hpp"
#include "corridor/sim/simulation.hpp"
#include "test_support.hpp"

namespace corridor::sim {
namespace {

Scenario load(const char* name) {
  return tests::source_scenario(std::string("tests/data/infeasible/") + name);
}

double sum(const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0); }

void expect_all_finite(const SimulationResult& r) {
  for (const auto* v : {&r.element_flow_t, &r.element_queue_t, &r.element_delay_days,
                        &r.od_demand_t, &r.od_delivered_t, &r.od_queue_t, &r.od_unserved_t,
                        &r.od_diverted_t, &r.od_corridor_t, &r.od_route_t, &r.element_unserved_t}) {
    for (const double x : *v) ASSERT_TRUE(std::isfinite(x)) << x;
  }
}

// A CSV or JSON field spelled nan / inf / infinity (any case, any sign). (No
// std::regex: GCC 12 warns falsely inside it under ASan, and warnings are errors.)
bool has_non_finite_token(const std::string& text) {
  std::string token;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    const char c = i < text.size() ? text[i] : ',';
    if (c == ',' || c == ':' || c == '[' || c == ']' || c == '"' ||
        std::isspace(static_cast<unsigned char>(c)) != 0) {
      std::string t = token;
      if (!t.empty() && (t[0] == '-' || t[0] == '+')) t.erase(0, 1);
      for (char& ch : t) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      if (t == "nan" || t == "inf" || t == "infinity") return true;
      token.clear();
    } else {
      token += c;
    }
  }
  return false;
}

// Writes the outputs and checks that no file holds a NaN or an infinity.
void expect_files_finite(const Scenario& s, const SimulationResult& r, const std::string& tag) {
  const tests::TempDir dir(tag);
  io::write_results(dir.path(), s, r, make_report(s, r), io::RunMetadata{"test", {}, s.seed});
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    EXPECT_FALSE(has_non_finite_token(tests::read_file(entry.path()))) << entry.path();
    ++files;
  }
  EXPECT_GE(files, 5);
}

TEST(Infeasible, OnlyRouteClosedAllYearLeavesDemandUnservedOrQueued) {
  const Scenario s = load("closed.yaml");
  const SimulationResult r = simulate(s);
  ASSERT_EQ(r.steps_completed, r.steps.size());
  expect_all_finite(r);
  const double demand = sum(r.od_demand_t);
  ASSERT_GT(demand, 0.0);
  // Nothing crosses the shut sea crossing; what is not delivered is reported.
  EXPECT_NEAR(sum(r.od_corridor_t), 0.0, 1e-6 * demand);
  const double last_queue = [&] {
    double q = 0.0;
    for (std::uint32_t k = 0; k < r.od_count; ++k)
      q += r.od_queue_t[(r.steps.size() - 1) * r.od_count + k];
    return q;
  }();
  EXPECT_GT(sum(r.od_unserved_t) + last_queue, 0.5 * demand);
  expect_files_finite(s, r, "closed");
}

TEST(Infeasible, TinyCapacitiesEverywhereLeaveDemandUnserved) {
  const Scenario s = load("tiny.yaml");
  const SimulationResult r = simulate(s);
  ASSERT_EQ(r.steps_completed, r.steps.size());
  expect_all_finite(r);
  const double demand = sum(r.od_demand_t);
  EXPECT_GT(sum(r.od_unserved_t), 0.5 * demand);
  EXPECT_LT(sum(r.od_delivered_t), 1e-3 * demand);
  expect_files_finite(s, r, "tiny");
}

TEST(Infeasible, IterationLimitIsReportedInSummary) {
  const Scenario s = load("iteration-limit.yaml");
  const SimulationResult r = simulate(s);
  expect_all_finite(r);
  // One iteration per step cannot reach a gap of 1e-300 where routes compete.
  ASSERT_GT(r.solver.steps_not_converged, 0u);
  const tests::TempDir dir;
  io::write_results(dir.path(), s, r, make_report(s, r), io::RunMetadata{"test", {}, s.seed});
  EXPECT_NE(tests::read_file(dir / "summary.json")
                .find("\"steps_not_converged\": " + std::to_string(r.solver.steps_not_converged)),
            std::string::npos);
  expect_files_finite(s, r, "iteration-limit");
}

}  // namespace
}  // namespace corridor::sim
