#include <cmath>
#include <string>

#include "corridor/io/results_reader.hpp"
#include "corridor/sim/report.hpp"

namespace corridor::io {

RunResults results_of_run(const Scenario& scenario, const sim::Report& report,
                          const std::string& source) {
  RunResults r;
  r.dir = source;
  r.scenario = scenario.name;
  r.corridor_name = scenario.corridor.headline_measure().name;
  for (const sim::YearReport& y : report.years) {
    ResultYear out;
    out.year = y.year;
    out.complete = y.complete;
    out.corridor_t = y.corridor_t;
    if (y.binding_element >= 0) {
      out.binding_element =
          sim::element_id(scenario, static_cast<std::uint32_t>(y.binding_element));
      out.binding_utilisation = y.binding_utilisation;
    }
    for (const sim::SegmentYear& g : y.segments) {
      out.corridor_westbound_t += g.corridor_westbound_t;
      out.corridor_eastbound_t += g.corridor_eastbound_t;
      out.demand_t += g.demand_t;
      out.delivered_t += g.delivered_t;
      out.diverted_t += g.diverted_t;
      out.unserved_t += g.unserved_t;
    }
    r.years.push_back(out);
  }
  for (const sim::Milestone& m : report.milestones)
    r.milestones.push_back({m.threshold_t, m.first_year});
  r.headline = scenario.corridor.headline_measure().id;
  for (std::uint32_t m = 0; m < scenario.corridor.measures.size(); ++m) {
    const CorridorMeasure& c = scenario.corridor.measures[m];
    ResultMeasure out{c.id, c.name, c.unit(), {}, {}};
    // As summary.json rounds them (to the kilogram or thousandth of a TEU).
    for (const sim::YearReport& y : report.years)
      out.values.emplace_back(y.year, std::round(y.measures[m].value * 1000.0) / 1000.0);
    for (const sim::Milestone& ms : report.measure_milestones[m])
      out.milestones.push_back({ms.threshold_t, ms.first_year});
    r.measures.push_back(std::move(out));
  }
  return r;
}

}  // namespace corridor::io
