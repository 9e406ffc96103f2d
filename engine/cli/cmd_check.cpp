// `corridor check SCENARIO`: load, resolve `extends`, validate, print a summary.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>

#include "cli/commands.hpp"
#include "corridor/io/scenario_loader.hpp"
#include "corridor/sim/report.hpp"

namespace corridor::cli {
namespace {

std::string tonnes(double t) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.3f Mt", t / 1e6);
  return buf;
}

std::string date_text(const Date& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return buf;
}

std::string month_text(const std::chrono::year_month& ym) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u", static_cast<int>(ym.year()),
                static_cast<unsigned>(ym.month()));
  return buf;
}

std::string element_ids(const Scenario& s, const std::vector<ElementRef>& elements) {
  std::string text;
  for (const ElementRef& e : elements) {
    text += (text.empty() ? "" : ", ") + (e.kind == ElementRef::Kind::node
                                              ? s.network.node(e.index).id
                                              : s.network.link(e.index).id);
  }
  return text;
}

template <class Map>
std::string counts(const Map& m) {
  std::string text;
  for (const auto& [key, n] : m)
    text += (text.empty() ? "" : ", ") + std::string(key) + " " + std::to_string(n);
  return text;
}

// Projects by date, then the cost series.
void print_dated_changes(const Scenario& s, std::ostream& out) {
  out << "projects     " << s.projects.size() << "\n";
  std::vector<const Project*> by_date;
  for (const Project& p : s.projects) by_date.push_back(&p);
  std::stable_sort(by_date.begin(), by_date.end(), [](const Project* a, const Project* b) {
    return std::chrono::sys_days(a->in_service) < std::chrono::sys_days(b->in_service);
  });
  for (const Project* p : by_date) {
    out << "  " << date_text(p->in_service) << "  " << p->id << " (" << to_string(p->attribute)
        << " of " << element_ids(s, p->elements) << ")\n";
  }
  out << "cost series  " << s.cost_series.size() << "\n";
  for (const CostSeries& c : s.cost_series) {
    out << "  " << date_text(c.points.front().date) << ".." << date_text(c.points.back().date)
        << "  " << c.id << " (" << (c.change == CostSeries::Change::set ? "sets " : "adds to ")
        << to_string(c.attribute) << " of " << element_ids(s, c.elements) << ", " << c.points.size()
        << " points)\n";
  }
}

void print_summary(const io::LoadedScenario& loaded, std::ostream& out) {
  const Scenario& s = loaded.scenario;
  const Network& net = s.network;
  std::map<std::string_view, int> by_kind, by_mode, by_route;
  for (const NodeSpec& n : net.nodes()) ++by_kind[to_string(n.kind)];
  for (const LinkSpec& l : net.links()) {
    ++by_mode[to_string(l.mode)];
    ++by_route[l.route.empty() ? std::string_view("(none)") : std::string_view(l.route)];
  }
  std::vector<double> per_segment(s.demand.segments.size(), 0.0);
  for (const OdDemand& d : s.demand.od) per_segment[d.segment] += d.base_t_per_year;

  out << "scenario     " << s.name << "  (valid)\n";
  out << "files        ";
  for (std::size_t i = 0; i < loaded.files.size(); ++i) out << (i ? ", " : "") << loaded.files[i];
  out << "\nnodes        " << net.node_count() << "  (" << counts(by_kind) << ")\n";
  out << "links        " << net.link_count() << "  (" << counts(by_mode)
      << "; routes: " << counts(by_route) << ")\n";
  out << "segments     " << s.demand.segments.size() << "\n";
  for (std::size_t k = 0; k < s.demand.segments.size(); ++k) {
    out << "  " << s.demand.segments[k].id << ": VoT "
        << s.demand.segments[k].value_of_time_usd_per_t_day << " USD/t/day, base "
        << tonnes(per_segment[k]) << "/yr";
    if (s.demand.segments[k].scale != 1.0) out << " x scale " << s.demand.segments[k].scale;
    out << "\n";
  }
  out << "od pairs     " << s.demand.od.size() << "\n";
  out << "base tonnes  " << tonnes(s.demand.total_base_t_per_year()) << "/yr\n";
  out << "horizon      " << month_text(s.horizon.start) << " to " << month_text(s.horizon.end)
      << ", " << s.horizon.step_count() << " " << to_string(s.horizon.step) << " steps\n";
  print_dated_changes(s, out);
  out << "disruptions  " << s.disruptions.size() << "\n";
  for (const Disruption& d : s.disruptions) {
    out << "  " << d.id << " (" << element_ids(s, d.elements) << ", closed "
        << d.closed_fraction * 100 << "%)\n";
  }
  out << "corridor     " << s.corridor.measures.size() << " measures, headline "
      << s.corridor.headline_measure().id << "\n";
  for (const CorridorMeasure& c : s.corridor.measures) {
    out << "  " << c.id << " (" << c.unit() << ", "
        << (c.counts == CorridorMeasure::Counts::routes ? "routes using" : "flows through") << " ";
    for (std::size_t i = 0; i < c.elements.size(); ++i)
      out << (i ? ", " : "") << sim::element_id(s, c.elements[i]);
    out << ")\n";
  }
  if (!s.observations.empty() || !s.calibration.free.empty()) {
    out << "calibration  " << s.observations.size() << " observations, "
        << s.calibration.free.size() << " free parameters\n";
  }
}

}  // namespace

void add_check_command(CLI::App& app, Context& ctx, Action& selected) {
  auto scenario = std::make_shared<std::string>();
  CLI::App* cmd =
      app.add_subcommand("check",
                         "Load a scenario, resolve 'extends', validate it and print a summary.\n"
                         "Exit code 0 when valid, 2 with a located message when not.");
  cmd->add_option("SCENARIO", *scenario, "Scenario YAML file")->required();
  cmd->callback([&ctx, &selected, scenario] {
    selected = [&ctx, scenario] {
      const io::LoadedScenario loaded = io::load_scenario(*scenario);
      for (const std::string& w : loaded.warnings) ctx.log->warn("{}", w);
      print_summary(loaded, std::cout);
      return 0;
    };
  });
}

}  // namespace corridor::cli
