// Relief measures against the base, their ranking, and marginal values of
// capacity by finite differences (docs/bottlenecks.md §3-5).
#include "corridor/analysis/relief.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "analysis/parallel.hpp"
#include "corridor/sim/report.hpp"

namespace corridor::analysis {
namespace {

void check_compatible(const Scenario& base, const Scenario& s, const std::string& id) {
  if (s.network.node_count() != base.network.node_count() ||
      s.network.link_count() != base.network.link_count() ||
      s.demand.od.size() != base.demand.od.size() ||
      s.demand.segments.size() != base.demand.segments.size() ||
      s.horizon.step_count() != base.horizon.step_count() ||
      s.horizon.start != base.horizon.start || s.horizon.step != base.horizon.step) {
    throw std::invalid_argument("measure '" + id +
                                "' changes the network's elements, the OD pairs, the segments "
                                "or the horizon");
  }
}

void scale(std::vector<double>& v, const sim::StepInputs& in, std::uint32_t e, double f) {
  for (std::uint32_t t = 0; t < in.step_count; ++t) {
    double& c = v[in.at(t, e)];
    if (std::isfinite(c)) c *= f;
  }
}

// First step whose inputs differ from the base's, or step_count.
std::uint32_t first_changed_step(const sim::StepInputs& a, const sim::StepInputs& b) {
  for (std::uint32_t t = 0; t < a.step_count; ++t) {
    const std::size_t e0 = a.at(t, 0), e1 = a.at(t + 1, 0);
    for (const auto member : {&sim::StepInputs::capacity_t, &sim::StepInputs::nominal_capacity_t,
                              &sim::StepInputs::closed_share, &sim::StepInputs::time_days,
                              &sim::StepInputs::money_usd_per_t}) {
      if (!std::equal((a.*member).begin() + static_cast<std::ptrdiff_t>(e0),
                      (a.*member).begin() + static_cast<std::ptrdiff_t>(e1),
                      (b.*member).begin() + static_cast<std::ptrdiff_t>(e0))) {
        return t;
      }
    }
    for (std::uint32_t k = 0; k < a.od_count; ++k) {
      if (a.demand_t[a.od_at(t, k)] != b.demand_t[b.od_at(t, k)]) return t;
    }
  }
  return a.step_count;
}

// First step in which a through-rate or a segment rule of `s` that the base
// lacks (by id, or with other dates or values) applies, or step_count: these
// change route choice and loading without changing any element's inputs.
std::uint32_t first_rule_step(const Scenario& s, const Scenario& base,
                              const std::vector<sim::Step>& steps) {
  const auto same_rate = [](const ThroughRate& a, const ThroughRate& b) {
    return a.id == b.id &&
           std::equal(a.points.begin(), a.points.end(), b.points.begin(), b.points.end(),
                      [](const SeriesPoint& x, const SeriesPoint& y) {
                        return x.date == y.date && x.value == y.value;
                      });
  };
  const auto same_rule = [](const SegmentRule& a, const SegmentRule& b) {
    return a.id == b.id && a.elements == b.elements && a.allowed == b.allowed &&
           a.tariff_usd_per_t == b.tariff_usd_per_t && a.reserve_share == b.reserve_share &&
           a.from == b.from;
  };
  auto first = static_cast<std::uint32_t>(steps.size());
  const auto starts = [&](const sim::Days from) {
    for (std::uint32_t t = 0; t < first; ++t) {
      if (steps[t].first_day + std::chrono::days{steps[t].days} > from) {
        first = t;
        return;
      }
    }
  };
  for (const ThroughRate& r : s.through_rates) {
    if (!r.points.empty() && std::none_of(base.through_rates.begin(), base.through_rates.end(),
                                          [&](const ThroughRate& b) { return same_rate(r, b); }))
      starts(sim::Days{r.points.front().date});
  }
  for (const SegmentRule& r : s.segment_rules) {
    if (std::none_of(base.segment_rules.begin(), base.segment_rules.end(),
                     [&](const SegmentRule& b) { return same_rule(r, b); }))
      starts(r.from ? sim::Days{*r.from} : steps.front().first_day);
  }
  return first;
}

struct MeasureRun {
  RunYears run;
  std::optional<int> start_year;
};

MeasureRun run_measure(const BaseCase& base, const Measure& m) {
  const Scenario& s = m.scenario ? *m.scenario : *base.scenario;
  check_compatible(*base.scenario, s, m.id);
  sim::StepInputs in = m.scenario ? sim::make_step_inputs(s, *base.steps) : *base.inputs;
  for (const auto& [e, f] : m.capacity_factors) {
    if (e >= in.element_count || !(f > 0.0))
      throw std::invalid_argument("measure '" + m.id + "': bad capacity factor");
    scale(in.capacity_t, in, e, f);
    scale(in.nominal_capacity_t, in, e, f);
  }
  MeasureRun out;
  const std::uint32_t t0 = std::min(first_changed_step(in, *base.inputs),
                                    first_rule_step(s, *base.scenario, *base.steps));
  if (t0 < in.step_count) out.start_year = (*base.steps)[t0].year;
  const sim::SimulationResult r = sim::simulate(s, *base.steps, in);
  if (!r.completed()) {
    out.run.status = r.status;
    out.run.reason = r.reason;
    return out;
  }
  out.run = summarise_run(s, *base.steps, in, r);
  return out;
}

// Sums over the counted years (complete, from the start year on) of base and measure.
struct CountedSums {
  std::uint32_t years = 0;
  double gained_t = 0.0, tonne_days_saved = 0.0, user_benefit_usd = 0.0;
  double base_tonne_days = 0.0, measure_tonne_days = 0.0, base_delivered_t = 0.0,
         measure_delivered_t = 0.0;
  std::vector<double> segment_user_benefit_usd;
};

CountedSums counted_sums(const RunYears& b, const RunYears& m, int start_year,
                         std::size_t segments) {
  CountedSums c;
  c.segment_user_benefit_usd.assign(segments, 0.0);
  for (std::size_t y = 0; y < b.years.size(); ++y) {
    if (b.complete[y] == 0 || b.years[y] < start_year) continue;
    ++c.years;
    c.gained_t += m.corridor_t[y] - b.corridor_t[y];
    c.tonne_days_saved += b.tonne_days[y] - m.tonne_days[y];
    c.user_benefit_usd += b.user_cost_usd[y] - m.user_cost_usd[y];
    for (std::size_t g = 0; g < segments; ++g)
      c.segment_user_benefit_usd[g] +=
          b.segment_user_cost_usd[y][g] - m.segment_user_cost_usd[y][g];
    c.base_tonne_days += b.tonne_days[y];
    c.measure_tonne_days += m.tonne_days[y];
    c.base_delivered_t += b.delivered_t[y];
    c.measure_delivered_t += m.delivered_t[y];
  }
  return c;
}

MeasureResult compare(const BaseCase& base, const Measure& m, MeasureRun mr) {
  MeasureResult res;
  res.id = m.id;
  res.name = m.name;
  res.start_year = mr.start_year;
  res.base_year_10mt = base.run.first_year_10mt;
  res.year_10mt = mr.run.first_year_10mt;
  const std::size_t segments = base.scenario->demand.segments.size();
  res.segment_user_benefit_usd_per_year.assign(segments, 0.0);
  if (mr.start_year && mr.run.status == sim::RunStatus::completed) {
    const CountedSums c = counted_sums(base.run, mr.run, *mr.start_year, segments);
    res.years_counted = c.years;
    if (c.years > 0) {
      const double n = c.years;
      res.tonnes_gained_per_year = c.gained_t / n;
      res.tonne_days_saved_per_year = c.tonne_days_saved / n;
      res.user_benefit_usd_per_year = c.user_benefit_usd / n;
      for (std::size_t g = 0; g < segments; ++g)
        res.segment_user_benefit_usd_per_year[g] = c.segment_user_benefit_usd[g] / n;
      if (c.base_delivered_t > 0.0 && c.measure_delivered_t > 0.0)
        res.days_saved_per_tonne =
            c.base_tonne_days / c.base_delivered_t - c.measure_tonne_days / c.measure_delivered_t;
    }
  }
  res.run = std::move(mr.run);
  return res;
}

// Years earlier to 10 Mt as a sortable number: reached and earlier is larger.
double earlier_key(const MeasureResult& r) {
  if (!r.year_10mt) return -1e9;
  if (!r.base_year_10mt) return 1e6;  // reached only with the measure
  return static_cast<double>(*r.base_year_10mt - *r.year_10mt);
}

}  // namespace

std::vector<Measure> capacity_measures(const Scenario& s, const sim::StepInputs& in,
                                       double factor) {
  std::vector<Measure> out;
  const long percent = std::lround((factor - 1.0) * 100.0);
  for (std::uint32_t e = 0; e < in.element_count; ++e) {
    bool capacitated = false;
    for (std::uint32_t t = 0; t < in.step_count && !capacitated; ++t) {
      capacitated = std::isfinite(in.capacity_t[in.at(t, e)]);
    }
    if (!capacitated) continue;
    Measure m;
    const std::string& id = sim::element_id(s, e);
    m.id = id + (percent >= 0 ? "+" : "") + std::to_string(percent) + "%";
    m.name = "capacity of " + id + (percent >= 0 ? " +" : " ") + std::to_string(percent) + "%";
    m.capacity_factors = {{e, factor}};
    out.push_back(std::move(m));
  }
  return out;
}

std::vector<MeasureResult> evaluate_measures(const BaseCase& base,
                                             const std::vector<Measure>& measures,
                                             unsigned threads) {
  std::vector<MeasureResult> results(measures.size());
  parallel_for(measures.size(), threads, [&](std::size_t i) {
    results[i] = compare(base, measures[i], run_measure(base, measures[i]));
  });
  return results;
}

std::vector<std::size_t> rank_measures(const std::vector<MeasureResult>& results) {
  std::vector<std::size_t> order(results.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const MeasureResult& x = results[a];
    const MeasureResult& y = results[b];
    const double tx = std::round(x.tonnes_gained_per_year),
                 ty = std::round(y.tonnes_gained_per_year);
    if (tx != ty) return tx > ty;
    if (earlier_key(x) != earlier_key(y)) return earlier_key(x) > earlier_key(y);
    if (x.days_saved_per_tonne != y.days_saved_per_tonne)
      return x.days_saved_per_tonne > y.days_saved_per_tonne;
    return x.id < y.id;
  });
  return order;
}

std::vector<ElementMarginal> marginal_values(const BaseCase& base, double relative_delta,
                                             unsigned threads) {
  if (!(relative_delta > 0.0))
    throw std::invalid_argument("marginal values need a relative step > 0");
  const std::vector<Measure> measures =
      capacity_measures(*base.scenario, *base.inputs, 1.0 + relative_delta);
  std::vector<ElementMarginal> out(measures.size());
  const sim::StepInputs& in = *base.inputs;
  const std::vector<sim::Step>& steps = *base.steps;
  const RunYears& b = base.run;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  parallel_for(measures.size(), threads, [&](std::size_t i) {
    const std::uint32_t e = measures[i].capacity_factors.front().first;
    const RunYears m = run_measure(base, measures[i]).run;
    ElementMarginal& mv = out[i];
    mv.element = e;
    mv.status = m.status;
    mv.reason = m.reason;
    std::vector<double> extra_year(b.years.size(), 0.0);
    mv.step_corridor_t_per_t.assign(steps.size(), nan);
    mv.corridor_t_per_t.assign(b.years.size(), nan);
    mv.user_benefit_usd_per_t.assign(b.years.size(), nan);
    if (m.status != sim::RunStatus::completed) return;
    for (std::uint32_t t = 0; t < steps.size(); ++t) {
      const double cap = in.capacity_t[in.at(t, e)];
      if (!std::isfinite(cap)) continue;
      const double extra = relative_delta * cap;
      extra_year[static_cast<std::size_t>(steps[t].year - b.years.front())] += extra;
      if (extra > 0.0)
        mv.step_corridor_t_per_t[t] = (m.step_corridor_t[t] - b.step_corridor_t[t]) / extra;
    }
    for (std::size_t y = 0; y < b.years.size(); ++y) {
      if (extra_year[y] <= 0.0) continue;
      mv.corridor_t_per_t[y] = (m.corridor_t[y] - b.corridor_t[y]) / extra_year[y];
      mv.user_benefit_usd_per_t[y] = (b.user_cost_usd[y] - m.user_cost_usd[y]) / extra_year[y];
    }
  });
  return out;
}

}  // namespace corridor::analysis
