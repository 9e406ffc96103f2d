#include <gtest/gtest.h>

#include "corridor/error.hpp"
#include "io/csv_table.hpp"
#include "io/parse_value.hpp"
#include "io/yaml_tree.hpp"

namespace corridor::io {
namespace {

TEST(CsvTable, ParsesQuotedFieldsCommentsAndCrlf) {
  const CsvTable t = CsvTable::parse(
      "# a comment\r\nid,name\r\n\r\na,\"Duisburg, DE\"\r\nb , \"say \"\"hi\"\"\"\r\n# end\n",
      "t.csv");
  ASSERT_EQ(t.rows().size(), 2u);
  EXPECT_EQ(t.rows()[0][1].text, "Duisburg, DE");
  EXPECT_EQ(t.rows()[1][0].text, "b");
  EXPECT_EQ(t.rows()[1][1].text, "say \"hi\"");
  EXPECT_EQ(t.rows()[1][1].line, 5);
  EXPECT_EQ(t.rows()[1][1].column, 5);
}

TEST(CsvTable, ColumnsCountCharactersNotBytes) {
  const CsvTable t = CsvTable::parse("id,name,x\nistanbul,İstanbul,7\n", "t.csv");
  EXPECT_EQ(t.rows()[0][2].column, 19);
}

TEST(CsvTable, ReportsLocatedErrors) {
  try {
    (void)CsvTable::parse("a,b\n1,2,3\n", "t.csv");
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.where().line, 2);
    EXPECT_EQ(e.where().column, 5);
  }
  EXPECT_THROW((void)CsvTable::parse("a,b\n\"1,2\n", "t.csv"), InputError);
  EXPECT_THROW((void)CsvTable::parse("a,a\n", "t.csv"), InputError);
  EXPECT_THROW((void)CsvTable::parse("# only a comment\n", "t.csv"), InputError);
  EXPECT_THROW((void)CsvTable::parse("a,b\n\"x\"y,2\n", "t.csv"), InputError);
}

TEST(ParseValue, IsStrict) {
  EXPECT_EQ(parse_number("1e-6"), 1e-6);
  EXPECT_EQ(parse_number("+5"), 5.0);
  EXPECT_FALSE(parse_number("nan"));
  EXPECT_FALSE(parse_number("inf"));
  EXPECT_FALSE(parse_number("12abc"));
  EXPECT_FALSE(parse_number(""));
  EXPECT_FALSE(parse_number(" 5"));
  EXPECT_FALSE(parse_integer("2022.5"));
  EXPECT_TRUE(parse_date("2024-02-29"));
  EXPECT_FALSE(parse_date("2023-02-29"));
  EXPECT_FALSE(parse_date("2023-2-1"));
  EXPECT_TRUE(parse_date("2023-02", true));
  EXPECT_FALSE(parse_date("2023-02", false));
  EXPECT_EQ(format_number(-2000000.0), "-2000000");
  EXPECT_EQ(format_number(0.15), "0.15");
}

TEST(ParseValue, SuggestsCloseWordsOnly) {
  constexpr std::string_view words[] = {"horizon", "network", "demand"};
  EXPECT_EQ(did_you_mean("horizn", words), " (did you mean 'horizon'?)");
  EXPECT_EQ(did_you_mean("dmeand", words), " (did you mean 'demand'?)");  // transposition
  EXPECT_EQ(did_you_mean("banana", words), "");
}

TEST(YamlTree, KeepsLocationsAndRejectsDuplicateKeys) {
  const YamlNode root = parse_yaml("a: 1\nb:\n  c: [x, y]\n", "f.yaml");
  ASSERT_TRUE(root.is_map());
  const YamlNode* c = root.find("b")->find("c");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->items[1].where.line, 3);
  EXPECT_EQ(c->items[1].where.column, 10);
  EXPECT_EQ(c->where.file, "f.yaml");
  EXPECT_THROW((void)parse_yaml("a: 1\na: 2\n", "f.yaml"), InputError);
  EXPECT_THROW((void)parse_yaml("a: [1, 2\n", "f.yaml"), InputError);
}

TEST(YamlTree, MergesMapsKeyByKeyAndIdListsById) {
  YamlNode base = parse_yaml(
      "x: {a: 1, b: 2}\nlist: [1, 2]\n"
      "items:\n  - {id: p, v: 1}\n  - {id: q, v: 2}\n",
      "base.yaml");
  const YamlNode over = parse_yaml(
      "x: {b: 3, c: 4}\nlist: [9]\nitems:\n  - {id: q, v: 5}\n  - {id: r, v: 6}\n", "over.yaml");
  merge_yaml(base, over);
  EXPECT_EQ(base.find("x")->find("a")->scalar, "1");
  EXPECT_EQ(base.find("x")->find("b")->scalar, "3");
  EXPECT_EQ(base.find("x")->find("b")->where.file, "over.yaml");
  EXPECT_EQ(base.find("x")->find("c")->scalar, "4");
  ASSERT_EQ(base.find("list")->items.size(), 1u);  // plain lists are replaced
  const auto& items = base.find("items")->items;
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0].find("v")->scalar, "1");
  EXPECT_EQ(items[1].find("v")->scalar, "5");
  EXPECT_EQ(items[2].find("id")->scalar, "r");
}

}  // namespace
}  // namespace corridor::io
