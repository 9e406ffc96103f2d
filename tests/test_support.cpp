// Helpers shared by the tests: see test_support.hpp.
#include "test_support.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
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

}  // namespace corridor::tests
