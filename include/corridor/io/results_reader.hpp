#pragma once
// Reading back the results folder of a `corridor run` (format: docs/outputs.md)
// for `corridor compare`: summary.json, corridor_tonnage.csv and balance.csv,
// reduced to one row per year. Bad input (not a results folder, another
// format_version, a malformed file) throws corridor::InputError naming the
// file, line and column.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "corridor/scenario.hpp"
#include "corridor/sim/report.hpp"

namespace corridor::io {

/// One calendar year of a run, all segments together.
struct ResultYear {
  int year = 0;
  bool complete = false;              ///< all of the year's days are in the horizon
  double corridor_t = 0.0;            ///< summary.json years[].corridor_t
  double corridor_westbound_t = 0.0;  ///< corridor_tonnage.csv, summed over segments
  double corridor_eastbound_t = 0.0;
  std::string binding_element;  ///< empty when no element has a capacity
  std::optional<double> binding_utilisation;
  double demand_t = 0.0;  ///< balance.csv, summed over segments
  double delivered_t = 0.0;
  double diverted_t = 0.0;
  double unserved_t = 0.0;
};

/// First complete year with the measure >= threshold (summary.json first_year_reaching).
struct ResultMilestone {
  double threshold = 0.0;  ///< in the measure's unit
  std::optional<int> first_year;
};

/// One corridor measure of a run, per year.
struct ResultMeasure {
  std::string id;
  std::string name;
  std::string unit;                            ///< "t" or "TEU"
  std::vector<std::pair<int, double>> values;  ///< (year, value), year order
  std::vector<ResultMilestone> milestones;     ///< thresholds in increasing order
};

struct RunResults {
  std::string dir;                          ///< the folder as given
  std::string scenario;                     ///< scenario name
  std::string corridor_name;                ///< the headline measure's name
  std::string headline;                     ///< the headline measure's id
  std::vector<ResultYear> years;            ///< in year order; corridor_t is the headline's
  std::vector<ResultMilestone> milestones;  ///< the headline's (5, 10, 15 Mt)
  std::vector<ResultMeasure> measures;      ///< every measure, in scenario order
};

/// Reads the results folder `dir`. Requires summary.json with the format_version
/// this engine writes (kOutputFormatVersion), corridor_tonnage.csv and balance.csv.
[[nodiscard]] RunResults read_results(const std::filesystem::path& dir);

/// The same figures straight from a run in memory (what read_results would read
/// back from the folder write_results writes); `source` fills RunResults::dir.
[[nodiscard]] RunResults results_of_run(const Scenario& scenario, const sim::Report& report,
                                        const std::string& source);

}  // namespace corridor::io
