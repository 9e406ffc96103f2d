#include "step_assigner.hpp"

#include <type_traits>

#include "corridor/assign/logit.hpp"
#include "corridor/assign/solver.hpp"
#include "decompose.hpp"
#include "flow_model.hpp"

namespace corridor::sim {
namespace {

// Paths carrying at most this share of their OD's demand are left out (what
// they carry goes to the other paths of the pair): a logit route keeps a tiny
// positive share however dear it is, and a decomposition leaves rounding residues.
constexpr double kNegligibleShare = 1e-9;

bool same(const assign::LinkCostFunction& a, const assign::LinkCostFunction& b) {
  return a.kind == b.kind && a.free_time == b.free_time && a.capacity == b.capacity &&
         a.alpha == b.alpha && a.beta == b.beta;
}

}  // namespace

struct StepAssigner::Impl {
  FlowModel model;
  Intern intern;
  std::vector<std::uint32_t> od_segment;
  std::vector<double> od_value_of_time;  // USD per tonne-day
  std::unique_ptr<assign::EquilibriumSolver> equilibrium;
  std::unique_ptr<assign::LogitSolver> logit;
  // What the solver was last given (change detection).
  StepCosts last;
  bool first = true;
  // The logit's listed routes as path ids, per OD, for route_version.
  std::uint64_t route_version = ~std::uint64_t{0};
  std::vector<std::vector<std::uint32_t>> route_path;
  PathFlows split;

  // Whether what element e costs the classes changed since the last step.
  [[nodiscard]] bool element_costs_changed(const StepCosts& c, std::uint32_t e) const {
    return first || c.penalty_usd_per_t[e] != last.penalty_usd_per_t[e] ||
           c.wait_days[e] != last.wait_days[e] ||
           c.money_usd_per_t.col(e) != last.money_usd_per_t.col(e);
  }

  // Hands the solver what changed: cost functions, then per element whose
  // money, penalty or wait moved the fixed costs of every class (and, for the
  // logit, the route costs when the money moved), then demand.
  template <class Solver>
  void push(Solver& solver, const StepCosts& c) {
    for (std::uint32_t e = 0; e < model.element_count; ++e) {
      if (first || !same(c.element[e], last.element[e])) solver.set_link_cost(e, c.element[e]);
      if (!element_costs_changed(c, e)) continue;
      const bool money_moved = first || c.money_usd_per_t.col(e) != last.money_usd_per_t.col(e);
      for (std::uint32_t k = 0; k < od_segment.size(); ++k) {
        const double money = c.money_usd_per_t(od_segment[k], e);
        if constexpr (std::is_same_v<Solver, assign::LogitSolver>) {
          if (money_moved) solver.set_route_cost(k, e, money);
        }
        solver.set_fixed_cost(
            k, e, money + c.penalty_usd_per_t[e] + od_value_of_time[k] * c.wait_days[e]);
      }
    }
    for (std::uint32_t k = 0; k < c.demand_t.size(); ++k) {
      if (first || c.demand_t[k] != last.demand_t[k])
        solver.set_demand(k, model.od_origin[k], model.od_destination[k], c.demand_t[k]);
    }
    last.element = c.element;
    last.money_usd_per_t = c.money_usd_per_t;
    last.penalty_usd_per_t = c.penalty_usd_per_t;
    last.wait_days = c.wait_days;
    last.demand_t = c.demand_t;
    first = false;
  }

  // After a rebuild of the logit's routes: every listed route as a path id,
  // OD by OD, so that ids do not depend on which pairs have demand.
  void intern_logit_routes() {
    if (logit->route_set_version() == route_version) return;
    route_version = logit->route_set_version();
    route_path.assign(model.od_origin.size(), {});
    for (std::uint32_t k = 0; k < route_path.size(); ++k) {
      for (assign::Index r = 0; r < logit->route_count(k); ++r)
        route_path[k].push_back(intern(logit->route_links(k, r)));
    }
  }

  // The logit's own routes and flows, scaled to add up to exactly the demand;
  // false when it lists none for the pair or they carry nothing.
  bool listed_routes(std::uint32_t k, std::vector<RouteFlow>& out) const {
    if (route_path[k].empty() || logit->route_count(k) != route_path[k].size()) return false;
    double total = 0.0;
    for (assign::Index r = 0; r < route_path[k].size(); ++r) {
      const double flow = logit->route_flow(k, r);
      if (flow <= kNegligibleShare * last.demand_t[k]) continue;
      out.push_back({route_path[k][r], flow});
      total += flow;
    }
    if (total <= 0.0) {
      out.clear();
      return false;
    }
    for (RouteFlow& f : out) f.tonnes *= last.demand_t[k] / total;
    return true;
  }
};

StepAssigner::StepAssigner(const Scenario& s, Intern intern) : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.model = make_flow_model(s);
  m.intern = std::move(intern);
  for (const OdDemand& od : s.demand.od) {
    m.od_segment.push_back(od.segment);
    m.od_value_of_time.push_back(s.demand.segments[od.segment].value_of_time_usd_per_t_day);
  }
  if (s.assignment.method == AssignmentMethod::logit) {
    m.logit = std::make_unique<assign::LogitSolver>(m.model.problem);
    assign::LogitOptions o;
    o.tolerance = s.assignment.relative_gap;
    o.max_iterations = static_cast<int>(s.assignment.max_iterations);
    m.logit->options(o);
  } else {
    m.equilibrium = std::make_unique<assign::EquilibriumSolver>(m.model.problem);
    assign::SolverOptions o;
    o.target_relative_gap = s.assignment.relative_gap;
    o.max_iterations = static_cast<int>(s.assignment.max_iterations);
    m.equilibrium->options(o);
  }
}

StepAssigner::~StepAssigner() = default;

assign::SolveResult StepAssigner::solve(const StepCosts& costs) {
  Impl& m = *impl_;
  if (m.logit) {
    m.push(*m.logit, costs);
    assign::SolveResult r = m.logit->solve();
    if (assign::has_flows(r.status)) m.intern_logit_routes();
    return r;
  }
  m.push(*m.equilibrium, costs);
  return m.equilibrium->solve();
}

bool StepAssigner::routes(std::uint32_t k, std::vector<RouteFlow>& out) {
  Impl& m = *impl_;
  out.clear();
  if (m.logit && m.listed_routes(k, out)) return true;
  // Each OD pair is its own class, so its class flows are its link flows.
  const Eigen::VectorXd flow = m.logit ? m.logit->class_link_flow(k)
                                       : m.equilibrium->origin_link_flow(k, m.model.od_origin[k]);
  const double demand = m.last.demand_t[k];
  if (!decompose(m.model, m.model.od_origin[k], m.model.od_destination[k], flow, demand,
                 kNegligibleShare * demand, m.split)) {
    return false;
  }
  for (const auto& [path, tonnes] : m.split) out.push_back({m.intern(path), tonnes});
  return true;
}

const Eigen::VectorXd& StepAssigner::element_time() const {
  return impl_->logit ? impl_->logit->link_time() : impl_->equilibrium->link_time();
}

}  // namespace corridor::sim
