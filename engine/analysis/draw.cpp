// One Monte-Carlo draw of a scenario's uncertainty: each item from the random
// streams of its own draw index, or at a fixed quantile level (draw_levels.cpp).
#include <algorithm>
#include <chrono>
#include <cmath>

#include "analysis/draw_levels.hpp"
#include "corridor/analysis/ensemble.hpp"
#include "corridor/analysis/inputs.hpp"
#include "corridor/sim/calendar.hpp"

namespace corridor::analysis {
namespace {

using namespace std::chrono;

// Stream ids keep each kind of uncertainty on its own random stream, so adding
// one item does not shift the numbers of the others.
constexpr std::uint64_t kGrowthStream = 1000, kDelayStream = 2000, kClosureStream = 3000,
                        kShockStream = 4000, kSeriesStream = 5000, kRouteChoiceStream = 6000;

int first_year(const Scenario& s) {
  int y = static_cast<int>(s.horizon.start.year());
  for (const OdDemand& d : s.demand.od) y = std::min(y, d.base_year);
  return y;
}

void draw_growth(const Scenario& base, std::uint64_t seed, const InputSettings& set,
                 std::size_t offset, Scenario& out) {
  const int y0 = first_year(base);
  const int y1 = static_cast<int>(base.horizon.end.year());
  for (std::size_t i = 0; i < base.uncertainty.growth.size(); ++i) {
    const GrowthUncertainty& g = base.uncertainty.growth[i];
    const GrowthPath& path = base.demand.growth_paths[g.growth_path];
    if (const auto& level = set.level(offset + i)) {
      out.demand.growth_paths[g.growth_path] = growth_at_level(path, g, y0, y1, *level);
      continue;
    }
    Rng rng(seed, set.draw(offset + i), kGrowthStream + i);
    GrowthPath noisy{path.id, {}};
    const double persistent = g.persistent_sd * rng.normal();
    for (int y = y0; y <= y1; ++y) {
      const double rate = path.rate_in(y) + persistent + g.annual_sd * rng.normal();
      noisy.steps.push_back({y, std::max(rate, -0.99)});
    }
    out.demand.growth_paths[g.growth_path] = std::move(noisy);
  }
}

void shift(Project& p, double months) {
  const auto by = days{static_cast<long>(std::lround(months * sim::kDaysPerMonth))};
  p.in_service = year_month_day{sys_days{p.in_service} + by};
}

void draw_delays(const Scenario& base, std::uint64_t seed, const InputSettings& set,
                 std::size_t offset, Scenario& out) {
  for (std::size_t i = 0; i < base.uncertainty.project_delays.size(); ++i) {
    const ProjectDelay& d = base.uncertainty.project_delays[i];
    if (const auto& level = set.level(offset + i)) {
      const double months = distribution_quantile(d.delay_months, *level);
      for (const std::uint32_t p : d.projects) shift(out.projects[p], months);
      continue;
    }
    Rng rng(seed, set.draw(offset + i), kDelayStream + i);
    for (const std::uint32_t p : d.projects) shift(out.projects[p], d.delay_months.sample(rng));
  }
}

void draw_closure(const Scenario& base, const RandomClosure& c, Rng& rng, Scenario& out) {
  const int y0 = static_cast<int>(base.horizon.start.year());
  const int y1 = static_cast<int>(base.horizon.end.year());
  std::vector<ElementRef> elements;
  for (const std::uint32_t e : c.elements) {
    elements.push_back(e < base.network.node_count()
                           ? ElementRef{ElementRef::Kind::node, e}
                           : ElementRef{ElementRef::Kind::link, e - base.network.node_count()});
  }
  for (int y = y0; y <= y1; ++y) {
    for (const unsigned m : c.months) {
      const year_month ym = year{y} / month{m};
      const int month_days = static_cast<int>(static_cast<unsigned>((ym / last).day()));
      const unsigned events = rng.poisson(c.events_per_month);
      for (unsigned k = 0; k < events; ++k) {
        const int start = static_cast<int>(rng.uniform() * month_days);
        const long length = std::max(1L, std::lround(c.duration_days.sample(rng)));
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

void draw_closures(const Scenario& base, std::uint64_t seed, const InputSettings& set,
                   std::size_t offset, Scenario& out) {
  for (std::size_t i = 0; i < base.uncertainty.closures.size(); ++i) {
    const RandomClosure& c = base.uncertainty.closures[i];
    if (const auto& level = set.level(offset + i)) {
      closures_at_level(base, c, *level, out);
      continue;
    }
    Rng rng(seed, set.draw(offset + i), kClosureStream + i);
    draw_closure(base, c, rng, out);
  }
}

void draw_series_levels(const Scenario& base, std::uint64_t seed, const InputSettings& set,
                        std::size_t offset, Scenario& out) {
  for (std::size_t i = 0; i < base.uncertainty.cost_series.size(); ++i) {
    const SeriesLevelUncertainty& u = base.uncertainty.cost_series[i];
    double factor = 0.0;
    if (const auto& level = set.level(offset + i)) {
      factor = distribution_quantile(u.level, *level);
    } else {
      Rng rng(seed, set.draw(offset + i), kSeriesStream + i);
      factor = u.level.sample(rng);
    }
    out.cost_series[u.series].level *= std::max(factor, 0.0);
  }
}

// The inertia on its own stream, each family constant on the next ones.
void draw_route_choice(const Scenario& base, std::uint64_t seed, const InputSettings& set,
                       const InputOffsets& at, Scenario& out) {
  const auto value = [&](const Distribution& d, std::size_t input, std::uint64_t stream) {
    if (const auto& level = set.level(input)) return distribution_quantile(d, *level);
    Rng rng(seed, set.draw(input), stream);
    return d.sample(rng);
  };
  if (base.uncertainty.inertia) {
    out.route_choice.inertia =
        std::clamp(value(*base.uncertainty.inertia, at.inertia, kRouteChoiceStream), 0.0, 0.999);
  }
  for (std::size_t i = 0; i < base.uncertainty.constants.size(); ++i) {
    const ConstantUncertainty& u = base.uncertainty.constants[i];
    // A dated constant's path moves in parallel with the value before its points.
    FamilyConstant& c = out.route_choice.constants[u.constant];
    const double drawn = value(u.usd_per_t, at.constant + i, kRouteChoiceStream + 1 + i);
    for (SeriesPoint& p : c.points) p.value += drawn - c.usd_per_t;
    c.usd_per_t = drawn;
  }
}

}  // namespace

Scenario draw_scenario(const Scenario& base, std::uint64_t seed, const InputSettings& settings) {
  const InputOffsets at = input_offsets(base.uncertainty);
  Scenario out = base;
  draw_growth(base, seed, settings, at.growth, out);
  draw_delays(base, seed, settings, at.delay, out);
  draw_closures(base, seed, settings, at.closure, out);
  draw_series_levels(base, seed, settings, at.series, out);
  draw_route_choice(base, seed, settings, at, out);
  return out;
}

Scenario draw_scenario(const Scenario& base, std::uint64_t seed, std::uint64_t draw) {
  return draw_scenario(base, seed, InputSettings(input_offsets(base.uncertainty).count, draw));
}

void apply_demand_shocks(const Scenario& base, std::uint64_t seed, const InputSettings& settings,
                         const std::vector<sim::Step>& steps, sim::StepInputs& inputs) {
  if (steps.empty()) return;
  const std::size_t offset = input_offsets(base.uncertainty).shock;
  const int y0 = steps.front().year;
  const int y1 = steps.back().year;
  for (std::size_t i = 0; i < base.uncertainty.shocks.size(); ++i) {
    const DemandShock& s = base.uncertainty.shocks[i];
    if (const auto& level = settings.level(offset + i)) {
      shocks_at_level(base, s, *level, steps, inputs);
      continue;
    }
    Rng rng(seed, settings.draw(offset + i), kShockStream + i);
    for (int y = y0; y <= y1; ++y) {
      // Draw all numbers of the year first, so the stream advances the same way
      // whether or not the shock happens.
      const bool happens = rng.uniform() < s.probability_per_year;
      const double size = std::max(s.size.sample(rng), -0.99);
      const double months = std::max(s.duration_months.sample(rng), 0.0);
      const double start_share = rng.uniform();
      if (!happens || months <= 0.0) continue;
      const sys_days jan1{year{y} / January / 1};
      const double start =
          static_cast<double>(jan1.time_since_epoch().count()) + start_share * sim::days_in_year(y);
      apply_shock(base, s, size, start, start + months * sim::kDaysPerMonth, steps, inputs);
    }
  }
}

void apply_demand_shocks(const Scenario& base, std::uint64_t seed, std::uint64_t draw,
                         const std::vector<sim::Step>& steps, sim::StepInputs& inputs) {
  apply_demand_shocks(base, seed, InputSettings(input_offsets(base.uncertainty).count, draw), steps,
                      inputs);
}

}  // namespace corridor::analysis
