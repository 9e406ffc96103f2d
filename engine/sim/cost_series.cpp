#include "sim/cost_series.hpp"

#include <algorithm>

namespace corridor::sim {
namespace {

using std::chrono::days;

Days first_date(const CostSeries& series) { return Days{series.points.front().date}; }

// Whether s takes more than one value on the days [first, last] of a series
// that has started by `first`.
bool varies_within(const CostSeries& series, Days first, Days last) {
  const std::vector<SeriesPoint>& p = series.points;
  for (std::size_t i = 1; i < p.size(); ++i) {
    if (p[i - 1].value == p[i].value) continue;
    const Days a{p[i - 1].date};
    const Days b{p[i].date};
    if (series.interpolation == CostSeries::Interpolation::step) {
      if (first < b && b <= last) return true;  // jumps on day b
    } else if (std::max(first, a) < std::min(last, b)) {
      return true;  // at least two days of the ramp from a to b
    }
  }
  return false;
}

}  // namespace

double series_value(const CostSeries& series, Days day) {
  return series_value(series.points, series.interpolation, day);
}

double series_value(const std::vector<SeriesPoint>& p, CostSeries::Interpolation interpolation,
                    Days day) {
  const auto next = std::upper_bound(p.begin(), p.end(), day,
                                     [](Days d, const SeriesPoint& q) { return d < Days{q.date}; });
  if (next == p.end()) return p.back().value;
  if (next == p.begin()) return p.front().value;  // before the series: not called (precondition)
  const SeriesPoint& prev = *(next - 1);
  if (interpolation == CostSeries::Interpolation::step) return prev.value;
  const auto span_days = static_cast<double>((Days{next->date} - Days{prev.date}).count());
  const auto into_days = static_cast<double>((day - Days{prev.date}).count());
  return prev.value + (next->value - prev.value) * (into_days / span_days);
}

double apply_series(double before, const std::vector<const CostSeries*>& series, Days day) {
  double v = before;
  for (const CostSeries* c : series) {
    if (day < first_date(*c)) break;  // in first-date order: the later ones have not started
    const double s = c->level * series_value(*c, day);
    v = c->change == CostSeries::Change::set ? s : v + s;
  }
  // A fitted or drawn level of an `add` series with negative values could
  // take money below 0, which the route costs cannot hold.
  return std::max(v, 0.0);
}

bool series_constant_over(const std::vector<const CostSeries*>& series, Days first,
                          std::uint32_t n) {
  const Days last = first + days{n - 1};
  for (const CostSeries* c : series) {
    const Days start = first_date(*c);
    if (start > last) continue;
    if (start > first || varies_within(*c, first, last)) return false;
  }
  return true;
}

}  // namespace corridor::sim
