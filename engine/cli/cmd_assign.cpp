// `corridor assign`: user equilibrium on a TNTP network. Prints one line per
// iteration (gap, objective, time) and writes link flows and costs as CSV.
#include <spdlog/spdlog.h>

#include <unistd.h>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <limits>

#include "cli/commands.hpp"
#include "cli/interrupt.hpp"
#include "corridor/assign/solver.hpp"
#include "corridor/error.hpp"
#include "corridor/io/atomic_file.hpp"
#include "corridor/io/tntp.hpp"

namespace corridor::cli {
namespace {

struct AssignArgs {
  std::string net_path;
  std::string trips_path;
  std::string out_path;
  double gap = 1e-10;
  double max_seconds = 0.0;
  int max_iterations = 500;
  int threads = 1;
  io::TntpWeights weights;
};

// The CSV goes through io::write_file_atomically (temporary file + rename), so
// a reader never sees a half-written file. An unwritable path is bad input.
void write_flows_csv(const std::string& path, const assign::EquilibriumSolver& solver) {
  const assign::Network& net = solver.problem().network;
  const Eigen::VectorXd cost = solver.class_link_cost(0);
  std::ostringstream out;
  out << "from,to,flow,cost\n" << std::setprecision(std::numeric_limits<double>::max_digits10);
  for (assign::Index a = 0; a < net.link_count(); ++a) {
    out << net.node_id[net.tail[a]] << ',' << net.node_id[net.head[a]] << ','
        << solver.link_flow()[a] << ',' << cost[a] << '\n';
  }
  try {
    io::write_file_atomically(path, out.str());
  } catch (const std::runtime_error& e) {
    throw InputError({path, 0, 0}, std::string("cannot write output file: ") + e.what(),
                     "a writable path");
  }
}

int run_assign(const AssignArgs& args, Context& ctx) {
  // From the start, so that a signal while reading is answered after the first iteration.
  install_interrupt_handlers();
  const io::TntpNetwork net = io::read_tntp_network(args.net_path);
  const io::TntpTrips trips = io::read_tntp_trips(args.trips_path);
  assign::EquilibriumSolver solver(
      io::make_assignment_problem(net, trips, args.weights, args.trips_path));
  assign::SolverOptions options;
  options.target_relative_gap = args.gap;
  options.max_seconds = args.max_seconds;
  options.max_iterations = args.max_iterations;
  options.threads = args.threads;
  solver.options(options).on_progress([](const assign::IterationReport& r) {
    std::printf("iteration %4d  gap %.6e  objective %.12g  time %.3f s\n", r.iteration,
                r.relative_gap, r.objective, r.seconds);
    return !interrupt_flag().load();  // SIGINT/SIGTERM: stop after this iteration
  });
  const assign::SolveResult result = solver.solve();
  if (result.status == assign::SolveStatus::stopped && interrupt_flag().load()) {
    std::fflush(stdout);
    std::fprintf(stderr, "interrupted after %d iterations (gap %.6e); no outputs written\n",
                 result.iterations, result.relative_gap);
    return interrupted_exit_code();
  }
  if (result.status == assign::SolveStatus::infeasible ||
      result.status == assign::SolveStatus::invalid_problem) {
    std::cerr << args.trips_path << ": error: " << to_string(result.status) << ": " << result.reason
              << '\n';
    return 2;
  }
  std::printf("status %s after %d iterations: gap %.6e, objective %.12g, %.3f s\n",
              to_string(result.status), result.iterations, result.relative_gap, result.objective,
              result.seconds);
  if (result.status != assign::SolveStatus::converged) {
    ctx.log->warn("stopped before the target gap: {}", result.reason);
  }
  if (!args.out_path.empty()) write_flows_csv(args.out_path, solver);
  return 0;
}

}  // namespace

void add_assign_command(CLI::App& app, Context& ctx, Action& selected) {
  auto args = std::make_shared<AssignArgs>();
  CLI::App* cmd = app.add_subcommand(
      "assign", "User-equilibrium traffic assignment on a TNTP network (Algorithm B)");
  cmd->add_option("--net", args->net_path, "Network file (*_net.tntp)")->required();
  cmd->add_option("--trips", args->trips_path, "Demand file (*_trips.tntp)")->required();
  cmd->add_option("--gap", args->gap, "Target relative gap 1 - SPTT/TSTT (default 1e-10)")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--max-seconds", args->max_seconds, "Time budget, 0 = none")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--max-iterations", args->max_iterations, "Iteration limit (default 500)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--threads", args->threads,
                  "Threads for the bush updates and the gap evaluation (default 1)")
      ->check(CLI::Range(1, 256));
  cmd->add_option("--toll-weight", args->weights.toll,
                  "Generalised cost per toll unit (README; Chicago-Sketch 0.02)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--distance-weight", args->weights.distance,
                  "Generalised cost per length unit (README; Chicago-Sketch 0.04)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--out", args->out_path, "CSV of link flows: from,to,flow,cost");
  cmd->callback(
      [&selected, &ctx, args] { selected = [&ctx, args] { return run_assign(*args, ctx); }; });
}

}  // namespace corridor::cli
