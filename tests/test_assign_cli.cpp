// `corridor assign` end to end: CSV layout, atomic output, thread-independent bytes.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <iterator>
#include <string>

#include "test_support.hpp"

namespace corridor {
namespace {

using tests::read_file;

tests::CliRun run_assign(const std::string& extra, const std::filesystem::path& out) {
  const std::string dir = std::string(CORRIDOR_TNTP_DIR) + "/Anaheim/Anaheim_";
  return tests::run_corridor("assign --net " + dir + "net.tntp" + " --trips " + dir +
                             "trips.tntp --gap 1e-8 --out " + out.string() + " " + extra);
}

TEST(AssignCli, WritesFlowsCsvIdenticalForAnyThreadCount) {
  const tests::TempDir dir;
  const tests::CliRun one_thread = run_assign("--threads 1", dir / "one.csv");
  ASSERT_EQ(one_thread.exit_code, 0) << one_thread.output;
  const tests::CliRun two_threads = run_assign("--threads 2", dir / "two.csv");
  ASSERT_EQ(two_threads.exit_code, 0) << two_threads.output;
  const std::string one = read_file(dir / "one.csv");
  EXPECT_EQ(one, read_file(dir / "two.csv"));
  EXPECT_EQ(one.rfind("from,to,flow,cost\n1,117,", 0), 0U) << one.substr(0, 80);
  EXPECT_EQ(std::count(one.begin(), one.end(), '\n'), 915);  // header + 914 links
  // Only the renamed files remain: no temporary left behind.
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), {}), 2);
}

}  // namespace
}  // namespace corridor
