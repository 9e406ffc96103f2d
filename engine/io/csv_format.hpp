#pragma once
// Cells of the CSV outputs. Numbers: fixed decimals, values that round to zero
// printed as 0 (never "-0.000"), and an empty cell for a non-finite value
// (unlimited). Text: RFC 4180 quoting when it holds a comma, a quote or a line end.
#include <cmath>
#include <cstdio>
#include <string>

namespace corridor::io {

inline std::string fixed_number(double x, int decimals = 3) {
  if (!std::isfinite(x)) return {};
  if (std::fabs(x) < 0.5 * std::pow(10.0, -decimals)) x = 0.0;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, x);
  return buf;
}

/// Key of a milestone in the JSON outputs: "10_Mt" for whole millions of
/// tonnes, else the threshold and its unit ("2500000_t", "300000_TEU").
inline std::string milestone_key(double threshold, const std::string& unit) {
  if (unit == "t" && std::fmod(threshold, 1e6) == 0.0)
    return fixed_number(threshold / 1e6, 0) + "_Mt";
  return fixed_number(threshold, 0) + "_" + unit;
}

inline std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string quoted = "\"";
  for (const char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + '"';
}

}  // namespace corridor::io
