#include "io/yaml_decode.hpp"

#include <vector>

#include "io/parse_value.hpp"

namespace corridor::io {
namespace {

const YamlNode& scalar(const YamlNode& node, std::string_view what, const std::string& expected) {
  if (!node.is_scalar()) {
    fail(node, std::string(what) + " is " + std::string(node.kind_name()), expected);
  }
  return node;
}

bool year_ok(std::chrono::year y) {
  const int v = static_cast<int>(y);
  return v >= 1900 && v <= 2200;
}

}  // namespace

void fail(const YamlNode& node, const std::string& message, const std::string& expected) {
  throw InputError(node.where, message, expected);
}

MapReader::MapReader(const YamlNode& node, std::string what,
                     std::initializer_list<std::string_view> keys)
    : node_(node), what_(std::move(what)) {
  if (!node.is_map()) fail(node, what_ + " is " + std::string(node.kind_name()), "a map of keys");
  const std::vector<std::string_view> accepted(keys);
  for (const YamlEntry& e : node.entries) {
    bool known = false;
    for (std::string_view k : accepted) known = known || k == e.key;
    if (!known) {
      throw InputError(e.key_where,
                       "unknown key '" + e.key + "' in " + what_ + did_you_mean(e.key, accepted),
                       "one of " + one_of(accepted));
    }
  }
}

const YamlNode& MapReader::required(std::string_view key) const {
  const YamlNode* value = node_.find(key);
  if (value == nullptr || value->kind == YamlNode::Kind::null) {
    fail(value == nullptr ? node_ : *value, "missing key '" + std::string(key) + "' in " + what_,
         "a value for '" + std::string(key) + "'");
  }
  return *value;
}

std::string as_text(const YamlNode& node, std::string_view what, bool allow_empty) {
  const std::string& text = scalar(node, what, "a text value").scalar;
  if (text.empty() && !allow_empty) fail(node, std::string(what) + " is empty", "a text value");
  return text;
}

std::string as_identifier(const YamlNode& node, std::string_view what) {
  const std::string& text = scalar(node, what, "an id").scalar;
  if (!is_identifier(text)) {
    fail(node, std::string(what) + " '" + text + "' is not a valid id",
         "letters, digits, '_', '.' or '-'");
  }
  return text;
}

double as_number(const YamlNode& node, std::string_view what, const NumberCheck& ok,
                 const std::string& expected) {
  const std::string& text = scalar(node, what, expected).scalar;
  const auto value = parse_number(text);
  if (!value)
    fail(node, std::string(what) + " '" + excerpt(text) + "' is not a finite number", expected);
  if (!ok(*value))
    fail(node, std::string(what) + " " + excerpt(text) + " is out of range", expected);
  return *value;
}

long long as_integer(const YamlNode& node, std::string_view what, long long lo, long long hi) {
  const std::string expected =
      "a whole number from " + std::to_string(lo) + " to " + std::to_string(hi);
  const std::string& text = scalar(node, what, expected).scalar;
  const auto value = parse_integer(text);
  if (!value) fail(node, std::string(what) + " '" + text + "' is not a whole number", expected);
  if (*value < lo || *value > hi)
    fail(node, std::string(what) + " " + excerpt(text) + " is out of range", expected);
  return *value;
}

bool as_bool(const YamlNode& node, std::string_view what) {
  const std::string& text = scalar(node, what, "true or false").scalar;
  const auto value = parse_bool(text);
  if (!value) fail(node, std::string(what) + " '" + text + "' is not a boolean", "true or false");
  return *value;
}

std::chrono::year_month_day as_date(const YamlNode& node, std::string_view what) {
  const std::string expected = "a date YYYY-MM-DD or YYYY-MM between 1900 and 2200";
  const std::string& text = scalar(node, what, expected).scalar;
  const auto date = parse_date(text, true);
  if (!date || !year_ok(date->year())) {
    fail(node, std::string(what) + " '" + text + "' is not a valid date", expected);
  }
  return *date;
}

std::chrono::year_month as_year_month(const YamlNode& node, std::string_view what) {
  const std::string expected = "a month YYYY-MM between 1900 and 2200";
  const std::string& text = scalar(node, what, expected).scalar;
  const auto ym = parse_year_month(text);
  if (!ym || !year_ok(ym->year()))
    fail(node, std::string(what) + " '" + text + "' is not a valid month", expected);
  return *ym;
}

std::string as_choice(const YamlNode& node, std::string_view what,
                      std::initializer_list<std::string_view> words) {
  const std::vector<std::string_view> accepted(words);
  const std::string& text = scalar(node, what, one_of(accepted)).scalar;
  for (std::string_view w : accepted) {
    if (w == text) return text;
  }
  fail(node, std::string(what) + " '" + text + "' is not recognised" + did_you_mean(text, accepted),
       one_of(accepted));
}

const std::vector<YamlNode>& as_list(const YamlNode& node, std::string_view what) {
  if (!node.is_sequence())
    fail(node, std::string(what) + " is " + std::string(node.kind_name()), "a list");
  return node.items;
}

}  // namespace corridor::io
