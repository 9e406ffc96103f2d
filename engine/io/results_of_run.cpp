#include <string>

#include "corridor/io/results_reader.hpp"
#include "corridor/sim/report.hpp"

namespace corridor::io {

RunResults results_of_run(const Scenario& scenario, const sim::Report& report,
                          const std::string& source) {
  RunResults r;
  r.dir = source;
  r.scenario = scenario.name;
  r.corridor_name = scenario.corridor.name;
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
  return r;
}

}  // namespace corridor::io
