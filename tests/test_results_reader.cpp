// read_results: a run written by write_results reads back with the same yearly
// figures; folders that are not results folders are InputErrors with a location.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "corridor/error.hpp"
#include "corridor/io/results_reader.hpp"
#include "corridor/io/results_writer.hpp"
#include "corridor/sim/report.hpp"
#include "corridor/sim/simulation.hpp"
#include "test_support.hpp"

namespace corridor::io {
namespace {

namespace fs = std::filesystem;

// Writes the results of the mini scenario into `dir`; returns `dir`.
const fs::path& write_mini(const fs::path& dir) {
  const Scenario s = tests::mini_scenario();
  const sim::SimulationResult r = sim::simulate(s);
  write_results(dir, s, r, sim::make_report(s, r), RunMetadata{"0", {}, s.seed});
  return dir;
}

TEST(ResultsReader, ReadsBackWhatTheWriterWrote) {
  const tests::TempDir scratch;
  const fs::path& dir = write_mini(scratch.path());
  const RunResults r = read_results(dir);
  EXPECT_EQ(r.scenario, "mini");
  EXPECT_EQ(r.corridor_name, "sea crossing");
  ASSERT_EQ(r.years.size(), 3U);
  for (const ResultYear& y : r.years) {
    EXPECT_TRUE(y.complete);
    EXPECT_NEAR(y.corridor_westbound_t + y.corridor_eastbound_t, y.corridor_t, 0.01) << y.year;
    EXPECT_GT(y.demand_t, 0.0);
    EXPECT_FALSE(y.binding_element.empty());
  }
  ASSERT_EQ(r.milestones.size(), 3U);
  EXPECT_DOUBLE_EQ(r.milestones[1].threshold, 10e6);
  EXPECT_FALSE(r.milestones[1].first_year.has_value());
}

TEST(ResultsReader, WrongFormatVersionIsLocated) {
  const tests::TempDir scratch;
  const fs::path& dir = write_mini(scratch.path());
  std::ofstream(dir / "summary.json") << "{\n  \"format_version\": 99\n}\n";
  try {
    (void)read_results(dir);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.where().line, 2);
    EXPECT_EQ(e.where().column, 21);
    EXPECT_NE(std::string(e.what()).find("format_version 99"), std::string::npos) << e.what();
  }
}

TEST(ResultsReader, AFolderWithoutSummaryIsNotAResultsFolder) {
  EXPECT_THROW((void)read_results(tests::source_path("tests/data/mini")), InputError);
  EXPECT_THROW((void)read_results("/nonexistent/corridor/results"), InputError);
}

}  // namespace
}  // namespace corridor::io
