// The time loop: for each step, serve the queues, hand the step's costs to the
// step assignment, load the new demand on the paths it returns, record.
#include "corridor/sim/simulation.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <string>

#include "loading.hpp"
#include "route_labels.hpp"
#include "step_assigner.hpp"
#include "step_costs.hpp"

namespace corridor::sim {
namespace {

std::vector<std::uint32_t> od_segments(const Scenario& s) {
  std::vector<std::uint32_t> g;
  for (const OdDemand& od : s.demand.od) g.push_back(od.segment);
  return g;
}

class Runner {
 public:
  Runner(const Scenario& s, const std::vector<Step>& steps, const StepInputs& in,
         const SimulationOptions& o)
      : s_(s),
        steps_(steps),
        in_(in),
        options_(o),
        labels_(s),
        dated_rules_(has_dated_rules(s)),
        segments_(make_segment_table(s)),
        policy_(s, in, segments_),
        assigner_(s, in, [this](const std::vector<std::uint32_t>& path) { return intern(path); }),
        loader_(in.od_count, static_cast<std::uint32_t>(labels_.names().size()),
                labels_.measure_map(), s.corridor.headline, od_segments(s), segments_) {
    loader_.select(o.select);
  }

  SimulationResult run();

 private:
  std::uint32_t intern(const std::vector<std::uint32_t>& path) {
    return paths_.intern(
        path, [this](const auto& p) { return labels_.route_of(p); },
        [this](const auto& p) { return labels_.measure_positions(p); });
  }
  // The step's new demand as parcels on the assignment's paths; false (with
  // the failing pair in `reason`) when a pair's solution holds no path.
  bool route_new_demand(std::uint32_t t, std::vector<Parcel>& parcels, std::string& reason);
  void record(std::uint32_t t, const LoadingOutcome& out, SimulationResult& r) const;
  // Puts the segment rules in force in step t into the cost policy and the
  // loader, when a dated rule starts.
  void update_segment_rules(std::uint32_t t);
  [[nodiscard]] SimulationResult empty_result() const;

  const Scenario& s_;
  const std::vector<Step>& steps_;
  const StepInputs& in_;
  const SimulationOptions& options_;
  RouteLabels labels_;
  bool dated_rules_;
  std::size_t rules_in_force_ = 0;
  SegmentTable segments_;  ///< the rules in force (the cost policy holds a reference)
  CostPolicy policy_;
  PathStore paths_;
  StepAssigner assigner_;
  Loader loader_;
  StepCosts costs_;
  std::vector<RouteFlow> routes_;
};

bool Runner::route_new_demand(std::uint32_t t, std::vector<Parcel>& parcels, std::string& reason) {
  parcels.clear();
  for (std::uint32_t k = 0; k < in_.od_count; ++k) {
    if (in_.demand_t[in_.od_at(t, k)] <= 0.0) continue;
    if (!assigner_.routes(k, routes_)) {
      const OdDemand& od = s_.demand.od[k];
      reason = "the equilibrium flow of " + s_.demand.segments[od.segment].id + " " +
               s_.network.node(od.origin).id + " > " + s_.network.node(od.destination).id +
               " has no path";
      return false;
    }
    for (const RouteFlow& f : routes_) parcels.push_back({k, f.path, 0, t, f.tonnes});
  }
  return true;
}

void Runner::record(std::uint32_t t, const LoadingOutcome& out, SimulationResult& r) const {
  const Eigen::VectorXd& time = assigner_.element_time();
  for (std::uint32_t e = 0; e < in_.element_count; ++e) {
    const std::size_t i = in_.at(t, e);
    r.element_flow_t[i] = out.element_served_t[e];
    r.element_capacity_t[i] = in_.capacity_t[i];
    r.element_queue_t[i] = loader_.queue_t()[e];
    const double wait = policy_.queue_wait_days(i, loader_.queue_t()[e], steps_[t]);
    r.element_delay_days[i] =
        std::max(0.0, time[static_cast<Eigen::Index>(e)] - in_.time_days[i]) + wait;
  }
  const std::vector<double> queued = loader_.od_queue_t();
  const std::size_t routes = r.routes.size();
  for (std::uint32_t k = 0; k < in_.od_count; ++k) {
    const std::size_t i = in_.od_at(t, k);
    r.od_demand_t[i] = in_.demand_t[i];
    r.od_expected_cost_usd_per_t[i] = in_.demand_t[i] > 0.0 ? assigner_.expected_cost(k) : 0.0;
    r.od_delivered_t[i] = out.od_delivered_t[k];
    r.od_queue_t[i] = queued[k];
    r.od_unserved_t[i] = out.od_unserved_t[k];
    r.od_diverted_t[i] = out.od_diverted_t[k];
    const std::size_t measures = r.measure_count;
    std::copy_n(out.od_measure_t.begin() + static_cast<std::ptrdiff_t>(2 * measures * k),
                2 * measures,
                r.od_measure_t.begin() + static_cast<std::ptrdiff_t>(2 * measures * i));
    // The headline, with its segment and direction filters (it is in tonnes).
    const CorridorMeasure& h = s_.corridor.headline_measure();
    const double w = h.weight(s_.demand.od[k].segment);
    r.od_corridor_t[i] = 0.0;
    for (std::uint8_t d = 0; d < 2; ++d) {
      const double counted =
          h.counts_direction(d)
              ? w * out.od_measure_t[(k * measures + s_.corridor.headline) * 2 + d]
              : 0.0;
      r.od_corridor_dir_t[2 * i + d] = counted;
      r.od_corridor_t[i] += counted;
    }
    for (std::size_t q = 0; q < routes; ++q)
      r.od_route_t[i * routes + q] = out.od_route_t[std::size_t{k} * routes + q];
  }
  for (std::uint32_t e = 0; e < in_.element_count; ++e)
    r.element_unserved_t[e] += out.element_unserved_t[e];
}

void Runner::update_segment_rules(std::uint32_t t) {
  if (!dated_rules_) return;
  const std::size_t in_force = static_cast<std::size_t>(
      std::count_if(s_.segment_rules.begin(), s_.segment_rules.end(), [&](const SegmentRule& r) {
        return !r.from || std::chrono::sys_days{*r.from} <= steps_[t].first_day;
      }));
  if (t > 0 && in_force == rules_in_force_) return;
  rules_in_force_ = in_force;
  segments_ = make_segment_table(s_, steps_[t].first_day);
  loader_.set_segments(segments_);
}

SimulationResult Runner::empty_result() const {
  SimulationResult r;
  r.steps = steps_;
  r.element_count = in_.element_count;
  r.od_count = in_.od_count;
  r.measure_count = static_cast<std::uint32_t>(s_.corridor.measures.size());
  r.routes = labels_.names();
  const std::size_t cells = steps_.size() * in_.element_count;
  const std::size_t od_cells = steps_.size() * in_.od_count;
  for (auto* v :
       {&r.element_flow_t, &r.element_capacity_t, &r.element_queue_t, &r.element_delay_days})
    v->assign(cells, 0.0);
  for (auto* v : {&r.od_demand_t, &r.od_delivered_t, &r.od_queue_t, &r.od_unserved_t,
                  &r.od_diverted_t, &r.od_corridor_t, &r.od_expected_cost_usd_per_t})
    v->assign(od_cells, 0.0);
  r.od_corridor_dir_t.assign(2 * od_cells, 0.0);
  r.od_measure_t.assign(2 * od_cells * r.measure_count, 0.0);
  r.od_route_t.assign(od_cells * r.routes.size(), 0.0);
  r.element_unserved_t.assign(in_.element_count, 0.0);
  r.selected = options_.select;
  r.select_od_route_t.assign(od_cells * r.selected.size() * r.routes.size(), 0.0);
  r.select_element_t.assign(cells * r.selected.size(), 0.0);
  return r;
}

// Clears the outcome's per-step buffers (keeping their storage).
void clear(LoadingOutcome& out, std::uint32_t elements, std::uint32_t ods, std::size_t routes,
           std::size_t measures) {
  out.element_served_t.assign(elements, 0.0);
  out.element_unserved_t.assign(elements, 0.0);
  for (auto* v : {&out.od_delivered_t, &out.od_diverted_t, &out.od_unserved_t}) v->assign(ods, 0.0);
  out.od_route_t.assign(static_cast<std::size_t>(ods) * routes, 0.0);
  out.od_measure_t.assign(2 * static_cast<std::size_t>(ods) * measures, 0.0);
}

// Points the select-element bookings of step t at the run's (zeroed) arrays.
void select_into(SimulationResult& r, std::size_t t, LoadingOutcome& out) {
  const std::size_t by_od = r.select_od_route_t.size() / r.steps.size();
  const std::size_t by_element = r.select_element_t.size() / r.steps.size();
  out.select_od_route_t = {r.select_od_route_t.data() + t * by_od, by_od};
  out.select_element_t = {r.select_element_t.data() + t * by_element, by_element};
}

SimulationResult Runner::run() {
  SimulationResult r = empty_result();
  const double max_wait_days = s_.assignment.max_queue_months * kDaysPerMonth;
  std::uint32_t oldest_allowed = 0;
  std::vector<double> remaining(in_.element_count);
  std::vector<Parcel> parcels;
  LoadingOutcome out;  // reused by every step (assign keeps the buffers)
  for (std::uint32_t t = 0; t < steps_.size(); ++t) {
    if (options_.cancel != nullptr && options_.cancel->load()) {
      r.status = RunStatus::cancelled;
      r.reason = "cancelled before step " + std::to_string(t);
      return r;
    }
    while (static_cast<double>((steps_[t].first_day - steps_[oldest_allowed].first_day).count()) >
           max_wait_days) {
      ++oldest_allowed;
    }
    clear(out, in_.element_count, in_.od_count, r.routes.size(), r.measure_count);
    if (!r.selected.empty()) select_into(r, t, out);
    std::copy_n(in_.capacity_t.begin() + static_cast<std::ptrdiff_t>(in_.at(t, 0)),
                in_.element_count, remaining.begin());

    update_segment_rules(t);
    loader_.begin_step(remaining);
    loader_.serve_queues(oldest_allowed, remaining, paths_, out);
    policy_.fill(t, steps_[t], remaining, loader_.queue_t(), loader_.segment_queue_t(), costs_);
    const assign::SolveResult solved = assigner_.solve(costs_);
    std::string reason = solved.reason;
    if (!assign::has_flows(solved.status) || !route_new_demand(t, parcels, reason)) {
      r.status = RunStatus::equilibrium_failed;
      r.failed_step = t;
      r.reason = "step " + std::to_string(t) + " (" + format_month(steps_[t]) + "): " + reason;
      return r;
    }
    r.solver.iterations += static_cast<std::uint64_t>(solved.iterations);
    r.solver.worst_relative_gap = std::max(r.solver.worst_relative_gap, solved.relative_gap);
    if (solved.status != assign::SolveStatus::converged) {
      ++r.solver.steps_not_converged;
      if (options_.log)
        options_.log->debug("step {}: equilibrium stopped at gap {:.2e} ({})", t,
                            solved.relative_gap, assign::to_string(solved.status));
    }
    loader_.load(parcels, remaining, paths_, out);
    loader_.finish_step(remaining, paths_, out);
    assigner_.observe_delivered(out.od_route_t);
    record(t, out, r);
    r.steps_completed = t + 1;
  }
  return r;
}

}  // namespace

const char* to_string(RunStatus status) {
  switch (status) {
    case RunStatus::completed:
      return "completed";
    case RunStatus::cancelled:
      return "cancelled";
    case RunStatus::equilibrium_failed:
      return "equilibrium failed";
  }
  return "unknown";
}

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
