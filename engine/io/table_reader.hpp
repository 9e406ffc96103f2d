#pragma once
// Typed, located access to the columns of a CsvTable. The constructor checks
// the header against the accepted columns (unknown → error with "did you mean",
// required but missing → error); the getters parse one cell and report a bad
// value at its line and column.
#include <functional>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "corridor/error.hpp"
#include "io/csv_table.hpp"

namespace corridor::io {

struct ColumnSpec {
  std::string_view name;
  bool required = true;
};

class TableReader {
 public:
  TableReader(const CsvTable& table, std::initializer_list<ColumnSpec> columns);

  [[nodiscard]] const CsvTable& table() const noexcept { return table_; }
  [[nodiscard]] bool has(std::string_view column) const { return index_of(column).has_value(); }

  /// The cell; for an absent optional column, an empty cell located at the row.
  [[nodiscard]] CsvField cell(const CsvRow& row, std::string_view column) const;
  [[nodiscard]] SourceLocation where(const CsvField& cell) const {
    return {table_.file(), cell.line, cell.column};
  }
  [[noreturn]] void fail(const CsvField& cell, const std::string& message,
                         const std::string& expected) const;

  /// Non-empty text (or empty when allow_empty).
  [[nodiscard]] std::string text(const CsvRow& row, std::string_view column,
                                 bool allow_empty = false) const;
  /// An id: [A-Za-z0-9_.-]+.
  [[nodiscard]] std::string identifier(const CsvRow& row, std::string_view column) const;
  /// A finite number with ok(value); an empty cell gives `if_empty` when it is set
  /// and is an error otherwise.
  [[nodiscard]] double number(const CsvRow& row, std::string_view column,
                              const std::function<bool(double)>& ok, const std::string& expected,
                              std::optional<double> if_empty = std::nullopt) const;
  /// One of `words` (an error with a "did you mean" otherwise).
  [[nodiscard]] std::string choice(const CsvRow& row, std::string_view column,
                                   std::span<const std::string_view> words) const;
  /// A whole number in [lo, hi].
  [[nodiscard]] long long integer(const CsvRow& row, std::string_view column, long long lo,
                                  long long hi) const;

 private:
  [[nodiscard]] std::optional<std::size_t> index_of(std::string_view column) const;

  const CsvTable& table_;
  std::vector<std::string> columns_;  // header names, in file order
};

}  // namespace corridor::io
