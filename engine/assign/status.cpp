#include "corridor/assign/status.hpp"

namespace corridor::assign {

const char* to_string(SolveStatus status) {
  switch (status) {
    case SolveStatus::converged:
      return "converged";
    case SolveStatus::iteration_limit:
      return "iteration limit";
    case SolveStatus::time_limit:
      return "time limit";
    case SolveStatus::stopped:
      return "stopped";
    case SolveStatus::infeasible:
      return "infeasible";
    case SolveStatus::invalid_problem:
      return "invalid problem";
  }
  return "unknown";
}

}  // namespace corridor::assign
