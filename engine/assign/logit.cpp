// Logit SUE: Dial's STOCH loading on efficient links in log-sum form, averaged
// by the self-regulated averaging method (SRA).
#include "corridor/assign/logit.hpp"

#include <chrono>
#include <cmath>
#include <limits>
#include <string>

#include "assign/graph.hpp"
#include "assign/shortest_path.hpp"

namespace corridor::assign {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
// SRA step-size growth when the residual rises / falls (Liu et al. 2009 ranges).
constexpr double kGrowOnRise = 1.5;
constexpr double kGrowOnFall = 0.05;

// One (class, origin) with its efficient links in a fixed topological order.
struct LogitOrigin {
  Index cls = 0;
  Index origin = 0;
  std::vector<double> demand;           // per node
  std::vector<std::uint8_t> efficient;  // per link: r_tail < r_head at free flow
  std::vector<Index> order;             // reached nodes by free-flow distance r
};

}  // namespace

struct LogitSolver::Impl {
  Problem problem;
  LogitOptions options;
  std::string invalid_reason;
  detail::Graph graph;
  detail::LinkState links;
  std::vector<std::vector<double>> fixed_time;  // per class, internal link order
  std::vector<LogitOrigin> origins;
  std::vector<Eigen::VectorXd> class_flow;  // current x per class, internal order
  std::vector<Eigen::VectorXd> class_aux;   // loading y per class
  std::vector<double> logsum, node_flow;    // per node scratch
  Eigen::VectorXd flow_out;
  bool warm = false;
  bool sets_stale = true;  // efficient links must be rebuilt before the next loading

  explicit Impl(Problem p);
  LogitOrigin& origin_for(Index cls, Index origin);
  void build_efficient_sets();
  std::string load(std::vector<Eigen::VectorXd>& into);
  void set_total_flow(const std::vector<Eigen::VectorXd>& per_class);
};

LogitSolver::Impl::Impl(Problem p) : problem(std::move(p)) {
  invalid_reason = validate(problem);
  if (!invalid_reason.empty()) return;
  const Network& net = problem.network;
  graph = detail::Graph(net);
  links.resize(graph.to_internal(net.cost));
  logsum.assign(net.node_count, 0.0);
  node_flow.assign(net.node_count, 0.0);
  for (Index k = 0; k < problem.classes.size(); ++k) {
    const TrafficClass& c = problem.classes[k];
    fixed_time.emplace_back(net.link_count(), 0.0);
    for (Index a = 0; a < c.fixed_cost.size(); ++a) {
      fixed_time[k][graph.internal[a]] = c.fixed_cost[a] / c.value_of_time;
    }
    for (const OdDemand& d : c.demand) origin_for(k, d.origin).demand[d.destination] += d.flow;
    class_flow.emplace_back(Eigen::VectorXd::Zero(net.link_count()));
    class_aux.emplace_back(Eigen::VectorXd::Zero(net.link_count()));
  }
}

LogitOrigin& LogitSolver::Impl::origin_for(Index cls, Index origin) {
  for (LogitOrigin& o : origins) {
    if (o.cls == cls && o.origin == origin) return o;
  }
  LogitOrigin& o = origins.emplace_back();
  o.cls = cls;
  o.origin = origin;
  o.demand.assign(graph.node_count, 0.0);
  return o;
}

// Efficient links lead strictly away from the origin in free-flow class cost
// (Dial 1971); fixing them at free flow keeps the route set, and with it the
// SUE, well defined while costs change.
void LogitSolver::Impl::build_efficient_sets() {
  detail::LinkState free_flow;  // times at zero flow, whatever the current flows
  free_flow.resize(links.fn);
  free_flow.refresh_all();
  detail::ShortestPathTree tree;
  tree.resize(graph.node_count);
  std::vector<double> out_cost;
  std::vector<Index> position;
  for (LogitOrigin& o : origins) {
    detail::fill_out_costs(graph, free_flow, fixed_time[o.cls], out_cost);
    tree.run(graph, out_cost.data(), o.origin);
    o.order = tree.settled();
    // Position in the settled order breaks ties of equal distance, so that a
    // zero-cost link (a node link with no dwell or handling cost) still leads
    // "away" from the origin; (distance, position) is a strict order, so the
    // efficient links stay acyclic and follow o.order.
    position.assign(graph.node_count, kNoIndex);
    for (Index i = 0; i < o.order.size(); ++i) position[o.order[i]] = i;
    o.efficient.assign(graph.link_count, 0);
    for (Index a = 0; a < graph.link_count; ++a) {
      const Index i = graph.tail[a], j = graph.head[a];
      if (position[i] == kNoIndex || position[j] == kNoIndex || !graph.may_use(a, o.origin))
        continue;
      const double ri = tree.distance(i), rj = tree.distance(j);
      if (ri < rj || (ri == rj && position[i] < position[j])) o.efficient[a] = 1;
    }
  }
  sets_stale = false;
}

// Logit loading at the current link times, per class, into `into`. Log-sum
// labels V_j = -1/theta log sum_i exp(-theta (V_i + c_ij)) avoid overflow.
std::string LogitSolver::Impl::load(std::vector<Eigen::VectorXd>& into) {
  for (Eigen::VectorXd& y : into) y.setZero();
  for (const LogitOrigin& o : origins) {
    const TrafficClass& c = problem.classes[o.cls];
    const double theta = c.logit_theta;
    auto cost = [&](Index a) { return c.value_of_time * (links.time[a] + fixed_time[o.cls][a]); };
    std::fill(logsum.begin(), logsum.end(), kInf);
    logsum[o.origin] = 0.0;
    for (const Index j : o.order) {
      node_flow[j] = o.demand[j];
      if (j == o.origin) continue;
      double best = kInf;
      for (Index a = graph.first_in[j]; a < graph.first_in[j + 1]; ++a) {
        if (o.efficient[a] != 0) best = std::min(best, logsum[graph.tail[a]] + cost(a));
      }
      if (best == kInf) continue;
      double sum = 0.0;
      for (Index a = graph.first_in[j]; a < graph.first_in[j + 1]; ++a) {
        if (o.efficient[a] != 0) sum += std::exp(-theta * (logsum[graph.tail[a]] + cost(a) - best));
      }
      logsum[j] = best - std::log(sum) / theta;
    }
    Eigen::VectorXd& y = into[o.cls];
    for (Index v = 0; v < graph.node_count; ++v) {
      if (o.demand[v] > 0.0 && v != o.origin && !std::isfinite(logsum[v])) {
        return "class " + c.name + ": no efficient path to node " + std::to_string(v);
      }
    }
    for (auto it = o.order.rbegin(); it != o.order.rend(); ++it) {
      const Index j = *it;
      if (j == o.origin || node_flow[j] == 0.0) continue;
      for (Index a = graph.first_in[j]; a < graph.first_in[j + 1]; ++a) {
        if (o.efficient[a] == 0) continue;
        const double share = std::exp(-theta * (logsum[graph.tail[a]] + cost(a) - logsum[j]));
        y[a] += node_flow[j] * share;
        node_flow[graph.tail[a]] += node_flow[j] * share;
      }
    }
  }
  return {};
}

void LogitSolver::Impl::set_total_flow(const std::vector<Eigen::VectorXd>& per_class) {
  Eigen::Map<Eigen::VectorXd> total(links.flow.data(), graph.link_count);
  total.setZero();
  for (const Eigen::VectorXd& x : per_class) total += x;
  links.refresh_all();
}

LogitSolver::LogitSolver(Problem problem) : impl_(std::make_unique<Impl>(std::move(problem))) {}
LogitSolver::~LogitSolver() = default;
LogitSolver::LogitSolver(LogitSolver&&) noexcept = default;
LogitSolver& LogitSolver::operator=(LogitSolver&&) noexcept = default;

LogitSolver& LogitSolver::options(const LogitOptions& options) {
  impl_->options = options;
  return *this;
}

SolveResult LogitSolver::solve() {
  Impl& s = *impl_;
  SolveResult result;
  if (!s.invalid_reason.empty()) {
    result.status = SolveStatus::invalid_problem;
    result.reason = s.invalid_reason;
    return result;
  }
  const auto start = std::chrono::steady_clock::now();
  if (s.sets_stale) s.build_efficient_sets();
  if (!s.warm) {
    s.set_total_flow(s.class_flow);  // zero flow: free-flow costs
    if (std::string lost = s.load(s.class_flow); !lost.empty()) {
      result.status = SolveStatus::infeasible;
      result.reason = std::move(lost);
      return result;
    }
    s.set_total_flow(s.class_flow);
    s.warm = true;
  }
  double beta = 1.0;  // step 1 / beta
  double previous = kInf;
  for (int iteration = 1;; ++iteration) {
    if (std::string lost = s.load(s.class_aux); !lost.empty()) {
      result.status = SolveStatus::infeasible;
      result.reason = std::move(lost);
      return result;
    }
    double residual = 0.0, total_x = 0.0, total_y = 0.0;
    for (std::size_t k = 0; k < s.class_flow.size(); ++k) {
      residual += (s.class_aux[k] - s.class_flow[k]).lpNorm<1>();
      total_x += s.class_flow[k].lpNorm<1>();
      total_y += s.class_aux[k].lpNorm<1>();
    }
    const double total = std::max(total_x, total_y);
    const double change = total > 0.0 ? residual / total : 0.0;
    result.iterations = iteration;
    result.relative_gap = change;
    result.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (change <= s.options.tolerance) {
      result.status = SolveStatus::converged;
      break;
    }
    if (iteration >= s.options.max_iterations) {
      result.status = SolveStatus::iteration_limit;
      break;
    }
    if (s.options.max_seconds > 0.0 && result.seconds >= s.options.max_seconds) {
      result.status = SolveStatus::time_limit;
      break;
    }
    // SRA: a rising residual shortens the step quickly, a falling one slowly.
    // The first step of every solve takes the loading whole (beta = 1).
    beta = iteration == 1 ? 1.0 : beta + (residual >= previous ? kGrowOnRise : kGrowOnFall);
    previous = residual;
    for (std::size_t k = 0; k < s.class_flow.size(); ++k) {
      s.class_flow[k] += (s.class_aux[k] - s.class_flow[k]) / beta;
    }
    s.set_total_flow(s.class_flow);
  }
  result.reason = to_string(result.status);
  s.flow_out = Eigen::VectorXd::Zero(s.graph.link_count);
  for (Index k = 0; k < s.class_flow.size(); ++k) s.flow_out += class_link_flow(k);
  return result;
}

void LogitSolver::set_demand(Index class_index, Index origin, Index destination, double flow) {
  Impl& s = *impl_;
  if (!s.invalid_reason.empty()) return;
  if (class_index >= s.problem.classes.size() || origin >= s.graph.node_count ||
      destination >= s.graph.node_count || !(flow >= 0.0) || !std::isfinite(flow)) {
    s.invalid_reason = "set_demand: class, node or flow out of range";
    return;
  }
  const std::size_t before = s.origins.size();
  s.origin_for(class_index, origin).demand[destination] = flow;
  if (s.origins.size() != before) s.sets_stale = true;  // a new origin needs its links
}

void LogitSolver::set_link_cost(Index link, const LinkCostFunction& cost) {
  Impl& s = *impl_;
  if (!s.invalid_reason.empty()) return;
  if (link >= s.graph.link_count) {
    s.invalid_reason = "set_link_cost: no link " + std::to_string(link);
    return;
  }
  if (std::string e = check_cost(cost, link); !e.empty()) {
    s.invalid_reason = "set_link_cost: " + e;
    return;
  }
  s.links.fn[s.graph.internal[link]] = cost;
  s.links.refresh(s.graph.internal[link]);
  s.sets_stale = true;  // free-flow times define the efficient links
}

void LogitSolver::set_fixed_cost(Index class_index, Index link, double cost) {
  Impl& s = *impl_;
  if (!s.invalid_reason.empty()) return;
  if (class_index >= s.problem.classes.size() || link >= s.graph.link_count || !(cost >= 0.0) ||
      !std::isfinite(cost)) {
    s.invalid_reason = "set_fixed_cost: class, link or cost out of range";
    return;
  }
  const double vot = s.problem.classes[class_index].value_of_time;
  s.fixed_time[class_index][s.graph.internal[link]] = cost / vot;
  s.sets_stale = true;
}

const Eigen::VectorXd& LogitSolver::link_flow() const { return impl_->flow_out; }

Eigen::VectorXd LogitSolver::class_link_flow(Index class_index) const {
  const Impl& s = *impl_;
  Eigen::VectorXd out(s.graph.link_count);
  for (Index a = 0; a < s.graph.link_count; ++a) {
    out[s.graph.external[a]] = s.class_flow[class_index][a];
  }
  return out;
}

Eigen::VectorXd LogitSolver::link_time() const {
  const Impl& s = *impl_;
  Eigen::VectorXd out(s.graph.link_count);
  for (Index a = 0; a < s.graph.link_count; ++a) out[s.graph.external[a]] = s.links.time[a];
  return out;
}

}  // namespace corridor::assign
