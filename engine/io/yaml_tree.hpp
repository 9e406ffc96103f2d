#pragma once
// A YAML document as a plain tree whose every node remembers the file, line and
// column it was written at. yaml-cpp parses; this tree is what the scenario
// loader merges (`extends`) and decodes, so an error in a merged scenario still
// names the file the offending value came from.
#include <string>
#include <string_view>
#include <vector>

#include "corridor/error.hpp"

namespace corridor::io {

struct YamlEntry;

struct YamlNode {
  enum class Kind { null, scalar, sequence, map };
  Kind kind = Kind::null;
  std::string scalar;
  std::vector<YamlNode> items;     ///< sequence items
  std::vector<YamlEntry> entries;  ///< map entries, in file order
  SourceLocation where;

  [[nodiscard]] bool is_map() const noexcept { return kind == Kind::map; }
  [[nodiscard]] bool is_sequence() const noexcept { return kind == Kind::sequence; }
  [[nodiscard]] bool is_scalar() const noexcept { return kind == Kind::scalar; }
  /// The value of `key` in a map, or nullptr.
  [[nodiscard]] const YamlNode* find(std::string_view key) const;
  [[nodiscard]] YamlNode* find(std::string_view key);
  /// "a map", "a list", "a value" or "nothing": for error messages.
  [[nodiscard]] std::string_view kind_name() const;
};

struct YamlEntry {
  std::string key;
  SourceLocation key_where;
  YamlNode value;
};

/// Parses one YAML document. Syntax errors, duplicate keys, non-scalar keys and
/// an empty document become InputError with the location.
[[nodiscard]] YamlNode parse_yaml(const std::string& content, const std::string& file);

/// Merges `over` into `base` (the `extends` rule): maps merge key by key, lists of
/// maps that all carry an `id` merge by id (known id: merged; new id: appended),
/// anything else in `over` replaces the base's value.
void merge_yaml(YamlNode& base, const YamlNode& over);

}  // namespace corridor::io
