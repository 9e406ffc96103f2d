#include <gtest/gtest.h>

#include "corridor/error.hpp"

namespace corridor {
namespace {

TEST(InputError, NamesFileLineColumnAndExpectation) {
  const InputError e({"links.csv", 12, 7}, "negative capacity -5", "a number > 0");
  EXPECT_STREQ(e.what(), "links.csv:12:7: error: negative capacity -5 (expected a number > 0)");
  EXPECT_EQ(e.where().line, 12);
}

TEST(InputError, OmitsUnknownLineAndColumn) {
  const InputError e({"missing.yaml", 0, 0}, "cannot open file");
  EXPECT_STREQ(e.what(), "missing.yaml: error: cannot open file");
}

}  // namespace
}  // namespace corridor
