// One Monte-Carlo draw of a scenario's uncertainty.
#include <algorithm>
#include <chrono>
#include <cmath>

#include "corridor/analysis/ensemble.hpp"
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

void draw_growth(const Scenario& base, std::uint64_t seed, std::uint64_t draw, Scenario& out) {
  const int y0 = first_year(base);
  const int y1 = static_cast<int>(base.horizon.end.year());
  for (std::size_t i = 0; i < base.uncertainty.growth.size(); ++i) {
    const GrowthUncertainty& g = base.uncertainty.growth[i];
    Rng rng(seed, draw, kGrowthStream + i);
    const GrowthPath& path = base.demand.growth_paths[g.growth_path];
    GrowthPath noisy{path.id, {}};
    const double persistent = g.persistent_sd * rng.normal();
    for (int y = y0; y <= y1; ++y) {
      const double rate = path.rate_in(y) + persistent + g.annual_sd * rng.normal();
      noisy.steps.push_back({y, std::max(rate, -0.99)});
    }
    out.demand.growth_paths[g.growth_path] = std::move(noisy);
  }
}

void draw_delays(const Scenario& base, std::uint64_t seed, std::uint64_t draw, Scenario& out) {
  for (std::size_t i = 0; i < base.uncertainty.project_delays.size(); ++i) {
    const ProjectDelay& d = base.uncertainty.project_delays[i];
    Rng rng(seed, draw, kDelayStream + i);
    for (const std::uint32_t p : d.projects) {
      const double months = d.delay_months.sample(rng);
      const auto shift = days{static_cast<long>(std::lround(months * sim::kDaysPerMonth))};
      out.projects[p].in_service = year_month_day{sys_days{out.projects[p].in_service} + shift};
    }
  }
}

void draw_closures(const Scenario& base, std::uint64_t seed, std::uint64_t draw, Scenario& out) {
  const int y0 = static_cast<int>(base.horizon.start.year());
  const int y1 = static_cast<int>(base.horizon.end.year());
  for (std::size_t i = 0; i < base.uncertainty.closures.size(); ++i) {
    const RandomClosure& c = base.uncertainty.closures[i];
    Rng rng(seed, draw, kClosureStream + i);
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
}

void draw_series_levels(const Scenario& base, std::uint64_t seed, std::uint64_t draw,
                        Scenario& out) {
  for (std::size_t i = 0; i < base.uncertainty.cost_series.size(); ++i) {
    const SeriesLevelUncertainty& u = base.uncertainty.cost_series[i];
    Rng rng(seed, draw, kSeriesStream + i);
    out.cost_series[u.series].level *= std::max(u.level.sample(rng), 0.0);
  }
}

// The inertia on its own stream, each family constant on the next ones.
void draw_route_choice(const Scenario& base, std::uint64_t seed, std::uint64_t draw,
                       Scenario& out) {
  if (base.uncertainty.inertia) {
    Rng rng(seed, draw, kRouteChoiceStream);
    out.route_choice.inertia = std::clamp(base.uncertainty.inertia->sample(rng), 0.0, 0.999);
  }
  for (std::size_t i = 0; i < base.uncertainty.constants.size(); ++i) {
    const ConstantUncertainty& u = base.uncertainty.constants[i];
    Rng rng(seed, draw, kRouteChoiceStream + 1 + i);
    out.route_choice.constants[u.constant].usd_per_t = u.usd_per_t.sample(rng);
  }
}

}  // namespace

Scenario draw_scenario(const Scenario& base, std::uint64_t seed, std::uint64_t draw) {
  Scenario out = base;
  draw_growth(base, seed, draw, out);
  draw_delays(base, seed, draw, out);
  draw_closures(base, seed, draw, out);
  draw_series_levels(base, seed, draw, out);
  draw_route_choice(base, seed, draw, out);
  return out;
}

void apply_demand_shocks(const Scenario& base, std::uint64_t seed, std::uint64_t draw,
                         const std::vector<sim::Step>& steps, sim::StepInputs& inputs) {
  if (steps.empty()) return;
  const int y0 = steps.front().year;
  const int y1 = steps.back().year;
  for (std::size_t i = 0; i < base.uncertainty.shocks.size(); ++i) {
    const DemandShock& s = base.uncertainty.shocks[i];
    Rng rng(seed, draw, kShockStream + i);
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
      const double end = start + months * sim::kDaysPerMonth;
      for (std::uint32_t t = 0; t < steps.size(); ++t) {
        const double a = static_cast<double>(steps[t].first_day.time_since_epoch().count());
        const double b = a + steps[t].days;
        const double overlap = std::max(0.0, std::min(b, end) - std::max(a, start)) / steps[t].days;
        if (overlap <= 0.0) continue;
        for (std::uint32_t k = 0; k < inputs.od_count; ++k) {
          if (std::find(s.segments.begin(), s.segments.end(), base.demand.od[k].segment) ==
              s.segments.end())
            continue;
          inputs.demand_t[inputs.od_at(t, k)] *= 1.0 + size * overlap;
        }
      }
    }
  }
}

}  // namespace corridor::analysis
