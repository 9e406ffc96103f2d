// `corridor assign` end to end: CSV layout, atomic output, thread-independent bytes.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace {

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

int run_assign(const std::string& extra, const std::filesystem::path& out) {
  const std::string dir = std::string(CORRIDOR_TNTP_DIR) + "/Anaheim/Anaheim_";
  const std::string cmd = std::string(CORRIDOR_EXE) + " -q assign --net " + dir + "net.tntp" +
                          " --trips " + dir + "trips.tntp --gap 1e-8 --out " + out.string() + " " +
                          extra + " > /dev/null";
  return std::system(cmd.c_str());
}

TEST(AssignCli, WritesFlowsCsvIdenticalForAnyThreadCount) {
  const auto dir = std::filesystem::temp_directory_path() / "corridor_assign_cli";
  std::filesystem::create_directories(dir);
  ASSERT_EQ(run_assign("--threads 1", dir / "one.csv"), 0);
  ASSERT_EQ(run_assign("--threads 2", dir / "two.csv"), 0);
  const std::string one = slurp(dir / "one.csv");
  EXPECT_EQ(one, slurp(dir / "two.csv"));
  EXPECT_EQ(one.rfind("from,to,flow,cost\n1,117,", 0), 0U) << one.substr(0, 80);
  EXPECT_EQ(std::count(one.begin(), one.end(), '\n'), 915);  // header + 914 links
  // Only the renamed files remain: no temporary left behind.
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir), {}), 2);
  std::filesystem::remove_all(dir);
}

}  // namespace
