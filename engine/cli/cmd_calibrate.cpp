// `corridor calibrate SCENARIO [--fit-until YEAR] [--out DIR]`: fit the scenario's
// free parameters to its observations (docs/calibration.md), write the tables,
// the summary and calibrated.yaml, and print the fit on stdout.
#include <spdlog/spdlog.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <memory>
#include <optional>

#include "cli/commands.hpp"
#include "corridor/analysis/calibration.hpp"
#include "corridor/io/atomic_file.hpp"
#include "corridor/io/calibration_writer.hpp"
#include "corridor/io/scenario_loader.hpp"

namespace corridor::cli {
namespace {

struct CalibrateArgs {
  std::string scenario;
  std::string out;
  std::optional<int> fit_until;
  std::uint32_t max_iterations = 20;
};

void print_fit(const Scenario& s, const analysis::CalibrationResult& r, const std::string& dir,
               bool written) {
  std::printf("calibration of %s: %s (%s)\n", s.name.c_str(),
              std::string(analysis::to_string(r.status)).c_str(), r.reason.c_str());
  std::printf(
      "  %u observations in sample, %zu free parameters, %u degrees of freedom, %u iterations, %u "
      "runs\n",
      r.in_sample, r.parameters.size(), r.degrees_of_freedom, r.iterations, r.evaluations);
  std::printf("  %-40s %12s %12s %12s  %s\n", "parameter", "initial", "fitted", "std. error",
              "bounds");
  for (const analysis::FittedParameter& p : r.parameters) {
    std::printf("  %-40s %12.6g %12.6g %12s  [%g, %g]%s%s\n", p.label.c_str(), p.initial, p.value,
                std::isfinite(p.standard_error) ? std::to_string(p.standard_error).c_str() : "n/a",
                p.lower, p.upper, p.at_bound ? "  at bound" : "",
                p.identified ? "" : "  NOT IDENTIFIED");
  }
  std::printf(
      "  year  measure              segment              observed  fitted  (Mt or kTEU)  error   "
      "sample\n");
  for (const analysis::ObservationFit& o : r.observations) {
    const std::string seg =
        o.observation.segment < 0
            ? std::string("all")
            : s.demand.segments[static_cast<std::size_t>(o.observation.segment)].id;
    const CorridorMeasure& c = s.corridor.measures[o.observation.measure];
    const double unit = c.in_teu() ? 1e3 : 1e6;
    std::printf("  %d  %-20s %-20s %8.3f  %6.3f  %-12s  %+5.1f%%  %s\n", o.observation.year,
                c.id.c_str(), seg.c_str(), o.observation.value / unit, o.fitted / unit,
                c.in_teu() ? "kTEU" : "Mt", o.relative_error * 100.0,
                o.in_sample ? "in-sample" : (o.observation.fit ? "backcast" : "check"));
  }
  std::printf("sum of squared relative residuals %.4g (initial %.4g)\n", r.sum_squares,
              r.initial_sum_squares);
  if (written)
    std::printf("outputs in %s (calibrated.yaml extends the input scenario)\n", dir.c_str());
}

int calibrate(const CalibrateArgs& args, Context& ctx) {
  const auto started = std::chrono::steady_clock::now();
  const io::LoadedScenario loaded = io::load_scenario(args.scenario);
  for (const std::string& w : loaded.warnings) ctx.log->warn("{}", w);
  const Scenario& s = loaded.scenario;
  const std::string dir = args.out.empty() ? "results/" + s.name + "/calibration" : args.out;
  analysis::CalibrationOptions options;
  options.fit_until_year = args.fit_until;
  options.max_iterations = args.max_iterations;
  options.progress = [&ctx](std::uint32_t it, double ss) {
    ctx.log->info("iteration {}: sum of squared relative residuals {:.4g}", it, ss);
  };
  const analysis::CalibrationResult result = analysis::calibrate(s, options);
  if (result.status == analysis::CalibrationStatus::flat_objective)
    ctx.log->warn("{}", result.reason);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const io::RunMetadata meta{io::fingerprint_files(loaded.files), loaded.files, s.seed};
  const bool fitted = result.status != analysis::CalibrationStatus::no_observations &&
                      result.status != analysis::CalibrationStatus::simulation_failed;
  if (fitted) {
    io::write_calibration(dir, s, args.scenario, result, meta, seconds);
  }
  print_fit(s, result, dir, fitted);
  // A flat objective still writes its files (the values are a fit, not a unique one); exit 3 says
  // so.
  if (!fitted) return 2;
  return result.status == analysis::CalibrationStatus::flat_objective ? 3 : 0;
}

}  // namespace

void add_calibrate_command(CLI::App& app, Context& ctx, Action& selected) {
  auto args = std::make_shared<CalibrateArgs>();
  CLI::App* cmd = app.add_subcommand(
      "calibrate",
      "Fit the scenario's free parameters (calibration.free) to its observations by\n"
      "Levenberg-Marquardt; write fitted values, residuals and calibrated.yaml.");
  cmd->add_option("SCENARIO", args->scenario, "Scenario YAML file")->required();
  cmd->add_option("--fit-until", args->fit_until,
                  "Fit on observations up to this year; later ones are reported as a backcast")
      ->check(CLI::Range(1900, 2200));
  cmd->add_option("--out", args->out,
                  "Output folder (default results/<scenario name>/calibration)");
  cmd->add_option("--max-iterations", args->max_iterations,
                  "Levenberg-Marquardt iterations (default 20)")
      ->check(CLI::Range(1u, 1000u));
  cmd->callback(
      [&ctx, &selected, args] { selected = [&ctx, args] { return calibrate(*args, ctx); }; });
}

}  // namespace corridor::cli
