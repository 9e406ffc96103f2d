// Helpers shared by the tests: see test_support.hpp.
#include "test_support.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <system_error>

namespace corridor::tests {

namespace fs = std::filesystem;

namespace {

// corridor_<suite>_<test>[_<label>]_XXXXXX, with anything but letters and digits
// (the '/' of parameterised tests, the '-' and '.' of labels) turned into '_'.
// No '-': `corridor compare` shortens its column labels by a common prefix up to
// a '-', and CompareCli looks for whole folder paths in its table.
std::string temp_dir_template(std::string_view label) {
  std::string name = "corridor";
  if (const ::testing::TestInfo* test = ::testing::UnitTest::GetInstance()->current_test_info()) {
    name = name + "_" + test->test_suite_name() + "_" + test->name();
  }
  if (!label.empty()) name = name + "_" + std::string(label);
  for (char& c : name) {
    if (std::isalnum(static_cast<unsigned char>(c)) == 0) c = '_';
  }
  return (fs::temp_directory_path() / (name + "_XXXXXX")).string();
}

}  // namespace

TempDir::TempDir(std::string_view label) {
  std::string name = temp_dir_template(label);
  if (::mkdtemp(name.data()) == nullptr) {
    throw fs::filesystem_error("mkdtemp", name, std::error_code(errno, std::generic_category()));
  }
  path_ = name;
}

TempDir::~TempDir() {
  std::error_code ignored;
  fs::remove_all(path_, ignored);
}

fs::path TempDir::write(const fs::path& name, std::string_view text) const {
  fs::path file = path_ / name;
  fs::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << text;
  return file;
}

fs::path source_path(std::string_view relative) { return fs::path(CORRIDOR_SOURCE_DIR) / relative; }

io::LoadedScenario load_source_scenario(std::string_view relative) {
  return io::load_scenario(source_path(relative));
}

Scenario source_scenario(std::string_view relative) {
  return load_source_scenario(relative).scenario;
}

Scenario mini_scenario() { return source_scenario("tests/data/mini/scenario.yaml"); }

Scenario mini_tight_ferry() {
  Scenario s = mini_scenario();
  s.projects.clear();
  s.network = with_link(s.network, "aktau-alat", [](LinkSpec& l) { l.capacity_t_per_year = 5e5; });
  return s;
}

Network with_link(const Network& network, std::string_view link_id,
                  const std::function<void(LinkSpec&)>& change) {
  NetworkBuilder b;
  for (const NodeSpec& n : network.nodes()) b.add_node(n);
  bool found = false;
  for (const LinkSpec& l : network.links()) {
    LinkSpec copy = l;
    if (l.id == link_id) {
      change(copy);
      found = true;
    }
    b.add_link(copy);
  }
  if (!found) throw std::invalid_argument("with_link: no link " + std::string(link_id));
  return std::move(b).build();
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

CliRun run_corridor(const std::string& args) {
  const std::string command = std::string(CORRIDOR_EXE) + " -q " + args + " 2>&1";
  CliRun run;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return run;
  char buffer[4096];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) run.output.append(buffer, n);
  const int status = ::pclose(pipe);
  if (status != -1 && WIFEXITED(status)) run.exit_code = WEXITSTATUS(status);
  return run;
}

void expect_same_files(const fs::path& expected_dir, const fs::path& actual_dir,
                       const std::vector<std::string>& names) {
  for (const std::string& name : names) {
    const std::string expected = read_file(expected_dir / name);
    EXPECT_FALSE(expected.empty()) << expected_dir / name;
    EXPECT_EQ(expected, read_file(actual_dir / name)) << name;
  }
}

void expect_conservation(const sim::SimulationResult& r) {
  for (std::size_t t = 0; t < r.steps.size(); ++t) {
    for (std::uint32_t k = 0; k < r.od_count; ++k) {
      const std::size_t i = t * r.od_count + k;
      const double before = t == 0 ? 0.0 : r.od_queue_t[i - r.od_count];
      const double in = before + r.od_demand_t[i];
      const double out = r.od_delivered_t[i] + r.od_queue_t[i] + r.od_unserved_t[i];
      ASSERT_NEAR(in, out, 1e-7 * std::max(1.0, in)) << "step " << t << " od " << k;
    }
  }
}

void expect_within_capacity(const sim::SimulationResult& r) {
  for (std::size_t i = 0; i < r.element_flow_t.size(); ++i) {
    if (std::isfinite(r.element_capacity_t[i])) {
      ASSERT_LE(r.element_flow_t[i], r.element_capacity_t[i] * (1 + 1e-9) + 1e-9) << "cell " << i;
    }
  }
}

assign::Problem one_link_problem(const assign::LinkCostFunction& cost) {
  assign::Problem p;
  p.network.node_count = 2;
  p.network.tail = {0};
  p.network.head = {1};
  p.network.cost = {cost};
  p.classes.push_back({"all", 1.0, {}, {{0, 1, 1.0}}, 1.0});
  return p;
}

}  // namespace corridor::tests
