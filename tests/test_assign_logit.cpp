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
