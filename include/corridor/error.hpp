#pragma once
// The one error type for bad input. Every loader reports a problem as an
// InputError naming the file, the 1-based line and column, what it found and
// what it expected; the CLI prints it and exits with code 2.
#include <stdexcept>
#include <string>

namespace corridor {

/// Where a piece of input came from. line and column are 1-based; 0 means unknown
/// (a whole-file problem such as a missing file).
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;

  /// "file:line:column", or "file:line" / "file" when the finer parts are unknown.
  [[nodiscard]] std::string to_string() const;
};

/// Bad input: wrong type, unknown key, out-of-range number, unknown reference, ...
class InputError : public std::runtime_error {
 public:
  /// message says what is wrong; expected says what would have been accepted (may be empty).
  InputError(SourceLocation where, std::string message, std::string expected = {});

  [[nodiscard]] const SourceLocation& where() const noexcept { return where_; }
  [[nodiscard]] const std::string& message() const noexcept { return message_; }
  [[nodiscard]] const std::string& expected() const noexcept { return expected_; }

 private:
  SourceLocation where_;
  std::string message_;
  std::string expected_;
};

}  // namespace corridor
