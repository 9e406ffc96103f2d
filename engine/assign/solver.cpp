// EquilibriumSolver: set-up, the outer iteration loop, warm starts and queries.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <thread>
#include <utility>
#include <vector>

#include "assign/solver_state.hpp"

namespace corridor::assign {
namespace {

using Clock = std::chrono::steady_clock;

// Pair rounds stop when a round gains less than this times the first round.
constexpr double kPairStop = 1e-6;
// Near equilibrium (SolverOptions::near_gap): bushes also take links within 1%
// of being a shortcut, bushes with a gap under 3 times their share of the
// target sit the iteration out, and the pair rounds go on to a billionth of
// the first. docs/assignment.md states the facts behind each rule.
constexpr double kNearMargin = 0.01;
constexpr double kNearIdle = 3.0;
constexpr double kNearPairStop = 1e-9;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

EquilibriumSolver::Impl::Impl(Problem p) : problem(std::move(p)) {
  invalid_reason = validate(problem);
  if (!invalid_reason.empty()) return;
  const Network& net = problem.network;
  graph = detail::Graph(net);
  tree.resize(net.node_count);
  links.resize(graph.to_internal(net.cost));
  fixed_time.resize(problem.classes.size());
  for (const TrafficClass& c : problem.classes) value_of_time.push_back(c.value_of_time);
  bush_of.assign(problem.classes.size() * net.node_count, kNoIndex);
  for (Index k = 0; k < problem.classes.size(); ++k) {
    const TrafficClass& c = problem.classes[k];
    fixed_time[k].assign(net.link_count(), 0.0);
    for (Index a = 0; a < c.fixed_cost.size(); ++a)
      fixed_time[k][graph.internal[a]] = c.fixed_cost[a] / c.value_of_time;
    for (const OdDemand& d : c.demand) {
      if (d.flow > 0.0) bush_for(k, d.origin).demand[d.destination] += d.flow;
    }
  }
  flow_out = Eigen::VectorXd::Zero(net.link_count());
  time_out = Eigen::VectorXd::Zero(net.link_count());
}

Eigen::VectorXd EquilibriumSolver::Impl::to_external(const std::vector<double>& v) const {
  Eigen::VectorXd out(graph.link_count);
  for (Index a = 0; a < graph.link_count; ++a) out[graph.external[a]] = v[a];
  return out;
}

detail::Bush& EquilibriumSolver::Impl::bush_for(Index cls, Index origin) {
  Index& slot = bush_of[std::size_t{cls} * graph.node_count + origin];
  if (slot == kNoIndex) {
    slot = static_cast<Index>(bushes.size());
    detail::Bush& b = bushes.emplace_back();
    b.cls = cls;
    b.origin = origin;
    b.demand.assign(graph.node_count, 0.0);
    b.flow.assign(graph.link_count, 0.0);
    b.used.assign(graph.link_count, 0);
    bush_tstt.push_back(0.0);
    bush_sptt.push_back(0.0);
    bush_fixed.push_back(0.0);
  }
  return bushes[slot];
}

EquilibriumSolver::EquilibriumSolver(Problem problem)
    : impl_(std::make_unique<Impl>(std::move(problem))) {}
EquilibriumSolver::~EquilibriumSolver() = default;
EquilibriumSolver::EquilibriumSolver(EquilibriumSolver&&) noexcept = default;
EquilibriumSolver& EquilibriumSolver::operator=(EquilibriumSolver&&) noexcept = default;

EquilibriumSolver& EquilibriumSolver::options(const SolverOptions& options) {
  impl_->options = options;
  return *this;
}

EquilibriumSolver& EquilibriumSolver::on_progress(ProgressCallback callback) {
  impl_->progress = std::move(callback);
  return *this;
}

// Brings every bush to the current demand: new bushes get the shortest-path
// tree, changed ones are reloaded with their old splits. Returns an
// "infeasible" reason or an empty string.
std::string EquilibriumSolver::Impl::prepare_bushes() {
  Impl& s = *this;
  if (!s.warm) {
    s.pas.clear();
    std::fill(s.links.flow.begin(), s.links.flow.end(), 0.0);
    s.links.refresh_all();
  }
  double largest = 0.0;
  for (const detail::Bush& b : s.bushes) {
    for (const double d : b.demand) largest = std::max(largest, d);
  }
  s.flow_epsilon = s.options.tolerances.zero_flow * largest;
  s.out_cost.resize(s.fixed_time.size());
  for (std::size_t k = 0; k < s.fixed_time.size(); ++k) {
    detail::fill_out_costs(s.graph, s.links, s.fixed_time[k], s.out_cost[k]);
  }
  for (detail::Bush& b : s.bushes) {
    const double* fixed = s.fixed_time[b.cls].data();
    Index lost = kNoIndex;
    if (!s.warm || b.order.empty()) {
      lost = detail::init_bush(s.graph, s.links, s.out_cost[b.cls].data(), s.tree,
                               s.work[0].scratch, b);
      b.demand_changed = false;
    } else if (b.demand_changed) {
      lost = detail::reload_bush(s.graph, s.links, fixed, s.work[0].scratch, b);
    } else if (b.demand_scale != 1.0) {
      // Every demand of the bush scaled by one factor: keeping each node's
      // split of its inflow, as reload_bush does, scales every flow by it.
      Eigen::Map<Eigen::VectorXd>(b.flow.data(), static_cast<Eigen::Index>(b.flow.size())) *=
          b.demand_scale;
    }
    b.demand_scale = 1.0;
    if (lost != kNoIndex) {
      return "class " + s.problem.classes[b.cls].name + ": no path from node " +
             s.node_name(b.origin) + " to node " + s.node_name(lost);
    }
  }
  s.recompute_link_flows();
  if (s.warm && s.pas.size() > 0) {
    // The pairs of segments of the last solve rebalance the reloaded flows
    // before anything else: on Chicago-Sketch after a 2% demand change this
    // takes the starting gap from 6e-4 to 1e-5-7e-5.
    s.balance_pairs(kPairStop);
    s.recompute_link_flows();
  }
  return {};
}

// Newton shifts over every pair of segments, round after round, until a round
// gains less than `stop` times what the first one did (gain: cost difference
// times flow moved, summed over pairs) or after options.pas_rounds rounds.
void EquilibriumSolver::Impl::balance_pairs(double stop) {
  // A pair whose two segments already cost the same to within the target gap
  // (relative) is left alone: its share of the gap is below the target (on
  // the 6 x 10 grid of bench_assign this halved a warm re-solve to 1e-6 and
  // cost Chicago-Sketch nothing, as measured when it was introduced).
  const double tolerance = std::max(options.tolerances.equal_cost, options.target_relative_gap);
  pas.balance(links, fixed_time, value_of_time, flow_epsilon, bushes, tolerance, options.pas_rounds,
              stop);
}

void EquilibriumSolver::Impl::one_iteration() {
  Impl& s = *this;
  // Near equilibrium (docs/assignment.md: "Near equilibrium" under Algorithm B,
  // and "Warm re-solves and near-equilibrium iterations"). The links a small
  // change of demand sends flow to are, at the last solution, within 1% of being
  // shortcuts: bushes take them in before they pay (kNearMargin). A bush whose
  // gap at the last evaluation is under kNearIdle times its share of the target
  // sits the iteration out. The extra sweeps, which by then mostly unbalance
  // what the pair rounds balanced, give way to deeper pair rounds. Without
  // pairs (plain Algorithm B) there is no near-equilibrium mode.
  const bool near = s.gap <= s.options.near_gap && s.options.pas_rounds > 0;
  s.active.assign(s.bushes.size(), 1);
  if (near) {
    double tstt = 0.0;
    for (const double t : s.bush_tstt) tstt += t;
    const double idle =
        kNearIdle * s.options.target_relative_gap * tstt / static_cast<double>(s.bushes.size());
    for (std::size_t b = 0; b < s.bushes.size(); ++b) {
      if (s.bush_tstt[b] - s.bush_sptt[b] < idle) s.active[b] = 0;
    }
  }
  // Bush updates read the costs at the start of the iteration (a copy) and
  // change only their own bush; the flow shifts are Gauss-Seidel over bushes,
  // each seeing the costs the previous ones left, in bush order. Updating every
  // bush from the starting costs, instead of each just before its shifts, cost
  // no iterations on Chicago-Sketch when it was measured, and lets a second
  // thread run the updates ahead of the shifts. The result is the same for any
  // thread count.
  s.start_time = s.links.time;
  detail::Scratch& scratch = s.work[0].scratch;
  const double slack = near ? kNearMargin : -s.options.tolerances.shortcut;
  auto update = [&s, slack](detail::Bush& b, detail::Scratch& w) {
    if (s.active[static_cast<std::size_t>(&b - s.bushes.data())] == 0) return;
    detail::update_bush(s.graph, s.start_time.data(), s.fixed_time[b.cls].data(), s.flow_epsilon,
                        slack, w, b);
  };
  // Flow shifts register the pairs of segments they move flow between.
  scratch.pas = s.options.pas_rounds > 0 ? &s.pas : nullptr;
  auto shift = [&s, &scratch](detail::Bush& b) {
    const auto index = static_cast<std::size_t>(&b - s.bushes.data());
    if (s.active[index] == 0) return;
    scratch.bush_index = static_cast<Index>(index);
    b.excess =
        detail::equilibrate_bush(s.graph, s.links, s.fixed_time[b.cls].data(), s.flow_epsilon,
                                 s.options.tolerances.equal_cost, scratch, b);
  };
  const std::size_t n = s.bushes.size();
  if (s.options.threads >= 2 && s.work.size() >= 2 && n >= 8) {
    // Both threads take bushes to update in order from a shared counter; the
    // main thread shifts bush i as soon as it is updated, and updates bushes
    // itself instead of waiting.
    std::atomic<std::size_t> next{0};
    std::vector<std::atomic<bool>> updated(n);
    std::exception_ptr failure;
    std::atomic<bool> failed{false};
    auto update_next = [&](detail::Scratch& w) {
      const std::size_t k = next.fetch_add(1);
      if (k >= n) return false;
      update(s.bushes[k], w);
      updated[k].store(true, std::memory_order_release);
      return true;
    };
    {
      std::jthread helper([&] {
        try {
          while (update_next(s.work[1].scratch)) {
          }
        } catch (...) {
          failure = std::current_exception();
          failed.store(true, std::memory_order_release);
        }
      });
      for (std::size_t i = 0; i < n; ++i) {
        while (!updated[i].load(std::memory_order_acquire)) {
          if (failed.load(std::memory_order_acquire)) break;
          if (!update_next(scratch)) std::this_thread::yield();
        }
        if (failed.load(std::memory_order_acquire)) break;
        shift(s.bushes[i]);
      }
    }
    if (failure) std::rethrow_exception(failure);
  } else {
    // Each bush is shifted right after its update, while its arrays are still
    // in cache; the update reads only the starting costs and its own bush, so
    // this is the same computation as updating every bush first.
    for (detail::Bush& b : s.bushes) {
      update(b, scratch);
      shift(b);
    }
  }
  // Every pair of segments met so far, by this iteration or earlier ones, is
  // brought into balance for all the bushes that use it at once (TAPAS's idea):
  // what one bush's shift upsets in another's is repaired without a label pass.
  s.balance_pairs(near ? kNearPairStop : kPairStop);
  // Extra sweeps revisit only the bushes that hold a large share of the gap. A
  // bush's own gap is its cost minus its demand times its shortest bush paths
  // (value-of-time weighted, as of its last sweep); near equilibrium a few
  // dozen of Chicago-Sketch's 387 bushes hold most of it, and one sweep of
  // those is cheap. A bush is revisited while its gap is at least half the
  // mean over bushes and its worst node is not balanced to well below the
  // target (docs/assignment.md: the facts behind both rules).
  const double quiet = 0.1 * s.options.target_relative_gap;
  const int sweeps = near ? 0 : s.options.extra_shift_sweeps;
  for (int sweep = 0; sweep < sweeps; ++sweep) {
    double mean = 0.0;
    for (const detail::Bush& b : s.bushes) mean += s.weighted_inner_gap(b);
    mean /= static_cast<double>(s.bushes.size());
    bool any = false;
    for (detail::Bush& b : s.bushes) {
      if (b.excess <= quiet || s.weighted_inner_gap(b) < 0.5 * mean) continue;
      any = true;
      shift(b);
    }
    if (!any) break;
  }
  scratch.pas = nullptr;
  s.pas.prune(s.bushes, s.flow_epsilon);
  // Shifts update total flows incrementally; re-summing the bushes removes the
  // rounding drift before the gap is measured.
  s.recompute_link_flows();
}

SolveResult EquilibriumSolver::solve() {
  Impl& s = *impl_;
  SolveResult result;
  if (!s.invalid_reason.empty()) {
    result.status = SolveStatus::invalid_problem;
    result.reason = s.invalid_reason;
    return result;
  }
  const Clock::time_point start = Clock::now();
  const auto threads = static_cast<std::size_t>(std::max(s.options.threads, 1));
  if (s.work.size() < threads) {
    s.work.resize(threads);
    for (Impl::ThreadWork& w : s.work) {
      w.scratch.resize(s.graph.node_count);
      w.distance.dist.resize(s.graph.node_count);
    }
  }
  if (std::string lost = s.prepare_bushes(); !lost.empty()) {
    s.warm = false;
    result.status = SolveStatus::infeasible;
    result.reason = std::move(lost);
    return result;
  }
  s.warm = true;
  for (int iteration = 0;; ++iteration) {
    if (iteration > 0) s.one_iteration();
    s.evaluate();
    result.iterations = iteration;
    result.relative_gap = s.gap;
    result.objective = s.beckmann;
    result.seconds = seconds_since(start);
    if (s.progress && !s.progress({iteration, s.gap, s.beckmann, result.seconds})) {
      result.status = SolveStatus::stopped;
      result.reason = "stopped by the progress callback";
      break;
    }
    if (s.gap <= s.options.target_relative_gap) {
      result.status = SolveStatus::converged;
      result.reason = "relative gap at or below the target";
      break;
    }
    if (s.options.max_seconds > 0.0 && result.seconds >= s.options.max_seconds) {
      result.status = SolveStatus::time_limit;
      result.reason = "time budget of " + std::to_string(s.options.max_seconds) + " s used";
      break;
    }
    if (iteration >= s.options.max_iterations) {
      result.status = SolveStatus::iteration_limit;
      result.reason = std::to_string(iteration) + " iterations done";
      break;
    }
  }
  // Written in place: flow_out and time_out keep their storage across solves.
  for (Index a = 0; a < s.graph.link_count; ++a) {
    s.flow_out[s.graph.external[a]] = s.links.flow[a];
    s.time_out[s.graph.external[a]] = s.links.time[a];
  }
  return result;
}

}  // namespace corridor::assign
