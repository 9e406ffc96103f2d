#pragma once
// Numbers in the CSV outputs: fixed decimals, values that round to zero printed
// as 0 (never "-0.000"), and an empty cell for a non-finite value (unlimited).
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

}  // namespace corridor::io
