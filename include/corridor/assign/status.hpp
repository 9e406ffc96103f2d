#pragma once
// What a solve reports, shared by both assignment solvers (the user
// equilibrium of solver.hpp and the logit SUE of logit.hpp): a status with a
// reason instead of an exception, the iterations and the final gap, and the
// progress callback's report.
#include <cstdint>
#include <functional>
#include <string>

namespace corridor::assign {

enum class SolveStatus : std::uint8_t {
  converged,        ///< reached the target gap
  iteration_limit,  ///< max_iterations done without reaching the target
  time_limit,       ///< max_seconds exceeded
  stopped,          ///< the progress callback asked to stop
  infeasible,       ///< demand with no path (reason names the pair)
  invalid_problem,  ///< the problem failed validate() or a change was out of range (reason says
                    ///< why)
};

[[nodiscard]] const char* to_string(SolveStatus status);

/// True for the statuses that leave a usable flow (converged, or stopped short
/// of the target by a limit or the callback); false for infeasible and invalid.
[[nodiscard]] inline bool has_flows(SolveStatus status) {
  return status != SolveStatus::infeasible && status != SolveStatus::invalid_problem;
}

/// What one solve() did.
struct SolveResult {
  SolveStatus status = SolveStatus::iteration_limit;
  std::string reason;
  int iterations = 0;
  /// The solver's own gap at the end (each solver's header says how it is computed).
  double relative_gap = 1.0;
  double objective = 0.0;  ///< user equilibrium: Beckmann objective; logit: 0
  double seconds = 0.0;
};

/// Progress after an iteration (iteration 0 is the starting point of the user
/// equilibrium; the logit reports from its first loading, iteration 1).
struct IterationReport {
  int iteration = 0;
  double relative_gap = 1.0;
  double objective = 0.0;
  double seconds = 0.0;  ///< since the start of this solve()
};

/// Return false to stop the solve (status `stopped`).
using ProgressCallback = std::function<bool(const IterationReport&)>;

}  // namespace corridor::assign
