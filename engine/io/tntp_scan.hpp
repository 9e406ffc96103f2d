#pragma once
// Line scanner shared by the TNTP readers: tracks file, line and column so that
// every complaint becomes an InputError with a location.
#include <cstdint>
#include <fstream>
#include <map>
#include <string>
#include <string_view>

#include "corridor/error.hpp"

namespace corridor::io::tntp_detail {

class Scanner {
 public:
  explicit Scanner(const std::string& path);

  /// Next line that is neither blank nor a `~` comment; false at end of file.
  bool next_record();
  /// Reads `<KEY> value` lines up to `<END OF METADATA>` into metadata().
  void read_metadata();
  [[nodiscard]] const std::map<std::string, std::pair<std::string, int>>& metadata() const {
    return metadata_;
  }
  /// Integer metadata value; `required` false returns fallback when absent.
  std::int64_t meta_int(const std::string& key, bool required, std::int64_t fallback = 0);
  double meta_double(const std::string& key, bool required, double fallback = 0.0);

  // Token access within the current line.
  void skip_space();
  [[nodiscard]] bool at_end() {
    skip_space();
    return col_ >= line_.size();
  }
  [[nodiscard]] char peek() {
    skip_space();
    return col_ < line_.size() ? line_[col_] : '\0';
  }
  /// A finite number; `what` names the field for the message.
  double number(const char* what);
  std::int64_t integer(const char* what);
  void expect_char(char c, const char* what);
  /// A word (letters), e.g. "Origin".
  std::string word();

  [[noreturn]] void fail(const std::string& message, const std::string& expected) const;
  [[noreturn]] void fail_at(int column, const std::string& message,
                            const std::string& expected) const;
  [[nodiscard]] int column() const { return static_cast<int>(col_) + 1; }
  [[nodiscard]] int line_number() const { return line_no_; }
  [[nodiscard]] const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::ifstream in_;
  std::string line_;
  std::size_t col_ = 0;
  int line_no_ = 0;
  std::map<std::string, std::pair<std::string, int>> metadata_;  // key -> value, line
};

}  // namespace corridor::io::tntp_detail
