// Sobol' indices on functions whose indices are known: Ishigami's and a linear
// model of independent normal inputs. The runs are "evaluated" here instead of
// simulated, on the draw indices Saltelli's design gives each input.
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <functional>
#include <numbers>

#include "analysis/draw_levels.hpp"
#include "corridor/analysis/sensitivity.hpp"
#include "corridor/random.hpp"

namespace corridor::analysis {
namespace {

constexpr std::uint64_t kSeed = 20240607;

// The design's runs of f, with input i of run r drawn from the stream
// (seed, draw_of(r, i), i) as `sample` turns it into a number.
RunTable evaluate(const SaltelliDesign& design, const std::function<double(Rng&)>& sample,
                  const std::function<double(const std::vector<double>&)>& f) {
  RunTable t;
  t.run_count = design.runs();
  t.width = 1;
  std::vector<double> x(design.inputs);
  for (std::uint32_t r = 0; r < design.runs(); ++r) {
    for (std::uint32_t i = 0; i < design.inputs; ++i) {
      Rng rng(kSeed, design.draw_of(r, i), i);
      x[i] = sample(rng);
    }
    t.values.push_back(f(x));
  }
  return t;
}

void expect_covers(const IndexEstimate& e, double truth, const char* what) {
  EXPECT_LE(e.ci_low, truth) << what << " " << e.value;
  EXPECT_GE(e.ci_high, truth) << what << " " << e.value;
  EXPECT_LE(e.ci_low, e.value) << what;
  EXPECT_GE(e.ci_high, e.value) << what;
}

TEST(Sobol, RecoversTheIshigamiIndicesWithinTheirIntervals) {
  // f = sin x1 + a sin^2 x2 + b x3^4 sin x1, x_i uniform on [-pi, pi], a = 7, b = 0.1.
  constexpr double a = 7.0, b = 0.1, pi = std::numbers::pi;
  const SaltelliDesign design{8000, 3};
  const RunTable t = evaluate(
      design, [](Rng& r) { return r.uniform(-pi, pi); },
      [&](const std::vector<double>& x) {
        return std::sin(x[0]) + a * std::pow(std::sin(x[1]), 2) +
               b * std::pow(x[2], 4) * std::sin(x[0]);
      });
  // Analytic indices (Ishigami and Homma 1990; Sobol' and Levitan 1999).
  const double v1 = 0.5 * std::pow(1 + b * std::pow(pi, 4) / 5, 2);
  const double v2 = a * a / 8;
  const double v13 = b * b * std::pow(pi, 8) * (1.0 / 18 - 1.0 / 50);
  const double v = v1 + v2 + v13;
  // 99% intervals: six 95% intervals all cover their truth only about 3 times in 4.
  const std::vector<SobolOutput> s = sobol_indices(design, t, {500, 0.99, kSeed});
  ASSERT_EQ(s.size(), 1u);
  EXPECT_NEAR(s[0].variance, v, 0.05 * v);
  expect_covers(s[0].first_order[0], v1 / v, "S1");
  expect_covers(s[0].first_order[1], v2 / v, "S2");
  expect_covers(s[0].first_order[2], 0.0, "S3");
  expect_covers(s[0].total[0], (v1 + v13) / v, "ST1");
  expect_covers(s[0].total[1], v2 / v, "ST2");
  expect_covers(s[0].total[2], v13 / v, "ST3");
}

TEST(Sobol, NinetyFivePercentIntervalsCoverTheIshigamiIndicesAtTheirRate) {
  // 100 replications (seeds) of N = 500: each index's 95% interval should cover
  // its truth in about 95 of them; fewer than 85 would be a 4-sigma event.
  constexpr double a = 7.0, b = 0.1, pi = std::numbers::pi;
  const double v1 = 0.5 * std::pow(1 + b * std::pow(pi, 4) / 5, 2), v2 = a * a / 8;
  const double v13 = b * b * std::pow(pi, 8) * (1.0 / 18 - 1.0 / 50), v = v1 + v2 + v13;
  const double first[] = {v1 / v, v2 / v, 0.0}, total[] = {(v1 + v13) / v, v2 / v, v13 / v};
  const SaltelliDesign design{500, 3};
  std::array<int, 3> covered_first{}, covered_total{};
  for (std::uint64_t rep = 0; rep < 100; ++rep) {
    RunTable t;
    t.run_count = design.runs();
    t.width = 1;
    for (std::uint32_t r = 0; r < design.runs(); ++r) {
      double x[3];
      for (std::uint32_t i = 0; i < 3; ++i)
        x[i] = Rng(rep, design.draw_of(r, i), i).uniform(-pi, pi);
      t.values.push_back(std::sin(x[0]) + a * std::pow(std::sin(x[1]), 2) +
                         b * std::pow(x[2], 4) * std::sin(x[0]));
    }
    const SobolOutput s = sobol_indices(design, t, {200, 0.95, rep})[0];
    for (std::size_t i = 0; i < 3; ++i) {
      covered_first[i] +=
          s.first_order[i].ci_low <= first[i] && first[i] <= s.first_order[i].ci_high;
      covered_total[i] += s.total[i].ci_low <= total[i] && total[i] <= s.total[i].ci_high;
    }
  }
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_GE(covered_first[i], 85) << "S" << i + 1;
    EXPECT_GE(covered_total[i], 85) << "ST" << i + 1;
  }
}

TEST(Sobol, LinearModelFirstOrderSumsToOneAndTotalsAreNotBelowFirst) {
  // y = x1 + 2 x2 + 3 x3 + 0 x4, standard normal inputs: S_i = ST_i = a_i^2 / 14.
  const std::vector<double> coef{1, 2, 3, 0};
  const SaltelliDesign design{4000, 4};
  const RunTable t = evaluate(
      design, [](Rng& r) { return r.normal(); },
      [&](const std::vector<double>& x) {
        double y = 0;
        for (std::size_t i = 0; i < x.size(); ++i) y += coef[i] * x[i];
        return y;
      });
  const SobolOutput s = sobol_indices(design, t, {500, 0.99, kSeed})[0];
  double sum_first = 0, width = 0;
  for (std::size_t i = 0; i < coef.size(); ++i) {
    const double truth = coef[i] * coef[i] / 14.0;
    expect_covers(s.first_order[i], truth, "S");
    expect_covers(s.total[i], truth, "ST");
    EXPECT_GE(s.total[i].ci_high, s.first_order[i].ci_low);
    sum_first += s.first_order[i].value;
    width += s.first_order[i].ci_high - s.first_order[i].ci_low;
  }
  // Additive model: the first-order indices add up to 1 within sampling error.
  EXPECT_NEAR(sum_first, 1.0, width);
  // An input that does nothing: both indices 0 (the totals' estimator is exact then).
  EXPECT_EQ(s.total[3].value, 0.0);
}

TEST(Sobol, AnOutputThatDoesNotVaryHasNoIndices) {
  const SaltelliDesign design{50, 2};
  const RunTable t = evaluate(
      design, [](Rng& r) { return r.uniform(); },
      [](const std::vector<double>&) { return 2041.0; });
  const SobolOutput s = sobol_indices(design, t, {100, 0.95, kSeed})[0];
  EXPECT_EQ(s.variance, 0.0);
  EXPECT_EQ(s.mean, 2041.0);
  EXPECT_TRUE(std::isnan(s.first_order[0].value));
  EXPECT_TRUE(std::isnan(s.total[1].ci_high));
}

TEST(Sobol, DesignRowsMixTwoDrawsInputByInput) {
  const SaltelliDesign d{3, 2};  // runs per row: A, B, A with x1 from B, A with x2 from B
  EXPECT_EQ(d.runs(), 12u);
  EXPECT_EQ(d.draw_of(4, 0), 2u);  // row 1, A
  EXPECT_EQ(d.draw_of(5, 1), 3u);  // row 1, B
  EXPECT_EQ(d.draw_of(6, 0), 3u);  // row 1, A_B^1: input 0 from B
  EXPECT_EQ(d.draw_of(6, 1), 2u);
  EXPECT_EQ(d.draw_of(7, 1), 3u);  // A_B^2: input 1 from B
  EXPECT_FALSE(d.settings(7).level(0).has_value());
}

TEST(Quantiles, OfTheDistributionsAndCounts) {
  EXPECT_NEAR(normal_quantile(0.9), 1.2815515655446004, 1e-8);
  EXPECT_NEAR(normal_quantile(0.01), -2.3263478740408408, 1e-8);
  EXPECT_EQ(normal_quantile(0.5), 0.0);
  const Distribution tri{Distribution::Kind::triangular, -1.0, 18.0, 3.0};
  // P(X <= 3) = (3 + 1) / 19: the mode splits the two branches.
  EXPECT_NEAR(distribution_quantile(tri, 4.0 / 19.0), 3.0, 1e-12);
  EXPECT_NEAR(distribution_quantile({Distribution::Kind::uniform, 1, 4, 0}, 0.1), 1.3, 1e-12);
  EXPECT_EQ(poisson_quantile(2.0, 0.1), 0u);       // P(0) = 0.135
  EXPECT_EQ(poisson_quantile(2.0, 0.5), 2u);       // P(<=1) = 0.406, P(<=2) = 0.677
  EXPECT_EQ(poisson_quantile(2.0, 0.9), 4u);       // P(<=3) = 0.857, P(<=4) = 0.947
  EXPECT_EQ(binomial_quantile(19, 0.1, 0.9), 4u);  // P(<=3) = 0.885, P(<=4) = 0.965
  EXPECT_EQ(binomial_quantile(19, 0.1, 0.1), 0u);  // P(0) = 0.135
}

}  // namespace
}  // namespace corridor::analysis
