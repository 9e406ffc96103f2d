// `corridor compare` end to end: two runs of the mini scenario side by side,
// compare.csv and compare_milestones.csv tidy (one row per run and year /
// threshold) and consistent with the runs' summary.json.
#include <gtest/gtest.h>

#include <unistd.h>
#include <algorithm>
#include <cstdlib>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;

// A folder of this process only: other worktrees may run the same tests at the same time.
fs::path scratch(const std::string& name) {
  return fs::temp_directory_path() / (name + "_" + std::to_string(::getpid()));
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

int corridor(const std::string& args, const fs::path& stdout_file) {
  const std::string cmd =
      std::string(CORRIDOR_EXE) + " -q " + args + " > " + stdout_file.string() + " 2>&1";
  return std::system(cmd.c_str());
}

TEST(CompareCli, WritesTidyCsvOfTwoRuns) {
  const fs::path dir = scratch("corridor_compare_cli");
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string data = std::string(CORRIDOR_SOURCE_DIR) + "/tests/data/mini/";
  ASSERT_EQ(corridor("run " + data + "scenario.yaml --out " + (dir / "a").string(), dir / "a.txt"),
            0);
  ASSERT_EQ(corridor("run " + data + "override.yaml --out " + (dir / "b").string(), dir / "b.txt"),
            0);
  ASSERT_EQ(corridor("compare " + (dir / "a").string() + " " + (dir / "b").string() + " --out " +
                         (dir / "cmp").string(),
                     dir / "cmp.txt"),
            0)
      << slurp(dir / "cmp.txt");

  const std::string csv = slurp(dir / "cmp" / "compare.csv");
  EXPECT_EQ(csv.substr(0, csv.find('\n')),
            "scenario,results_dir,year,complete,corridor_t,corridor_westbound_t,"
            "corridor_eastbound_t,demand_t,delivered_t,diverted_t,unserved_t,binding_element,"
            "binding_utilisation");
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 1 + 2 * 3);  // header + 2 runs x 3 years
  EXPECT_NE(csv.find("\nmini," + (dir / "a").string() + ",2022,true,"), std::string::npos) << csv;
  EXPECT_NE(csv.find("\nmini-override," + (dir / "b").string() + ",2024,true,"), std::string::npos);

  const std::string milestones = slurp(dir / "cmp" / "compare_milestones.csv");
  EXPECT_EQ(std::count(milestones.begin(), milestones.end(), '\n'), 1 + 2 * 3);  // 5, 10, 15 Mt
  EXPECT_NE(milestones.find("\nmini," + (dir / "a").string() + ",corridor,10000000,t,\n"),
            std::string::npos)
      << milestones;
  const std::string measures = slurp(dir / "cmp" / "compare_measures.csv");
  EXPECT_EQ(measures.substr(0, measures.find('\n')),
            "scenario,results_dir,measure,unit,year,value");
  EXPECT_EQ(std::count(measures.begin(), measures.end(), '\n'), 1 + 2 * 3);  // 1 measure

  const std::string table = slurp(dir / "cmp.txt");
  EXPECT_NE(table.find("corridor (Mt/yr)"), std::string::npos) << table;
  EXPECT_NE(table.find("not by 2024"), std::string::npos) << table;
  fs::remove_all(dir);
}

TEST(CompareCli, SameScenarioTwiceIsLabelledByFolder) {
  const fs::path dir = scratch("corridor_compare_cli_same");
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string scenario = std::string(CORRIDOR_SOURCE_DIR) + "/tests/data/mini/scenario.yaml";
  ASSERT_EQ(corridor("run " + scenario + " --out " + (dir / "one").string(), dir / "1.txt"), 0);
  ASSERT_EQ(corridor("run " + scenario + " --out " + (dir / "two").string(), dir / "2.txt"), 0);
  ASSERT_EQ(
      corridor("compare " + (dir / "one").string() + " " + (dir / "two").string(), dir / "cmp.txt"),
      0);
  const std::string table = slurp(dir / "cmp.txt");
  EXPECT_NE(table.find((dir / "one").string()), std::string::npos) << table;
  EXPECT_NE(table.find((dir / "two").string()), std::string::npos) << table;
  fs::remove_all(dir);
}

}  // namespace
