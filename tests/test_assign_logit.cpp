// Logit SUE on a two-route network: the shares satisfy the closed form.
#include <gtest/gtest.h>

#include <cmath>

#include "corridor/assign/logit.hpp"

namespace corridor::assign {
namespace {

// Two parallel routes 0 -> 1 with t1 = 10 + x1, t2 = 20 + 0.5 x2, demand 50.
// UE: 10 + x1 = 20 + 0.5 (50 - x1) => x1 = 70/3; logit SUE spreads more evenly.
Problem two_routes(double theta) {
  Problem p;
  p.network.node_count = 2;
  p.network.tail = {0, 0};
  p.network.head = {1, 1};
  p.network.cost = {{CostKind::bpr, 10.0, 1.0, 0.1, 1.0}, {CostKind::bpr, 20.0, 1.0, 0.025, 1.0}};
  p.classes.push_back({"all", 1.0, {}, {{0, 1, 50.0}}, theta});
  return p;
}

// At the logit SUE, x1 = d / (1 + exp(theta (c1(x1) - c2(d - x1)))). With
// theta = 0.2 the root of f(x1) = x1 - 50 / (1 + exp(0.2 (1.5 x1 - 35))) is
// found below by bisection (f is increasing), independently of the solver.
TEST(AssignLogit, TwoRouteSharesMatchTheClosedForm) {
  const double theta = 0.2;
  auto f = [&](double x1) { return x1 - 50.0 / (1.0 + std::exp(theta * (1.5 * x1 - 35.0))); };
  double lo = 0.0, hi = 50.0;
  for (int i = 0; i < 200; ++i) (f(0.5 * (lo + hi)) > 0.0 ? hi : lo) = 0.5 * (lo + hi);
  const double x1 = 0.5 * (lo + hi);

  LogitSolver solver(two_routes(theta));
  const SolveResult r = solver.solve();
  ASSERT_EQ(r.status, SolveStatus::converged) << r.reason;
  EXPECT_NEAR(solver.link_flow()[0], x1, 1e-7);
  EXPECT_NEAR(solver.link_flow()[1], 50.0 - x1, 1e-7);
  EXPECT_GT(x1, 70.0 / 3.0 + 0.3);  // 23.68: not the UE split
}

TEST(AssignLogit, LargeThetaApproachesUserEquilibrium) {
  // theta = 5: 1.5 x1 - 35 = s with 23.33 + s / 1.5 = 50 / (1 + e^(5 s)) gives
  // s ~ 0.026, x1 ~ 23.35, within 0.05 of the UE split 70/3.
  LogitSolver solver(two_routes(5.0));
  const SolveResult r = solver.solve();
  ASSERT_EQ(r.status, SolveStatus::converged) << r.iterations << " " << r.relative_gap;
  EXPECT_NEAR(solver.link_flow()[0], 70.0 / 3.0, 0.05);
}

TEST(AssignLogit, WarmStartAfterDemandChange) {
  LogitSolver solver(two_routes(0.2));
  ASSERT_EQ(solver.solve().status, SolveStatus::converged);
  solver.set_demand(0, 0, 1, 0.0);
  ASSERT_EQ(solver.solve().status, SolveStatus::converged);
  EXPECT_NEAR(solver.link_flow().sum(), 0.0, 1e-9);
}

TEST(AssignLogit, WarmStartAfterCostChangeEqualsFreshSolve) {
  LogitSolver warm(two_routes(0.2));
  ASSERT_EQ(warm.solve().status, SolveStatus::converged);
  const LinkCostFunction slower{CostKind::bpr, 12.0, 1.0, 1.0 / 12.0, 1.0};  // 12 + x1
  warm.set_link_cost(0, slower);
  warm.set_fixed_cost(0, 1, 1.5);
  ASSERT_EQ(warm.solve().status, SolveStatus::converged);
  Problem changed = two_routes(0.2);
  changed.network.cost[0] = slower;
  changed.classes[0].fixed_cost = {0.0, 1.5};
  LogitSolver fresh(std::move(changed));
  ASSERT_EQ(fresh.solve().status, SolveStatus::converged);
  EXPECT_NEAR(warm.link_flow()[0], fresh.link_flow()[0], 1e-7);
  EXPECT_NEAR(warm.link_flow()[1], fresh.link_flow()[1], 1e-7);
}

TEST(AssignLogit, NewOriginAndBadChange) {
  Problem p = two_routes(0.2);
  p.network.node_count = 3;
  p.network.tail.push_back(2);
  p.network.head.push_back(0);
  p.network.cost.push_back({CostKind::bpr, 1.0, 1.0, 0.0, 1.0});
  LogitSolver solver(p);
  solver.set_demand(0, 2, 1, 10.0);  // an origin without demand in the problem
  ASSERT_EQ(solver.solve().status, SolveStatus::converged);
  EXPECT_NEAR(solver.link_flow()[2], 10.0, 1e-9);
  EXPECT_NEAR(solver.link_flow()[0] + solver.link_flow()[1], 60.0, 1e-7);
  solver.set_link_cost(0, {CostKind::bpr, 1.0, -1.0, 0.1, 1.0});
  EXPECT_EQ(solver.solve().status, SolveStatus::invalid_problem);
}

}  // namespace
}  // namespace corridor::assign

namespace corridor::assign {
namespace {

// Five layers of three nodes, every node linked to every node of the next
// layer (3^5 routes from the source to the sink, most of them efficient),
// capacities that bind, and two classes that weigh time and money differently.
Problem layered() {
  Problem p;
  const Index layers = 5, width = 3;
  p.network.node_count = 2 + layers * width;  // 0 source, 1 sink
  auto node = [&](Index layer, Index i) { return 2 + layer * width + i; };
  Index seed = 7;
  auto next = [&]() {  // small deterministic generator, values in [0, 1)
    seed = (seed * 1103515245u + 12345u) & 0x7fffffffu;
    return static_cast<double>(seed) / 2147483648.0;
  };
  auto link = [&](Index from, Index to) {
    p.network.tail.push_back(from);
    p.network.head.push_back(to);
    const CostKind kind =
        p.network.tail.size() % 2 == 0 ? CostKind::bpr : CostKind::capacity_restraint;
    LinkCostFunction f{kind, 1.0 + 4.0 * next(), 20.0 + 30.0 * next(), 0.5 + next(), 4.0};
    if (kind == CostKind::capacity_restraint) f.beta = 0.9;
    p.network.cost.push_back(f);
  };
  for (Index i = 0; i < width; ++i) link(0, node(0, i));
  for (Index l = 0; l + 1 < layers; ++l) {
    for (Index i = 0; i < width; ++i) {
      for (Index j = 0; j < width; ++j) link(node(l, i), node(l + 1, j));
    }
  }
  for (Index i = 0; i < width; ++i) link(node(layers - 1, i), 1);
  std::vector<double> toll(p.network.tail.size());
  for (double& t : toll) t = 10.0 * next();
  p.classes.push_back({"fast", 3.0, toll, {{0, 1, 60.0}, {0, node(2, 1), 15.0}}, 0.05});
  p.classes.push_back({"cheap", 0.5, toll, {{0, 1, 40.0}}, 0.2});
  return p;
}

LogitOptions tight(std::uint32_t listed) {
  LogitOptions o;
  o.tolerance = 1e-12;
  o.max_listed_routes = listed;
  return o;
}

TEST(AssignLogit, ListedRoutesAndLinkPassesGiveTheSameFlows) {
  LogitSolver routes(layered()), passes(layered());
  routes.options(tight(256));
  passes.options(tight(0));
  const SolveResult a = routes.solve(), b = passes.solve();
  ASSERT_EQ(a.status, SolveStatus::converged) << a.relative_gap;
  ASSERT_EQ(b.status, SolveStatus::converged) << b.relative_gap;
  EXPECT_GT(routes.route_count(1), 27u);  // listed: the efficient ones of 3^5
  EXPECT_EQ(passes.route_count(1), 0u);
  for (Eigen::Index e = 0; e < routes.link_flow().size(); ++e)
    EXPECT_NEAR(routes.link_flow()[e], passes.link_flow()[e], 1e-8) << "link " << e;
}

// Newton with the exact Jacobian converges quadratically; averaging (or a
// wrong Jacobian) would need far more loadings on these binding capacities.
TEST(AssignLogit, NewtonNeedsFewLoadings) {
  for (const std::uint32_t listed : {256u, 0u}) {
    LogitSolver solver(layered());
    solver.options(tight(listed));
    const SolveResult r = solver.solve();
    ASSERT_EQ(r.status, SolveStatus::converged);
    EXPECT_LE(r.iterations, 12) << "listed " << listed;
  }
}

TEST(AssignLogit, RouteFlowsAddUpToDemandAndLinkFlows) {
  LogitSolver solver(layered());
  solver.options(tight(256));
  ASSERT_EQ(solver.solve().status, SolveStatus::converged);
  for (Index k = 0; k < 2; ++k) {
    Eigen::VectorXd from_routes = Eigen::VectorXd::Zero(solver.link_flow().size());
    double total = 0.0;
    for (Index r = 0; r < solver.route_count(k); ++r) {
      const double f = solver.route_flow(k, r);
      EXPECT_GE(f, 0.0);
      total += f;
      for (const Index a : solver.route_links(k, r)) from_routes[a] += f;
    }
    EXPECT_NEAR(total, k == 0 ? 75.0 : 40.0, 1e-9);
    EXPECT_LT((from_routes - solver.class_link_flow(k)).lpNorm<Eigen::Infinity>(), 1e-9);
  }
  EXPECT_GT(solver.route_count(0), solver.route_count(1));  // also to the middle node
}

// Fixed costs (such as waiting times) change the shares, not the routes; a
// route cost changes the routes.
TEST(AssignLogit, RouteCostsDefineTheRoutesFixedCostsTheShares) {
  Problem p = two_routes(0.2);
  p.network.node_count = 3;  // a third route 0 -> 2 -> 1
  p.network.tail.insert(p.network.tail.end(), {0, 2});
  p.network.head.insert(p.network.head.end(), {2, 1});
  p.network.cost.push_back({CostKind::bpr, 5.0, 1.0, 0.0, 1.0});
  p.network.cost.push_back({CostKind::bpr, 5.0, 1.0, 0.0, 1.0});
  LogitSolver solver(p);
  ASSERT_EQ(solver.solve().status, SolveStatus::converged);
  const std::uint64_t version = solver.route_set_version();
  EXPECT_EQ(solver.route_count(0), 3u);
  const double before = solver.link_flow()[2];
  solver.set_fixed_cost(0, 2, 100.0);  // a long wait on the third route
  ASSERT_EQ(solver.solve().status, SolveStatus::converged);
  EXPECT_EQ(solver.route_set_version(), version);
  EXPECT_EQ(solver.route_count(0), 3u);
  EXPECT_LT(solver.link_flow()[2], before * 1e-3);
  solver.set_route_cost(0, 2, 0.0);  // unchanged: routes kept
  ASSERT_EQ(solver.solve().status, SolveStatus::converged);
  EXPECT_EQ(solver.route_set_version(), version);
  solver.set_route_cost(0, 2, 100.0);  // now 0 -> 2 -> 1 is no efficient route
  ASSERT_EQ(solver.solve().status, SolveStatus::converged);
  EXPECT_NE(solver.route_set_version(), version);
  EXPECT_EQ(solver.route_count(0), 2u);
  EXPECT_EQ(solver.link_flow()[2], 0.0);
}

TEST(AssignLogit, DemandWithoutAnyRouteIsInfeasible) {
  Problem p = two_routes(0.2);
  p.network.node_count = 3;  // node 2 is reached by nothing
  LogitSolver solver(p);
  solver.set_demand(0, 0, 2, 5.0);
  const SolveResult r = solver.solve();
  EXPECT_EQ(r.status, SolveStatus::infeasible);
  EXPECT_NE(r.reason.find("no efficient path"), std::string::npos) << r.reason;
}

}  // namespace
}  // namespace corridor::assign

namespace corridor::assign {
namespace {

// The warm start (last times, the predictor step from the last Jacobian) must
// reach the same equilibrium as a fresh solve after demand and capacities move
// the way a month moves them, with routes listed and with link passes.
TEST(AssignLogit, WarmSolvesAfterDemandAndCapacityChangesMatchFreshOnes) {
  for (const std::uint32_t listed : {256u, 0u}) {
    Problem p = layered();
    LogitSolver warm(p);
    warm.options(tight(listed));
    ASSERT_EQ(warm.solve().status, SolveStatus::converged);
    for (int month = 1; month <= 4; ++month) {
      const double scale = month % 2 == 0 ? 1.15 : 0.8;
      for (TrafficClass& c : p.classes) {
        for (OdDemand& d : c.demand) d.flow *= scale;
      }
      for (Index k = 0; k < p.classes.size(); ++k) {
        for (const OdDemand& d : p.classes[k].demand)
          warm.set_demand(k, d.origin, d.destination, d.flow);
      }
      for (Index a = static_cast<Index>(month); a < p.network.link_count(); a += 5) {
        p.network.cost[a].capacity *= month % 2 == 0 ? 0.7 : 1.3;
        warm.set_link_cost(a, p.network.cost[a]);
      }
      const SolveResult r = warm.solve();
      ASSERT_EQ(r.status, SolveStatus::converged) << "month " << month;
      LogitSolver fresh(p);
      fresh.options(tight(listed));
      ASSERT_EQ(fresh.solve().status, SolveStatus::converged);
      for (Eigen::Index e = 0; e < fresh.link_flow().size(); ++e)
        ASSERT_NEAR(warm.link_flow()[e], fresh.link_flow()[e], 1e-7)
            << "month " << month << " link " << e;
    }
  }
}

// The logit solver has the user-equilibrium solver's shape: progress reports
// that can stop it, a reset to a cold start, and const gap and flow queries.
TEST(AssignLogit, ProgressResetAndQueriesMatchTheEquilibriumSolver) {
  LogitSolver solver(two_routes(0.2));
  int reports = 0;
  solver.on_progress([&reports](const IterationReport& r) {
    ++reports;
    EXPECT_EQ(r.iteration, reports);
    return r.iteration < 2;  // stop after the second loading
  });
  const SolveResult stopped = solver.solve();
  EXPECT_EQ(stopped.status, SolveStatus::stopped);
  EXPECT_EQ(reports, 2);
  EXPECT_EQ(solver.relative_gap(), stopped.relative_gap);

  solver.on_progress({});
  const SolveResult converged = solver.solve();
  ASSERT_EQ(converged.status, SolveStatus::converged);
  EXPECT_EQ(solver.relative_gap(), converged.relative_gap);
  const Eigen::VectorXd flow = solver.link_flow();
  const Eigen::VectorXd time = solver.link_time();
  EXPECT_EQ(solver.link_flow(), flow);          // queries change nothing
  EXPECT_NEAR(time[0], 10.0 + flow[0], 1e-12);  // t1 = 10 + x1

  LogitSolver fresh(two_routes(0.2));
  const SolveResult first = fresh.solve();
  ASSERT_EQ(first.status, SolveStatus::converged);
  solver.reset();
  const SolveResult cold = solver.solve();
  ASSERT_EQ(cold.status, SolveStatus::converged);
  EXPECT_EQ(cold.iterations, first.iterations);  // the same cold path
  EXPECT_NEAR(solver.link_flow()[0], fresh.link_flow()[0], 1e-9);
  EXPECT_EQ(solver.problem().classes.front().demand.front().flow, 50.0);
}

}  // namespace
}  // namespace corridor::assign
