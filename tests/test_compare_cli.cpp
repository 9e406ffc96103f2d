// `corridor compare` end to end: two runs of the mini scenario side by side,
// compare.csv and compare_milestones.csv tidy (one row per run and year /
// threshold) and consistent with the runs' summary.json.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "test_support.hpp"

namespace corridor {
namespace {

using tests::CliRun;
using tests::read_file;
using tests::run_corridor;

TEST(CompareCli, WritesTidyCsvOfTwoRuns) {
  const tests::TempDir dir;
  const std::string data = tests::source_path("tests/data/mini/").string();
  const CliRun a = run_corridor("run " + data + "scenario.yaml --out " + (dir / "a").string());
  ASSERT_EQ(a.exit_code, 0) << a.output;
  const CliRun b = run_corridor("run " + data + "override.yaml --out " + (dir / "b").string());
  ASSERT_EQ(b.exit_code, 0) << b.output;
  const CliRun cmp = run_corridor("compare " + (dir / "a").string() + " " + (dir / "b").string() +
                                  " --out " + (dir / "cmp").string());
  ASSERT_EQ(cmp.exit_code, 0) << cmp.output;

  const std::string csv = read_file(dir / "cmp" / "compare.csv");
  EXPECT_EQ(csv.substr(0, csv.find('\n')),
            "scenario,results_dir,year,complete,corridor_t,corridor_westbound_t,"
            "corridor_eastbound_t,demand_t,delivered_t,diverted_t,unserved_t,binding_element,"
            "binding_utilisation");
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 1 + 2 * 3);  // header + 2 runs x 3 years
  EXPECT_NE(csv.find("\nmini," + (dir / "a").string() + ",2022,true,"), std::string::npos) << csv;
  EXPECT_NE(csv.find("\nmini-override," + (dir / "b").string() + ",2024,true,"), std::string::npos);

  const std::string milestones = read_file(dir / "cmp" / "compare_milestones.csv");
  EXPECT_EQ(std::count(milestones.begin(), milestones.end(), '\n'), 1 + 2 * 3);  // 5, 10, 15 Mt
  EXPECT_NE(milestones.find("\nmini," + (dir / "a").string() + ",corridor,10000000,t,\n"),
            std::string::npos)
      << milestones;
  const std::string measures = read_file(dir / "cmp" / "compare_measures.csv");
  EXPECT_EQ(measures.substr(0, measures.find('\n')),
            "scenario,results_dir,measure,unit,year,value");
  EXPECT_EQ(std::count(measures.begin(), measures.end(), '\n'), 1 + 2 * 3);  // 1 measure

  const std::string& table = cmp.output;
  EXPECT_NE(table.find("corridor (Mt/yr)"), std::string::npos) << table;
  EXPECT_NE(table.find("not by 2024"), std::string::npos) << table;
}

TEST(CompareCli, SameScenarioTwiceIsLabelledByFolder) {
  const tests::TempDir dir;
  const std::string scenario = tests::source_path("tests/data/mini/scenario.yaml").string();
  for (const char* run : {"one", "two"}) {
    const CliRun r = run_corridor("run " + scenario + " --out " + (dir / run).string());
    ASSERT_EQ(r.exit_code, 0) << r.output;
  }
  const CliRun cmp =
      run_corridor("compare " + (dir / "one").string() + " " + (dir / "two").string());
  ASSERT_EQ(cmp.exit_code, 0) << cmp.output;
  const std::string& table = cmp.output;
  EXPECT_NE(table.find((dir / "one").string()), std::string::npos) << table;
  EXPECT_NE(table.find((dir / "two").string()), std::string::npos) << table;
}

}  // namespace
}  // namespace corridor
