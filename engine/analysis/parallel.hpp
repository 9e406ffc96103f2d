#pragma once
// A minimal parallel loop: items 0..n-1 are handed out to `threads` workers by
// an atomic counter; each item writes only its own result slot, so results do
// not depend on the thread count or the scheduling. The first exception (by
// item index) is rethrown on the calling thread.
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <thread>
#include <vector>

namespace corridor::analysis {

template <class Fn>
void parallel_for(std::size_t n, unsigned threads, Fn&& fn) {
  std::vector<std::exception_ptr> errors(n);
  std::atomic<std::size_t> next{0};
  const auto work = [&] {
    for (std::size_t i = next.fetch_add(1); i < n; i = next.fetch_add(1)) {
      try {
        fn(i);
      } catch (...) {
        errors[i] = std::current_exception();
      }
    }
  };
  const unsigned workers = static_cast<unsigned>(std::min<std::size_t>(std::max(1u, threads), n));
  std::vector<std::thread> pool;
  for (unsigned w = 1; w < workers; ++w) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
  for (const std::exception_ptr& e : errors) {
    if (e) std::rethrow_exception(e);
  }
}

}  // namespace corridor::analysis
