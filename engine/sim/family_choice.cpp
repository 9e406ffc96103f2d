#include "family_choice.hpp"

#include <algorithm>
#include <cmath>

namespace corridor::sim {

FamilyChoice::FamilyChoice(const Scenario& s, const StepInputs& in, const RouteLabels& labels,
                           FlowModel& model)
    : routes_(generate_family_routes(s, model, in, labels, make_segment_table(s))) {
  const std::uint32_t ods = static_cast<std::uint32_t>(s.demand.od.size());
  const std::size_t families = labels.names().size();
  od_classes_.resize(ods);
  share_.assign(ods, std::vector<double>(families, 0.0));
  const RouteChoice& rc = s.route_choice;
  // Per route of each OD: the family's constant and the path-size correction.
  std::vector<std::vector<double>> constant(ods);
  for (std::uint32_t k = 0; k < ods; ++k) {
    const std::uint32_t g = s.demand.od[k].segment;
    const double theta = model.problem.classes[k].logit_theta;
    for (const FamilyRoute& r : routes_[k]) {
      constant[k].push_back(rc.constant(labels.names()[r.family], g) -
                            rc.path_size / theta * std::log(r.path_size));
    }
  }
  const auto add_class = [&](std::uint32_t k, std::int32_t family) {
    od_classes_[k].push_back(static_cast<std::uint32_t>(class_od_.size()));
    class_od_.push_back(k);
    class_family_.push_back(family);
    std::vector<std::uint32_t>& mine = class_routes_.emplace_back();
    std::vector<double>& cost = class_constants_.emplace_back();
    for (std::uint32_t r = 0; r < routes_[k].size(); ++r) {
      if (family >= 0 && routes_[k][r].family != static_cast<std::uint32_t>(family)) continue;
      mine.push_back(r);
      cost.push_back(constant[k][r]);
    }
  };
  for (std::uint32_t k = 0; k < ods; ++k) add_class(k, -1);  // the OD pairs' own classes
  if (rc.inertia > 0.0) {
    for (std::uint32_t k = 0; k < ods; ++k) {
      std::vector<bool> present(families, false);
      for (const FamilyRoute& r : routes_[k]) present[r.family] = true;
      for (std::uint32_t f = 0; f < families; ++f) {
        if (!present[f]) continue;
        assign::TrafficClass c = model.problem.classes[k];
        c.name += "|" + labels.names()[f];
        c.demand.front().flow = 0.0;
        model.problem.classes.push_back(std::move(c));
        add_class(k, static_cast<std::int32_t>(f));
      }
    }
  }
  route_flow_.resize(class_od_.size());
  find_rated_routes(s, labels);
}

// Each route under a through-rate (the first that applies, in file order) and
// the covered elements on it.
void FamilyChoice::find_rated_routes(const Scenario& s, const RouteLabels& labels) {
  const RouteChoice& rc = s.route_choice;
  for (const OdDemand& od : s.demand.od) od_segment_.push_back(od.segment);
  for (std::uint32_t k = 0; k < routes_.size(); ++k) {
    od_route_first_.push_back(route_rated_.size());
    const OdDemand& od = s.demand.od[k];
    for (std::uint32_t r = 0; r < routes_[k].size(); ++r) {
      route_rated_.push_back(-1);
      const FamilyRoute& route = routes_[k][r];
      const std::int32_t ci = rc.constant_index(labels.names()[route.family], od.segment);
      const bool dated = ci >= 0 && !rc.constants[static_cast<std::size_t>(ci)].points.empty();
      route_dated_constant_.push_back(dated ? ci : -1);
      dated_routes_ = dated_routes_ || dated;
      for (std::uint32_t i = 0; i < s.through_rates.size(); ++i) {
        const ThroughRate& rate = s.through_rates[i];
        const bool applies =
            rate.family == labels.names()[route.family] &&
            (rate.segments.empty() || std::find(rate.segments.begin(), rate.segments.end(),
                                                od.segment) != rate.segments.end()) &&
            (rate.origin < 0 || rate.origin == od.origin) &&
            (rate.destination < 0 || rate.destination == od.destination);
        if (!applies) continue;
        Rated x{k, r, i, {}};
        for (const std::uint32_t e : route.elements) {
          if (std::find(rate.covers.begin(), rate.covers.end(), e) != rate.covers.end())
            x.covered.push_back(e);
        }
        if (x.covered.empty()) continue;
        route_rated_.back() = static_cast<std::int32_t>(rated_.size());
        rated_.push_back(std::move(x));
        break;
      }
    }
  }
}

void FamilyChoice::route_constants(std::uint32_t c, const StepCosts& costs,
                                   std::vector<double>& usd_per_t) const {
  usd_per_t = class_constants_[c];
  const std::uint32_t k = class_od_[c];
  for (std::uint32_t i = 0; i < class_routes_[c].size(); ++i) {
    const std::size_t at = od_route_first_[k] + class_routes_[c][i];
    if (const std::int32_t d = route_dated_constant_[at]; d >= 0)
      usd_per_t[i] += costs.constant_shift_usd_per_t[static_cast<std::size_t>(d)];
    const std::int32_t x = route_rated_[at];
    if (x < 0) continue;
    const Rated& rated = rated_[static_cast<std::size_t>(x)];
    const double share = costs.through_rate_share[rated.rate];
    if (share <= 0.0) continue;
    double tariffs = 0.0;
    for (const std::uint32_t e : rated.covered)
      tariffs += costs.tariff_usd_per_t(od_segment_[k], e);
    usd_per_t[i] += share * (costs.through_rate_usd_per_t[rated.rate] - tariffs);
  }
}

void FamilyChoice::set_routes(assign::LogitSolver& solver) const {
  for (std::uint32_t c = 0; c < class_od_.size(); ++c) {
    std::vector<std::vector<assign::Index>> routes;
    for (const std::uint32_t r : class_routes_[c])
      routes.push_back(routes_[class_od_[c]][r].elements);
    if (routes.empty()) continue;  // no route at all: the solve reports the pair infeasible
    solver.set_routes(c, routes);
    solver.set_route_constants(c, class_constants_[c]);
  }
}

void FamilyChoice::class_demands(const std::vector<double>& od_demand_t, double choice_share,
                                 std::vector<double>& class_demand_t) const {
  class_demand_t.assign(class_od_.size(), 0.0);
  for (std::uint32_t c = 0; c < class_od_.size(); ++c) {
    const std::uint32_t k = class_od_[c];
    const bool bound = od_classes_[k].size() > 1;  // inertia classes exist for the pair
    if (class_family_[c] < 0) {
      class_demand_t[c] = (bound ? choice_share : 1.0) * od_demand_t[k];
    } else {
      const auto f = static_cast<std::size_t>(class_family_[c]);
      class_demand_t[c] = (1.0 - choice_share) * od_demand_t[k] * share_[k][f];
    }
  }
}

void FamilyChoice::od_route_flows(const assign::LogitSolver& solver, std::uint32_t k,
                                  std::vector<double>& flow_t) const {
  flow_t.assign(routes_[k].size(), 0.0);
  for (const std::uint32_t c : od_classes_[k]) {
    if (solver.route_count(c) != class_routes_[c].size()) continue;  // no demand: not listed
    for (std::uint32_t i = 0; i < class_routes_[c].size(); ++i)
      flow_t[class_routes_[c][i]] += solver.route_flow(c, i);
  }
}

void FamilyChoice::update_shares(const std::vector<double>& delivered_t) {
  for (std::uint32_t k = 0; k < share_.size(); ++k) {
    const std::size_t families = share_[k].size();
    double total = 0.0;
    for (std::size_t f = 0; f < families; ++f) total += delivered_t[k * families + f];
    if (total <= 0.0) continue;
    for (std::size_t f = 0; f < families; ++f) share_[k][f] = delivered_t[k * families + f] / total;
  }
}

}  // namespace corridor::sim
