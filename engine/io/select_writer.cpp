// The files of the select-element analysis: tonnes on each selected element by
// OD pair, segment and route label, and the other elements its freight uses,
// per step and per year.
#include "corridor/io/select_writer.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <sstream>

#include "corridor/error.hpp"
#include "corridor/io/atomic_file.hpp"
#include "corridor/sim/report.hpp"
#include "io/csv_format.hpp"
#include "io/parse_value.hpp"

namespace corridor::io {
namespace {

// Per-step arrays of the result summed over each calendar year: the step
// arrays are [step][cell], the result [year][cell].
std::vector<double> by_year(const sim::SimulationResult& r, const std::vector<double>& per_step,
                            std::size_t years) {
  const std::size_t cells = per_step.size() / r.steps.size();
  std::vector<double> out(years * cells, 0.0);
  const int first = r.steps.front().year;
  for (std::size_t t = 0; t < r.steps.size(); ++t) {
    const auto y = static_cast<std::size_t>(r.steps[t].year - first);
    for (std::size_t c = 0; c < cells; ++c) out[y * cells + c] += per_step[t * cells + c];
  }
  return out;
}

const char* kind_of(const Scenario& s, std::uint32_t e) {
  return e < s.network.node_count() ? "node" : "link";
}

std::string od_cells(const Scenario& s, std::uint32_t k) {
  const OdDemand& od = s.demand.od[k];
  return s.demand.segments[od.segment].id + ',' + s.network.node(od.origin).id + ',' +
         s.network.node(od.destination).id;
}

double share(double part, double whole) { return whole > 0.0 ? part / whole : 0.0; }

// Rows whose tonnes print as 0.000 are left out.
bool negligible(double t) { return t < 0.0005; }

// fixed_number's text (the same digits: both round the exact binary value), by
// std::to_chars, which is several times faster than snprintf: these files have
// thousands of rows, and formatting is most of their cost.
std::string fixed(double x, int decimals = 3) {
  if (!std::isfinite(x)) return {};
  if (std::fabs(x) < 0.5 * std::pow(10.0, -decimals)) x = 0.0;
  char buf[64];
  const auto end = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::fixed, decimals).ptr;
  return {buf, end};
}

// Rows "<period>,element,kind,segment,origin,destination,route,flow_t,share" of
// one period: `cells` is [s][od][route], `flow` the selected elements' flows.
void od_rows(const Scenario& s, const sim::SimulationResult& r, const std::string& period,
             const double* cells, const std::vector<double>& flow, std::string& out) {
  const std::size_t routes = r.routes.size();
  for (std::size_t sel = 0; sel < r.selected.size(); ++sel) {
    const std::uint32_t e = r.selected[sel];
    const std::string head = period + sim::element_id(s, e) + ',' + kind_of(s, e) + ',';
    for (std::uint32_t k = 0; k < r.od_count; ++k) {
      for (std::size_t q = 0; q < routes; ++q) {
        const double t = cells[(sel * r.od_count + k) * routes + q];
        if (negligible(t)) continue;
        out += head + od_cells(s, k) + ',' + csv_field(r.routes[q]) + ',' + fixed(t) + ',' +
               fixed(share(t, flow[sel]), 6) + '\n';
      }
    }
  }
}

// Rows "<period>,element,other,other_kind,flow_t,share" of one period: `cells`
// is [s][element].
void link_rows(const Scenario& s, const sim::SimulationResult& r, const std::string& period,
               const double* cells, std::string& out) {
  for (std::size_t sel = 0; sel < r.selected.size(); ++sel) {
    const std::uint32_t e = r.selected[sel];
    const double* row = cells + sel * r.element_count;
    for (std::uint32_t other = 0; other < r.element_count; ++other) {
      if (other == e || negligible(row[other])) continue;
      out += period + sim::element_id(s, e) + ',' + sim::element_id(s, other) + ',' +
             kind_of(s, other) + ',' + fixed(row[other]) + ',' +
             fixed(share(row[other], row[e]), 6) + '\n';
    }
  }
}

std::vector<double> selected_flows(const sim::SimulationResult& r, const double* links_cells) {
  std::vector<double> flow;
  for (std::size_t sel = 0; sel < r.selected.size(); ++sel)
    flow.push_back(links_cells[sel * r.element_count + r.selected[sel]]);
  return flow;
}

}  // namespace

std::vector<std::uint32_t> parse_element_list(const Network& network, const std::string& list,
                                              const std::string& option) {
  std::vector<std::uint32_t> out;
  std::stringstream in(list);
  std::string id;
  while (std::getline(in, id, ',')) {
    std::uint32_t e = 0;
    if (const auto n = network.find_node(id)) {
      e = *n;
    } else if (const auto l = network.find_link(id)) {
      e = network.node_count() + *l;
    } else {
      std::vector<std::string_view> ids;
      for (const NodeSpec& node : network.nodes()) ids.emplace_back(node.id);
      for (const LinkSpec& link : network.links()) ids.emplace_back(link.id);
      throw InputError({option, 0, 0}, "'" + id + "' is not a node or link" + did_you_mean(id, ids),
                       "node and link ids of the scenario, separated by commas");
    }
    if (std::find(out.begin(), out.end(), e) != out.end())
      throw InputError({option, 0, 0}, "'" + id + "' is listed twice", "each element once");
    out.push_back(e);
  }
  if (out.empty()) throw InputError({option, 0, 0}, "no element given", "node or link ids");
  return out;
}

void write_select(const std::filesystem::path& dir, const Scenario& s,
                  const sim::SimulationResult& r) {
  const std::size_t od_cells_per_step = r.selected.size() * r.od_count * r.routes.size();
  const std::size_t link_cells_per_step = r.selected.size() * r.element_count;
  std::string steps =
      "step_start,year,element,kind,segment,origin,destination,route,flow_t,share\n";
  std::string links = "step_start,year,element,other,other_kind,flow_t,share\n";
  for (std::size_t t = 0; t < r.steps.size(); ++t) {
    const std::string period = format_date(std::chrono::year_month_day{r.steps[t].first_day}) +
                               ',' + std::to_string(r.steps[t].year) + ',';
    const double* link_cells = &r.select_element_t[t * link_cells_per_step];
    od_rows(s, r, period, &r.select_od_route_t[t * od_cells_per_step],
            selected_flows(r, link_cells), steps);
    link_rows(s, r, period, link_cells, links);
  }
  const int year_count = r.steps.back().year - r.steps.front().year + 1;
  const auto years = static_cast<std::size_t>(year_count);
  const std::vector<double> od_years = by_year(r, r.select_od_route_t, years);
  const std::vector<double> link_years = by_year(r, r.select_element_t, years);
  std::string year_steps = "year,element,kind,segment,origin,destination,route,flow_t,share\n";
  std::string year_links = "year,element,other,other_kind,flow_t,share\n";
  for (std::size_t y = 0; y < years; ++y) {
    const std::string period = std::to_string(r.steps.front().year + static_cast<int>(y)) + ',';
    const double* link_cells = &link_years[y * link_cells_per_step];
    od_rows(s, r, period, &od_years[y * od_cells_per_step], selected_flows(r, link_cells),
            year_steps);
    link_rows(s, r, period, link_cells, year_links);
  }
  write_file_atomically(dir / "select_element.csv", steps);
  write_file_atomically(dir / "select_element_years.csv", year_steps);
  write_file_atomically(dir / "select_links.csv", links);
  write_file_atomically(dir / "select_links_years.csv", year_links);
}

}  // namespace corridor::io
