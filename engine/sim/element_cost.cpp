#include "corridor/sim/element_cost.hpp"

#include <cmath>

namespace corridor::sim {

assign::LinkCostFunction element_cost(const AssignmentSettings& settings, double time_days,
                                      double capacity_t, double preload_t) {
  assign::LinkCostFunction f;
  f.free_time = time_days;
  if (!std::isfinite(capacity_t)) {
    f.kind = assign::CostKind::bpr;  // alpha = 0: constant time
    f.capacity = 1.0;
    f.alpha = 0.0;
    f.beta = 1.0;
    return f;
  }
  f.capacity = capacity_t;
  f.preload = preload_t;
  if (settings.cost_function == CostFunctionKind::bpr) {
    f.kind = assign::CostKind::bpr;
    f.alpha = settings.bpr_alpha;
    f.beta = settings.bpr_beta;
  } else {
    f.kind = assign::CostKind::capacity_restraint;
    f.alpha = settings.restraint_delay;
    f.beta = settings.restraint_linear_from;
  }
  return f;
}

}  // namespace corridor::sim
