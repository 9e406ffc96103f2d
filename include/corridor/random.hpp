#pragma once
// Counter-based random streams: every stream is keyed by (seed, draw, stream
// id) alone, so a Monte-Carlo draw gets the same numbers whichever thread or
// process runs it, and in whatever order. SplitMix64 mixes the key into the
// state of a xoshiro256** generator (Blackman and Vigna 2018). The samplers are
// written out here rather than taken from <random>, whose distributions may
// differ between standard libraries.
#include <cstdint>

namespace corridor {

class Rng {
 public:
  /// The stream for (seed, draw, stream): independent for different keys.
  Rng(std::uint64_t seed, std::uint64_t draw, std::uint64_t stream);

  /// Uniform 64-bit integer.
  std::uint64_t next();
  /// Uniform in [0, 1) with 53 random bits.
  double uniform();
  /// Uniform in [a, b).
  double uniform(double a, double b) { return a + (b - a) * uniform(); }
  /// Standard normal (Box–Muller; one value per call, the pair's second value is dropped
  /// so that the stream position depends only on the number of calls).
  double normal();
  /// Poisson with mean `mean` >= 0 (Knuth's product method; fine for the small means used here).
  unsigned poisson(double mean);

 private:
  std::uint64_t s_[4];
};

}  // namespace corridor
