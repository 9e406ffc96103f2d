#include "corridor/sim/step_inputs.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

#include "sim/cost_series.hpp"

namespace corridor::sim {
namespace {

using namespace std::chrono;

double base_value(const Network& net, std::uint32_t e, Attribute attribute) {
  return e < net.node_count()
             ? attribute_value(net, {ElementRef::Kind::node, e}, attribute)
             : attribute_value(net, {ElementRef::Kind::link, e - net.node_count()}, attribute);
}

// Share of the project in service on `day`: 0 before its date, then a linear
// ramp to 1 over ramp_up_months.
double in_service_share(const Project& p, Days day) {
  const Days start{p.in_service};
  if (day < start) return 0.0;
  if (p.ramp_up_months <= 0.0) return 1.0;
  const double ramp_days = p.ramp_up_months * kDaysPerMonth;
  return std::min(1.0, static_cast<double>((day - start).count() + 1) / ramp_days);
}

// Value of an attribute on `day` with the element's projects applied in date order.
double value_on(double base, const std::vector<const Project*>& projects, Days day) {
  double v = base;
  for (const Project* p : projects) {
    const double w = in_service_share(*p, day);
    if (w <= 0.0) continue;
    const double after = p->applied_to(v);
    if (std::isinf(v) || std::isinf(after)) {
      v = w >= 1.0 ? after : (std::isinf(v) ? v : after);  // no ramp to or from unlimited
    } else {
      v += w * (after - v);
    }
  }
  return v;
}

// Share of each day of the horizon during which the element is open, from its
// closures (index 0 = the first day of the first step).
std::vector<double> open_by_day(const std::vector<const Disruption*>& closures, Days first,
                                const std::vector<std::uint8_t>& month_of_day) {
  std::vector<double> open(month_of_day.size(), 1.0);
  const auto n = static_cast<long>(open.size());
  for (const Disruption* d : closures) {
    const double keep = 1.0 - d->closed_fraction;
    if (d->from) {
      const long a = std::max(0L, static_cast<long>((Days{*d->from} - first).count()));
      const long b = std::min(n - 1, static_cast<long>((Days{*d->to} - first).count()));
      for (long i = a; i <= b; ++i) open[static_cast<std::size_t>(i)] *= keep;
    } else {
      for (std::size_t i = 0; i < open.size(); ++i) {
        if (std::find(d->months.begin(), d->months.end(), month_of_day[i]) != d->months.end())
          open[i] *= keep;
      }
    }
  }
  return open;
}

struct ElementEvents {
  std::map<Attribute, std::vector<const Project*>> projects;   // date order
  std::map<Attribute, std::vector<const CostSeries*>> series;  // first-date order
  std::vector<const Disruption*> closures;
};

std::vector<ElementEvents> collect_events(const Scenario& s, std::uint32_t element_count) {
  std::vector<ElementEvents> events(element_count);
  const auto element = [&](const ElementRef& r) {
    return r.kind == ElementRef::Kind::node ? r.index : s.network.node_count() + r.index;
  };
  std::vector<const Project*> by_date;
  for (const Project& p : s.projects) by_date.push_back(&p);
  std::stable_sort(by_date.begin(), by_date.end(), [](const Project* a, const Project* b) {
    return Days{a->in_service} < Days{b->in_service};
  });
  for (const Project* p : by_date) {
    for (const ElementRef& r : p->elements) events[element(r)].projects[p->attribute].push_back(p);
  }
  std::vector<const CostSeries*> series;
  for (const CostSeries& c : s.cost_series) series.push_back(&c);
  std::stable_sort(series.begin(), series.end(), [](const CostSeries* a, const CostSeries* b) {
    return Days{a->points.front().date} < Days{b->points.front().date};
  });
  for (const CostSeries* c : series) {
    for (const ElementRef& r : c->elements) events[element(r)].series[c->attribute].push_back(c);
  }
  for (const Disruption& d : s.disruptions) {
    for (const ElementRef& r : d.elements) events[element(r)].closures.push_back(&d);
  }
  return events;
}

// True when no project of the list starts or ramps during [first, first + n days):
// the value is then the same on every day of the step.
bool constant_over(const std::vector<const Project*>& projects, Days first, std::uint32_t n) {
  const Days end = first + days{n};
  for (const Project* p : projects) {
    const Days start{p->in_service};
    const Days ramp_end =
        start + days{static_cast<long>(std::ceil(p->ramp_up_months * kDaysPerMonth)) + 1};
    if (start < end && ramp_end > first) return false;
  }
  return true;
}

// Value of an attribute on `day`: its projects, then its cost series.
double value_with_series(double base, const std::vector<const Project*>& projects,
                         const std::vector<const CostSeries*>& series, Days day) {
  const double v = value_on(base, projects, day);
  return series.empty() ? v : apply_series(v, series, day);
}

// Average of the daily value over the step's days (exact: attributes are daily
// values); one day stands for the step when nothing changes within it.
double step_average(double base, const std::vector<const Project*>& projects,
                    const std::vector<const CostSeries*>& series, const Step& step) {
  if (projects.empty() && series.empty()) return base;
  if (constant_over(projects, step.first_day, step.days) &&
      series_constant_over(series, step.first_day, step.days))
    return value_with_series(base, projects, series, step.first_day);
  double sum = 0.0;
  for (std::uint32_t i = 0; i < step.days; ++i)
    sum += value_with_series(base, projects, series, step.first_day + days{i});
  return sum / step.days;
}

// Calendar facts of every day of the horizon, computed once per call: the
// civil-date conversion is the costly part of a day-by-day loop.
struct Calendar {
  std::vector<std::uint8_t> month;  // 1..12
  std::vector<int> year;
  std::vector<double> year_share;  // per step: sum over its days of 1 / days_in_year
  explicit Calendar(const std::vector<Step>& steps) {
    for (const Step& step : steps) {
      double share = 0.0;
      for (std::uint32_t d = 0; d < step.days; ++d) {
        const year_month_day ymd{step.first_day + days{d}};
        month.push_back(static_cast<std::uint8_t>(static_cast<unsigned>(ymd.month())));
        year.push_back(static_cast<int>(ymd.year()));
        share += 1.0 / days_in_year(year.back());
      }
      year_share.push_back(share);
    }
  }
};

// One element's inputs over all steps, filled contiguously and then copied
// into the step-major StepInputs a block of elements at a time (writing one
// element down all steps would touch a new cache line per step).
struct Column {
  std::vector<double> capacity, nominal, closed, time, money, tariff;
  void resize(std::size_t steps) {
    for (auto* v : {&capacity, &nominal, &closed, &time, &money, &tariff}) v->assign(steps, 0.0);
  }
};

void fill_capacity(double cap_base, const ElementEvents& ev,
                   const std::vector<const Project*>& cap_projects, const std::vector<Step>& steps,
                   const std::vector<double>& year_share, const Calendar& calendar, Column& col) {
  const std::vector<std::uint8_t>& month_of_day = calendar.month;
  const std::vector<double> open =
      ev.closures.empty() ? std::vector<double>{}
                          : open_by_day(ev.closures, steps.front().first_day, month_of_day);
  std::size_t day_index = 0;
  for (std::uint32_t k = 0; k < steps.size(); ++k) {
    const bool constant = constant_over(cap_projects, steps[k].first_day, steps[k].days);
    if (ev.closures.empty() && constant) {
      // The common case, no daily detail: the same capacity every day of the step.
      col.capacity[k] = col.nominal[k] =
          value_on(cap_base, cap_projects, steps[k].first_day) * year_share[k];
      day_index += steps[k].days;
      continue;
    }
    const double same = constant ? value_on(cap_base, cap_projects, steps[k].first_day) : 0.0;
    double capacity = 0.0, nominal = 0.0, closed_days = 0.0;
    for (std::uint32_t d = 0; d < steps[k].days; ++d, ++day_index) {
      const Days day = steps[k].first_day + days{d};
      const double per_day = (constant ? same : value_on(cap_base, cap_projects, day)) /
                             days_in_year(calendar.year[day_index]);
      const double open_share = open.empty() ? 1.0 : open[day_index];
      nominal += per_day;
      if (open_share > 0.0) capacity += per_day * open_share;  // inf * 0 would be NaN
      closed_days += 1.0 - open_share;
    }
    col.capacity[k] = capacity;
    col.nominal[k] = nominal;
    col.closed[k] = closed_days / steps[k].days;
  }
}

void fill_element(const Scenario& s, std::uint32_t e, const ElementEvents& ev,
                  const std::vector<Step>& steps, const std::vector<double>& year_share,
                  const Calendar& calendar, Column& col) {
  const bool is_node = e < s.network.node_count();
  const Attribute time_attr = is_node ? Attribute::dwell_days : Attribute::transit_days;
  static const std::vector<const Project*> kNone;
  static const std::vector<const CostSeries*> kNoSeries;
  const auto projects_of = [&](Attribute a) -> const std::vector<const Project*>& {
    const auto it = ev.projects.find(a);
    return it == ev.projects.end() ? kNone : it->second;
  };
  const auto series_of = [&](Attribute a) -> const std::vector<const CostSeries*>& {
    const auto it = ev.series.find(a);
    return it == ev.series.end() ? kNoSeries : it->second;
  };
  fill_capacity(base_value(s.network, e, Attribute::capacity_t_per_year), ev,
                projects_of(Attribute::capacity_t_per_year), steps, year_share, calendar, col);
  const double time_base = base_value(s.network, e, time_attr);
  const Attribute money_a =
      is_node ? Attribute::handling_cost_usd_per_t : Attribute::tariff_usd_per_t;
  const double money_base = base_value(s.network, e, money_a);
  const double risk_base =
      is_node ? 0.0 : base_value(s.network, e, Attribute::risk_premium_usd_per_t);
  for (std::uint32_t k = 0; k < steps.size(); ++k) {
    col.time[k] = step_average(time_base, projects_of(time_attr), kNoSeries, steps[k]);
    col.money[k] = step_average(money_base, projects_of(money_a), series_of(money_a), steps[k]);
    col.tariff[k] = col.money[k];
    if (!is_node) {
      constexpr Attribute kRisk = Attribute::risk_premium_usd_per_t;
      col.money[k] += step_average(risk_base, projects_of(kRisk), series_of(kRisk), steps[k]);
    }
  }
}

// Seasonal weight of each month of `year`, scaled so that the year's days add
// up to exactly one year of demand: sum over days of weight / days_in_year = 1.
std::array<double, 12> seasonal_weights(const Segment& segment, int y) {
  double total = 0.0;
  for (unsigned m = 1; m <= 12; ++m) {
    const auto n = static_cast<unsigned>(year_month_day_last{year{y} / month{m} / last}.day());
    total += segment.seasonality[m - 1] * n;
  }
  std::array<double, 12> w{};
  for (unsigned m = 0; m < 12; ++m) w[m] = segment.seasonality[m] * days_in_year(y) / total;
  return w;
}

// GrowthPath::factor(base_year, t) for many t: the log growth
// integral of ln(1 + r(y)) from base_year to t is a difference of prefix sums
// over whole years plus the part of t's year (one table per OD pair, instead of
// a sum over the years at each call).
class GrowthTable {
 public:
  GrowthTable(const GrowthPath& path, int base_year, int first_year, int last_year)
      : first_(std::min(base_year, first_year)), base_(base_year) {
    const int last = std::max(last_year, base_year);
    prefix_.push_back(0.0);
    for (int y = first_; y <= last; ++y) {
      log_rate_.push_back(std::log1p(path.rate_in(y)));
      prefix_.push_back(prefix_.back() + log_rate_.back());
    }
  }
  [[nodiscard]] double factor(double t) const {
    const auto y = static_cast<std::size_t>(std::floor(t) - first_);
    const double at_t = prefix_[y] + (t - std::floor(t)) * log_rate_[y];
    return std::exp(at_t - prefix_[static_cast<std::size_t>(base_ - first_)]);
  }

 private:
  int first_, base_;
  std::vector<double> log_rate_;  // per year from first_
  std::vector<double> prefix_;    // sum of log_rate_ before each year
};

// Demand of every OD pair per step: the sum over the step's days of
// base × segment scale × growth(day) × seasonal weight / days_in_year. The
// growth factor is anchored exactly at each step and year start and grows by
// the daily factor g = (1 + rate)^(1/days_in_year) in between (the rate is
// constant within a calendar year), so a run of L days of one month adds
// F (1 + g + ... + g^(L-1)) = F expm1(L ln g) / expm1(ln g) times its daily weight.
void fill_demand(const Scenario& s, const std::vector<Step>& steps, const Calendar& calendar,
                 StepInputs& in) {
  if (steps.empty()) return;
  static const GrowthPath kFlat{};
  for (std::uint32_t k = 0; k < in.od_count; ++k) {
    const OdDemand& od = s.demand.od[k];
    const Segment& segment = s.demand.segments[od.segment];
    const GrowthPath& growth = od.growth_path >= 0
                                   ? s.demand.growth_paths[static_cast<std::size_t>(od.growth_path)]
                                   : kFlat;
    const GrowthTable table(growth, od.base_year, calendar.year.front(), calendar.year.back());
    int current_year = 0;
    std::array<double, 12> weights{};
    double factor = 0.0, log_daily = 0.0, per_day = 0.0;
    std::size_t day_index = 0;
    for (std::uint32_t t = 0; t < steps.size(); ++t) {
      double tonnes = 0.0;
      for (std::uint32_t d = 0; d < steps[t].days;) {
        const int y = calendar.year[day_index];
        const std::uint8_t m = calendar.month[day_index];
        std::uint32_t run = 1;
        while (d + run < steps[t].days && calendar.month[day_index + run] == m) ++run;
        if (y != current_year || d == 0) {
          if (y != current_year) {
            weights = seasonal_weights(segment, y);
            log_daily = std::log1p(growth.rate_in(y)) / days_in_year(y);
            per_day = od.base_t_per_year * segment.scale / days_in_year(y);
            current_year = y;
          }
          factor = table.factor(fractional_year(steps[t].first_day + days{d}));
        }
        const double days_of_run =
            log_daily == 0.0 ? run : std::expm1(run * log_daily) / std::expm1(log_daily);
        tonnes += per_day * weights[m - 1u] * factor * days_of_run;
        factor *= std::exp(run * log_daily);
        d += run;
        day_index += run;
      }
      in.demand_t[in.od_at(t, k)] = tonnes;
    }
  }
}

}  // namespace

StepInputs make_step_inputs(const Scenario& s, const std::vector<Step>& steps) {
  StepInputs in;
  in.step_count = static_cast<std::uint32_t>(steps.size());
  in.element_count = s.network.node_count() + s.network.link_count();
  in.od_count = static_cast<std::uint32_t>(s.demand.od.size());
  const std::size_t cells = static_cast<std::size_t>(in.step_count) * in.element_count;
  in.capacity_t.assign(cells, 0.0);
  in.nominal_capacity_t.assign(cells, 0.0);
  in.closed_share.assign(cells, 0.0);
  in.time_days.assign(cells, 0.0);
  in.money_usd_per_t.assign(cells, 0.0);
  in.tariff_usd_per_t.assign(cells, 0.0);
  in.demand_t.assign(static_cast<std::size_t>(in.step_count) * in.od_count, 0.0);
  const std::vector<ElementEvents> events = collect_events(s, in.element_count);
  const Calendar calendar(steps);
  constexpr std::uint32_t kBlock = 8;  // elements per block: a cache line of doubles
  std::array<Column, kBlock> block;
  for (Column& c : block) c.resize(steps.size());
  for (std::uint32_t e0 = 0; e0 < in.element_count; e0 += kBlock) {
    const std::uint32_t n = std::min(kBlock, in.element_count - e0);
    for (std::uint32_t j = 0; j < n; ++j) {
      block[j].closed.assign(steps.size(), 0.0);
      fill_element(s, e0 + j, events[e0 + j], steps, calendar.year_share, calendar, block[j]);
    }
    for (std::uint32_t k = 0; k < in.step_count; ++k) {
      for (std::uint32_t j = 0; j < n; ++j) {
        const std::size_t i = in.at(k, e0 + j);
        in.capacity_t[i] = block[j].capacity[k];
        in.nominal_capacity_t[i] = block[j].nominal[k];
        in.closed_share[i] = block[j].closed[k];
        in.time_days[i] = block[j].time[k];
        in.money_usd_per_t[i] = block[j].money[k];
        in.tariff_usd_per_t[i] = block[j].tariff[k];
      }
    }
  }
  fill_demand(s, steps, calendar, in);
  return in;
}

}  // namespace corridor::sim
