#pragma once
// A small RFC 4180 CSV reader that remembers where every field came from, so
// that a bad value is reported at its line and column. Hand-written because
// the CSV libraries packaged by Debian (libcsv, fast-cpp-csv-parser) do not
// report field positions.
//
// Rules: the first non-comment line is the header; a line starting with '#' is a
// comment; blank lines are skipped; fields may be quoted ("a, b", "say ""hi""")
// and quoted fields may span lines; CRLF and LF both end a record; surrounding
// spaces of unquoted fields are trimmed.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace corridor::io {

struct CsvField {
  std::string text;
  int line = 0;
  int column = 0;
};

using CsvRow = std::vector<CsvField>;

class CsvTable {
 public:
  /// Parses `content`; `file` names it in errors. Throws InputError on an
  /// unterminated quote, text after a closing quote, a row whose field count
  /// differs from the header's, an empty or duplicate header name, or no header.
  static CsvTable parse(std::string_view content, std::string file);
  /// read_text_file + parse.
  static CsvTable read(const std::string& path, const std::string& display_name);

  [[nodiscard]] const std::string& file() const noexcept { return file_; }
  [[nodiscard]] const CsvRow& header() const noexcept { return header_; }
  [[nodiscard]] const std::vector<CsvRow>& rows() const noexcept { return rows_; }

 private:
  std::string file_;
  CsvRow header_;
  std::vector<CsvRow> rows_;
};

}  // namespace corridor::io
