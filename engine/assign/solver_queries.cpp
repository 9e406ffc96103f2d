// EquilibriumSolver: changes between solves (warm start) and result queries.
#include <cmath>
#include <string>
#include <utility>

#include "assign/solver_state.hpp"

namespace corridor::assign {
namespace {

Eigen::Map<const Eigen::VectorXd> as_vector(const std::vector<double>& v) {
  return {v.data(), static_cast<Eigen::Index>(v.size())};
}

}  // namespace

void EquilibriumSolver::set_demand(Index class_index, Index origin, Index destination,
                                   double flow) {
  Impl& s = *impl_;
  if (!s.invalid_reason.empty()) return;
  if (class_index >= s.problem.classes.size() || origin >= s.graph.node_count ||
      destination >= s.graph.node_count || !(flow >= 0.0) || !std::isfinite(flow)) {
    s.invalid_reason =
        "set_demand: class, node or flow out of range (flow " + std::to_string(flow) + ")";
    return;
  }
  detail::Bush& b = s.bush_for(class_index, origin);
  b.demand[destination] = flow;
  b.demand_changed = true;
}

void EquilibriumSolver::scale_demand(Index class_index, double factor) {
  if (!(factor >= 0.0) || !std::isfinite(factor)) {
    impl_->invalid_reason = "scale_demand: factor must be finite and >= 0";
    return;
  }
  for (detail::Bush& b : impl_->bushes) {
    if (b.cls != class_index) continue;
    for (double& d : b.demand) d *= factor;
    b.demand_scale *= factor;
  }
}

void EquilibriumSolver::set_link_cost(Index link, const LinkCostFunction& cost) {
  Impl& s = *impl_;
  if (!s.invalid_reason.empty()) return;
  if (std::string e = detail::link_cost_change_error(s.graph, link, cost); !e.empty()) {
    s.invalid_reason = std::move(e);
    return;
  }
  s.problem.network.cost[link] = cost;
  s.links.fn[s.graph.internal[link]] = cost;
  s.links.refresh(s.graph.internal[link]);
}

void EquilibriumSolver::set_fixed_cost(Index class_index, Index link, double cost) {
  Impl& s = *impl_;
  if (!s.invalid_reason.empty()) return;
  if (class_index >= s.problem.classes.size() || link >= s.graph.link_count || !(cost >= 0.0) ||
      !std::isfinite(cost)) {
    s.invalid_reason =
        "set_fixed_cost: class, link or cost out of range (cost " + std::to_string(cost) + ")";
    return;
  }
  TrafficClass& c = s.problem.classes[class_index];
  if (c.fixed_cost.empty()) c.fixed_cost.assign(s.problem.network.tail.size(), 0.0);
  c.fixed_cost[link] = cost;
  s.fixed_time[class_index][s.graph.internal[link]] = cost / c.value_of_time;
}

void EquilibriumSolver::reset() { impl_->warm = false; }

const Problem& EquilibriumSolver::problem() const { return impl_->problem; }
const Eigen::VectorXd& EquilibriumSolver::link_flow() const { return impl_->flow_out; }
const Eigen::VectorXd& EquilibriumSolver::link_time() const { return impl_->time_out; }
double EquilibriumSolver::objective() const { return impl_->beckmann; }
double EquilibriumSolver::relative_gap() const { return impl_->gap; }

Eigen::VectorXd EquilibriumSolver::class_link_flow(Index class_index) const {
  std::vector<double> flow(impl_->graph.link_count, 0.0);
  Eigen::Map<Eigen::VectorXd> sum(flow.data(), static_cast<Eigen::Index>(flow.size()));
  for (const detail::Bush& b : impl_->bushes) {
    if (b.cls == class_index) sum += as_vector(b.flow);
  }
  return impl_->to_external(flow);
}

Eigen::VectorXd EquilibriumSolver::class_link_cost(Index class_index) const {
  const Impl& s = *impl_;
  const double vot = s.problem.classes[class_index].value_of_time;
  return vot * (s.time_out + s.to_external(s.fixed_time[class_index]));
}

Eigen::VectorXd EquilibriumSolver::origin_link_flow(Index class_index, Index origin) const {
  const Impl& s = *impl_;
  const std::size_t slot = std::size_t{class_index} * s.graph.node_count + origin;
  if (slot >= s.bush_of.size() || s.bush_of[slot] == kNoIndex) {
    return Eigen::VectorXd::Zero(s.flow_out.size());
  }
  return s.to_external(s.bushes[s.bush_of[slot]].flow);
}

}  // namespace corridor::assign
