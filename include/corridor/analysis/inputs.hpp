#pragma once
// The uncertain inputs of a scenario, one per item of its `uncertainty` section,
// and how one run sets each of them: from the random streams of a draw index of
// its own (an ensemble draw gives every input the same index; a Saltelli design
// mixes the indices of two draws), or at a fixed quantile level (one-at-a-time
// swings). Used by the ensembles and the sensitivity analysis
// (docs/sensitivity.md).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "corridor/scenario.hpp"
#include "corridor/sim/calendar.hpp"
#include "corridor/sim/step_inputs.hpp"

namespace corridor::analysis {

/// One item of the `uncertainty` section, seen as one input of the model.
struct UncertainInput {
  enum class Kind : std::uint8_t {
    growth,           ///< noise on a growth path (uncertainty.growth)
    project_delay,    ///< slip of the projects an item names (project_delays)
    random_closure,   ///< closure spells (random_closures)
    demand_shock,     ///< demand shocks (demand_shocks)
    series_level,     ///< factor on a cost series' level (cost_series)
    inertia,          ///< the route-choice inertia (route_choice.inertia)
    family_constant,  ///< a family constant's value (route_choice.constants)
  };
  Kind kind = Kind::growth;
  std::uint32_t item = 0;  ///< index in its list of the uncertainty section (0 for inertia)
  std::string id;          ///< "growth:transit", "project-delay:*", "closure:alat-storms", ...
};

/// "growth", "project-delay", "closure", "shock", "series-level", "inertia", "constant".
[[nodiscard]] const char* to_string(UncertainInput::Kind kind);

/// The scenario's inputs in a fixed order: growth items, project delays, random
/// closures, demand shocks, cost series levels, the inertia, family constants
/// (each list in file order).
[[nodiscard]] std::vector<UncertainInput> uncertain_inputs(const Scenario& scenario);

/// How one run sets each input (numbered as uncertain_inputs lists them).
class InputSettings {
 public:
  InputSettings() = default;
  /// Every input from the random streams of draw `draw`: an ensemble's draw.
  InputSettings(std::size_t inputs, std::uint64_t draw) : draw_(inputs, draw), level_(inputs) {}

  /// Input i from the random streams keyed by (seed, draw, its stream).
  void set_draw(std::size_t input, std::uint64_t draw) {
    draw_[input] = draw;
    level_[input].reset();
  }
  /// Input i at quantile level `level` in (0, 1), drawing no random numbers
  /// (docs/sensitivity.md says what the level means for each kind).
  void set_level(std::size_t input, double level) { level_[input] = level; }

  [[nodiscard]] std::size_t size() const { return draw_.size(); }
  [[nodiscard]] std::uint64_t draw(std::size_t input) const { return draw_[input]; }
  [[nodiscard]] const std::optional<double>& level(std::size_t input) const {
    return level_[input];
  }

 private:
  std::vector<std::uint64_t> draw_;
  std::vector<std::optional<double>> level_;
};

/// The scenario as one run sets its inputs: growth paths with noise, project
/// dates slipped, closure spells added as one-off disruptions, cost series
/// levels scaled, route-choice inertia and constants set. Precondition:
/// settings.size() == uncertain_inputs(base).size().
[[nodiscard]] Scenario draw_scenario(const Scenario& base, std::uint64_t seed,
                                     const InputSettings& settings);

/// Applies the run's demand shocks to per-step demand.
void apply_demand_shocks(const Scenario& base, std::uint64_t seed, const InputSettings& settings,
                         const std::vector<sim::Step>& steps, sim::StepInputs& inputs);

/// The value an input takes at quantile level `level` (one-at-a-time swings),
/// in the unit input_unit() names: the shift of every year's growth rate, the
/// delay in months, closure spells per year, shock years over the horizon,
/// the series level factor, the inertia, the constant in USD/t.
[[nodiscard]] double input_value_at(const Scenario& scenario, const UncertainInput& input,
                                    double level);
/// "rate per year", "months", "spells per year", "shock years", "factor", "ratio", "USD/t".
[[nodiscard]] const char* input_unit(UncertainInput::Kind kind);

}  // namespace corridor::analysis
