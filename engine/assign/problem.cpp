// Link cost functions (values, derivatives, Beckmann integrals) and problem checks.
#include <cmath>
#include <string>

#include "corridor/assign/problem.hpp"

namespace corridor::assign {
namespace {

// (x/c)^beta with fast paths for the ubiquitous beta = 4 and, for its
// derivative, 3 (pow is the hot spot of flow shifting on the TNTP networks).
double power_ratio(double ratio, double beta) {
  if (beta == 4.0) {
    const double r2 = ratio * ratio;
    return r2 * r2;
  }
  if (beta == 3.0) return ratio * ratio * ratio;
  if (beta == 1.0) return ratio;
  return std::pow(ratio, beta);
}

// Davidson time at utilisation rho <= mu.
// Written as link_time_and_derivative writes it, so that the two agree to the bit.
double davidson(const LinkCostFunction& f, double rho) {
  const double inv = 1.0 / (1.0 - rho);
  return f.free_time * (1.0 + f.alpha * rho * inv);
}

}  // namespace

// Davidson below mu, its tangent at mu beyond. With r = min(rho, mu) and
// inv = 1 / (1 - r): t = t0 (1 + J r inv) + slope (rho - r), slope = t0 J inv^2
// (dt/drho at r). The three functions below share these expressions, so they
// agree to the bit.
void link_time_and_derivative(const LinkCostFunction& f, double flow, double& time,
                              double& derivative) {
  const double rho = (std::max(flow, 0.0) + f.preload) / f.capacity;
  if (f.kind == CostKind::bpr) {
    time = f.free_time * (1.0 + f.alpha * power_ratio(rho, f.beta));
    derivative = f.beta == 1.0
                     ? f.free_time * f.alpha / f.capacity
                     : f.free_time * f.alpha * f.beta * power_ratio(rho, f.beta - 1.0) / f.capacity;
    return;
  }
  const double r = std::min(rho, f.beta);
  const double inv = 1.0 / (1.0 - r);
  const double slope = f.free_time * f.alpha * inv * inv;
  const double at_r = f.free_time * (1.0 + f.alpha * r * inv);
  time = rho > r ? at_r + slope * (rho - r) : at_r;
  derivative = slope / f.capacity;
}

double link_time(const LinkCostFunction& f, double flow) {
  const double rho = (std::max(flow, 0.0) + f.preload) / f.capacity;
  if (f.kind == CostKind::bpr) return f.free_time * (1.0 + f.alpha * power_ratio(rho, f.beta));
  const double r = std::min(rho, f.beta);
  const double inv = 1.0 / (1.0 - r);
  const double at_r = f.free_time * (1.0 + f.alpha * r * inv);
  return rho > r ? at_r + f.free_time * f.alpha * inv * inv * (rho - r) : at_r;
}

namespace {

// The total flow (preload included) at which the link takes `time`.
double total_flow_at_time(const LinkCostFunction& f, double time) {
  const double u = time / f.free_time - 1.0;  // relative delay
  if (!(u > 0.0) || f.alpha <= 0.0) return 0.0;
  if (f.kind == CostKind::bpr) {
    const double rho = f.beta == 1.0 ? u / f.alpha : std::pow(u / f.alpha, 1.0 / f.beta);
    return rho * f.capacity;
  }
  const double mu = f.beta;
  const double at_mu = davidson(f, mu);
  if (time <= at_mu) return u / (f.alpha + u) * f.capacity;  // u (1 - rho) = J rho
  const double slope = f.free_time * f.alpha / ((1.0 - mu) * (1.0 - mu));
  return (mu + (time - at_mu) / slope) * f.capacity;
}

// The Beckmann integral of the time from total flow 0 to `total`.
double integral_from_zero(const LinkCostFunction& f, double total) {
  const double x = std::max(total, 0.0);
  const double c = f.capacity;
  const double rho = x / c;
  if (f.kind == CostKind::bpr) {
    return f.free_time * (x + f.alpha * c * rho * power_ratio(rho, f.beta) / (f.beta + 1.0));
  }
  // integral of rho/(1-rho) d rho = -rho - ln(1 - rho).
  const double mu = f.beta;
  const double r = std::min(rho, mu);
  double value = f.free_time * (r * c + f.alpha * c * (-r - std::log1p(-r)));
  if (rho > mu) {
    const double slope = f.free_time * f.alpha / ((1.0 - mu) * (1.0 - mu));
    const double excess = rho - mu;
    value += c * (davidson(f, mu) * excess + 0.5 * slope * excess * excess);
  }
  return value;
}

}  // namespace

double link_flow_at_time(const LinkCostFunction& f, double time) {
  return std::max(0.0, total_flow_at_time(f, time) - f.preload);
}

double link_time_derivative(const LinkCostFunction& f, double flow) {
  const double rho = (std::max(flow, 0.0) + f.preload) / f.capacity;
  if (f.kind == CostKind::bpr) {
    if (f.beta == 1.0) return f.free_time * f.alpha / f.capacity;
    return f.free_time * f.alpha * f.beta * power_ratio(rho, f.beta - 1.0) / f.capacity;
  }
  const double r = std::min(rho, f.beta);
  const double inv = 1.0 / (1.0 - r);
  return f.free_time * f.alpha * inv * inv / f.capacity;
}

double link_time_integral(const LinkCostFunction& f, double flow) {
  if (f.preload <= 0.0) return integral_from_zero(f, flow);
  return integral_from_zero(f, std::max(flow, 0.0) + f.preload) - integral_from_zero(f, f.preload);
}

std::string check_cost(const LinkCostFunction& f, Index link) {
  const std::string where = "link " + std::to_string(link) + ": ";
  if (!(f.free_time >= 0.0) || !std::isfinite(f.free_time)) return where + "free_time must be >= 0";
  if (!(f.capacity > 0.0) || !std::isfinite(f.capacity)) return where + "capacity must be > 0";
  if (!(f.alpha >= 0.0) || !std::isfinite(f.alpha)) return where + "alpha must be >= 0";
  if (!(f.preload >= 0.0) || !std::isfinite(f.preload)) return where + "preload must be >= 0";
  if (f.kind == CostKind::bpr && !(f.beta >= 1.0 && std::isfinite(f.beta)))
    return where + "BPR beta must be >= 1";
  if (f.kind == CostKind::capacity_restraint && !(f.beta > 0.0 && f.beta < 1.0))
    return where + "capacity-restraint mu (beta) must be in (0, 1)";
  return {};
}

namespace {

std::string check_class(const TrafficClass& k, Index index, const Network& net) {
  const std::string where = "class " + std::to_string(index) + " (" + k.name + "): ";
  if (!(k.value_of_time > 0.0) || !std::isfinite(k.value_of_time))
    return where + "value_of_time must be > 0";
  if (!(k.logit_theta > 0.0)) return where + "logit_theta must be > 0";
  if (!k.fixed_cost.empty() && k.fixed_cost.size() != net.tail.size())
    return where + "fixed_cost must have one entry per link";
  for (const double c : k.fixed_cost) {
    if (!(c >= 0.0) || !std::isfinite(c)) return where + "fixed_cost must be finite and >= 0";
  }
  for (const OdDemand& d : k.demand) {
    if (d.origin >= net.node_count || d.destination >= net.node_count)
      return where + "demand names a node outside the network";
    if (!(d.flow >= 0.0) || !std::isfinite(d.flow)) return where + "demand must be >= 0";
  }
  return {};
}

}  // namespace

std::string validate(const Problem& problem) {
  const Network& net = problem.network;
  if (net.head.size() != net.tail.size() || net.cost.size() != net.tail.size())
    return "tail, head and cost must have one entry per link";
  if (net.tail.size() >= kNoIndex) return "too many links for 32-bit indices";
  if (!net.node_id.empty() && net.node_id.size() != net.node_count)
    return "node_id must be empty or have one entry per node";
  for (Index a = 0; a < net.link_count(); ++a) {
    if (net.tail[a] >= net.node_count || net.head[a] >= net.node_count)
      return "link " + std::to_string(a) + " names a node outside the network";
    if (std::string e = check_cost(net.cost[a], a); !e.empty()) return e;
  }
  if (problem.classes.empty()) return "at least one traffic class is needed";
  for (Index k = 0; k < problem.classes.size(); ++k) {
    if (std::string e = check_class(problem.classes[k], k, net); !e.empty()) return e;
  }
  return {};
}

}  // namespace corridor::assign
