#include "io/table_reader.hpp"

#include "io/parse_value.hpp"

namespace corridor::io {

TableReader::TableReader(const CsvTable& table, std::initializer_list<ColumnSpec> columns)
    : table_(table) {
  std::vector<std::string_view> accepted;
  for (const ColumnSpec& c : columns) accepted.push_back(c.name);
  for (const CsvField& h : table.header()) {
    bool known = false;
    for (std::string_view a : accepted) known = known || a == h.text;
    if (!known) {
      fail(h, "unknown column '" + h.text + "'" + did_you_mean(h.text, accepted),
           "columns " + one_of(accepted));
    }
    columns_.push_back(h.text);
  }
  for (const ColumnSpec& c : columns) {
    if (c.required && !has(c.name)) {
      const CsvField& first = table.header().front();
      fail(first, "missing column '" + std::string(c.name) + "'",
           "a header with column '" + std::string(c.name) + "'");
    }
  }
}

std::optional<std::size_t> TableReader::index_of(std::string_view column) const {
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    if (columns_[i] == column) return i;
  }
  return std::nullopt;
}

CsvField TableReader::cell(const CsvRow& row, std::string_view column) const {
  const auto i = index_of(column);
  if (!i) return CsvField{{}, row.front().line, row.front().column};
  return row[*i];
}

void TableReader::fail(const CsvField& cell, const std::string& message,
                       const std::string& expected) const {
  throw InputError(where(cell), message, expected);
}

std::string TableReader::text(const CsvRow& row, std::string_view column, bool allow_empty) const {
  CsvField c = cell(row, column);
  if (c.text.empty() && !allow_empty) {
    fail(c, "empty " + std::string(column), "a value in column '" + std::string(column) + "'");
  }
  return std::move(c.text);
}

std::string TableReader::identifier(const CsvRow& row, std::string_view column) const {
  CsvField c = cell(row, column);
  if (!is_identifier(c.text)) {
    fail(c, std::string(column) + " '" + c.text + "' is not a valid id",
         "letters, digits, '_', '.' or '-'");
  }
  return std::move(c.text);
}

double TableReader::number(const CsvRow& row, std::string_view column,
                           const std::function<bool(double)>& ok, const std::string& expected,
                           std::optional<double> if_empty) const {
  const CsvField c = cell(row, column);
  if (c.text.empty()) {
    if (if_empty) return *if_empty;
    fail(c, "empty " + std::string(column), expected);
  }
  const auto value = parse_number(c.text);
  if (!value)
    fail(c, std::string(column) + " '" + excerpt(c.text) + "' is not a finite number", expected);
  if (!ok(*value))
    fail(c, std::string(column) + " " + excerpt(c.text) + " is out of range", expected);
  return *value;
}

std::string TableReader::choice(const CsvRow& row, std::string_view column,
                                std::span<const std::string_view> words) const {
  const CsvField c = cell(row, column);
  for (std::string_view w : words) {
    if (w == c.text) return c.text;
  }
  fail(c, std::string(column) + " '" + c.text + "' is not recognised" + did_you_mean(c.text, words),
       one_of(words));
}

long long TableReader::integer(const CsvRow& row, std::string_view column, long long lo,
                               long long hi) const {
  const CsvField c = cell(row, column);
  const std::string expected =
      "a whole number from " + std::to_string(lo) + " to " + std::to_string(hi);
  const auto value = parse_integer(c.text);
  if (!value) fail(c, std::string(column) + " '" + c.text + "' is not a whole number", expected);
  if (*value < lo || *value > hi)
    fail(c, std::string(column) + " " + excerpt(c.text) + " is out of range", expected);
  return *value;
}

}  // namespace corridor::io
