// Link cost functions: values, derivatives and Beckmann integrals agree.
#include <gtest/gtest.h>

#include "corridor/assign/problem.hpp"
#include "test_support.hpp"

namespace corridor::assign {
namespace {

// Central differences and Simpson's rule check the closed forms.
void expect_consistent(const LinkCostFunction& f, double x) {
  const double h = 1e-4 * f.capacity;
  const double numeric_slope = (link_time(f, x + h) - link_time(f, x - h)) / (2 * h);
  EXPECT_NEAR(link_time_derivative(f, x), numeric_slope, 1e-5 * (1 + numeric_slope)) << x;
  const int steps = 2000;
  double simpson = link_time(f, 0) + link_time(f, x);
  for (int i = 1; i < steps; ++i) {
    simpson += (i % 2 == 1 ? 4.0 : 2.0) * link_time(f, x * i / steps);
  }
  simpson *= x / steps / 3.0;
  EXPECT_NEAR(link_time_integral(f, x), simpson, 1e-8 * (1 + simpson)) << x;
}

TEST(LinkCost, BprFormula) {
  const LinkCostFunction f{CostKind::bpr, 6.0, 100.0, 0.15, 4.0};
  EXPECT_DOUBLE_EQ(link_time(f, 0.0), 6.0);
  EXPECT_DOUBLE_EQ(link_time(f, 100.0), 6.0 * 1.15);
  EXPECT_DOUBLE_EQ(link_time(f, 200.0), 6.0 * (1 + 0.15 * 16));
  for (const double x : {10.0, 80.0, 150.0}) expect_consistent(f, x);
  expect_consistent({CostKind::bpr, 2.0, 50.0, 1.0, 2.5}, 70.0);
}

TEST(LinkCost, CapacityRestraintIsSteepNearCapacityAndFiniteBeyond) {
  // Davidson with J = 0.5, linearised above mu = 0.9 of capacity.
  const LinkCostFunction f{CostKind::capacity_restraint, 2.0, 100.0, 0.5, 0.9};
  EXPECT_DOUBLE_EQ(link_time(f, 0.0), 2.0);
  EXPECT_DOUBLE_EQ(link_time(f, 50.0), 2.0 * (1 + 0.5 * 1.0));    // rho/(1-rho) = 1
  EXPECT_NEAR(link_time(f, 90.0), 2.0 * (1 + 0.5 * 9.0), 1e-12);  // rho/(1-rho) = 9
  // Tangent extension: slope at mu = t0 J / (1 - mu)^2 / c = 1 per unit flow.
  EXPECT_NEAR(link_time(f, 120.0), link_time(f, 90.0) + 30.0 * 1.0, 1e-9);
  for (const double x : {30.0, 85.0, 95.0, 150.0}) expect_consistent(f, x);
}

// The solvers refresh time and derivative in one call; it must give the same
// bits as the two separate functions, on every piece of each form.
TEST(LinkCost, TimeAndDerivativeInOneCallMatchTheSeparateFunctions) {
  const LinkCostFunction forms[] = {
      {CostKind::capacity_restraint, 2.0, 100.0, 0.5, 0.9},
      {CostKind::bpr, 6.0, 100.0, 0.15, 4.0},
      {CostKind::bpr, 3.0, 40.0, 0.8, 1.0},
      {CostKind::bpr, 2.0, 50.0, 1.0, 2.5},
  };
  for (const LinkCostFunction& f : forms) {
    for (int i = -1; i < 1000; ++i) {
      const double x = 0.4137 * i;  // -0.41 to 413: below, near and beyond capacity
      double time = -1.0, derivative = -1.0;
      link_time_and_derivative(f, x, time, derivative);
      EXPECT_EQ(time, link_time(f, x)) << static_cast<int>(f.kind) << " x=" << x;
      EXPECT_EQ(derivative, link_time_derivative(f, x)) << static_cast<int>(f.kind) << " x=" << x;
    }
  }
}

// link_flow_at_time inverts link_time on every piece of each form, and gives
// 0 at or below the free-flow time.
TEST(LinkCost, FlowAtTimeInvertsTheTime) {
  const LinkCostFunction forms[] = {
      {CostKind::capacity_restraint, 2.0, 100.0, 0.5, 0.9},
      {CostKind::bpr, 6.0, 100.0, 0.15, 4.0},
      {CostKind::bpr, 3.0, 40.0, 0.8, 1.0},
  };
  for (const LinkCostFunction& f : forms) {
    // (not near 0 for the BPR power 4: t(x) - t0 ~ x^4 is below rounding there)
    for (const double x : {5.0, 50.0, 89.0, 90.0, 91.0, 150.0, 400.0}) {
      EXPECT_NEAR(link_flow_at_time(f, link_time(f, x)), x, 1e-9 * (1.0 + x))
          << static_cast<int>(f.kind) << " x=" << x;
    }
    EXPECT_EQ(link_flow_at_time(f, f.free_time), 0.0);
    EXPECT_EQ(link_flow_at_time(f, 0.5 * f.free_time), 0.0);
  }
  EXPECT_NEAR(link_flow_at_time(forms[0], link_time(forms[0], 1e-3)), 1e-3, 1e-12);
}

TEST(LinkCost, ValidateNamesTheOffendingItem) {
  Problem p = tests::one_link_problem({CostKind::capacity_restraint, 1.0, 10.0, 0.5, 1.5});
  EXPECT_NE(validate(p).find("link 0"), std::string::npos);
  p.network.cost[0].beta = 0.9;
  EXPECT_EQ(validate(p), "");
  p.classes[0].demand[0].destination = 7;
  EXPECT_NE(validate(p).find("outside"), std::string::npos);
}

}  // namespace
}  // namespace corridor::assign

namespace corridor::assign {
namespace {

// A preload p shifts the function: t(x) with preload p is t(x + p) without,
// the inverse returns the routed flow, and the integral runs from the preload.
TEST(CostFunctions, PreloadShiftsTimeInverseAndIntegral) {
  for (const LinkCostFunction base : {LinkCostFunction{CostKind::bpr, 2.0, 100.0, 0.15, 4.0},
                                      LinkCostFunction{CostKind::capacity_restraint, 2.0, 100.0,
                                                       0.5, 0.9}}) {
    LinkCostFunction loaded = base;
    loaded.preload = 60.0;
    for (const double x : {0.0, 10.0, 25.0, 80.0}) {
      EXPECT_DOUBLE_EQ(link_time(loaded, x), link_time(base, x + 60.0)) << x;
      EXPECT_DOUBLE_EQ(link_time_derivative(loaded, x), link_time_derivative(base, x + 60.0)) << x;
      if (x > 0.0) {
        EXPECT_NEAR(link_flow_at_time(loaded, link_time(loaded, x)), x, 1e-9 * (1 + x));
      }
      const double h = 1e-4;
      EXPECT_NEAR((link_time_integral(loaded, x + h) - link_time_integral(loaded, x)) / h,
                  link_time(loaded, x + h / 2), 1e-5 * link_time(loaded, x));
    }
    EXPECT_EQ(link_time_integral(loaded, 0.0), 0.0);
    EXPECT_EQ(link_flow_at_time(loaded, link_time(loaded, 0.0) * 0.999), 0.0);  // below: no flow
    loaded.preload = -1.0;
    EXPECT_FALSE(check_cost(loaded, 0).empty());
  }
}

}  // namespace
}  // namespace corridor::assign
