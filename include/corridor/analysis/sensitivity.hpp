#pragma once
// Which uncertain input moves a corridor figure most (docs/sensitivity.md):
// one-at-a-time swings of each input between two quantile levels (a tornado),
// and variance-based Sobol' indices (Saltelli's design, Jansen's estimators,
// bootstrap confidence intervals). Both run the scenario many times with the
// inputs set per run (corridor/analysis/inputs.hpp); each run writes its own
// slot, so the results are the same bit for bit for any thread count, and for
// any split of the runs over processes.
#include <atomic>
#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "corridor/analysis/ensemble.hpp"
#include "corridor/analysis/inputs.hpp"
#include "corridor/scenario.hpp"

namespace corridor::analysis {

/// One figure of a run whose sensitivity is analysed.
struct SensitivityOutput {
  enum class Kind : std::uint8_t {
    tonnage,        ///< a corridor measure's value in a calendar year, in its unit
    year_reaching,  ///< the first complete year the measure reaches a milestone
  };
  Kind kind = Kind::tonnage;
  std::uint32_t measure = 0;    ///< index into Scenario::corridor.measures
  int year = 0;                 ///< tonnage: the calendar year
  std::uint32_t milestone = 0;  ///< year_reaching: index into the measure's milestones
  double threshold = 0.0;       ///< year_reaching: the milestone, in the measure's unit
};

/// Every 5th calendar year (divisible by 5) that the horizon covers whole; the
/// last complete year when there is none.
[[nodiscard]] std::vector<int> default_sensitivity_years(const Horizon& horizon);

/// For every corridor measure in order: its value in each of `years`, then the
/// year it first reaches each of its milestones. Precondition: the years lie in
/// the horizon.
[[nodiscard]] std::vector<SensitivityOutput> sensitivity_outputs(const Scenario& scenario,
                                                                 const std::vector<int>& years);

/// The value a year_reaching output takes when the milestone is not reached
/// within the horizon: the horizon's last year + 1 (right-censored).
[[nodiscard]] int censored_year(const Horizon& horizon);

/// How run r sets the inputs.
using RunPlan = std::function<InputSettings(std::uint32_t run)>;

struct RunTableOptions {
  std::uint64_t seed = 1;       ///< keys the random streams of the inputs set from a draw
  std::uint32_t first_run = 0;  ///< run runs [first_run, first_run + run_count)
  std::uint32_t run_count = 0;
  int threads = 1;  ///< >= 1
  /// Called from the calling thread with the number of runs done, about every
  /// 20 ms and once at the end. May be empty.
  std::function<void(std::uint32_t done)> progress;
  /// When non-null and set, no new run starts (status `cancelled`).
  const std::atomic<bool>* cancel = nullptr;
};

/// The outputs of a block of runs: values[(run - first_run) * width + output].
struct RunTable {
  std::uint32_t first_run = 0;
  std::uint32_t run_count = 0;
  std::uint32_t width = 0;  ///< outputs per run
  std::vector<double> values;
  EnsembleStatus status = EnsembleStatus::completed;
  std::string reason;                       ///< why it stopped early
  std::optional<std::uint64_t> failed_run;  ///< the lowest run whose simulation failed
  std::uint32_t runs_completed = 0;

  [[nodiscard]] double at(std::uint32_t run_offset, std::size_t output) const {
    return values[std::size_t{run_offset} * width + output];
  }
};

/// Simulates the runs and evaluates `outputs` in each. A run that does not
/// complete stops the table (as in run_ensemble). Throws std::invalid_argument
/// for options out of range.
[[nodiscard]] RunTable run_plan(const Scenario& scenario, const RunPlan& plan,
                                const std::vector<SensitivityOutput>& outputs,
                                const RunTableOptions& options);

/// One-at-a-time design: run 0 sets every input at `base_level`; runs 1 + 2i and
/// 2 + 2i set input i at `low_level` and `high_level`, the others at `base_level`.
struct OatDesign {
  std::uint32_t inputs = 0;
  double low_level = 0.1;
  double base_level = 0.5;
  double high_level = 0.9;

  [[nodiscard]] std::uint32_t runs() const { return 1 + 2 * inputs; }
  [[nodiscard]] InputSettings settings(std::uint32_t run) const;
};

/// An output with one input at its low and high level, the others at base.
struct OatSwing {
  double low = 0.0;
  double base = 0.0;
  double high = 0.0;
  [[nodiscard]] double swing() const { return high - low; }
};

/// [output * inputs + input]. Precondition: `table` holds all the design's runs.
[[nodiscard]] std::vector<OatSwing> oat_swings(const OatDesign& design, const RunTable& table);

/// Saltelli's design for `inputs` inputs and `base_rows` rows N: runs
/// j (k + 2) + c for row j, with c = 0 the row of matrix A (every input from
/// draw 2j), c = 1 the row of B (every input from draw 2j + 1), and c = 2 + i
/// the row of A with input i taken from B. N (k + 2) runs in all; the rows of
/// a smaller N are the first rows of a larger one.
struct SaltelliDesign {
  std::uint32_t base_rows = 0;
  std::uint32_t inputs = 0;

  [[nodiscard]] std::uint32_t runs() const { return base_rows * (inputs + 2); }
  /// The draw index run `run` takes input `input` from.
  [[nodiscard]] std::uint64_t draw_of(std::uint32_t run, std::uint32_t input) const;
  [[nodiscard]] InputSettings settings(std::uint32_t run) const;
};

struct SobolOptions {
  std::uint32_t bootstrap = 1000;  ///< resamples of the N rows for the confidence intervals
  double confidence = 0.95;        ///< of the percentile intervals, in (0, 1)
  std::uint64_t seed = 1;          ///< keys the resampling stream
};

/// An index with its bootstrap percentile interval; NaN when the output does not
/// vary (zero variance over the runs of A and B).
struct IndexEstimate {
  double value = std::numeric_limits<double>::quiet_NaN();
  double ci_low = std::numeric_limits<double>::quiet_NaN();
  double ci_high = std::numeric_limits<double>::quiet_NaN();
};

/// The indices of one output.
struct SobolOutput {
  double mean = 0.0;                       ///< over the runs of A and B
  double variance = 0.0;                   ///< over the runs of A and B (denominator 2N - 1)
  std::vector<IndexEstimate> first_order;  ///< per input, Jansen's estimator
  std::vector<IndexEstimate> total;        ///< per input, Jansen's estimator
};

/// First-order and total indices of every output of `table` (all the design's
/// runs). Each index is as estimated: sampling error can take it below 0 or
/// above 1.
[[nodiscard]] std::vector<SobolOutput> sobol_indices(const SaltelliDesign& design,
                                                     const RunTable& table,
                                                     const SobolOptions& options);

}  // namespace corridor::analysis
