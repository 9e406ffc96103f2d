#pragma once
// What is uncertain in a scenario, for Monte-Carlo ensembles: growth rates,
// project dates, random closures, demand shocks and cost series levels (format:
// docs/scenario-format.md, section `uncertainty`). Plain data; sampling is in
// corridor/analysis/draw.hpp.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "corridor/random.hpp"

namespace corridor {

/// A one-dimensional distribution: a fixed value, uniform [a, b], normal
/// (mean a, sd b), or triangular (min a, mode c, max b).
struct Distribution {
  enum class Kind : std::uint8_t { fixed, uniform, normal, triangular };
  Kind kind = Kind::fixed;
  double a = 0.0;
  double b = 0.0;
  double c = 0.0;

  [[nodiscard]] double sample(Rng& rng) const;
  [[nodiscard]] double mean() const;
};

/// Noise on one growth path: each year's rate gets N(0, annual_sd), and the
/// whole path a persistent N(0, persistent_sd) for the draw. Rates stay above -0.99.
struct GrowthUncertainty {
  std::uint32_t growth_path = 0;  ///< index into Demand::growth_paths
  double annual_sd = 0.0;
  double persistent_sd = 0.0;
};

/// A slip of a project's in-service date, in months (negative = earlier).
struct ProjectDelay {
  std::vector<std::uint32_t> projects;  ///< indices into Scenario::projects
  Distribution delay_months;
};

/// Random closures of elements: in the listed months, closure events arrive as a
/// Poisson process with `events_per_month`; each shuts the elements fully for a
/// sampled number of days (at least one).
struct RandomClosure {
  std::string id;
  std::vector<std::uint32_t> elements;  ///< element numbers: nodes first, then links
  std::vector<unsigned> months;         ///< 1..12
  double events_per_month = 0.0;
  Distribution duration_days;
};

/// Demand shocks: each year, with `probability_per_year`, the demand of the
/// segments changes by the fraction `size` for `duration_months` from a random
/// start in that year.
struct DemandShock {
  std::string id;
  std::vector<std::uint32_t> segments;  ///< indices into Demand::segments
  double probability_per_year = 0.0;
  Distribution size;             ///< fraction, > -1
  Distribution duration_months;  ///< > 0
};

/// The height of a dated cost series: each draw multiplies the series' level by
/// a sample of `level` (a sample below 0 counts as 0).
struct SeriesLevelUncertainty {
  std::uint32_t series = 0;  ///< index into Scenario::cost_series
  Distribution level;        ///< factor on CostSeries::level
};

/// A draw of a family constant's value (route_choice.constants).
struct ConstantUncertainty {
  std::uint32_t constant = 0;  ///< index into RouteChoice::constants
  Distribution usd_per_t;      ///< the constant's value in the draw, USD/t (a dated
                               ///< constant's points move by as much)
};

struct Uncertainty {
  std::vector<GrowthUncertainty> growth;
  std::vector<ProjectDelay> project_delays;
  std::vector<RandomClosure> closures;
  std::vector<DemandShock> shocks;
  std::vector<SeriesLevelUncertainty> cost_series;  ///< each series at most once
  std::vector<ConstantUncertainty> constants;       ///< each family constant at most once
  /// The route-choice inertia in a draw (kept in [0, 0.999]); absent: not drawn.
  std::optional<Distribution> inertia;

  [[nodiscard]] bool empty() const {
    return growth.empty() && project_delays.empty() && closures.empty() && shocks.empty() &&
           cost_series.empty() && constants.empty() && !inertia;
  }
};

}  // namespace corridor
