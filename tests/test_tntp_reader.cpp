// TNTP reader: well-formed files parse; malformed ones give InputError with a location.
#include <gtest/gtest.h>

#include <string>

#include "corridor/error.hpp"
#include "corridor/io/tntp.hpp"
#include "test_support.hpp"

namespace corridor::io {
namespace {

const char* const kNet =
    "<NUMBER OF ZONES> 2\n"
    "<NUMBER OF NODES> 3\n"
    "<FIRST THRU NODE> 3\n"
    "<NUMBER OF LINKS> 2\n"
    "<END OF METADATA>\n"
    "\n"
    "~ init term cap len fft b power speed toll type ;\n"
    "\t1\t3\t100\t2.5\t6\t0.15\t4\t0\t7\t1\t;\n"
    "\t3\t2\t200\t1\t3\t0.15\t4\t0\t0\t1\t;\n";

// A file written for one read and removed after it: write(...) is passed
// straight to a reader, and the temporary lives until the read is done. It
// stands in a TempDir of its own, so concurrent tests never share a file.
struct TempFile {
  tests::TempDir dir;
  std::string path;
  TempFile(const std::string& name, const std::string& text)
      : dir(name), path(dir.write(name, text).string()) {}
  operator const std::string&() const { return path; }
};

TempFile write(const std::string& name, const std::string& text) { return {name, text}; }

// Replaces the first occurrence of `from` in kNet.
std::string net_with(const std::string& from, const std::string& to) {
  std::string text = kNet;
  text.replace(text.find(from), from.size(), to);
  return text;
}

InputError net_error(const std::string& text) {
  try {
    (void)read_tntp_network(write("bad_net.tntp", text));
  } catch (const InputError& e) {
    return e;
  }
  ADD_FAILURE() << "no InputError";
  return InputError({}, "");
}

TEST(TntpReader, ReadsNetwork) {
  const TntpNetwork net = read_tntp_network(write("net.tntp", kNet));
  EXPECT_EQ(net.zones, 2);
  EXPECT_EQ(net.first_thru_node, 3);
  ASSERT_EQ(net.links.size(), 2U);
  EXPECT_EQ(net.links[0].term_node, 3);
  EXPECT_DOUBLE_EQ(net.links[0].toll, 7.0);
  const assign::Problem p = make_assignment_problem(net, {2, 0, {{1, 2, 5.0}}}, {0.5, 2.0});
  EXPECT_EQ(p.network.first_thru_node, 2U);
  EXPECT_DOUBLE_EQ(p.classes[0].fixed_cost[0], 0.5 * 7 + 2.0 * 2.5);
  EXPECT_EQ(assign::validate(p), "");
}

TEST(TntpReader, ReadsTripsWithSeveralEntriesPerLine) {
  const TntpTrips t = read_tntp_trips(
      write("trips.tntp",
            "<NUMBER OF ZONES> 2\n<TOTAL OD FLOW> 7\n<END OF METADATA>\n\nOrigin 1\n"
            "    1 :      0.0;     2 :    5.0;\n~ comment\nOrigin 2\n 1 : 2;\n"));
  ASSERT_EQ(t.demand.size(), 3U);
  EXPECT_EQ(t.demand[1].destination, 2);
  EXPECT_DOUBLE_EQ(t.demand[1].flow, 5.0);
  EXPECT_EQ(t.demand[2].origin, 2);
}

TEST(TntpReader, MissingFile) {
  EXPECT_THROW((void)read_tntp_network("/nonexistent/x_net.tntp"), InputError);
}

TEST(TntpReader, NodeOutOfRangeNamesLineAndColumn) {
  const InputError e = net_error(net_with("\t3\t2\t200", "\t3\t9\t200"));
  EXPECT_EQ(e.where().line, 9);
  EXPECT_EQ(e.where().column, 4);
  EXPECT_NE(e.expected().find("1 to 3"), std::string::npos);
}

TEST(TntpReader, MalformedNumber) {
  const InputError e = net_error(net_with("\t100\t", "\t1x0\t"));
  EXPECT_EQ(e.where().line, 8);
  EXPECT_EQ(e.where().column, 6);
}

TEST(TntpReader, NonPositiveCapacityAndNegativeValues) {
  EXPECT_EQ(net_error(net_with("\t100\t", "\t0\t")).where().column, 6);
  EXPECT_NE(net_error(net_with("\t6\t", "\t-6\t")).message().find("free flow time"),
            std::string::npos);
  EXPECT_NE(net_error(net_with("\t100\t", "\tnan\t")).message().find("finite"), std::string::npos);
}

TEST(TntpReader, MetadataProblems) {
  EXPECT_NE(net_error(net_with("<NUMBER OF NODES> 3\n", "")).message().find("NUMBER OF NODES"),
            std::string::npos);
  EXPECT_NE(net_error(net_with("<END OF METADATA>\n", "")).expected().find("END OF METADATA"),
            std::string::npos);
  const InputError count = net_error(net_with("<NUMBER OF LINKS> 2", "<NUMBER OF LINKS> 5"));
  EXPECT_NE(count.expected().find("5"), std::string::npos);
  EXPECT_EQ(net_error(net_with("<NUMBER OF ZONES> 2", "<NUMBER OF ZONES> two")).where().line, 1);
}

TEST(TntpReader, TooFewFieldsAndTrailingText) {
  EXPECT_NE(net_error(net_with("\t0\t7\t1\t;\n", "\t0\t7\t;\n")).message().find("link type"),
            std::string::npos);
  EXPECT_EQ(net_error(net_with("\t1\t;\n\t3", "\t1\t; extra\n\t3")).where().line, 8);
}

TEST(TntpReader, TripsErrors) {
  const std::string head = "<NUMBER OF ZONES> 2\n<END OF METADATA>\n";
  auto trips_error = [&](const std::string& body) {
    try {
      (void)read_tntp_trips(write("bad_trips.tntp", head + body));
    } catch (const InputError& e) {
      return e;
    }
    ADD_FAILURE() << "no InputError for " << body;
    return InputError({}, "");
  };
  EXPECT_EQ(trips_error("Origin 1\n 3 : 1.0;\n").where().column, 2);
  EXPECT_EQ(trips_error("Origin 1\n 2   1.0;\n").where().column, 6);
  EXPECT_EQ(trips_error("Origin 1\n 2 : -1.0;\n").where().line, 4);
  EXPECT_NE(trips_error(" 2 : 1.0;\n").message().find("Origin"), std::string::npos);
  EXPECT_NE(trips_error("Destination 1\n").expected().find("Origin"), std::string::npos);
}

}  // namespace
}  // namespace corridor::io
