// The entry point of every benchmark binary: Google Benchmark's, after the
// allocator policy the corridor executable sets (corridor/allocator.hpp), so
// that a benchmark times what a run of the executable costs.
#include <benchmark/benchmark.h>

#include "corridor/allocator.hpp"

int main(int argc, char** argv) {
  corridor::keep_freed_memory();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
