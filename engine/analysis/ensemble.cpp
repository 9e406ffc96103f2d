// Monte-Carlo ensemble: draws in parallel, each into its own slot.
#include "corridor/analysis/ensemble.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>

#include "corridor/sim/report.hpp"
#include "corridor/sim/simulation.hpp"

namespace corridor::analysis {
namespace {

// Simulates one draw and writes its corridor tonnes per year and segment into
// `slot`. Returns the run's status and reason; the slot is complete only when
// the run completed.
std::pair<sim::RunStatus, std::string> run_draw(const Scenario& base,
                                                const std::vector<sim::Step>& steps,
                                                std::uint64_t seed, std::uint64_t draw,
                                                std::size_t segments, double* slot,
                                                const std::atomic<bool>* cancel) {
  const Scenario drawn = draw_scenario(base, seed, draw);
  sim::StepInputs inputs = sim::make_step_inputs(drawn, steps);
  apply_demand_shocks(base, seed, draw, steps, inputs);
  sim::SimulationOptions options;
  options.cancel = cancel;
  const sim::SimulationResult result = sim::simulate(drawn, steps, inputs, options);
  if (!result.completed()) return {result.status, result.reason};
  const sim::Report report = sim::make_report(drawn, result);
  double* row = slot;
  for (const sim::YearReport& y : report.years) {
    for (const sim::MeasureYear& m : y.measures) {
      for (std::size_t s = 0; s < segments; ++s)
        row[s] = m.by_segment_direction[2 * s] + m.by_segment_direction[2 * s + 1];
      row[segments] = m.value;
      row += segments + 1;
    }
  }
  return {sim::RunStatus::completed, {}};
}

double quantile_sorted(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return 0.0;
  const double h = (static_cast<double>(sorted.size()) - 1.0) * q;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

}  // namespace

EnsembleResult run_ensemble(const Scenario& scenario, const EnsembleOptions& options) {
  if (options.threads < 1) throw std::invalid_argument("threads must be >= 1");
  const std::vector<sim::Step> steps = sim::make_steps(scenario.horizon);
  EnsembleResult r;
  r.segment_count = static_cast<std::uint32_t>(scenario.demand.segments.size());
  r.measure_count = static_cast<std::uint32_t>(scenario.corridor.measures.size());
  for (const CorridorMeasure& m : scenario.corridor.measures) r.thresholds.push_back(m.milestones);
  r.first_draw = options.first_draw;
  r.draw_count = options.draw_count;
  for (int y = steps.front().year; y <= steps.back().year; ++y) {
    r.years.push_back(y);
    r.complete.push_back(sim::year_complete(scenario.horizon, y));
  }
  r.values.assign(static_cast<std::size_t>(r.draw_count) * r.width(), 0.0);

  std::atomic<std::uint32_t> next{0}, done{0};
  std::atomic<int> running{options.threads};
  std::atomic<bool> stop{false};
  std::mutex failure_mutex;
  const auto cancelled = [&options] { return options.cancel != nullptr && options.cancel->load(); };
  const auto worker = [&] {
    while (!stop.load() && !cancelled()) {
      const std::uint32_t i = next++;
      if (i >= r.draw_count) break;
      const std::uint64_t draw = std::uint64_t{r.first_draw} + i;
      const auto [status, reason] = run_draw(scenario, steps, options.seed, draw, r.segment_count,
                                             &r.values[i * r.width()], options.cancel);
      if (status == sim::RunStatus::cancelled) break;
      if (status != sim::RunStatus::completed) {
        const std::lock_guard lock(failure_mutex);
        if (!r.failed_draw || draw < *r.failed_draw) {
          r.failed_draw = draw;
          r.reason = "draw " + std::to_string(draw) + ": " + reason;
        }
        stop = true;
        break;
      }
      ++done;
    }
    --running;
  };
  // Workers take draws from a shared counter; the calling thread only reports progress.
  std::vector<std::thread> pool;
  pool.reserve(static_cast<std::size_t>(options.threads));
  for (int t = 0; t < options.threads; ++t) pool.emplace_back(worker);
  while (options.progress && running.load() > 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    options.progress(done.load());
  }
  for (std::thread& t : pool) t.join();
  r.draws_completed = done.load();
  if (r.failed_draw) {
    r.status = EnsembleStatus::draw_failed;
  } else if (r.draws_completed < r.draw_count) {
    r.status = EnsembleStatus::cancelled;
    r.reason = "cancelled after " + std::to_string(r.draws_completed) + " of " +
               std::to_string(r.draw_count) + " draws";
  }
  if (options.progress) options.progress(done.load());
  return r;
}

const char* to_string(EnsembleStatus status) {
  switch (status) {
    case EnsembleStatus::completed:
      return "completed";
    case EnsembleStatus::cancelled:
      return "cancelled";
    case EnsembleStatus::draw_failed:
      return "draw failed";
  }
  return "unknown";
}

namespace {

MeasureReach reach_of(const EnsembleResult& r, std::uint32_t m) {
  MeasureReach out;
  out.thresholds = m < r.thresholds.size() ? r.thresholds[m] : std::vector<double>{};
  const std::size_t years = r.years.size();
  out.probability.assign(out.thresholds.size() * years, 0.0);
  out.first_year_share.assign(out.thresholds.size() * years, 0.0);
  if (r.draw_count == 0) return out;
  for (std::size_t k = 0; k < out.thresholds.size(); ++k) {
    std::vector<std::uint32_t> first(years, 0);  // draws first reaching it in each year
    for (std::uint32_t d = 0; d < r.draw_count; ++d) {
      for (std::size_t y = 0; y < years; ++y) {
        if (r.complete[y] && r.at(d, y, m, r.segment_count) >= out.thresholds[k]) {
          ++first[y];
          break;
        }
      }
    }
    std::uint32_t cumulative = 0;
    for (std::size_t y = 0; y < years; ++y) {
      cumulative += first[y];
      out.first_year_share[k * years + y] = static_cast<double>(first[y]) / r.draw_count;
      out.probability[k * years + y] = static_cast<double>(cumulative) / r.draw_count;
    }
  }
  return out;
}

}  // namespace

EnsembleSummary summarize_ensemble(const EnsembleResult& r) {
  EnsembleSummary s;
  s.quantile_levels = {0.05, 0.1, 0.5, 0.9, 0.95};
  const std::size_t years = r.years.size();
  const std::uint32_t width = r.segment_count + 1;
  s.quantiles.assign(years * r.measure_count * width * s.quantile_levels.size(), 0.0);
  std::vector<double> values(r.draw_count);
  for (std::size_t y = 0; y < years; ++y) {
    for (std::uint32_t m = 0; m < r.measure_count; ++m) {
      for (std::uint32_t seg = 0; seg < width; ++seg) {
        for (std::uint32_t d = 0; d < r.draw_count; ++d) values[d] = r.at(d, y, m, seg);
        std::sort(values.begin(), values.end());
        for (std::size_t q = 0; q < s.quantile_levels.size(); ++q) {
          s.quantiles[((y * r.measure_count + m) * width + seg) * s.quantile_levels.size() + q] =
              quantile_sorted(values, s.quantile_levels[q]);
        }
      }
    }
  }
  for (std::uint32_t m = 0; m < r.measure_count; ++m) s.reach.push_back(reach_of(r, m));
  return s;
}

}  // namespace corridor::analysis
