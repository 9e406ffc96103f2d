#include "corridor/sim/simulation.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>

#include "corridor/assign/logit.hpp"
#include "corridor/assign/solver.hpp"
#include "flow_model.hpp"
#include "loading.hpp"

namespace corridor::sim {
namespace {

constexpr double kDaysPerMonth = 365.25 / 12.0;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// An element closed for the whole step still gets a (tiny) capacity in the cost
// function, which then makes it very expensive rather than undefined.
constexpr double kMinCapacityShare = 1e-3;
// Generalised cost of passing an element that is shut for the whole step: high
// enough that any open route is preferred; freight with no open route still
// takes it and waits in its queue.
constexpr double kClosedPenaltyUsdPerT = 1e6;

// Route labels: the links' `route` values, sorted; a path takes the label that
// covers most of its length, ignoring "access" legs.
struct RouteLabels {
  std::vector<std::string> names;
  std::vector<std::uint32_t> of_element;  // label index per element; nodes get kNone
  static constexpr std::uint32_t kNone = 0xffffffffu;
};

RouteLabels route_labels(const Scenario& s) {
  RouteLabels r;
  std::map<std::string, std::uint32_t> index;
  for (const LinkSpec& l : s.network.links())
    index.emplace(l.route.empty() ? "access" : l.route, 0);
  index.emplace("access", 0);
  for (auto& [name, i] : index) {
    i = static_cast<std::uint32_t>(r.names.size());
    r.names.push_back(name);
  }
  r.of_element.assign(s.network.node_count(), RouteLabels::kNone);
  for (const LinkSpec& l : s.network.links())
    r.of_element.push_back(index.at(l.route.empty() ? "access" : l.route));
  return r;
}

std::vector<std::uint8_t> corridor_directions(const Scenario& s) {
  std::vector<std::uint8_t> dir(s.network.node_count() + s.network.link_count(),
                                Loader::kNotCorridor);
  for (const LinkIndex a : s.corridor.links) {
    const LinkSpec& l = s.network.link(a);
    const bool westbound = s.network.node(l.to).lon_deg < s.network.node(l.from).lon_deg;
    dir[s.network.node_count() + a] = westbound ? 0 : 1;
  }
  return dir;
}

// Splits an OD's acyclic link flows into paths (largest residual first, ties to
// the lowest link index), scaled so that they add up to exactly `demand`.
void decompose(const FlowModel& m, std::uint32_t origin, std::uint32_t destination,
               Eigen::VectorXd flow, double demand,
               std::vector<std::pair<std::vector<std::uint32_t>, double>>& out) {
  out.clear();
  const double tiny = 1e-9 * demand;
  std::vector<std::uint32_t> path;
  double total = 0.0;
  for (int guard = 0; guard < 1000; ++guard) {
    path.clear();
    std::uint32_t u = origin;
    double bottleneck = std::numeric_limits<double>::infinity();
    while (u != destination && path.size() <= m.element_count) {
      std::uint32_t best = RouteLabels::kNone;
      for (std::uint32_t i = m.first_out[u]; i < m.first_out[u + 1]; ++i) {
        const std::uint32_t e = m.out_link[i];
        if (flow[e] > tiny && (best == RouteLabels::kNone || flow[e] > flow[best])) best = e;
      }
      if (best == RouteLabels::kNone) break;
      path.push_back(best);
      bottleneck = std::min(bottleneck, flow[best]);
      u = m.head[best];
    }
    if (u != destination || path.empty()) break;
    for (const std::uint32_t e : path) flow[e] -= bottleneck;
    out.emplace_back(path, bottleneck);
    total += bottleneck;
    if (total >= demand - tiny) break;
  }
  if (out.empty()) throw std::runtime_error("equilibrium flow of an OD pair has no path");
  for (auto& [p, f] : out) f *= demand / total;
}

class Runner {
 public:
  Runner(const Scenario& s, const std::vector<Step>& steps, const StepInputs& in,
         const SimulationOptions& o)
      : s_(s),
        steps_(steps),
        in_(in),
        options_(o),
        model_(make_flow_model(s)),
        labels_(route_labels(s)),
        solver_(model_.problem),
        loader_(in.od_count, static_cast<std::uint32_t>(labels_.names.size()),
                corridor_directions(s)) {
    assign::SolverOptions so;
    so.target_relative_gap = s.assignment.relative_gap;
    so.max_iterations = static_cast<int>(s.assignment.max_iterations);
    solver_.options(so);
    if (s.assignment.method == AssignmentMethod::logit) {
      logit_ = std::make_unique<assign::LogitSolver>(model_.problem);
      assign::LogitOptions lo;
      lo.tolerance = s.assignment.relative_gap;
      lo.max_iterations = static_cast<int>(s.assignment.max_iterations);
      logit_->options(lo);
    }
    corridor_.assign(in.element_count, false);
    for (const LinkIndex a : s.corridor.links) corridor_[s.network.node_count() + a] = true;
    fixed_cost_.assign(static_cast<std::size_t>(in.od_count) * in.element_count, -1.0);
    route_cost_ = fixed_cost_;
    cost_inputs_.assign(in.element_count, {kNaN, kNaN, kNaN});
  }

  SimulationResult run();

 private:
  void set_costs(std::uint32_t t, const std::vector<double>& remaining);
  assign::SolveResult solve(std::uint32_t t);
  Eigen::VectorXd od_flow(std::uint32_t k) const;
  std::vector<Parcel> route_new_demand(std::uint32_t t);
  void record(std::uint32_t t, const LoadingOutcome& out, SimulationResult& r) const;
  std::uint32_t intern(const std::vector<std::uint32_t>& path);

  const Scenario& s_;
  const std::vector<Step>& steps_;
  const StepInputs& in_;
  const SimulationOptions& options_;
  FlowModel model_;
  RouteLabels labels_;
  assign::EquilibriumSolver solver_;
  // The logit variant, when the scenario asks for it; also warm-started.
  std::unique_ptr<assign::LogitSolver> logit_;
  Loader loader_;
  PathStore paths_;
  std::vector<bool> corridor_;
  std::vector<double> fixed_cost_;  // last value handed to the solver, per (od, element)
  std::vector<double> route_cost_;  // last route cost handed to the logit, per (od, element)
  std::vector<std::array<double, 3>> cost_inputs_;      // per element: money, penalty, wait
  std::uint64_t route_version_ = ~std::uint64_t{0};     // of the logit routes in route_path_
  std::vector<std::vector<std::uint32_t>> route_path_;  // per OD: path id of each logit route
  std::vector<double> wait_days_;
};

std::uint32_t Runner::intern(const std::vector<std::uint32_t>& path) {
  const auto route_of = [&](const std::vector<std::uint32_t>& p) {
    std::vector<double> km(labels_.names.size(), 0.0);
    for (const std::uint32_t e : p) {
      if (e >= s_.network.node_count())
        km[labels_.of_element[e]] += s_.network.link(e - s_.network.node_count()).length_km;
    }
    const std::uint32_t access = static_cast<std::uint32_t>(
        std::find(labels_.names.begin(), labels_.names.end(), "access") - labels_.names.begin());
    std::uint32_t best = access;
    for (std::uint32_t i = 0; i < km.size(); ++i) {
      if (i != access && km[i] > 0.0 && (best == access || km[i] > km[best])) best = i;
    }
    return best;
  };
  const auto corridor_pos = [&](const std::vector<std::uint32_t>& p) {
    for (std::size_t j = 0; j < p.size(); ++j) {
      if (corridor_[p[j]]) return static_cast<int>(j);
    }
    return -1;
  };
  return paths_.intern(path, route_of, corridor_pos);
}

void Runner::set_costs(std::uint32_t t, const std::vector<double>& remaining) {
  const double days = steps_[t].days;
  wait_days_.assign(in_.element_count, 0.0);
  for (std::uint32_t e = 0; e < in_.element_count; ++e) {
    const std::size_t i = in_.at(t, e);
    const double available =
        std::isfinite(remaining[e])
            ? std::max(remaining[e], kMinCapacityShare * in_.nominal_capacity_t[i])
            : kUnlimited;
    const assign::LinkCostFunction fn = element_cost(s_.assignment, in_.time_days[i], available);
    assign::LinkCostFunction& last_fn = model_.problem.network.cost[e];
    if (t == 0 || fn.kind != last_fn.kind || fn.free_time != last_fn.free_time ||
        fn.capacity != last_fn.capacity || fn.alpha != last_fn.alpha || fn.beta != last_fn.beta) {
      // Only what changed: the solvers validate and refresh on each call.
      if (logit_) {
        logit_->set_link_cost(e, fn);
      } else {
        solver_.set_link_cost(e, fn);
      }
      last_fn = fn;
    }
    const double queue = loader_.queue_t()[e];
    // Waiting time of freight joining the queue: days to clear what is ahead of it.
    if (queue > 0.0 && std::isfinite(in_.nominal_capacity_t[i]))
      wait_days_[e] = queue / (in_.nominal_capacity_t[i] / days);
    // Closures: freight arriving while the element is shut waits for it to reopen;
    // with the closed share f of the step in one spell, the mean wait is f^2 D / 2.
    const double f = in_.closed_share[i];
    const double closure_wait = f * f * days / 2.0;
    const double penalty = in_.capacity_t[i] <= 0.0 ? kClosedPenaltyUsdPerT : 0.0;
    // The OD pairs' costs of the element follow from these three; most stay put.
    const std::array<double, 3> inputs{in_.money_usd_per_t[i], penalty,
                                       wait_days_[e] + closure_wait};
    if (inputs == cost_inputs_[e]) continue;
    cost_inputs_[e] = inputs;
    for (std::uint32_t k = 0; k < in_.od_count; ++k) {
      const double cost = in_.money_usd_per_t[i] + penalty +
                          model_.od_value_of_time[k] * (wait_days_[e] + closure_wait);
      const std::size_t at = static_cast<std::size_t>(k) * in_.element_count + e;
      // The logit's routes come from tariffs and free-flow times alone: waits
      // and closures change what a route costs, not which routes exist.
      if (logit_ && in_.money_usd_per_t[i] != route_cost_[at]) {
        logit_->set_route_cost(k, e, in_.money_usd_per_t[i]);
        route_cost_[at] = in_.money_usd_per_t[i];
      }
      double& last = fixed_cost_[at];
      if (cost != last) {
        if (logit_) {
          logit_->set_fixed_cost(k, e, cost);
        } else {
          solver_.set_fixed_cost(k, e, cost);
        }
        model_.problem.classes[k].fixed_cost[e] = cost;
        last = cost;
      }
    }
  }
}

std::vector<Parcel> Runner::route_new_demand(std::uint32_t t) {
  std::vector<Parcel> parcels;
  std::vector<std::pair<std::vector<std::uint32_t>, double>> split;
  if (logit_ && logit_->route_set_version() != route_version_) {
    route_version_ = logit_->route_set_version();
    route_path_.assign(in_.od_count, {});
    for (std::uint32_t k = 0; k < in_.od_count; ++k) {
      for (assign::Index r = 0; r < logit_->route_count(k); ++r)
        route_path_[k].push_back(intern(logit_->route_links(k, r)));
    }
  }
  for (std::uint32_t k = 0; k < in_.od_count; ++k) {
    const double demand = in_.demand_t[in_.od_at(t, k)];
    if (demand <= 0.0) continue;
    if (logit_ && !route_path_[k].empty() && logit_->route_count(k) == route_path_[k].size()) {
      // The logit's own routes and flows, scaled to add up to exactly `demand`.
      const std::size_t first = parcels.size();
      double total = 0.0;
      for (assign::Index r = 0; r < route_path_[k].size(); ++r) {
        const double flow = logit_->route_flow(k, r);
        if (flow <= 1e-9 * demand) continue;
        parcels.push_back({k, route_path_[k][r], 0, t, flow});
        total += flow;
      }
      if (total > 0.0) {
        for (std::size_t i = first; i < parcels.size(); ++i) parcels[i].tonnes *= demand / total;
        continue;
      }
      parcels.resize(first);
    }
    decompose(model_, model_.od_origin[k], model_.od_destination[k], od_flow(k), demand, split);
    for (const auto& [path, tonnes] : split) parcels.push_back({k, intern(path), 0, t, tonnes});
  }
  return parcels;
}

void Runner::record(std::uint32_t t, const LoadingOutcome& out, SimulationResult& r) const {
  const Eigen::VectorXd time = logit_ ? logit_->link_time() : solver_.link_time();
  for (std::uint32_t e = 0; e < in_.element_count; ++e) {
    const std::size_t i = in_.at(t, e);
    r.element_flow_t[i] = out.element_served_t[e];
    r.element_capacity_t[i] = in_.capacity_t[i];
    r.element_queue_t[i] = loader_.queue_t()[e];
    const double wait = loader_.queue_t()[e] > 0.0 && std::isfinite(in_.nominal_capacity_t[i])
                            ? loader_.queue_t()[e] / (in_.nominal_capacity_t[i] / steps_[t].days)
                            : 0.0;
    r.element_delay_days[i] =
        std::max(0.0, time[static_cast<Eigen::Index>(e)] - in_.time_days[i]) + wait;
  }
  const std::vector<double> queued = loader_.od_queue_t();
  const std::size_t routes = r.routes.size();
  for (std::uint32_t k = 0; k < in_.od_count; ++k) {
    const std::size_t i = in_.od_at(t, k);
    r.od_demand_t[i] = in_.demand_t[i];
    r.od_delivered_t[i] = out.od_delivered_t[k];
    r.od_queue_t[i] = queued[k];
    r.od_unserved_t[i] = out.od_unserved_t[k];
    r.od_diverted_t[i] = out.od_diverted_t[k];
    r.od_corridor_t[i] = out.od_corridor_t[k];
    for (std::size_t d = 0; d < 2; ++d)
      r.od_corridor_dir_t[2 * i + d] = out.od_corridor_dir_t[2 * std::size_t{k} + d];
    for (std::size_t q = 0; q < routes; ++q)
      r.od_route_t[i * routes + q] = out.od_route_t[std::size_t{k} * routes + q];
  }
  for (std::uint32_t e = 0; e < in_.element_count; ++e)
    r.element_unserved_t[e] += out.element_unserved_t[e];
}

assign::SolveResult Runner::solve(std::uint32_t t) {
  for (std::uint32_t k = 0; k < in_.od_count; ++k) {
    const double demand = in_.demand_t[in_.od_at(t, k)];
    model_.problem.classes[k].demand.front().flow = demand;
    if (logit_) {
      logit_->set_demand(k, model_.od_origin[k], model_.od_destination[k], demand);
    } else {
      solver_.set_demand(k, model_.od_origin[k], model_.od_destination[k], demand);
    }
  }
  return logit_ ? logit_->solve() : solver_.solve();
}

Eigen::VectorXd Runner::od_flow(std::uint32_t k) const {
  // Each OD pair is its own class, so its class flows are its link flows.
  return logit_ ? logit_->class_link_flow(k) : solver_.origin_link_flow(k, model_.od_origin[k]);
}

SimulationResult Runner::run() {
  SimulationResult r;
  r.steps = steps_;
  r.element_count = in_.element_count;
  r.od_count = in_.od_count;
  r.routes = labels_.names;
  const std::size_t cells = steps_.size() * in_.element_count;
  const std::size_t od_cells = steps_.size() * in_.od_count;
  for (auto* v :
       {&r.element_flow_t, &r.element_capacity_t, &r.element_queue_t, &r.element_delay_days})
    v->assign(cells, 0.0);
  for (auto* v : {&r.od_demand_t, &r.od_delivered_t, &r.od_queue_t, &r.od_unserved_t,
                  &r.od_diverted_t, &r.od_corridor_t})
    v->assign(od_cells, 0.0);
  r.od_corridor_dir_t.assign(2 * od_cells, 0.0);
  r.od_route_t.assign(od_cells * r.routes.size(), 0.0);
  r.element_unserved_t.assign(in_.element_count, 0.0);

  const double max_wait_days = s_.assignment.max_queue_months * kDaysPerMonth;
  std::uint32_t oldest_allowed = 0;
  std::vector<double> remaining(in_.element_count);
  LoadingOutcome out;  // reused by every step (assign keeps the buffers)
  for (std::uint32_t t = 0; t < steps_.size(); ++t) {
    if (options_.cancel != nullptr && options_.cancel->load()) {
      r.cancelled = true;
      return r;
    }
    while (static_cast<double>((steps_[t].first_day - steps_[oldest_allowed].first_day).count()) >
           max_wait_days) {
      ++oldest_allowed;
    }
    out.element_served_t.assign(in_.element_count, 0.0);
    out.element_unserved_t.assign(in_.element_count, 0.0);
    for (auto* v :
         {&out.od_delivered_t, &out.od_corridor_t, &out.od_diverted_t, &out.od_unserved_t})
      v->assign(in_.od_count, 0.0);
    out.od_route_t.assign(static_cast<std::size_t>(in_.od_count) * r.routes.size(), 0.0);
    out.od_corridor_dir_t.assign(2 * static_cast<std::size_t>(in_.od_count), 0.0);
    std::copy_n(in_.capacity_t.begin() + static_cast<std::ptrdiff_t>(in_.at(t, 0)),
                in_.element_count, remaining.begin());

    loader_.serve_queues(oldest_allowed, remaining, paths_, out);
    set_costs(t, remaining);
    const assign::SolveResult solved = solve(t);
    if (solved.status == assign::SolveStatus::invalid_problem ||
        solved.status == assign::SolveStatus::infeasible) {
      throw std::runtime_error("equilibrium failed in step " + std::to_string(t) + ": " +
                               solved.reason);
    }
    r.solver.iterations += static_cast<std::uint64_t>(solved.iterations);
    r.solver.worst_relative_gap = std::max(r.solver.worst_relative_gap, solved.relative_gap);
    if (solved.status != assign::SolveStatus::converged) {
      ++r.solver.steps_not_converged;
      if (options_.log)
        options_.log->debug("step {}: equilibrium stopped at gap {:.2e} ({})", t,
                            solved.relative_gap, assign::to_string(solved.status));
    }
    loader_.load(route_new_demand(t), remaining, paths_, out);
    record(t, out, r);
    r.steps_completed = t + 1;
  }
  return r;
}

}  // namespace

SimulationResult simulate(const Scenario& scenario, const std::vector<Step>& steps,
                          const StepInputs& inputs, const SimulationOptions& options) {
  Runner runner(scenario, steps, inputs, options);
  return runner.run();
}

SimulationResult simulate(const Scenario& scenario, const SimulationOptions& options) {
  const std::vector<Step> steps = make_steps(scenario.horizon);
  const StepInputs inputs = make_step_inputs(scenario, steps);
  return simulate(scenario, steps, inputs, options);
}

}  // namespace corridor::sim
