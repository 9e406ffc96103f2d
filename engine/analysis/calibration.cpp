// Bounded Levenberg–Marquardt fit of free scenario parameters to observed
// corridor tonnages. Residuals are relative: r_i = (simulated_i - observed_i) / observed_i,
// so a year of 1.5 Mt weighs as much as a year of 3.3 Mt.
#include "corridor/analysis/calibration.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <limits>

#include "corridor/sim/report.hpp"
#include "corridor/sim/simulation.hpp"

namespace corridor::analysis {
namespace {

using Eigen::MatrixXd;
using Eigen::VectorXd;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kMaxStepShare = 0.25;

// The scenario with its horizon cut at the last observed year: calibration
// never needs the years after it.
Scenario cut_at_last_observation(const Scenario& scenario) {
  Scenario cut = scenario;
  if (scenario.observations.empty()) return cut;
  int last = scenario.observations.front().year;
  for (const Observation& o : scenario.observations) last = std::max(last, o.year);
  const std::chrono::year_month end{std::chrono::year{last}, std::chrono::December};
  if (end < cut.horizon.end) cut.horizon.end = end;
  return cut;
}

// Simulated tonnes for each observation, from a completed run's report.
std::vector<double> observed_in(const Scenario& scenario, const sim::Report& report) {
  std::vector<double> out(scenario.observations.size(), 0.0);
  for (std::size_t i = 0; i < out.size(); ++i) {
    const Observation& o = scenario.observations[i];
    for (const sim::YearReport& y : report.years) {
      if (y.year != o.year) continue;
      const sim::MeasureYear& m = y.measures[o.measure];
      if (o.segment < 0) {
        out[i] = m.value;
      } else {
        const auto g = static_cast<std::size_t>(o.segment);
        out[i] = m.by_segment_direction[2 * g] + m.by_segment_direction[2 * g + 1];
      }
    }
  }
  return out;
}

// The problem seen by the fitter: parameter vector in, relative residuals out.
// It keeps one working copy of the scenario (horizon cut at the last
// observation) and writes each parameter vector into it in place.
class Objective {
 public:
  Objective(const Scenario& s, std::optional<int> fit_until) : work_(cut_at_last_observation(s)) {
    for (std::size_t i = 0; i < s.observations.size(); ++i) {
      if (s.observations[i].fit && (!fit_until || s.observations[i].year <= *fit_until))
        fitted_.push_back(i);
    }
  }
  [[nodiscard]] std::size_t in_sample() const { return fitted_.size(); }
  [[nodiscard]] std::uint32_t evaluations() const { return evaluations_; }

  // Simulated tonnes for every observation (in and out of sample).
  // A run that does not complete (e.g. an equilibrium the solver cannot build
  // at these values) gives NaN tonnages: the fitter treats the point as infeasible.
  std::vector<double> simulate(const VectorXd& x) {
    ++evaluations_;
    apply_parameters(work_, {x.data(), x.data() + x.size()});
    const sim::SimulationResult run = sim::simulate(work_);
    if (!run.completed()) {
      last_failure_ = run.reason;
      return std::vector<double>(work_.observations.size(), kNaN);
    }
    return observed_in(work_, sim::make_report(work_, run));
  }
  [[nodiscard]] const std::string& last_failure() const { return last_failure_; }
  [[nodiscard]] VectorXd residuals(const std::vector<double>& simulated) const {
    VectorXd r(static_cast<Eigen::Index>(fitted_.size()));
    for (std::size_t k = 0; k < fitted_.size(); ++k) {
      const double obs = work_.observations[fitted_[k]].value;
      r[static_cast<Eigen::Index>(k)] = (simulated[fitted_[k]] - obs) / obs;
    }
    return r;
  }
  VectorXd residuals(const VectorXd& x) { return residuals(simulate(x)); }

 private:
  Scenario work_;
  std::vector<std::size_t> fitted_;
  std::uint32_t evaluations_ = 0;
  std::string last_failure_;
};

struct Bounds {
  VectorXd lower, upper;
  [[nodiscard]] VectorXd project(const VectorXd& x) const {
    return x.cwiseMax(lower).cwiseMin(upper);
  }
  // Typical size of each parameter: scales the finite-difference step and the Jacobian's columns.
  [[nodiscard]] VectorXd scale(const VectorXd& x) const {
    return x.cwiseAbs().cwiseMax(0.01 * (upper - lower));
  }
};

// Forward differences (backward at an upper bound); one simulation per parameter.
MatrixXd jacobian(Objective& f, const VectorXd& x, const VectorXd& r, const Bounds& b,
                  double relative_step) {
  const Eigen::Index n = x.size();
  MatrixXd J(r.size(), n);
  const VectorXd typical = b.scale(x);
  for (Eigen::Index j = 0; j < n; ++j) {
    double h = relative_step * typical[j];
    if (x[j] + h > b.upper[j]) h = -h;
    VectorXd xh = x;
    xh[j] += h;
    VectorXd rh = f.residuals(xh);
    if (!rh.allFinite() && x[j] - h >= b.lower[j]) {  // the other side may simulate
      h = -h;
      xh[j] = x[j] + h;
      rh = f.residuals(xh);
    }
    J.col(j) = rh.allFinite() ? VectorXd((rh - r) / h) : VectorXd::Zero(r.size());
  }
  return J;
}

struct RankInfo {
  std::uint32_t rank = 0;
  std::uint32_t interior = 0;  // parameters strictly inside their bounds
  std::vector<bool> identified;
  MatrixXd covariance_unscaled;  // (JᵀJ)⁻¹ by the SVD pseudo-inverse, in parameter units
};

// SVD of J D (D = typical parameter sizes) so that the rank test does not depend on units.
RankInfo analyse_rank(const MatrixXd& J, const VectorXd& typical, double tolerance) {
  RankInfo info;
  const Eigen::Index n = J.cols();
  const MatrixXd scaled = J * typical.asDiagonal();
  const Eigen::JacobiSVD<MatrixXd> svd(scaled, Eigen::ComputeFullV);
  const VectorXd& sv = svd.singularValues();
  const double largest = sv.size() > 0 ? sv[0] : 0.0;
  VectorXd inv_sq = VectorXd::Zero(n);
  for (Eigen::Index k = 0; k < sv.size(); ++k) {
    if (largest > 0 && sv[k] > tolerance * largest) {
      ++info.rank;
      inv_sq[k] = 1.0 / (sv[k] * sv[k]);
    }
  }
  const MatrixXd& V = svd.matrixV();
  info.identified.assign(static_cast<std::size_t>(n), true);
  // A parameter is unidentified when it has weight in a null direction of the scaled Jacobian.
  for (Eigen::Index k = 0; k < n; ++k) {
    if (k < sv.size() && inv_sq[k] > 0) continue;
    for (Eigen::Index j = 0; j < n; ++j) {
      if (std::abs(V(j, k)) > 0.1) info.identified[static_cast<std::size_t>(j)] = false;
    }
  }
  const MatrixXd cov_scaled = V * inv_sq.asDiagonal() * V.transpose();
  info.covariance_unscaled = typical.asDiagonal() * cov_scaled * typical.asDiagonal();
  return info;
}

// Parameters held on a bound are fixed at the solution (an active constraint): they
// leave the rank test, the covariance and the degrees of freedom. One whose column is
// zero is still reported as not identified (a flat stretch may have pushed it there).
RankInfo analyse_interior(const MatrixXd& J, const VectorXd& x, const Bounds& b, double tolerance) {
  const Eigen::Index n = x.size();
  const VectorXd typical = b.scale(x);
  std::vector<Eigen::Index> inside;
  for (Eigen::Index j = 0; j < n; ++j) {
    if (x[j] > b.lower[j] && x[j] < b.upper[j]) inside.push_back(j);
  }
  MatrixXd Ji(J.rows(), static_cast<Eigen::Index>(inside.size()));
  VectorXd ti(static_cast<Eigen::Index>(inside.size()));
  for (std::size_t k = 0; k < inside.size(); ++k) {
    Ji.col(static_cast<Eigen::Index>(k)) = J.col(inside[k]);
    ti[static_cast<Eigen::Index>(k)] = typical[inside[k]];
  }
  const RankInfo sub = analyse_rank(Ji, ti, tolerance);
  RankInfo info;
  info.rank = sub.rank;
  info.interior = static_cast<std::uint32_t>(inside.size());
  info.covariance_unscaled = MatrixXd::Constant(n, n, kNaN);
  info.identified.assign(static_cast<std::size_t>(n), true);
  const double largest = (J * typical.asDiagonal()).colwise().norm().maxCoeff();
  for (Eigen::Index j = 0; j < n; ++j) {
    if ((J.col(j) * typical[j]).norm() <= tolerance * largest)
      info.identified[static_cast<std::size_t>(j)] = false;
  }
  for (std::size_t k = 0; k < inside.size(); ++k) {
    info.identified[static_cast<std::size_t>(inside[k])] = sub.identified[k];
    for (std::size_t l = 0; l < inside.size(); ++l) {
      info.covariance_unscaled(inside[k], inside[l]) =
          sub.covariance_unscaled(static_cast<Eigen::Index>(k), static_cast<Eigen::Index>(l));
    }
  }
  return info;
}

struct LmState {
  VectorXd x, r;
  std::vector<double> simulated;
  double cost = 0.0;  // sum of squares
};

}  // namespace

std::string_view to_string(CalibrationStatus status) {
  switch (status) {
    case CalibrationStatus::converged:
      return "converged";
    case CalibrationStatus::iteration_limit:
      return "iteration_limit";
    case CalibrationStatus::flat_objective:
      return "flat_objective";
    case CalibrationStatus::no_observations:
      return "no_observations";
    case CalibrationStatus::simulation_failed:
      return "simulation_failed";
  }
  return "converged";
}

std::vector<double> simulate_observations(const Scenario& scenario) {
  if (scenario.observations.empty()) return {};
  const Scenario cut = cut_at_last_observation(scenario);
  const sim::SimulationResult run = sim::simulate(cut);
  if (!run.completed()) return std::vector<double>(scenario.observations.size(), kNaN);
  return observed_in(cut, sim::make_report(cut, run));
}

namespace {

// One LM iteration at state `s` with Jacobian J: tries damped steps until one
// lowers the sum of squares (then lambda shrinks) or the damping gives up.
bool lm_step(Objective& f, const MatrixXd& J, const Bounds& b, LmState& s, double& lambda) {
  const MatrixXd JtJ = J.transpose() * J;
  const VectorXd g = J.transpose() * s.r;
  // Marquardt's scaling: damp each direction by its own curvature (floored for flat columns).
  const VectorXd diag = JtJ.diagonal().cwiseMax(1e-12 * std::max(1.0, JtJ.diagonal().maxCoeff()));
  for (int attempt = 0; attempt < 10; ++attempt) {
    MatrixXd A = JtJ;
    A.diagonal() += lambda * diag;
    VectorXd delta = A.ldlt().solve(-g);
    if (!delta.allFinite()) {
      lambda *= 4.0;
      continue;
    }
    // A flat stretch (e.g. a capacity that binds) makes JᵀJ tiny and the step huge: move
    // no parameter by more than a quarter of its bound range in one trial.
    const double reach = (delta.array().abs() / (b.upper - b.lower).array()).maxCoeff();
    if (reach > kMaxStepShare) delta *= kMaxStepShare / reach;
    const VectorXd x_new = b.project(s.x + delta);
    if ((x_new - s.x).norm() == 0.0) {
      lambda *= 4.0;
      continue;
    }
    std::vector<double> simulated = f.simulate(x_new);
    const VectorXd r_new = f.residuals(simulated);
    const double cost = r_new.squaredNorm();
    if (std::isfinite(cost) && cost < s.cost) {
      s = LmState{x_new, r_new, std::move(simulated), cost};
      lambda = std::max(lambda / 3.0, 1e-9);
      return true;
    }
    lambda *= 4.0;
  }
  return false;
}

void fill_parameters(const Scenario& scenario, const LmState& s, const RankInfo& rank,
                     std::uint32_t dof, CalibrationResult& out) {
  const double s2 = dof > 0 ? s.cost / dof : kNaN;
  for (std::size_t j = 0; j < scenario.calibration.free.size(); ++j) {
    const FreeParameter& p = scenario.calibration.free[j];
    FittedParameter fp;
    fp.label = p.label;
    fp.initial = p.initial;
    const auto jj = static_cast<Eigen::Index>(j);
    fp.value = s.x[jj];
    fp.lower = p.lower;
    fp.upper = p.upper;
    fp.identified = rank.identified[j];
    fp.at_bound = fp.value <= p.lower || fp.value >= p.upper;
    // NaN for a parameter on a bound (fixed there) or not identified.
    fp.standard_error = fp.identified ? std::sqrt(s2 * rank.covariance_unscaled(jj, jj)) : kNaN;
    out.parameters.push_back(fp);
  }
}

void fill_observations(const Scenario& scenario, const std::optional<int>& fit_until,
                       const LmState& s, CalibrationResult& out) {
  for (std::size_t i = 0; i < scenario.observations.size(); ++i) {
    ObservationFit fit;
    fit.observation = scenario.observations[i];
    fit.fitted = s.simulated[i];
    fit.relative_error = (fit.fitted - fit.observation.value) / fit.observation.value;
    fit.in_sample = fit.observation.fit && (!fit_until || fit.observation.year <= *fit_until);
    out.observations.push_back(fit);
  }
}

std::string flat_reason(const CalibrationResult& out, std::size_t n) {
  std::string names;
  for (const FittedParameter& p : out.parameters) {
    if (!p.identified) names += (names.empty() ? "" : ", ") + p.label;
  }
  std::string reason = "flat objective: the Jacobian has rank " +
                       std::to_string(out.jacobian_rank) + " for " + std::to_string(n) +
                       " parameters inside their bounds and " + std::to_string(out.in_sample) +
                       " observations";
  if (!names.empty()) reason += "; not identified: " + names;
  return reason;
}

}  // namespace

CalibrationResult calibrate(const Scenario& scenario, const CalibrationOptions& options) {
  CalibrationResult out;
  const std::size_t n = scenario.calibration.free.size();
  Objective f(scenario, options.fit_until_year);
  out.in_sample = static_cast<std::uint32_t>(f.in_sample());
  if (n == 0 || f.in_sample() == 0) {
    out.reason = n == 0 ? "the scenario has no free parameter (calibration.free)"
                        : "no observation to fit (observations, up to --fit-until)";
    return out;
  }
  Bounds b{VectorXd(static_cast<Eigen::Index>(n)), VectorXd(static_cast<Eigen::Index>(n))};
  LmState s;
  s.x.resize(static_cast<Eigen::Index>(n));
  for (std::size_t j = 0; j < n; ++j) {
    const FreeParameter& p = scenario.calibration.free[j];
    const auto jj = static_cast<Eigen::Index>(j);
    b.lower[jj] = p.lower;
    b.upper[jj] = p.upper;
    s.x[jj] = p.initial;
  }
  s.simulated = f.simulate(s.x);
  s.r = f.residuals(s.simulated);
  s.cost = out.initial_sum_squares = s.r.squaredNorm();
  if (!std::isfinite(s.cost)) {
    out.status = CalibrationStatus::simulation_failed;
    out.reason = "the simulation fails at the initial values: " + f.last_failure();
    out.evaluations = f.evaluations();
    return out;
  }
  const double m = static_cast<double>(f.in_sample());
  double lambda = 1e-3;
  MatrixXd J;
  out.status = CalibrationStatus::iteration_limit;
  out.reason = "stopped after " + std::to_string(options.max_iterations) + " iterations";
  for (std::uint32_t it = 0; it < options.max_iterations; ++it) {
    if (std::sqrt(s.cost / m) < options.residual_tolerance) {
      out.status = CalibrationStatus::converged;
      out.reason = "exact fit: root mean square relative residual below tolerance";
      break;
    }
    J = jacobian(f, s.x, s.r, b, options.relative_step);
    const double before = s.cost;
    const bool moved = lm_step(f, J, b, s, lambda);
    out.iterations = it + 1;
    if (options.progress) options.progress(out.iterations, s.cost);
    if (!moved || before - s.cost <= options.cost_tolerance * before) {
      out.status = CalibrationStatus::converged;
      out.reason = moved ? "the sum of squares stopped decreasing"
                         : "no damped step lowers the sum of squares";
      break;
    }
  }
  // Standard errors and identifiability at the final point.
  J = jacobian(f, s.x, s.r, b, options.relative_step);
  const RankInfo rank = analyse_interior(J, s.x, b, options.rank_tolerance);
  out.jacobian_rank = rank.rank;
  out.sum_squares = s.cost;
  out.degrees_of_freedom = f.in_sample() > rank.interior
                               ? static_cast<std::uint32_t>(f.in_sample() - rank.interior)
                               : 0U;
  fill_parameters(scenario, s, rank, out.degrees_of_freedom, out);
  fill_observations(scenario, options.fit_until_year, s, out);
  const bool unidentified =
      std::find(rank.identified.begin(), rank.identified.end(), false) != rank.identified.end();
  if (rank.rank < rank.interior || unidentified) {
    out.status = CalibrationStatus::flat_objective;
    out.reason = flat_reason(out, rank.interior);
  }
  out.evaluations = f.evaluations();
  return out;
}

}  // namespace corridor::analysis
