// An uncertainty item at a fixed quantile level instead of random draws: the
// one-at-a-time swings of the sensitivity analysis (docs/sensitivity.md says
// what each level means and why).
#include "analysis/draw_levels.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace corridor::analysis {
namespace {

using namespace std::chrono;

double clamp_level(double p) { return std::clamp(p, 1e-12, 1.0 - 1e-12); }

// Counts spread evenly over `slots`: how many of `count` fall in slot i.
unsigned share_of(unsigned count, std::size_t slots, std::size_t i) {
  const auto upto = [&](std::size_t k) {
    return static_cast<unsigned>(std::uint64_t{count} * k / slots);
  };
  return upto(i + 1) - upto(i);
}

}  // namespace

InputOffsets input_offsets(const Uncertainty& u) {
  InputOffsets at;
  at.growth = 0;
  at.delay = at.growth + u.growth.size();
  at.closure = at.delay + u.project_delays.size();
  at.shock = at.closure + u.closures.size();
  at.series = at.shock + u.shocks.size();
  at.inertia = at.series + u.cost_series.size();
  at.constant = at.inertia + (u.inertia ? 1 : 0);
  at.count = at.constant + u.constants.size();
  return at;
}

double normal_quantile(double p) {
  // Acklam (2003): rational approximations in the central region and the tails.
  static constexpr double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,
                                 -2.759285104469687e+02, 1.383577518672690e+02,
                                 -3.066479806614716e+01, 2.506628277459239e+00};
  static constexpr double b[] = {-5.447609879822406e+01, 1.615858368580409e+02,
                                 -1.556989798598866e+02, 6.680131188771972e+01,
                                 -1.328068155288572e+01};
  static constexpr double c[] = {-7.784894002430293e-03, -3.223964580411365e-01,
                                 -2.400758277161838e+00, -2.549732539343734e+00,
                                 4.374664141464968e+00,  2.938163982698783e+00};
  static constexpr double d[] = {7.784695709041462e-03, 3.224671290700398e-01,
                                 2.445134137142996e+00, 3.754408661907416e+00};
  constexpr double kLow = 0.02425;
  p = clamp_level(p);
  if (p < kLow || p > 1.0 - kLow) {
    const double q = std::sqrt(-2.0 * std::log(p < kLow ? p : 1.0 - p));
    const double x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
                     ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
    return p < kLow ? x : -x;
  }
  const double q = p - 0.5;
  const double r = q * q;
  return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
         (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1.0);
}

double distribution_quantile(const Distribution& d, double p) {
  p = clamp_level(p);
  switch (d.kind) {
    case Distribution::Kind::fixed:
      return d.a;
    case Distribution::Kind::uniform:
      return d.a + p * (d.b - d.a);
    case Distribution::Kind::normal:
      return d.a + d.b * normal_quantile(p);
    case Distribution::Kind::triangular: {
      // The inverse CDF that Distribution::sample applies to a uniform number.
      const double split = (d.c - d.a) / (d.b - d.a);
      return p < split ? d.a + std::sqrt(p * (d.b - d.a) * (d.c - d.a))
                       : d.b - std::sqrt((1.0 - p) * (d.b - d.a) * (d.b - d.c));
    }
  }
  return d.a;
}

unsigned poisson_quantile(double mean, double p) {
  if (mean <= 0.0) return 0;
  double term = std::exp(-mean), cdf = term;
  unsigned n = 0;
  while (cdf < p && n < 100000) {
    ++n;
    term *= mean / n;
    cdf += term;
  }
  return n;
}

unsigned binomial_quantile(unsigned trials, double chance, double p) {
  if (chance <= 0.0) return 0;
  if (chance >= 1.0) return trials;
  double term = std::pow(1.0 - chance, trials), cdf = term;
  unsigned n = 0;
  while (cdf < p && n < trials) {
    term *= (static_cast<double>(trials - n) / (n + 1)) * (chance / (1.0 - chance));
    ++n;
    cdf += term;
  }
  return n;
}

GrowthPath growth_at_level(const GrowthPath& path, const GrowthUncertainty& g, int first_year,
                           int last_year, double level) {
  const double shift = (g.persistent_sd + g.annual_sd) * normal_quantile(level);
  GrowthPath out{path.id, {}};
  for (int y = first_year; y <= last_year; ++y)
    out.steps.push_back({y, std::max(path.rate_in(y) + shift, -0.99)});
  return out;
}

void closures_at_level(const Scenario& base, const RandomClosure& c, double level, Scenario& out) {
  std::vector<ElementRef> elements;
  const std::uint32_t nodes = base.network.node_count();
  for (const std::uint32_t e : c.elements) {
    elements.push_back(e < nodes ? ElementRef{ElementRef::Kind::node, e}
                                 : ElementRef{ElementRef::Kind::link, e - nodes});
  }
  const unsigned per_year =
      poisson_quantile(c.events_per_month * static_cast<double>(c.months.size()), level);
  const long length = std::max(1L, std::lround(distribution_quantile(c.duration_days, level)));
  const int y0 = static_cast<int>(base.horizon.start.year());
  const int y1 = static_cast<int>(base.horizon.end.year());
  for (int y = y0; y <= y1; ++y) {
    for (std::size_t i = 0; i < c.months.size(); ++i) {
      const year_month ym = year{y} / month{c.months[i]};
      const double month_days = static_cast<unsigned>((ym / last).day());
      const unsigned spells = share_of(per_year, c.months.size(), i);
      for (unsigned k = 0; k < spells; ++k) {
        // Spell k of the month starts at the middle of the k-th of `spells` equal parts.
        const auto start = static_cast<int>((k + 0.5) / spells * month_days);
        Disruption d;
        d.id = c.id;
        d.elements = elements;
        d.from = year_month_day{sys_days{ym / day{1}} + days{start}};
        d.to = year_month_day{sys_days{*d.from} + days{length - 1}};
        d.closed_fraction = 1.0;
        out.disruptions.push_back(std::move(d));
      }
    }
  }
}

void apply_shock(const Scenario& base, const DemandShock& s, double size, double start_day,
                 double end_day, const std::vector<sim::Step>& steps, sim::StepInputs& inputs) {
  for (std::uint32_t t = 0; t < steps.size(); ++t) {
    const double a = static_cast<double>(steps[t].first_day.time_since_epoch().count());
    const double b = a + steps[t].days;
    const double overlap =
        std::max(0.0, std::min(b, end_day) - std::max(a, start_day)) / steps[t].days;
    if (overlap <= 0.0) continue;
    for (std::uint32_t k = 0; k < inputs.od_count; ++k) {
      if (std::find(s.segments.begin(), s.segments.end(), base.demand.od[k].segment) ==
          s.segments.end())
        continue;
      inputs.demand_t[inputs.od_at(t, k)] *= 1.0 + size * overlap;
    }
  }
}

void shocks_at_level(const Scenario& base, const DemandShock& s, double level,
                     const std::vector<sim::Step>& steps, sim::StepInputs& inputs) {
  if (steps.empty()) return;
  const int y0 = steps.front().year;
  const auto years = static_cast<unsigned>(steps.back().year - y0 + 1);
  const unsigned count = binomial_quantile(years, s.probability_per_year, level);
  const double size = std::max(distribution_quantile(s.size, 0.5), -0.99);
  const double months = std::max(distribution_quantile(s.duration_months, level), 0.0);
  if (months <= 0.0) return;
  for (unsigned i = 0; i < count; ++i) {
    // Shock i falls in the middle year of the i-th of `count` equal blocks of years.
    const int y = y0 + static_cast<int>((i + 0.5) * years / count);
    const sys_days jan1{year{y} / January / 1};
    const double start =
        static_cast<double>(jan1.time_since_epoch().count()) + 0.5 * sim::days_in_year(y);
    apply_shock(base, s, size, start, start + months * sim::kDaysPerMonth, steps, inputs);
  }
}

}  // namespace corridor::analysis
