#pragma once
// Monte-Carlo ensembles: many draws of a scenario's uncertainty (growth,
// project dates, random closures, demand shocks), each simulated over the
// horizon. Draw d's random numbers depend on (seed, d) alone, and each draw's
// results go to their own slot, so the result is the same bit for bit whatever
// the number of threads (or processes, when the CLI splits draws over MPI ranks).
// Memory is draws × years × segments, never × steps × elements.
#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "corridor/scenario.hpp"
#include "corridor/sim/calendar.hpp"
#include "corridor/sim/step_inputs.hpp"

namespace corridor::analysis {

/// The scenario as drawn for draw `draw`: growth paths with noise, project dates
/// slipped, random closures added as one-off disruptions, cost series levels scaled.
[[nodiscard]] Scenario draw_scenario(const Scenario& base, std::uint64_t seed, std::uint64_t draw);

/// Applies the draw's demand shocks to per-step demand.
void apply_demand_shocks(const Scenario& base, std::uint64_t seed, std::uint64_t draw,
                         const std::vector<sim::Step>& steps, sim::StepInputs& inputs);

struct EnsembleOptions {
  std::uint64_t seed = 1;
  std::uint32_t first_draw = 0;  ///< run draws [first_draw, first_draw + draw_count)
  std::uint32_t draw_count = 0;
  int threads = 1;  ///< >= 1
  /// Called from the calling thread with the number of draws done, about every
  /// 100 ms and once at the end. May be empty.
  std::function<void(std::uint32_t done)> progress;
  /// Cancellation: when non-null and set, no new draw starts and running draws
  /// stop at their next step; the result then has status `cancelled` and only
  /// `draws_completed` is meaningful. The library never installs signal handlers.
  const std::atomic<bool>* cancel = nullptr;
};

/// How an ensemble ended.
enum class EnsembleStatus : std::uint8_t {
  completed,    ///< every draw simulated
  cancelled,    ///< EnsembleOptions::cancel was set
  draw_failed,  ///< a draw's run did not complete (reason and failed_draw say which and why)
};
[[nodiscard]] const char* to_string(EnsembleStatus status);

/// Every corridor measure per draw, year and segment, in the measure's unit.
struct EnsembleResult {
  std::vector<int> years;      ///< calendar years of the horizon
  std::vector<bool> complete;  ///< the horizon covers the whole year
  std::uint32_t segment_count = 0;
  std::uint32_t measure_count = 1;
  /// Per measure: the thresholds whose reach is summarised (its milestones).
  std::vector<std::vector<double>> thresholds;
  std::uint32_t first_draw = 0;
  std::uint32_t draw_count = 0;
  /// [draw - first_draw][year][measure][s], s = segment_count holding the
  /// measure's total over segments.
  std::vector<double> values;
  EnsembleStatus status = EnsembleStatus::completed;
  std::string reason;                        ///< why it stopped early (empty when completed)
  std::optional<std::uint64_t> failed_draw;  ///< the draw whose run failed (draw_failed)
  std::uint32_t draws_completed = 0;  ///< draws finished (draw_count unless it stopped early)

  /// Values per draw.
  [[nodiscard]] std::size_t width() const {
    return years.size() * measure_count * (segment_count + 1);
  }
  [[nodiscard]] std::size_t index(std::uint32_t draw_offset, std::size_t year,
                                  std::uint32_t measure, std::uint32_t s) const {
    return draw_offset * width() + (year * measure_count + measure) * (segment_count + 1) + s;
  }
  [[nodiscard]] double at(std::uint32_t draw_offset, std::size_t year, std::uint32_t measure,
                          std::uint32_t s) const {
    return values[index(draw_offset, year, measure, s)];
  }
};

/// Runs the draws. A draw whose run does not complete stops the ensemble: no
/// new draw starts, and the result says which draw failed and why (when several
/// fail at once, the lowest draw number). Throws only std::invalid_argument
/// for options out of range.
[[nodiscard]] EnsembleResult run_ensemble(const Scenario& scenario, const EnsembleOptions& options);

/// How often one measure reaches each of its thresholds.
struct MeasureReach {
  std::vector<double> thresholds;  ///< in the measure's unit
  /// [threshold][year]: share of draws whose measure has reached the threshold
  /// in a complete year up to and including this one.
  std::vector<double> probability;
  /// [threshold][year]: share of draws that first reach it in that year; the
  /// share never reaching it by the end is 1 minus their sum.
  std::vector<double> first_year_share;
};

struct EnsembleSummary {
  std::vector<double> quantile_levels;  ///< 0.05, 0.1, 0.5, 0.9, 0.95
  /// [year][measure][s][q]: quantile of the measure (s = segment_count: total).
  std::vector<double> quantiles;
  std::vector<MeasureReach> reach;  ///< per measure

  [[nodiscard]] double quantile(const EnsembleResult& r, std::size_t year, std::uint32_t measure,
                                std::uint32_t s, std::size_t level) const {
    return quantiles[((year * r.measure_count + measure) * (r.segment_count + 1) + s) *
                         quantile_levels.size() +
                     level];
  }
};

/// Quantiles (linear interpolation between order statistics, Hyndman–Fan type 7)
/// and reach probabilities over all draws of `result`.
[[nodiscard]] EnsembleSummary summarize_ensemble(const EnsembleResult& result);

}  // namespace corridor::analysis
