#pragma once
// Typed reading of YamlNode values with located errors. A MapReader checks a
// map's keys against the accepted ones up front (unknown key → error with a
// "did you mean"), then hands out required and optional values.
#include <chrono>
#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "io/yaml_tree.hpp"

namespace corridor::io {

using NumberCheck = std::function<bool(double)>;

class MapReader {
 public:
  /// `what` names the map in messages ("horizon", "projects[2]").
  MapReader(const YamlNode& node, std::string what, std::initializer_list<std::string_view> keys);

  [[nodiscard]] const YamlNode* optional(std::string_view key) const { return node_.find(key); }
  /// Throws "missing key" at the map's location when absent (or null).
  [[nodiscard]] const YamlNode& required(std::string_view key) const;
  [[nodiscard]] const YamlNode& node() const noexcept { return node_; }
  [[nodiscard]] const std::string& what() const noexcept { return what_; }

 private:
  const YamlNode& node_;
  std::string what_;
};

[[noreturn]] void fail(const YamlNode& node, const std::string& message,
                       const std::string& expected);

/// A scalar as text (non-empty unless allow_empty).
[[nodiscard]] std::string as_text(const YamlNode& node, std::string_view what,
                                  bool allow_empty = false);
/// An identifier ([A-Za-z0-9_.-]+).
[[nodiscard]] std::string as_identifier(const YamlNode& node, std::string_view what);
/// A finite number for which `ok` holds; `expected` describes the accepted range.
[[nodiscard]] double as_number(const YamlNode& node, std::string_view what, const NumberCheck& ok,
                               const std::string& expected);
/// A whole number in [lo, hi].
[[nodiscard]] long long as_integer(const YamlNode& node, std::string_view what, long long lo,
                                   long long hi);
[[nodiscard]] bool as_bool(const YamlNode& node, std::string_view what);
/// YYYY-MM-DD, or YYYY-MM (the first of the month); years 1900..2200.
[[nodiscard]] std::chrono::year_month_day as_date(const YamlNode& node, std::string_view what);
/// YYYY-MM; years 1900..2200.
[[nodiscard]] std::chrono::year_month as_year_month(const YamlNode& node, std::string_view what);
/// One of `words`.
[[nodiscard]] std::string as_choice(const YamlNode& node, std::string_view what,
                                    std::initializer_list<std::string_view> words);
/// The items of a list (an error if the node is not a list).
[[nodiscard]] const std::vector<YamlNode>& as_list(const YamlNode& node, std::string_view what);

}  // namespace corridor::io
