#include "io/csv_table.hpp"

#include <set>

#include "corridor/error.hpp"
#include "io/text_file.hpp"

namespace corridor::io {
namespace {

std::string trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t");
  return std::string(s.substr(first, last - first + 1));
}

// Walks the content once, producing records of located fields.
class Scanner {
 public:
  Scanner(std::string_view text, const std::string& file) : text_(text), file_(file) {}

  bool at_end() const { return pos_ >= text_.size(); }

  // Skips blank lines and comment lines that start a record.
  void skip_blank_and_comments() {
    while (!at_end()) {
      const std::size_t eol = text_.find('\n', pos_);
      const std::size_t end = eol == std::string_view::npos ? text_.size() : eol;
      const std::string line = trim(text_.substr(pos_, end - pos_));
      if (!(line.empty() || line == "\r" || line.front() == '#')) return;
      advance_to(end == text_.size() ? end : end + 1);
    }
  }

  CsvRow record() {
    CsvRow row;
    for (;;) {
      row.push_back(field());
      if (at_end()) return row;
      const char c = text_[pos_];
      if (c == ',') {
        step();
        continue;
      }
      if (c == '\r') step();
      if (!at_end() && text_[pos_] == '\n') step();
      return row;
    }
  }

 private:
  CsvField field() {
    // Leading blanks before a quote are allowed.
    std::size_t look = pos_;
    while (look < text_.size() && (text_[look] == ' ' || text_[look] == '\t')) ++look;
    if (look < text_.size() && text_[look] == '"') {
      advance_to(look);
      return quoted_field();
    }
    CsvField f{{}, line_, column_};
    const std::size_t start = pos_;
    while (!at_end() && text_[pos_] != ',' && text_[pos_] != '\n' && text_[pos_] != '\r') step();
    f.text = trim(text_.substr(start, pos_ - start));
    return f;
  }

  CsvField quoted_field() {
    CsvField f{{}, line_, column_};
    step();  // opening quote
    for (;;) {
      if (at_end()) {
        throw InputError({file_, f.line, f.column}, "unterminated quoted field", "a closing '\"'");
      }
      const char c = text_[pos_];
      if (c == '"') {
        if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
          f.text += '"';
          step();
          step();
          continue;
        }
        step();
        break;
      }
      f.text += c;
      step();
    }
    while (!at_end() && (text_[pos_] == ' ' || text_[pos_] == '\t')) step();
    if (!at_end() && text_[pos_] != ',' && text_[pos_] != '\n' && text_[pos_] != '\r') {
      throw InputError({file_, line_, column_}, "text after a closing quote",
                       "',' or the end of the line");
    }
    return f;
  }

  void step() {
    // Columns count characters, not bytes: UTF-8 continuation bytes do not advance.
    const auto c = static_cast<unsigned char>(text_[pos_]);
    if (c == '\n') {
      ++line_;
      column_ = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++column_;
    }
    ++pos_;
  }
  void advance_to(std::size_t target) {
    while (pos_ < target) step();
  }

  std::string_view text_;
  const std::string& file_;
  std::size_t pos_ = 0;
  int line_ = 1;
  int column_ = 1;
};

}  // namespace

CsvTable CsvTable::parse(std::string_view content, std::string file) {
  CsvTable table;
  table.file_ = std::move(file);
  Scanner scan(content, table.file_);
  scan.skip_blank_and_comments();
  if (scan.at_end()) {
    throw InputError({table.file_, 1, 1}, "no header line", "a header line naming the columns");
  }
  table.header_ = scan.record();
  std::set<std::string> seen;
  for (const CsvField& h : table.header_) {
    if (h.text.empty()) throw InputError({table.file_, h.line, h.column}, "empty column name");
    if (!seen.insert(h.text).second) {
      throw InputError({table.file_, h.line, h.column}, "duplicate column '" + h.text + "'",
                       "each column named once");
    }
  }
  for (;;) {
    scan.skip_blank_and_comments();
    if (scan.at_end()) break;
    CsvRow row = scan.record();
    if (row.size() != table.header_.size()) {
      const CsvField& at =
          row.size() > table.header_.size() ? row[table.header_.size()] : row.back();
      throw InputError({table.file_, at.line, at.column},
                       "row has " + std::to_string(row.size()) + " fields",
                       std::to_string(table.header_.size()) + " fields, as in the header");
    }
    table.rows_.push_back(std::move(row));
  }
  return table;
}

CsvTable CsvTable::read(const std::string& path, const std::string& display_name) {
  return parse(read_text_file(path, display_name), display_name);
}

}  // namespace corridor::io
