#pragma once
// Process-level parallelism for the CLI: with CORRIDOR_WITH_MPI the executable
// runs under mpirun and splits Monte-Carlo draws across ranks; without it, it
// is a single process. The engine library itself knows nothing of MPI.
#include <cstdint>
#include <vector>

#include "corridor/analysis/ensemble.hpp"

namespace corridor::cli {

struct Processes {
  int rank = 0;
  int size = 1;
  [[nodiscard]] bool root() const { return rank == 0; }
};

/// MPI_Init when built with MPI (no-op otherwise). Call once from main.
Processes start_processes(int& argc, char**& argv);
/// MPI_Finalize when built with MPI.
void stop_processes();

/// The draws [first, first + count) this process runs out of `total`.
void my_draws(const Processes& p, std::uint32_t total, std::uint32_t& first, std::uint32_t& count);

/// Collects every rank's rows (`width` numbers each; rank r holds the rows
/// my_draws gives it out of `total`) on rank 0, in row order (a no-op for one
/// process). On rank 0, `values` then holds all `total` rows.
void gather_rows(const Processes& p, std::vector<double>& values, std::size_t width,
                 std::uint32_t total);

/// Collects every rank's draws on rank 0, in draw order (a no-op for one process).
/// On rank 0, `result` then holds all `total` draws.
void gather_draws(const Processes& p, analysis::EnsembleResult& result, std::uint32_t total);

}  // namespace corridor::cli
