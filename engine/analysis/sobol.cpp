// Variance-based sensitivity indices from Saltelli's design with Jansen's
// estimators (Saltelli et al. 2010, "Variance based sensitivity analysis of
// model output", Comput. Phys. Commun. 181, table 2 (b) and (f)):
//   V     = variance of f over the 2N runs of A and B,
//   S_i   = (V - 1/(2N) sum_j (f(B)_j - f(A_B^i)_j)^2) / V,
//   S_Ti  = 1/(2N) sum_j (f(A)_j - f(A_B^i)_j)^2 / V,
// and percentile intervals from resampling the N rows with replacement.
#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "corridor/analysis/sensitivity.hpp"
#include "corridor/random.hpp"

namespace corridor::analysis {
namespace {

// Keys the resampling stream (seed, resample, kBootstrapStream), apart from the
// streams of the inputs (1000-6999).
constexpr std::uint64_t kBootstrapStream = 9000;

// f of row j's runs for one output: A, B, then A with input i from B.
struct RowValues {
  const RunTable& table;
  std::size_t output;
  std::uint32_t stride;  // k + 2
  [[nodiscard]] double a(std::uint32_t j) const { return table.at(j * stride, output); }
  [[nodiscard]] double b(std::uint32_t j) const { return table.at(j * stride + 1, output); }
  [[nodiscard]] double ab(std::uint32_t j, std::uint32_t i) const {
    return table.at(j * stride + 2 + i, output);
  }
};

// The indices over the rows `rows` (with repeats, for a resample); false when
// f does not vary over them.
bool estimate(const RowValues& f, const std::vector<std::uint32_t>& rows, std::uint32_t inputs,
              std::vector<double>& first, std::vector<double>& total, double* mean = nullptr,
              double* variance = nullptr) {
  // Values are taken relative to one of them, so that an output that never
  // varies has a variance of exactly 0 (a censored year, a capped tonnage).
  const double ref = f.a(rows.front());
  double sum = 0.0, sum_sq = 0.0;
  std::vector<double> first_sq(inputs, 0.0), total_sq(inputs, 0.0);
  for (const std::uint32_t j : rows) {
    const double a = f.a(j) - ref, b = f.b(j) - ref;
    sum += a + b;
    sum_sq += a * a + b * b;
    for (std::uint32_t i = 0; i < inputs; ++i) {
      const double ab = f.ab(j, i) - ref;
      first_sq[i] += (b - ab) * (b - ab);
      total_sq[i] += (a - ab) * (a - ab);
    }
  }
  const double n2 = 2.0 * static_cast<double>(rows.size());
  const double var = n2 > 1.0 ? std::max(0.0, (sum_sq - sum * sum / n2) / (n2 - 1.0)) : 0.0;
  if (mean != nullptr) *mean = ref + sum / n2;
  if (variance != nullptr) *variance = var;
  if (!(var > 0.0)) return false;
  for (std::uint32_t i = 0; i < inputs; ++i) {
    first[i] = (var - first_sq[i] / n2) / var;
    total[i] = total_sq[i] / n2 / var;
  }
  return true;
}

double quantile_sorted(const std::vector<double>& sorted, double q) {
  const double h = (static_cast<double>(sorted.size()) - 1.0) * q;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

// The percentile interval of the finite values of `samples`.
void interval(std::vector<double> samples, double confidence, IndexEstimate& out) {
  std::erase_if(samples, [](double x) { return !std::isfinite(x); });
  if (samples.empty()) return;
  std::sort(samples.begin(), samples.end());
  out.ci_low = quantile_sorted(samples, (1.0 - confidence) / 2.0);
  out.ci_high = quantile_sorted(samples, (1.0 + confidence) / 2.0);
}

}  // namespace

std::uint64_t SaltelliDesign::draw_of(std::uint32_t run, std::uint32_t input) const {
  const std::uint32_t row = run / (inputs + 2);
  const std::uint32_t column = run % (inputs + 2);
  const bool from_b = column == 1 || column == 2 + input;
  return 2 * std::uint64_t{row} + (from_b ? 1 : 0);
}

InputSettings SaltelliDesign::settings(std::uint32_t run) const {
  InputSettings s(inputs, draw_of(run, 0));
  for (std::uint32_t i = 1; i < inputs; ++i) s.set_draw(i, draw_of(run, i));
  return s;
}

std::vector<SobolOutput> sobol_indices(const SaltelliDesign& design, const RunTable& table,
                                       const SobolOptions& options) {
  if (table.first_run != 0 || table.run_count != design.runs() || design.base_rows == 0)
    throw std::invalid_argument("sobol_indices needs every run of the design");
  const std::uint32_t k = design.inputs;
  const std::uint32_t n = design.base_rows;
  std::vector<std::uint32_t> all(n);
  for (std::uint32_t j = 0; j < n; ++j) all[j] = j;
  std::vector<SobolOutput> out(table.width);
  std::vector<double> first(k), total(k);
  for (std::size_t o = 0; o < table.width; ++o) {
    SobolOutput& r = out[o];
    r.first_order.assign(k, {});
    r.total.assign(k, {});
    if (!estimate({table, o, k + 2}, all, k, first, total, &r.mean, &r.variance)) continue;
    for (std::uint32_t i = 0; i < k; ++i) {
      r.first_order[i].value = first[i];
      r.total[i].value = total[i];
    }
  }
  // Resamples: [output][input][resample], NaN where a resample does not vary.
  const std::size_t reps = options.bootstrap;
  std::vector<double> boot_first(std::size_t{table.width} * k * reps, std::nan("")),
      boot_total(boot_first);
  std::vector<std::uint32_t> rows(n);
  for (std::size_t b = 0; b < reps; ++b) {
    Rng rng(options.seed, b, kBootstrapStream);
    for (std::uint32_t& j : rows) j = static_cast<std::uint32_t>(rng.uniform() * n);
    for (std::size_t o = 0; o < table.width; ++o) {
      if (!(out[o].variance > 0.0) || !estimate({table, o, k + 2}, rows, k, first, total)) continue;
      for (std::uint32_t i = 0; i < k; ++i) {
        boot_first[(o * k + i) * reps + b] = first[i];
        boot_total[(o * k + i) * reps + b] = total[i];
      }
    }
  }
  for (std::size_t o = 0; o < table.width && reps > 0; ++o) {
    if (!(out[o].variance > 0.0)) continue;
    for (std::uint32_t i = 0; i < k; ++i) {
      const auto at = static_cast<std::ptrdiff_t>((o * k + i) * reps);
      const auto span = static_cast<std::ptrdiff_t>(reps);
      interval({boot_first.begin() + at, boot_first.begin() + at + span}, options.confidence,
               out[o].first_order[i]);
      interval({boot_total.begin() + at, boot_total.begin() + at + span}, options.confidence,
               out[o].total[i]);
    }
  }
  return out;
}

}  // namespace corridor::analysis
