#include "corridor/demand.hpp"

#include <cmath>

namespace corridor {

double GrowthPath::rate_in(int year) const {
  if (steps.empty()) return 0.0;
  double rate = steps.front().annual_rate;
  for (const GrowthStep& s : steps) {
    if (s.from_year <= year) rate = s.annual_rate;
  }
  return rate;
}

double GrowthPath::factor(int base_year, double year) const {
  if (steps.empty()) return 1.0;
  // log factor = integral from base_year to year of ln(1 + r(s)) ds, with r
  // constant within each calendar year.
  const double lo = std::min(static_cast<double>(base_year), year);
  const double hi = std::max(static_cast<double>(base_year), year);
  double log_factor = 0.0;
  for (int y = static_cast<int>(std::floor(lo)); static_cast<double>(y) < hi; ++y) {
    const double a = std::max(lo, static_cast<double>(y));
    const double b = std::min(hi, static_cast<double>(y) + 1.0);
    log_factor += (b - a) * std::log1p(rate_in(y));
  }
  return std::exp(year >= base_year ? log_factor : -log_factor);
}

double Demand::total_base_t_per_year() const {
  double total = 0.0;
  for (const OdDemand& d : od) total += d.base_t_per_year;
  return total;
}

}  // namespace corridor
