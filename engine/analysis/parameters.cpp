// Writing the free parameters of a calibration (calibration.free) into a scenario.
#include "corridor/analysis/calibration.hpp"

namespace corridor::analysis {

void apply_parameters(Scenario& s, const std::vector<double>& values) {
  for (std::size_t i = 0; i < values.size() && i < s.calibration.free.size(); ++i) {
    const FreeParameter& p = s.calibration.free[i];
    switch (p.kind) {
      case FreeParameterKind::demand_scale:
        s.demand.segments[p.segment].scale = values[i];
        break;
      case FreeParameterKind::logit_dispersion:
        s.demand.segments[p.segment].logit_dispersion_per_usd = values[i];
        break;
      case FreeParameterKind::growth_rate:
        s.demand.growth_paths[p.growth_path].steps[p.growth_step].annual_rate = values[i];
        break;
      case FreeParameterKind::risk_premium:
        for (const LinkIndex a : p.links)
          s.network.set_link_attribute(a, Attribute::risk_premium_usd_per_t, values[i]);
        break;
      case FreeParameterKind::project_value:
        s.projects[p.project].value = values[i];
        break;
      case FreeParameterKind::series_level:
        s.cost_series[p.series].level = values[i];
        break;
      case FreeParameterKind::series_point:
        s.cost_series[p.series].points[p.point].value = values[i];
        break;
      case FreeParameterKind::family_constant:
        if (p.constant_point < 0) {
          s.route_choice.constants[p.constant].usd_per_t = values[i];
        } else {
          s.route_choice.constants[p.constant]
              .points[static_cast<std::size_t>(p.constant_point)]
              .value = values[i];
        }
        break;
      case FreeParameterKind::inertia:
        s.route_choice.inertia = values[i];
        break;
      case FreeParameterKind::path_size:
        s.route_choice.path_size = values[i];
        break;
    }
  }
}

Scenario with_parameters(const Scenario& scenario, const std::vector<double>& values) {
  Scenario s = scenario;
  apply_parameters(s, values);
  return s;
}

}  // namespace corridor::analysis
