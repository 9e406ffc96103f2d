#include "corridor/scenario.hpp"

#include <algorithm>

namespace corridor {
std::string_view to_string(FreeParameterKind kind) {
  switch (kind) {
    case FreeParameterKind::demand_scale:
      return "demand_scale";
    case FreeParameterKind::logit_dispersion:
      return "logit_dispersion";
    case FreeParameterKind::risk_premium:
      return "risk_premium";
    case FreeParameterKind::growth_rate:
      return "growth_rate";
    case FreeParameterKind::project_value:
      return "project_value";
    case FreeParameterKind::series_level:
      return "series_level";
    case FreeParameterKind::series_point:
      return "series_point";
    case FreeParameterKind::family_constant:
      return "family_constant";
    case FreeParameterKind::inertia:
      return "inertia";
    case FreeParameterKind::path_size:
      return "path_size";
  }
  return "demand_scale";
}

std::string_view to_string(StepLength step) {
  switch (step) {
    case StepLength::week:
      return "week";
    case StepLength::month:
      return "month";
    case StepLength::quarter:
      return "quarter";
  }
  return "month";
}

double Project::applied_to(double before) const {
  switch (change) {
    case Change::set_to:
      return value;
    case Change::multiply_by:
      return before * value;
    case Change::add:
      return before + value;
  }
  return before;
}

bool is_money_attribute(Attribute attribute) {
  return attribute == Attribute::tariff_usd_per_t ||
         attribute == Attribute::risk_premium_usd_per_t ||
         attribute == Attribute::handling_cost_usd_per_t;
}

double attribute_value(const Network& network, ElementRef element, Attribute attribute) {
  return element.kind == ElementRef::Kind::node
             ? *attribute_slot(network.node(element.index), attribute)
             : *attribute_slot(network.link(element.index), attribute);
}

double CorridorMeasure::weight(std::uint32_t segment) const {
  if (!segments.empty() && std::find(segments.begin(), segments.end(), segment) == segments.end())
    return 0.0;
  if (!in_teu()) return 1.0;
  return segment < teu_per_t.size() ? teu_per_t[segment] : 0.0;
}

std::int32_t RouteChoice::constant_index(const std::string& family, std::uint32_t segment) const {
  std::int32_t all = -1;
  for (std::size_t i = 0; i < constants.size(); ++i) {
    const FamilyConstant& c = constants[i];
    if (c.family != family) continue;
    if (c.segments.empty()) {
      all = static_cast<std::int32_t>(i);
    } else if (std::find(c.segments.begin(), c.segments.end(), segment) != c.segments.end()) {
      return static_cast<std::int32_t>(i);
    }
  }
  return all;
}

double RouteChoice::constant(const std::string& family, std::uint32_t segment) const {
  const std::int32_t i = constant_index(family, segment);
  return i < 0 ? 0.0 : constants[static_cast<std::size_t>(i)].usd_per_t;
}

std::int32_t CorridorDefinition::find(std::string_view id) const {
  for (std::size_t i = 0; i < measures.size(); ++i) {
    if (measures[i].id == id) return static_cast<std::int32_t>(i);
  }
  return -1;
}

std::uint32_t Horizon::step_count() const {
  using namespace std::chrono;
  const int months = (static_cast<int>(end.year()) - static_cast<int>(start.year())) * 12 +
                     static_cast<int>(static_cast<unsigned>(end.month())) -
                     static_cast<int>(static_cast<unsigned>(start.month())) + 1;
  if (months <= 0) return 0;
  switch (step) {
    case StepLength::month:
      return static_cast<std::uint32_t>(months);
    case StepLength::quarter:
      return static_cast<std::uint32_t>((months + 2) / 3);
    case StepLength::week: {
      const sys_days first{start / day{1}};
      const sys_days after_last = sys_days{end / last} + days{1};
      return static_cast<std::uint32_t>(((after_last - first).count() + 6) / 7);
    }
  }
  return 0;
}

}  // namespace corridor
