// The runs of a sensitivity analysis: each sets the inputs its own way,
// simulates the horizon and writes its outputs into its own slot.
#include <algorithm>
#include <atomic>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>

#include "corridor/analysis/sensitivity.hpp"
#include "corridor/sim/report.hpp"
#include "corridor/sim/simulation.hpp"

namespace corridor::analysis {
namespace {

// The run's outputs into `slot`, from its yearly report.
void evaluate(const Scenario& s, const sim::Report& report,
              const std::vector<SensitivityOutput>& outputs, double* slot) {
  const int first = report.years.front().year;
  const int censored = censored_year(s.horizon);
  for (std::size_t o = 0; o < outputs.size(); ++o) {
    const SensitivityOutput& out = outputs[o];
    if (out.kind == SensitivityOutput::Kind::tonnage) {
      slot[o] =
          report.years[static_cast<std::size_t>(out.year - first)].measures[out.measure].value;
    } else {
      const sim::Milestone& m = report.measure_milestones[out.measure][out.milestone];
      slot[o] = m.first_year ? *m.first_year : censored;
    }
  }
}

std::pair<sim::RunStatus, std::string> run_one(const Scenario& base,
                                               const std::vector<sim::Step>& steps,
                                               std::uint64_t seed, const InputSettings& settings,
                                               const std::vector<SensitivityOutput>& outputs,
                                               double* slot, const std::atomic<bool>* cancel) {
  const Scenario drawn = draw_scenario(base, seed, settings);
  sim::StepInputs inputs = sim::make_step_inputs(drawn, steps);
  apply_demand_shocks(base, seed, settings, steps, inputs);
  sim::SimulationOptions options;
  options.cancel = cancel;
  const sim::SimulationResult result = sim::simulate(drawn, steps, inputs, options);
  if (!result.completed()) return {result.status, result.reason};
  evaluate(drawn, sim::make_report(drawn, result), outputs, slot);
  return {sim::RunStatus::completed, {}};
}

}  // namespace

std::vector<int> default_sensitivity_years(const Horizon& horizon) {
  std::vector<int> years;
  const int y0 = static_cast<int>(horizon.start.year());
  const int y1 = static_cast<int>(horizon.end.year());
  for (int y = y0; y <= y1; ++y) {
    if (y % 5 == 0 && sim::year_complete(horizon, y)) years.push_back(y);
  }
  for (int y = y1; years.empty() && y >= y0; --y) {
    if (sim::year_complete(horizon, y)) years.push_back(y);
  }
  if (years.empty()) years.push_back(y1);
  return years;
}

int censored_year(const Horizon& horizon) { return static_cast<int>(horizon.end.year()) + 1; }

std::vector<SensitivityOutput> sensitivity_outputs(const Scenario& s,
                                                   const std::vector<int>& years) {
  std::vector<SensitivityOutput> out;
  for (std::uint32_t m = 0; m < s.corridor.measures.size(); ++m) {
    for (const int y : years) {
      SensitivityOutput o;
      o.measure = m;
      o.year = y;
      out.push_back(o);
    }
    const std::vector<double>& milestones = s.corridor.measures[m].milestones;
    for (std::uint32_t k = 0; k < milestones.size(); ++k) {
      SensitivityOutput o;
      o.kind = SensitivityOutput::Kind::year_reaching;
      o.measure = m;
      o.milestone = k;
      o.threshold = milestones[k];
      out.push_back(o);
    }
  }
  return out;
}

RunTable run_plan(const Scenario& scenario, const RunPlan& plan,
                  const std::vector<SensitivityOutput>& outputs, const RunTableOptions& options) {
  if (options.threads < 1) throw std::invalid_argument("threads must be >= 1");
  const std::vector<sim::Step> steps = sim::make_steps(scenario.horizon);
  RunTable r;
  r.first_run = options.first_run;
  r.run_count = options.run_count;
  r.width = static_cast<std::uint32_t>(outputs.size());
  r.values.assign(std::size_t{r.run_count} * r.width, 0.0);

  std::atomic<std::uint32_t> next{0}, done{0};
  std::atomic<int> running{options.threads};
  std::atomic<bool> stop{false};
  std::mutex failure_mutex;
  const auto cancelled = [&options] { return options.cancel != nullptr && options.cancel->load(); };
  const auto worker = [&] {
    while (!stop.load() && !cancelled()) {
      const std::uint32_t i = next++;
      if (i >= r.run_count) break;
      const std::uint32_t run = r.first_run + i;
      const auto [status, reason] = run_one(scenario, steps, options.seed, plan(run), outputs,
                                            &r.values[std::size_t{i} * r.width], options.cancel);
      if (status == sim::RunStatus::cancelled) break;
      if (status != sim::RunStatus::completed) {
        const std::lock_guard lock(failure_mutex);
        if (!r.failed_run || run < *r.failed_run) {
          r.failed_run = run;
          r.reason = "run " + std::to_string(run) + ": " + reason;
        }
        stop = true;
        break;
      }
      ++done;
    }
    --running;
  };
  std::vector<std::thread> pool;
  pool.reserve(static_cast<std::size_t>(options.threads));
  for (int t = 0; t < options.threads; ++t) pool.emplace_back(worker);
  while (options.progress && running.load() > 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    options.progress(done.load());
  }
  for (std::thread& t : pool) t.join();
  r.runs_completed = done.load();
  if (r.failed_run) {
    r.status = EnsembleStatus::draw_failed;
  } else if (r.runs_completed < r.run_count) {
    r.status = EnsembleStatus::cancelled;
    r.reason = "cancelled after " + std::to_string(r.runs_completed) + " of " +
               std::to_string(r.run_count) + " runs";
  }
  if (options.progress) options.progress(done.load());
  return r;
}

}  // namespace corridor::analysis
