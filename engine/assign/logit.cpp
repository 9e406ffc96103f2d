// Logit SUE: the fixed point of the logit loading (logit_origin.cpp) in the
// flows of the flow-dependent links, by Newton's method with the loading's
// exact Jacobian. See docs/assignment.md.
#include "corridor/assign/logit.hpp"

#include <Eigen/Cholesky>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <string>
#include <utility>

#include "assign/graph.hpp"
#include "assign/logit_origin.hpp"
#include "assign/shortest_path.hpp"

namespace corridor::assign {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
// Newton steps that do not lower the residual are halved at most this often.
constexpr int kMaxHalvings = 6;

}  // namespace

struct LogitSolver::Impl {
  Problem problem;
  LogitOptions options;
  std::string invalid_reason;
  detail::Graph graph;
  detail::LinkState links;
  std::vector<std::vector<double>> fixed_time;  // per class, internal link order
  std::vector<std::vector<double>> route_time;  // fixed costs that define the routes, same
  std::vector<detail::LogitOrigin> origins;
  std::vector<Index> dependent;        // links whose time depends on the flow
  std::vector<Index> dependent_index;  // per link: index in dependent, or kNoIndex
  Eigen::VectorXd time_out;            // per external link: time at the last solve's flows
  ProgressCallback progress;
  double gap = 1.0;                 // of the last solve
  std::vector<double> last_time;    // per link: its time at the end of the last solve
  Eigen::MatrixXd last_dispersion;  // the last Jacobian's S (0 x 0 when unknown)
  bool warm = false;
  bool sets_stale = true;           // efficient links must be rebuilt before the next loading
  std::uint64_t route_version = 0;  // counts rebuilds
  std::string lost;                 // a destination no route reaches (after the last rebuild)

  // Listed route r of a class: its origin and the route's index there.
  [[nodiscard]] std::pair<const detail::LogitOrigin*, Index> find_route(Index cls, Index r) const {
    for (const detail::LogitOrigin& o : origins) {
      if (o.cls() != cls) continue;
      if (r < o.route_count()) return {&o, r};
      r -= o.route_count();
    }
    return {nullptr, 0};
  }

  explicit Impl(Problem p);
  detail::LogitOrigin& origin_for(Index cls, Index origin);
  [[nodiscard]] detail::LogitClass class_of(const detail::LogitOrigin& o) const {
    const TrafficClass& c = problem.classes[o.cls()];
    return {c.value_of_time, c.logit_theta, fixed_time[o.cls()].data()};
  }
  void build_efficient_sets();
  [[nodiscard]] std::string unreachable() const;
  void load(Eigen::VectorXd& dep_flow);
  void dispersion_matrix(Eigen::MatrixXd& out);
  [[nodiscard]] double total_demand() const;
  void publish_times();  // time_out from the last loading
  // Flows of the last loading per external link, of class k or (kNoIndex) all.
  [[nodiscard]] Eigen::VectorXd link_flows(Index cls) const;
  // Checks a set_*_cost call; a bad one makes the problem invalid.
  bool accepts(Index cls, Index link, double cost, const char* what);
};

LogitSolver::Impl::Impl(Problem p) : problem(std::move(p)) {
  invalid_reason = validate(problem);
  if (!invalid_reason.empty()) return;
  const Network& net = problem.network;
  graph = detail::Graph(net);
  links.resize(graph.to_internal(net.cost));
  links.refresh_all();
  for (Index k = 0; k < problem.classes.size(); ++k) {
    const TrafficClass& c = problem.classes[k];
    fixed_time.emplace_back(net.link_count(), 0.0);
    for (Index a = 0; a < c.fixed_cost.size(); ++a) {
      fixed_time[k][graph.internal[a]] = c.fixed_cost[a] / c.value_of_time;
    }
    route_time.push_back(fixed_time[k]);
    for (const OdDemand& d : c.demand) {
      detail::LogitOrigin& o = origin_for(k, d.origin);
      o.set_demand(d.destination, o.demand(d.destination) + d.flow);
    }
  }
  publish_times();
}

detail::LogitOrigin& LogitSolver::Impl::origin_for(Index cls, Index origin) {
  for (detail::LogitOrigin& o : origins) {
    if (o.cls() == cls && o.origin() == origin) return o;
  }
  sets_stale = true;
  return origins.emplace_back(cls, origin, graph.node_count);
}

double LogitSolver::Impl::total_demand() const {
  double total = 0.0;
  for (const detail::LogitOrigin& o : origins) total += o.total_demand();
  return total;
}

// Efficient links are taken at free flow, whatever the current flows, so that
// the route set, and with it the SUE, stays well defined while flows change.
// Fixed routes (set_routes) are rebuilt only when they are set again.
void LogitSolver::Impl::build_efficient_sets() {
  // Free flow: no routed flow and no preload either.
  std::vector<LinkCostFunction> unloaded = links.fn;
  for (LinkCostFunction& f : unloaded) f.preload = 0.0;
  detail::LinkState free_flow;
  free_flow.resize(unloaded);
  free_flow.refresh_all();
  detail::ShortestPathTree tree;
  tree.resize(graph.node_count);
  std::vector<double> out_cost;
  bool rebuilt = false;
  for (detail::LogitOrigin& o : origins) {
    if (o.fixed()) {
      rebuilt = o.build_fixed(graph) || rebuilt;
      continue;
    }
    o.build(graph, free_flow, route_time[o.cls()].data(), options.max_listed_routes, tree,
            out_cost);
    rebuilt = true;
  }
  sets_stale = false;
  if (rebuilt) ++route_version;
}

std::string LogitSolver::Impl::unreachable() const {
  for (const detail::LogitOrigin& o : origins) {
    if (const Index v = o.unreachable(); v != kNoIndex) {
      return "class " + problem.classes[o.cls()].name + ": no efficient path from node " +
             std::to_string(o.origin()) + " to node " + std::to_string(v);
    }
  }
  return {};
}

void LogitSolver::Impl::load(Eigen::VectorXd& dep_flow) {
  dep_flow.setZero();
  for (detail::LogitOrigin& o : origins) o.load(links, class_of(o), dep_flow);
}

// S with dG/dv = -S diag(t'(v)): the sum over origins of their dispersion
// (symmetric positive semi-definite; its lower triangle, the upper is zero).
void LogitSolver::Impl::dispersion_matrix(Eigen::MatrixXd& out) {
  const auto m = static_cast<Eigen::Index>(dependent.size());
  out.setZero(m, m);
  for (detail::LogitOrigin& o : origins) o.add_dispersion(class_of(o), out);
}

LogitSolver::LogitSolver(Problem problem) : impl_(std::make_unique<Impl>(std::move(problem))) {}
LogitSolver::~LogitSolver() = default;
LogitSolver::LogitSolver(LogitSolver&&) noexcept = default;
LogitSolver& LogitSolver::operator=(LogitSolver&&) noexcept = default;

LogitSolver& LogitSolver::options(const LogitOptions& options) {
  if (options.max_listed_routes != impl_->options.max_listed_routes) impl_->sets_stale = true;
  impl_->options = options;
  return *this;
}

LogitSolver& LogitSolver::on_progress(ProgressCallback callback) {
  impl_->progress = std::move(callback);
  return *this;
}

void LogitSolver::reset() { impl_->warm = false; }

// The SUE is the fixed point v = G(v) of the map from the flows v on the
// flow-dependent links to the flows that the logit loading at times t(v) puts
// on them; every other link's time is constant. Newton's method: with
// f = G - v, D = diag(t'(v)) and S from dispersion_matrix() (symmetric positive
// semi-definite), the linearised system (I + S D) dv = f is solved through
// z = D^1/2 dv: (I + D^1/2 S D^1/2) z = D^1/2 f, symmetric positive definite
// (Cholesky); then dv = f - S D^1/2 z and dt = D^1/2 z (= D dv).
// A capacity-restraint link takes its step in time, t += dt and v = t^-1(t),
// other links in flow, v += dv and t = t(v): near capacity the time of a flow
// is steep and the flow of a time flat, so a step that overshoots capacity in
// flow sends the cost through the roof while one that overshoots in time
// barely moves the flow (and the Davidson inverse is smooth from zero flow,
// unlike the BPR's for powers above 1). A step that does not lower the
// residual is halved (at most kMaxHalvings times). Flows stay within
// [0, total demand].
namespace {

// Solves a z = b in place (z holds b on entry) for a symmetric positive
// definite a, of which it reads the lower triangle and overwrites it with its
// Cholesky factor; false when a is not positive definite. Eigen's unblocked
// factorisation: at the Newton system's size (tens of links) it is faster
// than LLT's blocked one.
bool cholesky_solve(Eigen::MatrixXd& a, Eigen::VectorXd& z) {
  if (Eigen::internal::llt_inplace<double, Eigen::Lower>::unblocked(a) != -1) return false;
  a.triangularView<Eigen::Lower>().solveInPlace(z);
  a.triangularView<Eigen::Lower>().adjoint().solveInPlace(z);
  return true;
}

// a x for a symmetric a of which the lower triangle is stored; Eigen's
// self-adjoint product dereferences the data of an empty matrix, so a system
// without flow-dependent links (m = 0) gets the empty vector directly.
Eigen::VectorXd lower_times(const Eigen::MatrixXd& a, const Eigen::VectorXd& x) {
  if (a.size() == 0) return Eigen::VectorXd::Zero(x.size());
  return a.selfadjointView<Eigen::Lower>() * x;
}

}  // namespace

SolveResult LogitSolver::solve() {
  Impl& s = *impl_;
  SolveResult result;
  if (!s.invalid_reason.empty()) {
    result.status = SolveStatus::invalid_problem;
    result.reason = s.invalid_reason;
    return result;
  }
  const auto start = std::chrono::steady_clock::now();
  const bool rebuilt = s.sets_stale;
  if (rebuilt) {
    s.build_efficient_sets();
    s.lost = s.unreachable();
  }
  if (!s.lost.empty()) {
    result.status = SolveStatus::infeasible;
    result.reason = s.lost;
    return result;
  }
  std::vector<Index> dependent;
  for (Index a = 0; a < s.graph.link_count; ++a) {
    const LinkCostFunction& fn = s.links.fn[a];
    if (fn.free_time > 0.0 && fn.alpha > 0.0) dependent.push_back(a);
  }
  if (rebuilt || dependent != s.dependent) {
    s.dependent = std::move(dependent);
    s.dependent_index.assign(s.graph.link_count, kNoIndex);
    for (Index i = 0; i < s.dependent.size(); ++i) s.dependent_index[s.dependent[i]] = i;
    for (detail::LogitOrigin& o : s.origins) o.set_dependent(s.dependent_index);
    s.last_dispersion.resize(0, 0);
  }
  for (detail::LogitOrigin& o : s.origins) o.prepare(s.links, s.class_of(o));
  const auto m = static_cast<Eigen::Index>(s.dependent.size());
  const auto dep = [&](Eigen::Index i) { return s.dependent[static_cast<std::size_t>(i)]; };
  const double demand = s.total_demand();
  const double upper = demand;

  Eigen::VectorXd v(m), t(m), lo(m), hi(m), g(m), f(m), root(m);
  Eigen::VectorXd base_v(m), base_t(m), step_v(m), step_t(m);
  std::vector<std::uint8_t> in_time(static_cast<std::size_t>(m));  // step in time, else flow
  Eigen::MatrixXd dispersion, newton(m, m);
  // Warm start: a link that steps in time starts at its last time (with a new
  // capacity the same time means another flow: the times, that is the route
  // costs, carry over better from step to step than the flows); the others
  // at the last shares applied to the new demand (after new routes, the last
  // flows). Measured on the baseline's Monte-Carlo draws (without the
  // predictor below): 4.0 loadings a step, 5.4 when every link starts from
  // the rescaled flows.
  const bool predict = s.warm && !rebuilt && s.last_dispersion.rows() == m;
  Eigen::VectorXd rescaled(m);
  if (s.warm && !rebuilt) {
    v.setZero();
    for (const detail::LogitOrigin& o : s.origins) o.add_rescaled_dep_flows(v);
    rescaled = v;
  } else {
    for (Eigen::Index i = 0; i < m; ++i) v[i] = s.warm ? s.links.flow[dep(i)] : 0.0;
  }
  for (Eigen::Index i = 0; i < m; ++i) {
    const LinkCostFunction& fn = s.links.fn[dep(i)];
    in_time[static_cast<std::size_t>(i)] = fn.kind == CostKind::capacity_restraint ? 1 : 0;
    lo[i] = assign::link_time(fn, 0.0);  // free-flow time on top of the preload
    hi[i] = assign::link_time(fn, upper);
    if (s.warm && in_time[static_cast<std::size_t>(i)] != 0) {
      t[i] = std::clamp(s.last_time[dep(i)], lo[i], hi[i]);
      v[i] = std::min(link_flow_at_time(fn, t[i]), upper);
    } else {
      v[i] = std::clamp(v[i], 0.0, upper);
      t[i] = assign::link_time(fn, v[i]);
    }
  }
  // Moves to base + fraction * step, each link in its own variable.
  const auto move = [&](double fraction) {
    for (Eigen::Index i = 0; i < m; ++i) {
      const LinkCostFunction& fn = s.links.fn[dep(i)];
      if (in_time[static_cast<std::size_t>(i)] != 0) {
        t[i] = std::clamp(base_t[i] + fraction * step_t[i], lo[i], hi[i]);
        v[i] = std::min(link_flow_at_time(fn, t[i]), upper);
      } else {
        v[i] = std::clamp(base_v[i] + fraction * step_v[i], 0.0, upper);
        t[i] = assign::link_time(fn, v[i]);
      }
    }
  };
  if (predict) {
    // Predictor: at the last times (and fixed costs) the new demand would load
    // the rescaled flows, so f is predicted without a loading; one Newton step
    // with the last solve's S (the demand moved, the route structure did not)
    // starts the iterations closer. Baseline draws: 3.1 loadings a step, 4.0
    // without.
    f = rescaled.cwiseMax(0.0).cwiseMin(upper) - v;
    for (Eigen::Index i = 0; i < m; ++i)
      root[i] = std::sqrt(std::max(link_time_derivative(s.links.fn[dep(i)], v[i]), 0.0));
    newton = root.asDiagonal() * s.last_dispersion * root.asDiagonal();
    newton.diagonal().array() += 1.0;
    Eigen::VectorXd z = root.cwiseProduct(f);
    const bool factored = cholesky_solve(newton, z);
    step_t = root.cwiseProduct(z);
    step_v = f - lower_times(s.last_dispersion, step_t);
    if (factored && step_t.allFinite() && step_v.allFinite()) {
      base_v = v;
      base_t = t;
      move(1.0);
    }
  }
  double base_residual = kInf;
  double fraction = 1.0;
  int halvings = 0;
  for (int iteration = 1;; ++iteration) {
    for (Eigen::Index i = 0; i < m; ++i) {
      const Index a = dep(i);
      s.links.flow[a] = v[i];
      s.links.time[a] = t[i];
      s.links.deriv[a] = link_time_derivative(s.links.fn[a], v[i]);
    }
    s.load(g);
    f = g - v;
    const double residual = demand > 0.0 ? f.lpNorm<1>() / demand : 0.0;
    result.iterations = iteration;
    result.relative_gap = residual;
    result.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (s.progress && !s.progress({iteration, residual, 0.0, result.seconds})) {
      result.status = SolveStatus::stopped;
      break;
    }
    if (residual <= s.options.tolerance) {
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
    if (residual >= base_residual && halvings < kMaxHalvings) {
      fraction /= 2.0;
      ++halvings;
      move(fraction);
      continue;
    }
    s.dispersion_matrix(dispersion);
    s.last_dispersion = dispersion;
    for (Eigen::Index i = 0; i < m; ++i) root[i] = std::sqrt(std::max(s.links.deriv[dep(i)], 0.0));
    newton = root.asDiagonal() * dispersion * root.asDiagonal();
    newton.diagonal().array() += 1.0;
    Eigen::VectorXd z = root.cwiseProduct(f);
    const bool factored = cholesky_solve(newton, z);
    step_t = root.cwiseProduct(z);
    step_v = f - lower_times(dispersion, step_t);
    if (!factored || !step_t.allFinite() || !step_v.allFinite()) {
      // A safeguard (rounding could break the Newton system): fall back to
      // the plain fixed-point step v -> G(v), damped by the halving above.
      step_v = f;
      step_t = root.cwiseAbs2().cwiseProduct(f);
    }
    base_v = v;
    base_t = t;
    base_residual = residual;
    fraction = 1.0;
    halvings = 0;
    move(1.0);
  }
  // The times of the last loading's flows. Only flow-dependent links change:
  // every other link's time is constant.
  for (Eigen::Index i = 0; i < m; ++i) {
    s.links.flow[dep(i)] = g[i];
    s.links.refresh(dep(i));
  }
  s.publish_times();
  s.gap = result.relative_gap;
  s.last_time = s.links.time;
  s.warm = true;
  result.reason = to_string(result.status);
  return result;
}

void LogitSolver::Impl::publish_times() {
  time_out.resize(graph.link_count);
  for (Index a = 0; a < graph.link_count; ++a) time_out[graph.external[a]] = links.time[a];
}

Eigen::VectorXd LogitSolver::Impl::link_flows(Index cls) const {
  Eigen::VectorXd internal = Eigen::VectorXd::Zero(graph.link_count);
  for (const detail::LogitOrigin& o : origins) {
    if (cls == kNoIndex || o.cls() == cls) o.add_link_flows(internal);
  }
  Eigen::VectorXd out(graph.link_count);
  for (Index a = 0; a < graph.link_count; ++a) out[graph.external[a]] = internal[a];
  return out;
}

void LogitSolver::set_demand(Index class_index, Index origin, Index destination, double flow) {
  Impl& s = *impl_;
  if (!s.invalid_reason.empty()) return;
  if (class_index >= s.problem.classes.size() || origin >= s.graph.node_count ||
      destination >= s.graph.node_count || !(flow >= 0.0) || !std::isfinite(flow)) {
    s.invalid_reason = "set_demand: class, node or flow out of range";
    return;
  }
  if (s.origin_for(class_index, origin).set_demand(destination, flow)) s.sets_stale = true;
}

void LogitSolver::set_link_cost(Index link, const LinkCostFunction& cost) {
  Impl& s = *impl_;
  if (!s.invalid_reason.empty()) return;
  if (std::string e = detail::link_cost_change_error(s.graph, link, cost); !e.empty()) {
    s.invalid_reason = std::move(e);
    return;
  }
  const Index a = s.graph.internal[link];
  // Free-flow times define the efficient links; a new capacity alone does not.
  if (cost.free_time != s.links.fn[a].free_time) s.sets_stale = true;
  s.problem.network.cost[link] = cost;
  s.links.fn[a] = cost;
  s.links.refresh(a);
}

bool LogitSolver::Impl::accepts(Index cls, Index link, double cost, const char* what) {
  if (!invalid_reason.empty()) return false;
  if (cls >= problem.classes.size() || link >= graph.link_count || !(cost >= 0.0) ||
      !std::isfinite(cost)) {
    invalid_reason = std::string(what) + ": class, link or cost out of range";
    return false;
  }
  return true;
}

void LogitSolver::set_fixed_cost(Index class_index, Index link, double cost) {
  Impl& s = *impl_;
  if (!s.accepts(class_index, link, cost, "set_fixed_cost")) return;
  TrafficClass& c = s.problem.classes[class_index];
  if (c.fixed_cost.empty()) c.fixed_cost.assign(s.problem.network.tail.size(), 0.0);
  c.fixed_cost[link] = cost;
  s.fixed_time[class_index][s.graph.internal[link]] = cost / c.value_of_time;
}

void LogitSolver::set_route_cost(Index class_index, Index link, double cost) {
  Impl& s = *impl_;
  if (!s.accepts(class_index, link, cost, "set_route_cost")) return;
  double& t = s.route_time[class_index][s.graph.internal[link]];
  const double value = cost / s.problem.classes[class_index].value_of_time;
  if (t != value) s.sets_stale = true;
  t = value;
}

void LogitSolver::set_routes(Index class_index, const std::vector<std::vector<Index>>& routes) {
  Impl& s = *impl_;
  if (!s.invalid_reason.empty()) return;
  if (class_index >= s.problem.classes.size() || routes.empty()) {
    s.invalid_reason = "set_routes: class out of range or no route";
    return;
  }
  std::vector<std::vector<Index>> internal;
  const Index origin =
      routes.front().empty() ? kNoIndex : s.problem.network.tail[routes.front()[0]];
  for (const std::vector<Index>& route : routes) {
    bool path = !route.empty();
    for (std::size_t i = 0; path && i < route.size(); ++i) {
      path = route[i] < s.graph.link_count &&
             (i == 0 ? s.problem.network.tail[route[i]] == origin
                     : s.problem.network.tail[route[i]] == s.problem.network.head[route[i - 1]]);
    }
    if (!path) {
      s.invalid_reason = "set_routes: class " + s.problem.classes[class_index].name +
                         ": a route is not a path from one origin";
      return;
    }
    std::vector<Index>& in = internal.emplace_back();
    for (const Index a : route) in.push_back(s.graph.internal[a]);
  }
  s.origin_for(class_index, origin).set_fixed_routes(std::move(internal));
  s.sets_stale = true;
}

void LogitSolver::set_route_constants(Index class_index, const std::vector<double>& cost) {
  Impl& s = *impl_;
  if (!s.invalid_reason.empty()) return;
  for (detail::LogitOrigin& o : s.origins) {
    if (o.cls() != class_index || !o.fixed()) continue;
    if (cost.size() != o.route_count() && o.route_count() != 0) {
      s.invalid_reason = "set_route_constants: one constant per fixed route";
      return;
    }
    for (const double c : cost) {
      if (!std::isfinite(c)) {
        s.invalid_reason = "set_route_constants: a constant is not finite";
        return;
      }
    }
    o.set_route_constants(cost);
  }
}

double LogitSolver::expected_cost(Index class_index, Index origin, Index destination) const {
  const Impl& s = *impl_;
  for (const detail::LogitOrigin& o : s.origins) {
    if (o.cls() == class_index && o.origin() == origin)
      return o.expected_cost(destination, s.problem.classes[class_index].logit_theta);
  }
  return std::numeric_limits<double>::infinity();
}

const Problem& LogitSolver::problem() const { return impl_->problem; }
Eigen::VectorXd LogitSolver::link_flow() const { return impl_->link_flows(kNoIndex); }
const Eigen::VectorXd& LogitSolver::link_time() const { return impl_->time_out; }
double LogitSolver::relative_gap() const { return impl_->gap; }

Index LogitSolver::route_count(Index class_index) const {
  Index count = 0;
  for (const detail::LogitOrigin& o : impl_->origins) {
    if (o.cls() != class_index) continue;
    if (!o.uses_routes()) return 0;  // all listed, or none
    count += o.route_count();
  }
  return count;
}

std::vector<Index> LogitSolver::route_links(Index class_index, Index route) const {
  const auto [o, r] = impl_->find_route(class_index, route);
  if (o == nullptr) return {};
  std::vector<Index> links = o->route_links(r);
  for (Index& a : links) a = impl_->graph.external[a];
  return links;
}

double LogitSolver::route_flow(Index class_index, Index route) const {
  const auto [o, r] = impl_->find_route(class_index, route);
  return o == nullptr ? 0.0 : o->route_flow(r);
}

std::uint64_t LogitSolver::route_set_version() const { return impl_->route_version; }

Eigen::VectorXd LogitSolver::class_link_flow(Index class_index) const {
  return impl_->link_flows(class_index);
}

}  // namespace corridor::assign
