#include "corridor/random.hpp"

#include <cmath>
#include <numbers>

namespace corridor {
namespace {

std::uint64_t splitmix64(std::uint64_t& x) {
  std::uint64_t z = (x += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

}  // namespace

Rng::Rng(std::uint64_t seed, std::uint64_t draw, std::uint64_t stream) {
  // Mix the three key parts one after the other, so that (seed, draw, stream)
  // and a permutation of it give unrelated states.
  std::uint64_t x = seed;
  x = splitmix64(x) ^ draw;
  x = splitmix64(x) ^ stream;
  for (std::uint64_t& word : s_) word = splitmix64(x);
}

std::uint64_t Rng::next() {
  const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
  const std::uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

double Rng::uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

double Rng::normal() {
  const double u1 = 1.0 - uniform();  // (0, 1]
  const double u2 = uniform();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

unsigned Rng::poisson(double mean) {
  if (mean <= 0.0) return 0;
  const double limit = std::exp(-mean);
  unsigned k = 0;
  double p = uniform();
  while (p > limit && k < 10000) {
    ++k;
    p *= uniform();
  }
  return k;
}

}  // namespace corridor
