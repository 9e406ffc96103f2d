#include "corridor/uncertainty.hpp"

#include <cmath>

namespace corridor {

double Distribution::sample(Rng& rng) const {
  switch (kind) {
    case Kind::fixed:
      return a;
    case Kind::uniform:
      return rng.uniform(a, b);
    case Kind::normal:
      return a + b * rng.normal();
    case Kind::triangular: {
      // Inverse CDF of the triangular distribution on [a, b] with mode c.
      const double u = rng.uniform();
      const double split = (c - a) / (b - a);
      return u < split ? a + std::sqrt(u * (b - a) * (c - a))
                       : b - std::sqrt((1.0 - u) * (b - a) * (b - c));
    }
  }
  return a;
}

double Distribution::mean() const {
  switch (kind) {
    case Kind::fixed:
      return a;
    case Kind::uniform:
      return 0.5 * (a + b);
    case Kind::normal:
      return a;
    case Kind::triangular:
      return (a + b + c) / 3.0;
  }
  return a;
}

}  // namespace corridor
