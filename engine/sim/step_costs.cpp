#include "step_costs.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "corridor/sim/element_cost.hpp"
#include "sim/cost_series.hpp"

namespace corridor::sim {
namespace {

// An element closed for the whole step still gets a (tiny) capacity in the cost
// function, which then makes it very expensive rather than undefined.
constexpr double kMinCapacityShare = 1e-3;
// Generalised cost of passing an element that is shut for the whole step: high
// enough that any open route is preferred; freight with no open route still
// takes it and waits in its queue.
constexpr double kClosedPenaltyUsdPerT = 1e6;
// What passing an element its segment may not use costs the segment: more than
// any open route, so that the equilibrium leaves it (the step assignment drops
// what rounding leaves on it; the loader guarantees an allowed path exists).
constexpr double kBarredUsdPerT = 1e7;

// Over the step's days: how many are on or after the points' first date, and
// the sum of the series' values on those days.
std::pair<std::uint32_t, double> series_over_step(const std::vector<SeriesPoint>& points,
                                                  SeriesInterpolation interpolation,
                                                  const Step& step) {
  const Days start{points.front().date};
  std::pair<std::uint32_t, double> out{0, 0.0};
  for (std::uint32_t d = 0; d < step.days; ++d) {
    const Days day = step.first_day + std::chrono::days{d};
    if (day < start) continue;
    out.second += series_value(points, interpolation, day);
    ++out.first;
  }
  return out;
}

}  // namespace

CostPolicy::CostPolicy(const Scenario& s, const StepInputs& in, const SegmentTable& table)
    : settings_(s.assignment),
      table_(table),
      route_choice_(s.route_choice),
      through_rates_(s.through_rates),
      first_year_(static_cast<int>(s.horizon.start.year())),
      in_(in),
      segment_count_(static_cast<std::uint32_t>(s.demand.segments.size())) {}

double CostPolicy::queue_wait_days(std::size_t i, double queue_t, const Step& step) const {
  if (queue_t <= 0.0 || !std::isfinite(in_.nominal_capacity_t[i])) return 0.0;
  return queue_t / (in_.nominal_capacity_t[i] / step.days);
}

// At an element with reservations each segment waits for its own queue at the
// capacity it can count on: its reserved share plus a share of the rest in
// proportion to its part of the queue (at least kMinCapacityShare).
double CostPolicy::segment_wait_days(std::uint32_t e, std::uint32_t g, std::size_t i,
                                     const std::vector<double>& queue_t,
                                     const std::vector<double>& segment_queue_t,
                                     const Step& step) const {
  if (table_.reserved_total[e] <= 0.0) return queue_wait_days(i, queue_t[e], step);
  const double mine = segment_queue_t[table_.at(e, g)];
  if (mine <= 0.0 || !std::isfinite(in_.nominal_capacity_t[i])) return 0.0;
  const double share =
      table_.reserve_share[table_.at(e, g)] + (1.0 - table_.reserved_total[e]) * mine / queue_t[e];
  return mine / (std::max(share, kMinCapacityShare) * in_.nominal_capacity_t[i] / step.days);
}

void CostPolicy::fill(std::uint32_t t, const Step& step, const std::vector<double>& remaining_t,
                      const std::vector<double>& queue_t,
                      const std::vector<double>& segment_queue_t, StepCosts& out) const {
  const std::uint32_t elements = in_.element_count;
  out.element.resize(elements);
  out.money_usd_per_t.resize(segment_count_, elements);
  out.penalty_usd_per_t.resize(elements);
  out.wait_days.resize(segment_count_, elements);
  out.tariff_usd_per_t.resize(segment_count_, elements);
  for (std::uint32_t e = 0; e < elements; ++e) {
    const std::size_t i = in_.at(t, e);
    // The step's capacity (at least a sliver of nominal, so that a closed
    // element is very expensive rather than undefined), of which what the
    // queue was served already uses part: new freight sees the delay of the
    // element's whole throughput, and beyond capacity the delay grows by the
    // linear continuation of the cost function at that capacity.
    const double capacity =
        std::max(in_.capacity_t[i], kMinCapacityShare * in_.nominal_capacity_t[i]);
    const double preload = std::isfinite(capacity) ? std::max(0.0, capacity - remaining_t[e]) : 0.0;
    // An element that reserves capacity for segments signals congestion to
    // each segment through its own queue (segment_wait_days), not through a
    // delay on the total flow that every segment would see alike.
    out.element[e] = table_.reserved_total[e] > 0.0
                         ? element_cost(settings_, in_.time_days[i], kUnlimited)
                         : element_cost(settings_, in_.time_days[i], capacity, preload);
    out.penalty_usd_per_t[e] = in_.capacity_t[i] <= 0.0 ? kClosedPenaltyUsdPerT : 0.0;
    // Closures: freight arriving while the element is shut waits for it to
    // reopen; with the closed share f of the step in one spell, the mean wait
    // is f^2 D / 2.
    const double f = in_.closed_share[i];
    const double closure_wait = f * f * step.days / 2.0;
    const double money = in_.money_usd_per_t[i];
    const double tariff = in_.tariff_usd_per_t[i];
    const bool by_segment_wait = table_.reserved_total[e] > 0.0;
    const double wait = by_segment_wait ? 0.0 : queue_wait_days(i, queue_t[e], step) + closure_wait;
    for (std::uint32_t g = 0; g < segment_count_; ++g) {
      const std::size_t cell = table_.at(e, g);
      const bool own_tariff = !std::isnan(table_.tariff_usd_per_t[cell]);
      out.tariff_usd_per_t(g, e) = own_tariff ? table_.tariff_usd_per_t[cell] : tariff;
      double m = own_tariff ? money + (table_.tariff_usd_per_t[cell] - tariff) : money;
      if (table_.allowed[cell] == 0) m += kBarredUsdPerT;
      out.money_usd_per_t(g, e) = m;
      out.wait_days(g, e) =
          by_segment_wait
              ? segment_wait_days(e, g, i, queue_t, segment_queue_t, step) + closure_wait
              : wait;
    }
  }
  out.through_rate_share.assign(through_rates_.size(), 0.0);
  out.through_rate_usd_per_t.assign(through_rates_.size(), 0.0);
  for (std::size_t r = 0; r < through_rates_.size(); ++r) {
    const ThroughRate& rate = through_rates_[r];
    const auto [active, sum] = series_over_step(rate.points, rate.interpolation, step);
    out.through_rate_share[r] = static_cast<double>(active) / step.days;
    out.through_rate_usd_per_t[r] = active > 0 ? sum / active : 0.0;
  }
  out.constant_shift_usd_per_t.assign(route_choice_.constants.size(), 0.0);
  for (std::size_t j = 0; j < route_choice_.constants.size(); ++j) {
    const FamilyConstant& c = route_choice_.constants[j];
    if (c.points.empty()) continue;
    const auto [active, sum] = series_over_step(c.points, c.interpolation, step);
    out.constant_shift_usd_per_t[j] =
        (sum + (step.days - active) * c.usd_per_t) / step.days - c.usd_per_t;
  }
  out.choice_share = 1.0;
  if (route_choice_.enabled && route_choice_.inertia > 0.0 && step.year > first_year_)
    out.choice_share = 1.0 - std::pow(route_choice_.inertia, step.days / 365.25);
  out.demand_t.resize(in_.od_count);
  for (std::uint32_t k = 0; k < in_.od_count; ++k) out.demand_t[k] = in_.demand_t[in_.od_at(t, k)];
}

}  // namespace corridor::sim
