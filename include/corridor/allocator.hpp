#pragma once
// The process's allocator policy, set once at the start of main() by the
// executables (corridor, the benchmarks that time what it does).
//
// glibc hands blocks above its mmap threshold (128 KiB at first) straight to
// the kernel and trims the heap's top when it is freed, so every run of the time
// loop faults its step x element arrays in again, page by page. On the 2-core
// virtual machines the benchmarks run on, those faults cost more than the run's
// arithmetic (docs/benchmarks.md: a baseline run 22 ms with them, 14 ms
// without). Keeping freed memory in the process for reuse removes them, at
// the price of a higher peak: freed blocks stay in the heap instead of going
// back to the kernel (10,000 Monte-Carlo draws: 82 MB against 72 MB).
#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace corridor {

inline void keep_freed_memory() {
#if defined(__GLIBC__)
  constexpr int kMmapThresholdBytes = 32 << 20;  // glibc's largest allowed value on 64-bit
  constexpr int kTrimThresholdBytes = 1 << 30;
  mallopt(M_MMAP_THRESHOLD, kMmapThresholdBytes);
  mallopt(M_TRIM_THRESHOLD, kTrimThresholdBytes);
#endif
}

}  // namespace corridor
