#include "corridor/error.hpp"

namespace corridor {
namespace {

std::string format_error(const SourceLocation& where, const std::string& message,
                         const std::string& expected) {
  std::string text = where.to_string() + ": error: " + message;
  if (!expected.empty()) text += " (expected " + expected + ")";
  return text;
}

}  // namespace

std::string SourceLocation::to_string() const {
  std::string text = file.empty() ? std::string("<input>") : file;
  if (line > 0) {
    text += ":" + std::to_string(line);
    if (column > 0) text += ":" + std::to_string(column);
  }
  return text;
}

InputError::InputError(SourceLocation where, std::string message, std::string expected)
    : std::runtime_error(format_error(where, message, expected)),
      where_(std::move(where)),
      message_(std::move(message)),
      expected_(std::move(expected)) {}

}  // namespace corridor
