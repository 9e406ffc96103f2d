#include "step_costs.hpp"

#include <algorithm>
#include <cmath>

#include "corridor/sim/element_cost.hpp"

namespace corridor::sim {
namespace {

// An element closed for the whole step still gets a (tiny) capacity in the cost
// function, which then makes it very expensive rather than undefined.
constexpr double kMinCapacityShare = 1e-3;
// Generalised cost of passing an element that is shut for the whole step: high
// enough that any open route is preferred; freight with no open route still
// takes it and waits in its queue.
constexpr double kClosedPenaltyUsdPerT = 1e6;

}  // namespace

CostPolicy::CostPolicy(const Scenario& s, const StepInputs& in)
    : settings_(s.assignment),
      in_(in),
      segment_count_(static_cast<std::uint32_t>(s.demand.segments.size())) {}

double CostPolicy::queue_wait_days(std::size_t i, double queue_t, const Step& step) const {
  if (queue_t <= 0.0 || !std::isfinite(in_.nominal_capacity_t[i])) return 0.0;
  return queue_t / (in_.nominal_capacity_t[i] / step.days);
}

void CostPolicy::fill(std::uint32_t t, const Step& step, const std::vector<double>& remaining_t,
                      const std::vector<double>& queue_t, StepCosts& out) const {
  const std::uint32_t elements = in_.element_count;
  out.element.resize(elements);
  out.money_usd_per_t.resize(segment_count_, elements);
  out.penalty_usd_per_t.resize(elements);
  out.wait_days.resize(elements);
  for (std::uint32_t e = 0; e < elements; ++e) {
    const std::size_t i = in_.at(t, e);
    const double available =
        std::isfinite(remaining_t[e])
            ? std::max(remaining_t[e], kMinCapacityShare * in_.nominal_capacity_t[i])
            : kUnlimited;
    out.element[e] = element_cost(settings_, in_.time_days[i], available);
    out.money_usd_per_t.col(e).setConstant(in_.money_usd_per_t[i]);
    out.penalty_usd_per_t[e] = in_.capacity_t[i] <= 0.0 ? kClosedPenaltyUsdPerT : 0.0;
    // Closures: freight arriving while the element is shut waits for it to
    // reopen; with the closed share f of the step in one spell, the mean wait
    // is f^2 D / 2.
    const double f = in_.closed_share[i];
    out.wait_days[e] = queue_wait_days(i, queue_t[e], step) + f * f * step.days / 2.0;
  }
  out.demand_t.resize(in_.od_count);
  for (std::uint32_t k = 0; k < in_.od_count; ++k) out.demand_t[k] = in_.demand_t[in_.od_at(t, k)];
}

}  // namespace corridor::sim
