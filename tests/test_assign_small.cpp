// Equilibrium solver on small networks whose equilibrium is known in closed form.
#include <gtest/gtest.h>

#include <cmath>

#include "corridor/assign/solver.hpp"
#include "test_support.hpp"

namespace corridor::assign {
namespace {

// t = t0 * (1 + alpha * x / c) with c = 1: a linear cost t0 + t0 * alpha * x.
LinkCostFunction linear(double t0, double slope) {
  return {CostKind::bpr, t0, 1.0, slope / t0, 1.0};
}

Problem network(Index nodes, std::vector<std::pair<Index, Index>> links,
                std::vector<LinkCostFunction> costs) {
  Problem p;
  p.network.node_count = nodes;
  for (const auto& [from, to] : links) {
    p.network.tail.push_back(from);
    p.network.head.push_back(to);
  }
  p.network.cost = std::move(costs);
  return p;
}

// Two parallel routes 0 -> 1: t1 = 10 + x1, t2 = 20 + 0.5 x2, demand 40.
// Equal costs: 10 + x1 = 20 + 0.5 (40 - x1)  =>  x1 = 20, x2 = 20, cost 30.
Problem two_routes() {
  Problem p = network(2, {{0, 1}, {0, 1}}, {linear(10, 1.0), linear(20, 0.5)});
  p.classes.push_back({"all", 1.0, {}, {{0, 1, 40.0}}, 1.0});
  return p;
}

TEST(AssignSmall, TwoRoutesMatchTheClosedForm) {
  EquilibriumSolver solver(two_routes());
  const SolveResult r = solver.solve();
  ASSERT_EQ(r.status, SolveStatus::converged) << r.reason;
  EXPECT_NEAR(solver.link_flow()[0], 20.0, 1e-8);
  EXPECT_NEAR(solver.link_flow()[1], 20.0, 1e-8);
  EXPECT_NEAR(solver.link_time()[0], 30.0, 1e-8);
  // Beckmann: int_0^20 (10 + x) + int_0^20 (20 + 0.5 x) = 400 + 500 = 900.
  EXPECT_NEAR(solver.objective(), 900.0, 1e-6);
  EXPECT_LE(solver.relative_gap(), 1e-10);
}

// Braess with demand 6 from s=0 to t=3:
//   s->a: 1 + 10x, a->t: 50 + x, s->b: 50 + x, b->t: 1 + 10x, a->b: 10 + x.
// By symmetry paths s-a-t and s-b-t carry f each and s-a-b-t carries 6 - 2f;
// C(s-a-t) = 111 - 9f, C(s-a-b-t) = 138 - 22f; equal at f = 27/13, cost 1200/13.
TEST(AssignSmall, BraessMatchesTheClosedForm) {
  Problem p = network(4, {{0, 1}, {1, 3}, {0, 2}, {2, 3}, {1, 2}},
                      {linear(1, 10), linear(50, 1), linear(50, 1), linear(1, 10), linear(10, 1)});
  p.classes.push_back({"all", 1.0, {}, {{0, 3, 6.0}}, 1.0});
  EquilibriumSolver solver(std::move(p));
  ASSERT_EQ(solver.solve().status, SolveStatus::converged);
  const double f = 27.0 / 13.0;
  const Eigen::VectorXd& x = solver.link_flow();
  EXPECT_NEAR(x[0], 6.0 - f, 1e-8);
  EXPECT_NEAR(x[1], f, 1e-8);
  EXPECT_NEAR(x[2], f, 1e-8);
  EXPECT_NEAR(x[3], 6.0 - f, 1e-8);
  EXPECT_NEAR(x[4], 6.0 - 2.0 * f, 1e-8);
  const Eigen::VectorXd& t = solver.link_time();
  EXPECT_NEAR(t[0] + t[1], 1200.0 / 13.0, 1e-7);
  EXPECT_NEAR(t[0] + t[4] + t[3], 1200.0 / 13.0, 1e-7);
}

// Two classes on the two routes t1 = 10 + x1 (toll 10), t2 = 20 + x2.
// Class A (vot 1, demand 20) and class B (vot 2, demand 10). B pays the toll in
// time units 10/2 = 5, so it takes route 1 alone; A splits so that
// 10 + 10 + x1 = 20 + x2 with x1 = 10 + a, x2 = 20 - a  =>  a = 5.
// Then B compares 5 + 25 = 30 < 35: route 1 only, as assumed.
TEST(AssignSmall, ClassesWithDifferentValuesOfTime) {
  Problem p = network(2, {{0, 1}, {0, 1}}, {linear(10, 1.0), linear(20, 1.0)});
  p.classes.push_back({"A", 1.0, {10.0, 0.0}, {{0, 1, 20.0}}, 1.0});
  p.classes.push_back({"B", 2.0, {10.0, 0.0}, {{0, 1, 10.0}}, 1.0});
  EquilibriumSolver solver(std::move(p));
  ASSERT_EQ(solver.solve().status, SolveStatus::converged);
  const Eigen::VectorXd a = solver.class_link_flow(0);
  const Eigen::VectorXd b = solver.class_link_flow(1);
  EXPECT_NEAR(a[0], 5.0, 1e-8);
  EXPECT_NEAR(a[1], 15.0, 1e-8);
  EXPECT_NEAR(b[0], 10.0, 1e-8);
  EXPECT_NEAR(b[1], 0.0, 1e-8);
  EXPECT_NEAR(solver.class_link_cost(0)[0], 35.0, 1e-7);  // 10 + (10 + 15)
  EXPECT_NEAR(solver.class_link_cost(1)[0], 60.0, 1e-7);  // 10 + 2 * 25
  EXPECT_TRUE(solver.origin_link_flow(1, 0).isApprox(b));
}

TEST(AssignSmall, WarmStartAfterDemandChangeEqualsColdSolve) {
  EquilibriumSolver warm(two_routes());
  ASSERT_EQ(warm.solve().status, SolveStatus::converged);
  warm.set_demand(0, 0, 1, 46.0);  // new equilibrium: 10 + x1 = 20 + 0.5 (46 - x1) => x1 = 22
  const SolveResult r = warm.solve();
  ASSERT_EQ(r.status, SolveStatus::converged);
  EXPECT_NEAR(warm.link_flow()[0], 22.0, 1e-8);
  Problem changed = two_routes();
  changed.classes[0].demand[0].flow = 46.0;
  EquilibriumSolver cold(std::move(changed));
  ASSERT_EQ(cold.solve().status, SolveStatus::converged);
  EXPECT_NEAR(warm.link_flow()[1], cold.link_flow()[1], 1e-8);
  EXPECT_NEAR(warm.objective(), cold.objective(), 1e-6);
}

// scale_demand keeps every node's split of its inflow, as set_demand's reload
// does, by scaling the bush flows: the warm start (iteration 0, without the
// pair rounds that would already balance the two routes) is the old solution
// times the factor, and the solve ends at the new equilibrium.
TEST(AssignSmall, ScaledDemandWarmStartsFromTheScaledSolution) {
  EquilibriumSolver scaled(two_routes());
  EquilibriumSolver set(two_routes());
  for (EquilibriumSolver* s : {&scaled, &set}) ASSERT_EQ(s->solve().status, SolveStatus::converged);
  scaled.scale_demand(0, 1.1);
  scaled.scale_demand(0, 46.0 / 44.0);  // factors multiply: 40 -> 46
  set.set_demand(0, 0, 1, 46.0);
  SolverOptions start_only;
  start_only.max_iterations = 0;
  start_only.pas_rounds = 0;
  for (EquilibriumSolver* s : {&scaled, &set}) {
    EXPECT_EQ(s->options(start_only).solve().status, SolveStatus::iteration_limit);
    EXPECT_NEAR(s->link_flow()[0], 23.0, 1e-9);
    EXPECT_NEAR(s->link_flow()[1], 23.0, 1e-9);
    ASSERT_EQ(s->options(SolverOptions{}).solve().status, SolveStatus::converged);
    EXPECT_NEAR(s->link_flow()[0], 22.0, 1e-8);
    EXPECT_NEAR(s->link_flow()[1], 24.0, 1e-8);
  }
  // Scaling to zero; then a set_demand and a scale_demand on the same bush: the
  // reload reads the demand itself (20 x 2), so the factor is not applied twice.
  scaled.scale_demand(0, 0.0);
  ASSERT_EQ(scaled.solve().status, SolveStatus::converged);
  EXPECT_EQ(scaled.link_flow()[0] + scaled.link_flow()[1], 0.0);
  scaled.set_demand(0, 0, 1, 20.0);
  scaled.scale_demand(0, 2.0);
  ASSERT_EQ(scaled.solve().status, SolveStatus::converged);
  EXPECT_NEAR(scaled.link_flow()[0], 20.0, 1e-8);
  EXPECT_NEAR(scaled.link_flow()[1], 20.0, 1e-8);
}

// A new destination behind nodes that carried no flow: the warm start routes
// its demand along the shortest bush path before iterating. 0 -> 1 as in
// two_routes; 2 is reached by 1 -> 2 (t = 5 + x) or 0 -> 3 -> 2 (t = 1 + x
// each), so 6 units to 2 split: 2 + 2 y = 30 + 5 + (6 - y) has y = 6 (all via 3).
TEST(AssignSmall, WarmStartWithANewDestinationEqualsColdSolve) {
  auto make = [](double to_2) {
    Problem p =
        network(4, {{0, 1}, {0, 1}, {1, 2}, {0, 3}, {3, 2}},
                {linear(10, 1.0), linear(20, 0.5), linear(5, 1.0), linear(1, 1.0), linear(1, 1.0)});
    p.classes.push_back({"all", 1.0, {}, {{0, 1, 40.0}, {0, 2, to_2}}, 1.0});
    return p;
  };
  EquilibriumSolver warm(make(0.0));
  ASSERT_EQ(warm.solve().status, SolveStatus::converged);
  EXPECT_EQ(warm.link_flow()[3], 0.0);
  warm.set_demand(0, 0, 2, 6.0);
  ASSERT_EQ(warm.solve().status, SolveStatus::converged);
  EquilibriumSolver cold(make(6.0));
  ASSERT_EQ(cold.solve().status, SolveStatus::converged);
  for (Index a = 0; a < 5; ++a) EXPECT_NEAR(warm.link_flow()[a], cold.link_flow()[a], 1e-8) << a;
  EXPECT_NEAR(warm.link_flow()[3], 6.0, 1e-8);
  EXPECT_NEAR(warm.link_flow()[4], 6.0, 1e-8);
  EXPECT_NEAR(warm.link_flow()[0], 20.0, 1e-8);
}

TEST(AssignSmall, WarmStartAfterCapacityChange) {
  EquilibriumSolver solver(two_routes());
  ASSERT_EQ(solver.solve().status, SolveStatus::converged);
  solver.set_link_cost(1, linear(20, 1.0));  // 10 + x1 = 20 + (40 - x1) => x1 = 25
  ASSERT_EQ(solver.solve().status, SolveStatus::converged);
  EXPECT_NEAR(solver.link_flow()[0], 25.0, 1e-8);
  EXPECT_NEAR(solver.link_flow()[1], 15.0, 1e-8);
}

TEST(AssignSmall, ConvergedWarmStartNeedsNoIteration) {
  EquilibriumSolver solver(two_routes());
  ASSERT_EQ(solver.solve().status, SolveStatus::converged);
  const SolveResult again = solver.solve();
  EXPECT_EQ(again.status, SolveStatus::converged);
  EXPECT_EQ(again.iterations, 0);
}

TEST(AssignSmall, DemandWithoutPathIsInfeasible) {
  Problem p = network(3, {{0, 1}}, {linear(1, 1)});
  p.network.node_id = {101, 102, 103};
  p.classes.push_back({"all", 1.0, {}, {{0, 2, 5.0}}, 1.0});
  EquilibriumSolver solver(std::move(p));
  const SolveResult r = solver.solve();
  EXPECT_EQ(r.status, SolveStatus::infeasible);
  EXPECT_NE(r.reason.find("from node 101 to node 103"), std::string::npos) << r.reason;
}

TEST(AssignSmall, ZonesAreNotPassedThrough) {
  // 0 -> 1 -> 2 is cheap but node 1 is a zone (first_thru_node = 2); 0 -> 2 is dear.
  Problem p = network(3, {{0, 1}, {1, 2}, {0, 2}}, {linear(1, 0), linear(1, 0), linear(50, 0)});
  p.network.first_thru_node = 2;
  p.classes.push_back({"all", 1.0, {}, {{0, 2, 5.0}, {1, 2, 1.0}}, 1.0});
  EquilibriumSolver solver(std::move(p));
  ASSERT_EQ(solver.solve().status, SolveStatus::converged);
  EXPECT_NEAR(solver.link_flow()[2], 5.0, 1e-12);
  EXPECT_NEAR(solver.link_flow()[1], 1.0, 1e-12);  // flow may start at a zone
}

TEST(AssignSmall, InvalidProblemIsReportedNotThrown) {
  Problem p = network(2, {{0, 1}}, {linear(1, 1)});
  p.network.cost[0].capacity = -1.0;
  p.classes.push_back({"all", 1.0, {}, {{0, 1, 1.0}}, 1.0});
  EquilibriumSolver solver(std::move(p));
  const SolveResult r = solver.solve();
  EXPECT_EQ(r.status, SolveStatus::invalid_problem);
  EXPECT_NE(r.reason.find("capacity"), std::string::npos);
}

TEST(AssignSmall, IterationLimitAndProgressStop) {
  EquilibriumSolver solver(two_routes());
  SolverOptions o;
  o.max_iterations = 0;
  EXPECT_EQ(solver.options(o).solve().status, SolveStatus::iteration_limit);
  solver.reset();
  o.max_iterations = 100;
  int calls = 0;
  solver.options(o).on_progress([&](const IterationReport&) { return ++calls < 1; });
  EXPECT_EQ(solver.solve().status, SolveStatus::stopped);
  EXPECT_EQ(calls, 1);
}

}  // namespace
}  // namespace corridor::assign

namespace corridor::assign {
namespace {

TEST(AssignSmall, BadChangesMakeSolveReportInvalidProblem) {
  const Problem p = tests::one_link_problem({CostKind::bpr, 1.0, 1.0, 0.15, 4.0});
  EquilibriumSolver a(p);
  a.set_link_cost(0, {CostKind::bpr, 1.0, 0.0, 0.15, 4.0});  // zero capacity
  SolveResult r = a.solve();
  EXPECT_EQ(r.status, SolveStatus::invalid_problem);
  EXPECT_NE(r.reason.find("set_link_cost"), std::string::npos) << r.reason;
  EquilibriumSolver b(p);
  b.set_demand(0, 0, 5, 1.0);  // no node 5
  EXPECT_EQ(b.solve().status, SolveStatus::invalid_problem);
  EquilibriumSolver c(p);
  c.set_fixed_cost(0, 0, std::nan(""));
  EXPECT_EQ(c.solve().status, SolveStatus::invalid_problem);
}

}  // namespace
}  // namespace corridor::assign
