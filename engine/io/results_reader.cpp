#include "corridor/io/results_reader.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>

#include "corridor/error.hpp"
#include "corridor/io/results_writer.hpp"
#include "io/csv_table.hpp"
#include "io/table_reader.hpp"
#include "io/text_file.hpp"

namespace corridor::io {
namespace {

using json = nlohmann::json;
constexpr const char* kResultsFolder = "a results folder written by `corridor run`";

// 1-based line and column of byte `offset` of `text`.
SourceLocation locate(const std::string& file, const std::string& text, std::size_t offset) {
  SourceLocation where{file, 1, 1};
  for (std::size_t i = 0; i < std::min(offset, text.size()); ++i) {
    if (text[i] == '\n') {
      ++where.line;
      where.column = 1;
    } else {
      ++where.column;
    }
  }
  return where;
}

// Where the value of the first `"key":` sits (nlohmann keeps no positions); the
// whole file when the key is absent.
SourceLocation locate_key(const std::string& file, const std::string& text,
                          const std::string& key) {
  const std::size_t at = text.find('"' + key + '"');
  if (at == std::string::npos) return {file, 0, 0};
  const std::size_t colon = text.find(':', at);
  const std::size_t value = text.find_first_not_of(" \t\r\n", colon + 1);
  return locate(file, text, value == std::string::npos ? at : value);
}

struct JsonFile {
  std::string path;
  std::string text;
  json root;

  [[noreturn]] void fail(const std::string& key, const std::string& message,
                         const std::string& expected) const {
    throw InputError(locate_key(path, text, key), message, expected);
  }
  const json& member(const json& object, const std::string& key, json::value_t type,
                     const std::string& expected) const {
    const auto it = object.find(key);
    if (it == object.end()) fail(key, "missing key '" + key + "'", expected);
    const bool number_ok = type == json::value_t::number_float && it->is_number();
    const bool int_ok = type == json::value_t::number_integer && it->is_number_integer();
    if (it->type() != type && !number_ok && !int_ok)
      fail(key, "wrong type for '" + key + "'", expected);
    return *it;
  }
};

JsonFile read_summary(const std::filesystem::path& dir) {
  const std::string dir_text = dir.string();
  if (!std::filesystem::is_directory(dir)) {
    throw InputError({dir_text, 0, 0}, "not a folder", kResultsFolder);
  }
  JsonFile f{(dir / "summary.json").string(), {}, {}};
  if (!std::filesystem::exists(dir / "summary.json")) {
    throw InputError({f.path, 0, 0}, "missing: not a results folder, or its run did not finish",
                     kResultsFolder);
  }
  f.text = read_text_file(f.path, f.path);
  try {
    f.root = json::parse(f.text);
  } catch (const json::parse_error& e) {
    const std::size_t byte = e.byte > 0 ? e.byte - 1 : 0;
    throw InputError(locate(f.path, f.text, byte), "not valid JSON", "summary.json of a run");
  }
  if (!f.root.is_object())
    throw InputError({f.path, 1, 1}, "not a JSON object", "summary.json of a run");
  const json& version = f.root.contains("format_version") ? f.root["format_version"] : json();
  const std::string want = std::to_string(kOutputFormatVersion);
  if (!version.is_number_integer() || version.get<int>() != kOutputFormatVersion) {
    f.fail("format_version",
           version.is_null() ? "missing key 'format_version'"
                             : "format_version " + version.dump() + " is not supported",
           "format_version " + want + " (re-run the scenario with this engine)");
  }
  return f;
}

std::vector<ResultYear> summary_years(const JsonFile& f) {
  std::vector<ResultYear> years;
  const json& list = f.member(f.root, "years", json::value_t::array, "a list of years");
  for (const json& row : list) {
    if (!row.is_object()) f.fail("years", "a year is not an object", "{\"year\": ..., ...}");
    ResultYear y;
    y.year = f.member(row, "year", json::value_t::number_integer, "a year").get<int>();
    y.complete = f.member(row, "complete", json::value_t::boolean, "true or false").get<bool>();
    y.corridor_t = f.member(row, "corridor_t", json::value_t::number_float, "tonnes").get<double>();
    if (row.contains("binding_element")) {
      y.binding_element =
          f.member(row, "binding_element", json::value_t::string, "an id").get<std::string>();
      y.binding_utilisation =
          f.member(row, "binding_utilisation", json::value_t::number_float, "a ratio")
              .get<double>();
    }
    if (!years.empty() && y.year <= years.back().year) {
      f.fail("years", "years not increasing at " + std::to_string(y.year), "years in order");
    }
    years.push_back(y);
  }
  return years;
}

// "10_Mt", "2500000_t" or "300000_TEU" (io/csv_format.hpp milestone_key).
double threshold_of(const JsonFile& f, const std::string& key) {
  const std::size_t bar = key.rfind('_');
  std::string unit = bar == std::string::npos ? "" : key.substr(bar + 1);
  double number = 0.0;
  try {
    number = std::stod(key.substr(0, bar));
  } catch (const std::exception&) {
    unit.clear();
  }
  if (unit == "Mt") return number * 1e6;
  if (unit == "t" || unit == "TEU") return number;
  f.fail(key, "milestone '" + key + "' is not of the form <N>_Mt, <N>_t or <N>_TEU",
         "keys such as 10_Mt");
}

std::vector<ResultMilestone> milestones_of(const JsonFile& f, const json& m) {
  std::vector<ResultMilestone> out;
  for (const auto& [key, value] : m.items()) {
    ResultMilestone r;
    r.threshold = threshold_of(f, key);
    if (value.is_number_integer()) r.first_year = value.get<int>();
    out.push_back(r);
  }
  std::stable_sort(out.begin(), out.end(), [](const ResultMilestone& a, const ResultMilestone& b) {
    return a.threshold < b.threshold;
  });
  return out;
}

std::vector<ResultMilestone> summary_milestones(const JsonFile& f) {
  return milestones_of(f,
                       f.member(f.root, "first_year_reaching", json::value_t::object, "an object"));
}

std::vector<ResultMeasure> summary_measures(const JsonFile& f, const json& corridor) {
  std::vector<ResultMeasure> out;
  const json& list = f.member(corridor, "measures", json::value_t::array, "a list of measures");
  for (const json& m : list) {
    if (!m.is_object()) f.fail("measures", "a measure is not an object", "{\"id\": ..., ...}");
    ResultMeasure r;
    r.id = f.member(m, "id", json::value_t::string, "an id").get<std::string>();
    r.name = f.member(m, "name", json::value_t::string, "a name").get<std::string>();
    r.unit = f.member(m, "unit", json::value_t::string, "t or TEU").get<std::string>();
    r.milestones =
        milestones_of(f, f.member(m, "first_year_reaching", json::value_t::object, "an object"));
    for (const json& y : f.member(m, "years", json::value_t::array, "a list of years")) {
      if (!y.is_object())
        f.fail("years", "a year is not an object", "{\"year\": ..., \"value\": ...}");
      r.values.emplace_back(
          f.member(y, "year", json::value_t::number_integer, "a year").get<int>(),
          f.member(y, "value", json::value_t::number_float, "a number").get<double>());
    }
    out.push_back(std::move(r));
  }
  return out;
}

ResultYear& year_of(std::vector<ResultYear>& years, const TableReader& t, const CsvRow& row) {
  const long long year = t.integer(row, "year", 1, 9999);
  for (ResultYear& y : years) {
    if (y.year == year) return y;
  }
  t.fail(t.cell(row, "year"), "year " + std::to_string(year) + " is not in summary.json",
         "a year of the run");
}

double tonnes(const TableReader& t, const CsvRow& row, std::string_view column) {
  return t.number(
      row, column, [](double) { return true; }, "tonnes");
}

// The headline measure's tonnes by direction.
void add_corridor_csv(const std::filesystem::path& dir, const std::string& headline,
                      std::vector<ResultYear>& years) {
  const std::string path = (dir / "corridor_tonnage.csv").string();
  const CsvTable table = CsvTable::read(path, path);
  const TableReader t(
      table, {{"measure"}, {"year"}, {"segment"}, {"direction"}, {"corridor_t"}, {"corridor_teu"}});
  for (const CsvRow& row : table.rows()) {
    if (t.text(row, "measure") != headline) continue;
    ResultYear& y = year_of(years, t, row);
    const std::string direction = t.text(row, "direction");
    if (direction == "westbound") {
      y.corridor_westbound_t += tonnes(t, row, "corridor_t");
    } else if (direction == "eastbound") {
      y.corridor_eastbound_t += tonnes(t, row, "corridor_t");
    } else {
      t.fail(t.cell(row, "direction"), "direction '" + direction + "'", "westbound or eastbound");
    }
  }
}

void add_balance_csv(const std::filesystem::path& dir, std::vector<ResultYear>& years) {
  const std::string path = (dir / "balance.csv").string();
  const CsvTable table = CsvTable::read(path, path);
  const TableReader t(table, {{"year"},
                              {"segment"},
                              {"queued_start_t"},
                              {"demand_t"},
                              {"delivered_t"},
                              {"queued_end_t"},
                              {"unserved_t"},
                              {"corridor_t"},
                              {"diverted_t"}});
  for (const CsvRow& row : table.rows()) {
    ResultYear& y = year_of(years, t, row);
    y.demand_t += tonnes(t, row, "demand_t");
    y.delivered_t += tonnes(t, row, "delivered_t");
    y.diverted_t += tonnes(t, row, "diverted_t");
    y.unserved_t += tonnes(t, row, "unserved_t");
  }
}

}  // namespace

RunResults read_results(const std::filesystem::path& dir) {
  const JsonFile summary = read_summary(dir);
  RunResults r;
  r.dir = dir.string();
  const json& scenario =
      summary.member(summary.root, "scenario", json::value_t::object, "an object");
  r.scenario = summary.member(scenario, "name", json::value_t::string, "a name").get<std::string>();
  const json& corridor =
      summary.member(summary.root, "corridor", json::value_t::object, "an object");
  r.corridor_name =
      summary.member(corridor, "name", json::value_t::string, "a name").get<std::string>();
  r.headline =
      summary.member(corridor, "headline", json::value_t::string, "an id").get<std::string>();
  r.measures = summary_measures(summary, corridor);
  r.years = summary_years(summary);
  r.milestones = summary_milestones(summary);
  add_corridor_csv(dir, r.headline, r.years);
  add_balance_csv(dir, r.years);
  return r;
}

}  // namespace corridor::io
