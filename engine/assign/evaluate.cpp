// Parallel work over bushes, total link flows from the bushes, and the relative
// gap and Beckmann objective. The gap's shortest paths run in parallel over
// bushes; each bush writes its own slot and slots are summed in bush order, so
// results do not depend on the thread count.
#include <algorithm>
#include <string>
#include <thread>

#include "assign/solver_state.hpp"

namespace corridor::assign {
namespace {

using ConstMap = Eigen::Map<const Eigen::VectorXd>;

ConstMap as_vector(const std::vector<double>& v) {
  return {v.data(), static_cast<Eigen::Index>(v.size())};
}

}  // namespace

void EquilibriumSolver::Impl::for_each_bush(
    const std::function<void(std::size_t, ThreadWork&)>& task) {
  const std::size_t threads =
      std::min<std::size_t>(static_cast<std::size_t>(std::max(options.threads, 1)), work.size());
  if (threads <= 1 || bushes.size() < 4 * threads) {
    for (std::size_t b = 0; b < bushes.size(); ++b) task(b, work[0]);
    return;
  }
  // Static contiguous blocks: the partition only decides who computes a bush.
  std::vector<std::thread> workers;
  workers.reserve(threads - 1);
  const std::size_t block = (bushes.size() + threads - 1) / threads;
  for (std::size_t t = 1; t < threads; ++t) {
    workers.emplace_back([&, t] {
      const std::size_t end = std::min(bushes.size(), (t + 1) * block);
      for (std::size_t b = t * block; b < end; ++b) task(b, work[t]);
    });
  }
  for (std::size_t b = 0; b < std::min(bushes.size(), block); ++b) task(b, work[0]);
  for (std::thread& w : workers) w.join();
}

void EquilibriumSolver::Impl::recompute_link_flows() {
  Eigen::Map<Eigen::VectorXd> total(links.flow.data(),
                                    static_cast<Eigen::Index>(links.flow.size()));
  total.setZero();
  for (const detail::Bush& b : bushes) total += as_vector(b.flow);
  links.refresh_all();
}

std::string EquilibriumSolver::Impl::node_name(Index node) const {
  const auto& ids = problem.network.node_id;
  return std::to_string(ids.empty() ? static_cast<std::int64_t>(node) : ids[node]);
}

void EquilibriumSolver::Impl::evaluate() {
  const Index n = graph.node_count;
  for (std::size_t k = 0; k < fixed_time.size(); ++k) {
    detail::fill_out_costs(graph, links, fixed_time[k], out_cost[k]);
  }
  for_each_bush([&](std::size_t b, ThreadWork& w) {
    const detail::Bush& bush = bushes[b];
    detail::network_distances(graph, links, fixed_time[bush.cls].data(), out_cost[bush.cls].data(),
                              bush, w.distance);
    double sptt = 0.0;
    for (Index v = 0; v < n; ++v) {
      if (bush.demand[v] > 0.0 && v != bush.origin) sptt += bush.demand[v] * w.distance.dist[v];
    }
    const double vot = value_of_time[bush.cls];
    bush_fixed[b] = w.distance.bush_fixed;
    bush_tstt[b] = vot * w.distance.bush_cost;
    bush_sptt[b] = vot * sptt;
  });
  double tstt = 0.0, sptt = 0.0, fixed = 0.0;
  for (std::size_t b = 0; b < bushes.size(); ++b) {
    tstt += bush_tstt[b];
    sptt += bush_sptt[b];
    fixed += bush_fixed[b];
  }
  double integral = 0.0;
  for (Index a = 0; a < graph.link_count; ++a)
    integral += link_time_integral(links.fn[a], links.flow[a]);
  beckmann = integral + fixed;
  gap = tstt > 0.0 ? std::max(0.0, 1.0 - sptt / tstt) : 0.0;
}

}  // namespace corridor::assign
