#pragma once
// "[#####.....] 512/1000 draws, 83.1/s, 6 s left" on stderr, redrawn in place:
// the progress of ensembles and sensitivity runs when stderr is a terminal.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>
#include <utility>

namespace corridor::cli {

class ProgressBar {
 public:
  /// `unit` names what is counted ("draws", "runs"); disabled: prints nothing.
  ProgressBar(std::uint32_t total, bool enabled, std::string unit = "draws")
      : total_(total),
        enabled_(enabled),
        unit_(std::move(unit)),
        start_(std::chrono::steady_clock::now()) {}
  void operator()(std::uint32_t done) {
    if (!enabled_ || total_ == 0) return;
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    const double rate = seconds > 0 ? done / seconds : 0.0;
    const double left = rate > 0 ? (total_ - done) / rate : 0.0;
    constexpr int kWidth = 30;
    const int filled = static_cast<int>(kWidth * static_cast<double>(done) / total_);
    std::fprintf(stderr, "\r[%s%s] %u/%u %s, %.1f/s, %.0f s left ",
                 std::string(static_cast<std::size_t>(filled), '#').c_str(),
                 std::string(static_cast<std::size_t>(kWidth - filled), '.').c_str(), done, total_,
                 unit_.c_str(), rate, left);
    if (done == total_) std::fprintf(stderr, "\n");
    std::fflush(stderr);
  }

 private:
  std::uint32_t total_;
  bool enabled_;
  std::string unit_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace corridor::cli
