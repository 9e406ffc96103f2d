// The uncertain inputs of a scenario: their names, and the value each takes at
// a quantile level (for the one-at-a-time table).
#include "corridor/analysis/inputs.hpp"

#include <algorithm>

#include "analysis/draw_levels.hpp"

namespace corridor::analysis {
namespace {

// How the outputs name a delay item: its project, "*" when it names every
// enabled project, else its projects joined by '+'.
std::string delay_name(const Scenario& s, const ProjectDelay& d) {
  if (d.projects.size() == 1) return s.projects[d.projects.front()].id;
  if (d.projects.size() == s.projects.size() && !s.projects.empty()) return "*";
  std::string out;
  for (const std::uint32_t p : d.projects) out += (out.empty() ? "" : "+") + s.projects[p].id;
  return out;
}

}  // namespace

const char* to_string(UncertainInput::Kind kind) {
  switch (kind) {
    case UncertainInput::Kind::growth:
      return "growth";
    case UncertainInput::Kind::project_delay:
      return "project-delay";
    case UncertainInput::Kind::random_closure:
      return "closure";
    case UncertainInput::Kind::demand_shock:
      return "shock";
    case UncertainInput::Kind::series_level:
      return "series-level";
    case UncertainInput::Kind::inertia:
      return "inertia";
    case UncertainInput::Kind::family_constant:
      return "constant";
  }
  return "unknown";
}

const char* input_unit(UncertainInput::Kind kind) {
  switch (kind) {
    case UncertainInput::Kind::growth:
      return "rate per year";
    case UncertainInput::Kind::project_delay:
      return "months";
    case UncertainInput::Kind::random_closure:
      return "spells per year";
    case UncertainInput::Kind::demand_shock:
      return "shock years";
    case UncertainInput::Kind::series_level:
      return "factor";
    case UncertainInput::Kind::inertia:
      return "ratio";
    case UncertainInput::Kind::family_constant:
      return "USD/t";
  }
  return "";
}

std::vector<UncertainInput> uncertain_inputs(const Scenario& s) {
  using Kind = UncertainInput::Kind;
  const Uncertainty& u = s.uncertainty;
  std::vector<UncertainInput> out;
  const auto add = [&out](Kind kind, std::size_t item, const std::string& name) {
    std::string id = to_string(kind);
    if (!name.empty()) id += ":" + name;
    out.push_back({kind, static_cast<std::uint32_t>(item), std::move(id)});
  };
  for (std::size_t i = 0; i < u.growth.size(); ++i)
    add(Kind::growth, i, s.demand.growth_paths[u.growth[i].growth_path].id);
  for (std::size_t i = 0; i < u.project_delays.size(); ++i)
    add(Kind::project_delay, i, delay_name(s, u.project_delays[i]));
  for (std::size_t i = 0; i < u.closures.size(); ++i)
    add(Kind::random_closure, i, u.closures[i].id);
  for (std::size_t i = 0; i < u.shocks.size(); ++i) add(Kind::demand_shock, i, u.shocks[i].id);
  for (std::size_t i = 0; i < u.cost_series.size(); ++i)
    add(Kind::series_level, i, s.cost_series[u.cost_series[i].series].id);
  if (u.inertia) add(Kind::inertia, 0, "");
  for (std::size_t i = 0; i < u.constants.size(); ++i)
    add(Kind::family_constant, i, s.route_choice.constants[u.constants[i].constant].id);
  return out;
}

double input_value_at(const Scenario& scenario, const UncertainInput& input, double level) {
  const Uncertainty& u = scenario.uncertainty;
  const std::size_t i = input.item;
  switch (input.kind) {
    case UncertainInput::Kind::growth:
      return (u.growth[i].persistent_sd + u.growth[i].annual_sd) * normal_quantile(level);
    case UncertainInput::Kind::project_delay:
      return distribution_quantile(u.project_delays[i].delay_months, level);
    case UncertainInput::Kind::random_closure:
      return poisson_quantile(
          u.closures[i].events_per_month * static_cast<double>(u.closures[i].months.size()), level);
    case UncertainInput::Kind::demand_shock: {
      const int first = static_cast<int>(scenario.horizon.start.year());
      const auto years =
          static_cast<unsigned>(static_cast<int>(scenario.horizon.end.year()) - first + 1);
      return binomial_quantile(years, u.shocks[i].probability_per_year, level);
    }
    case UncertainInput::Kind::series_level:
      return std::max(distribution_quantile(u.cost_series[i].level, level), 0.0);
    case UncertainInput::Kind::inertia:
      return std::clamp(distribution_quantile(*u.inertia, level), 0.0, 0.999);
    case UncertainInput::Kind::family_constant:
      return distribution_quantile(u.constants[i].usd_per_t, level);
  }
  return 0.0;
}

}  // namespace corridor::analysis
