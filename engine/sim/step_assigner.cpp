#include "step_assigner.hpp"

#include <limits>
#include <type_traits>
#include <utility>

#include "corridor/assign/logit.hpp"
#include "corridor/assign/solver.hpp"
#include "decompose.hpp"
#include "family_choice.hpp"
#include "flow_model.hpp"

namespace corridor::sim {
namespace {

// Paths carrying at most this share of their OD's demand are left out (what
// they carry goes to the other paths of the pair): a logit route keeps a tiny
// positive share however dear it is, and a decomposition leaves rounding residues.
constexpr double kNegligibleShare = 1e-9;

bool same(const assign::LinkCostFunction& a, const assign::LinkCostFunction& b) {
  return a.kind == b.kind && a.free_time == b.free_time && a.capacity == b.capacity &&
         a.alpha == b.alpha && a.beta == b.beta && a.preload == b.preload;
}

// Keeps the flows above the negligible share and scales them to `demand`;
// false when none is left.
bool scaled(std::vector<RouteFlow>& out, double demand) {
  double total = 0.0;
  for (const RouteFlow& f : out) total += f.tonnes;
  if (total <= 0.0) {
    out.clear();
    return false;
  }
  for (RouteFlow& f : out) f.tonnes *= demand / total;
  return true;
}

}  // namespace

struct StepAssigner::Impl {
  FlowModel model;
  Intern intern;
  std::vector<std::uint32_t> od_segment;
  std::vector<double> od_value_of_time;  // USD per tonne-day
  std::unique_ptr<assign::EquilibriumSolver> equilibrium;
  std::unique_ptr<assign::LogitSolver> logit;
  std::unique_ptr<FamilyChoice> families;  // logit with route_choice
  std::vector<std::uint32_t> class_od;     // per solver class: its OD pair
  // What the solver was last given (change detection).
  StepCosts last;
  std::vector<double> class_demand, last_class_demand;
  bool first = true;
  // Path ids of the logit's listed routes (per OD, for route_version), or of
  // each OD's route families.
  std::uint64_t route_version = ~std::uint64_t{0};
  std::vector<std::vector<std::uint32_t>> route_path;
  PathFlows split;
  std::vector<double> flow_scratch;
  std::vector<double> least_cost;  // per OD: least path cost of the last decomposition (UE)
  std::vector<double> constants;   // scratch: one class's route constants
  std::vector<std::vector<double>> last_constants;  // per class: as last given
  SegmentTable segments;

  // Whether OD k's segment may use every element of the path.
  [[nodiscard]] bool allowed(std::uint32_t k, const std::vector<std::uint32_t>& path) const {
    if (!segments.any_limit) return true;
    for (const std::uint32_t e : path) {
      if (!segments.allows(e, od_segment[k])) return false;
    }
    return true;
  }

  // Whether what element e costs the classes changed since the last step.
  [[nodiscard]] bool element_costs_changed(const StepCosts& c, std::uint32_t e) const {
    return first || c.penalty_usd_per_t[e] != last.penalty_usd_per_t[e] ||
           c.wait_days.col(e) != last.wait_days.col(e) ||
           c.money_usd_per_t.col(e) != last.money_usd_per_t.col(e);
  }

  // Hands the solver what changed: cost functions, then per element whose
  // money, penalty or wait moved the fixed costs of every class (and, for the
  // logit's efficient paths, the route costs when the money moved), then demand.
  template <class Solver>
  void push(Solver& solver, StepCosts& c) {
    for (std::uint32_t e = 0; e < model.element_count; ++e) {
      if (first || !same(c.element[e], last.element[e])) solver.set_link_cost(e, c.element[e]);
      if (!element_costs_changed(c, e)) continue;
      const bool money_moved = first || c.money_usd_per_t.col(e) != last.money_usd_per_t.col(e);
      for (std::uint32_t cls = 0; cls < class_od.size(); ++cls) {
        const std::uint32_t k = class_od[cls];
        const double money = c.money_usd_per_t(od_segment[k], e);
        if constexpr (std::is_same_v<Solver, assign::LogitSolver>) {
          if (money_moved && !families) solver.set_route_cost(cls, e, money);
        }
        solver.set_fixed_cost(
            cls, e,
            money + c.penalty_usd_per_t[e] + od_value_of_time[k] * c.wait_days(od_segment[k], e));
      }
    }
    if (families) {
      if constexpr (std::is_same_v<Solver, assign::LogitSolver>) push_constants(solver, c);
      families->class_demands(c.demand_t, c.choice_share, class_demand);
    } else {
      class_demand = c.demand_t;
    }
    for (std::uint32_t cls = 0; cls < class_demand.size(); ++cls) {
      if (first || class_demand[cls] != last_class_demand[cls]) {
        const std::uint32_t k = class_od[cls];
        solver.set_demand(cls, model.od_origin[k], model.od_destination[k], class_demand[cls]);
      }
    }
    last_class_demand = class_demand;
    // The step's costs become the ones to diff against; the caller's buffer
    // takes the previous step's, which its next fill overwrites (no copy).
    std::swap(last, c);
    first = false;
  }

  // Route constants that dated family constants and through-rates make change
  // from step to step.
  void push_constants(assign::LogitSolver& solver, const StepCosts& c) {
    if (!families->has_dated_constants()) return;
    last_constants.resize(class_od.size());
    for (std::uint32_t cls = 0; cls < class_od.size(); ++cls) {
      families->route_constants(cls, c, constants);
      if (constants == last_constants[cls]) continue;
      solver.set_route_constants(cls, constants);
      last_constants[cls] = constants;
    }
  }

  // After a rebuild of the logit's efficient routes: every listed route as a
  // path id, OD by OD, so that ids do not depend on which pairs have demand.
  void intern_logit_routes() {
    if (logit->route_set_version() == route_version) return;
    route_version = logit->route_set_version();
    route_path.assign(model.od_origin.size(), {});
    for (std::uint32_t k = 0; k < route_path.size(); ++k) {
      for (assign::Index r = 0; r < logit->route_count(k); ++r)
        route_path[k].push_back(intern(logit->route_links(k, r)));
    }
  }

  // The logit's own routes and flows; false when it lists none for the pair
  // or they carry nothing.
  bool listed_routes(std::uint32_t k, std::vector<RouteFlow>& out) {
    if (families) {
      families->od_route_flows(*logit, k, flow_scratch);
    } else {
      if (route_path[k].empty() || logit->route_count(k) != route_path[k].size()) return false;
      flow_scratch.assign(route_path[k].size(), 0.0);
      for (assign::Index r = 0; r < route_path[k].size(); ++r)
        flow_scratch[r] = logit->route_flow(k, r);
    }
    for (std::size_t r = 0; r < flow_scratch.size(); ++r) {
      if (flow_scratch[r] > kNegligibleShare * last.demand_t[k])
        out.push_back({route_path[k][r], flow_scratch[r]});
    }
    return scaled(out, last.demand_t[k]);
  }

  // User equilibrium (or the logit beyond its listed routes): the OD's link
  // flows decomposed into paths; records the least cost among them.
  bool decomposed_routes(std::uint32_t k, std::vector<RouteFlow>& out) {
    const Eigen::VectorXd flow =
        logit ? logit->class_link_flow(k) : equilibrium->origin_link_flow(k, model.od_origin[k]);
    const double demand = last.demand_t[k];
    if (!decompose(model, model.od_origin[k], model.od_destination[k], flow, demand,
                   kNegligibleShare * demand, split)) {
      return false;
    }
    if (equilibrium) {
      const Eigen::VectorXd cost = equilibrium->class_link_cost(k);
      least_cost[k] = std::numeric_limits<double>::infinity();
      for (const auto& [path, tonnes] : split) {
        double c = 0.0;
        for (const std::uint32_t e : path) c += cost[static_cast<Eigen::Index>(e)];
        least_cost[k] = std::min(least_cost[k], c);
      }
    }
    // A segment keeps off the elements it may not use: what rounding leaves
    // there goes to its other paths.
    for (const auto& [path, tonnes] : split) {
      if (allowed(k, path)) out.push_back({intern(path), tonnes});
    }
    return scaled(out, demand);
  }
};

StepAssigner::StepAssigner(const Scenario& s, const StepInputs& inputs, Intern intern)
    : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.model = make_flow_model(s);
  m.intern = std::move(intern);
  for (const OdDemand& od : s.demand.od) {
    m.od_segment.push_back(od.segment);
    m.od_value_of_time.push_back(s.demand.segments[od.segment].value_of_time_usd_per_t_day);
  }
  m.least_cost.assign(s.demand.od.size(), 0.0);
  m.segments = make_segment_table(s);
  for (std::uint32_t k = 0; k < s.demand.od.size(); ++k) m.class_od.push_back(k);
  if (s.assignment.method == AssignmentMethod::logit) {
    if (s.route_choice.enabled) {
      m.families = std::make_unique<FamilyChoice>(s, inputs, RouteLabels(s), m.model);
      m.class_od.clear();
      for (std::uint32_t c = 0; c < m.families->class_count(); ++c)
        m.class_od.push_back(m.families->od_of(c));
    }
    m.logit = std::make_unique<assign::LogitSolver>(m.model.problem);
    assign::LogitOptions o;
    o.tolerance = s.assignment.relative_gap;
    o.max_iterations = static_cast<int>(s.assignment.max_iterations);
    m.logit->options(o);
    if (m.families) {
      m.families->set_routes(*m.logit);
      m.route_path.resize(s.demand.od.size());
      for (std::uint32_t k = 0; k < s.demand.od.size(); ++k) {
        for (const FamilyRoute& r : m.families->routes(k))
          m.route_path[k].push_back(m.intern(r.elements));
      }
    }
  } else {
    m.equilibrium = std::make_unique<assign::EquilibriumSolver>(m.model.problem);
    assign::SolverOptions o;
    o.target_relative_gap = s.assignment.relative_gap;
    o.max_iterations = static_cast<int>(s.assignment.max_iterations);
    m.equilibrium->options(o);
  }
}

StepAssigner::~StepAssigner() = default;

assign::SolveResult StepAssigner::solve(StepCosts& costs) {
  Impl& m = *impl_;
  if (m.logit) {
    m.push(*m.logit, costs);
    assign::SolveResult r = m.logit->solve();
    if (!assign::has_flows(r.status)) return r;
    if (!m.families) m.intern_logit_routes();
    return r;
  }
  m.push(*m.equilibrium, costs);
  return m.equilibrium->solve();
}

bool StepAssigner::routes(std::uint32_t k, std::vector<RouteFlow>& out) {
  Impl& m = *impl_;
  out.clear();
  if (m.logit && m.listed_routes(k, out)) return true;
  if (m.families) return false;  // fixed routes carry everything
  return m.decomposed_routes(k, out);
}

void StepAssigner::observe_delivered(const std::vector<double>& od_route_delivered_t) {
  if (impl_->families) impl_->families->update_shares(od_route_delivered_t);
}

double StepAssigner::expected_cost(std::uint32_t k) const {
  const Impl& m = *impl_;
  if (!m.logit) return m.least_cost[k];
  double weighted = 0.0, demand = 0.0;
  for (std::uint32_t c = 0; c < m.class_od.size(); ++c) {
    if (m.class_od[c] != k || m.class_demand[c] <= 0.0) continue;
    weighted += m.class_demand[c] *
                m.logit->expected_cost(c, m.model.od_origin[k], m.model.od_destination[k]);
    demand += m.class_demand[c];
  }
  return demand > 0.0 ? weighted / demand : 0.0;
}

const Eigen::VectorXd& StepAssigner::element_time() const {
  return impl_->logit ? impl_->logit->link_time() : impl_->equilibrium->link_time();
}

}  // namespace corridor::sim
