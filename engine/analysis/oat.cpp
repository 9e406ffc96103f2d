// One-at-a-time swings: each input at its low and its high quantile level,
// every other input at its base level (docs/sensitivity.md).
#include <stdexcept>

#include "corridor/analysis/sensitivity.hpp"

namespace corridor::analysis {

InputSettings OatDesign::settings(std::uint32_t run) const {
  InputSettings s(inputs, 0);
  for (std::uint32_t i = 0; i < inputs; ++i) s.set_level(i, base_level);
  if (run > 0) s.set_level((run - 1) / 2, run % 2 == 1 ? low_level : high_level);
  return s;
}

std::vector<OatSwing> oat_swings(const OatDesign& design, const RunTable& table) {
  if (table.first_run != 0 || table.run_count != design.runs())
    throw std::invalid_argument("oat_swings needs every run of the design");
  std::vector<OatSwing> out(std::size_t{table.width} * design.inputs);
  for (std::size_t o = 0; o < table.width; ++o) {
    for (std::uint32_t i = 0; i < design.inputs; ++i) {
      out[o * design.inputs + i] = {table.at(1 + 2 * i, o), table.at(0, o), table.at(2 + 2 * i, o)};
    }
  }
  return out;
}

}  // namespace corridor::analysis
