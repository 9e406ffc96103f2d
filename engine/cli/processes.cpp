#include "cli/processes.hpp"

#ifdef CORRIDOR_WITH_MPI
#include <mpi.h>
#endif

#include <cstdlib>
#include <vector>

namespace corridor::cli {

#ifdef CORRIDOR_WITH_MPI
namespace {

bool g_mpi_started = false;

// Started by mpirun/mpiexec (OpenMPI, MPICH/PMI or PMIx launchers)? A plain
// start skips MPI_Init, which costs about half a second for a singleton.
bool launched_by_mpi() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK"}) {
    if (std::getenv(name) != nullptr) return true;
  }
  return false;
}

}  // namespace
#endif

Processes start_processes([[maybe_unused]] int& argc, [[maybe_unused]] char**& argv) {
  Processes p;
#ifdef CORRIDOR_WITH_MPI
  if (!launched_by_mpi()) return p;
  MPI_Init(&argc, &argv);
  g_mpi_started = true;
  MPI_Comm_rank(MPI_COMM_WORLD, &p.rank);
  MPI_Comm_size(MPI_COMM_WORLD, &p.size);
#endif
  return p;
}

void stop_processes() {
#ifdef CORRIDOR_WITH_MPI
  if (g_mpi_started) MPI_Finalize();
#endif
}

void my_draws(const Processes& p, std::uint32_t total, std::uint32_t& first, std::uint32_t& count) {
  const auto part = [&](int r) {
    return static_cast<std::uint32_t>(static_cast<std::uint64_t>(total) *
                                      static_cast<std::uint64_t>(r) /
                                      static_cast<std::uint64_t>(p.size));
  };
  first = part(p.rank);
  count = part(p.rank + 1) - first;
}

void gather_rows([[maybe_unused]] const Processes& p, [[maybe_unused]] std::vector<double>& values,
                 [[maybe_unused]] std::size_t width, [[maybe_unused]] std::uint32_t total) {
#ifdef CORRIDOR_WITH_MPI
  if (p.size == 1) return;
  std::vector<int> counts(static_cast<std::size_t>(p.size)),
      offsets(static_cast<std::size_t>(p.size));
  for (int r = 0; r < p.size; ++r) {
    Processes other{r, p.size};
    std::uint32_t first = 0, count = 0;
    my_draws(other, total, first, count);
    counts[static_cast<std::size_t>(r)] = static_cast<int>(count * width);
    offsets[static_cast<std::size_t>(r)] = static_cast<int>(first * width);
  }
  std::vector<double> all(p.root() ? static_cast<std::size_t>(total) * width : 0);
  MPI_Gatherv(values.data(), static_cast<int>(values.size()), MPI_DOUBLE, all.data(), counts.data(),
              offsets.data(), MPI_DOUBLE, 0, MPI_COMM_WORLD);
  if (p.root()) values = std::move(all);
#endif
}

void gather_draws(const Processes& p, analysis::EnsembleResult& result, std::uint32_t total) {
  if (p.size == 1) return;
  gather_rows(p, result.values, result.width(), total);
  if (p.root()) {
    result.first_draw = 0;
    result.draw_count = total;
  }
}

}  // namespace corridor::cli
