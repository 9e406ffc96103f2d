#include "loading.hpp"

#include <algorithm>
#include <cmath>

namespace corridor::sim {
namespace {

constexpr int kMaxSharingSweeps = 100;
constexpr double kSharingTolerance = 1e-13;

// Arrivals of each segment at each capacitated element ([e * G + g]) when
// every element passes the share r[e * G + g] of what of segment g reaches it.
// Parcel k passes the cells hops[first[k]..first[k+1]) (the capacitated
// elements on the rest of its path, in order); elsewhere the share is 1.
void arrivals(const std::vector<Parcel>& moving, const std::vector<std::uint32_t>& first,
              const std::vector<std::uint32_t>& hops, const std::vector<double>& r,
              std::vector<double>& arrived) {
  std::fill(arrived.begin(), arrived.end(), 0.0);
  for (std::size_t k = 0; k < moving.size(); ++k) {
    double amount = moving[k].tonnes;
    for (std::uint32_t h = first[k]; h < first[k + 1] && amount > 0.0; ++h) {
      arrived[hops[h]] += amount;
      amount *= r[hops[h]];
    }
  }
}

// The share of its arrivals each segment passes at one element with capacity
// `remaining` of which reserved[g] is held for segment g: each segment first
// gets its arrivals up to its reservation, then what is left is shared in
// proportion to the arrivals not yet served.
void share_out(double remaining, const double* reserved, const double* arrived,
               std::uint32_t segments, double* ratio) {
  double served = 0.0, excess = 0.0, total = 0.0;
  for (std::uint32_t g = 0; g < segments; ++g) {
    served += std::min(arrived[g], reserved[g]);
    excess += arrived[g] - std::min(arrived[g], reserved[g]);
    total += arrived[g];
  }
  if (total <= remaining) {
    std::fill(ratio, ratio + segments, 1.0);
    return;
  }
  // Reservations beyond what is left are cut back in proportion.
  const double cut = served > remaining ? remaining / served : 1.0;
  const double left = std::max(0.0, remaining - served * cut);
  const double share = excess > 0.0 ? std::min(1.0, left / excess) : 0.0;
  for (std::uint32_t g = 0; g < segments; ++g) {
    if (arrived[g] <= 0.0) {
      ratio[g] = 1.0;
      continue;
    }
    const double first = std::min(arrived[g], reserved[g]) * cut;
    ratio[g] = (first + (arrived[g] - std::min(arrived[g], reserved[g])) * share) / arrived[g];
  }
}

}  // namespace

Loader::Loader(std::uint32_t od_count, std::uint32_t route_count, MeasureMap measures,
               std::uint32_t headline, std::vector<std::uint32_t> od_segment, SegmentTable segments)
    : od_count_(od_count),
      route_count_(route_count),
      measures_(std::move(measures)),
      headline_(headline),
      od_segment_(std::move(od_segment)),
      segments_(std::move(segments)),
      queues_(measures_.direction.size()),
      queue_t_(measures_.direction.size(), 0.0),
      segment_queue_t_(measures_.direction.size() * segments_.segments, 0.0),
      reserved_left_(measures_.direction.size() * segments_.segments, 0.0) {}

void Loader::select(const std::vector<std::uint32_t>& elements) {
  select_slot_.assign(elements.empty() ? 0 : queues_.size(), -1);
  for (std::size_t s = 0; s < elements.size(); ++s)
    select_slot_[elements[s]] = static_cast<std::int32_t>(s);
}

void Loader::book_selected(std::uint32_t od, std::uint32_t path, std::uint32_t e, double tonnes,
                           const PathStore& paths, LoadingOutcome& out) const {
  if (tonnes <= 0.0) return;
  const auto slot = static_cast<std::size_t>(select_slot_[e]);
  out.select_od_route_t[(slot * od_count_ + od) * route_count_ + paths.route(path)] += tonnes;
  // The whole path, before and after e: where this freight comes from and goes to.
  double* also = &out.select_element_t[slot * queues_.size()];
  for (const std::uint32_t other : paths.elements(path)) also[other] += tonnes;
}

void Loader::begin_step(const std::vector<double>& capacity_t) {
  if (!segments_.any_reservation) return;
  for (std::uint32_t e = 0; e < capacity_t.size(); ++e) {
    for (std::uint32_t g = 0; g < segments_.segments; ++g) {
      const std::size_t i = segments_.at(e, g);
      reserved_left_[i] =
          std::isfinite(capacity_t[e]) ? segments_.reserve_share[i] * capacity_t[e] : 0.0;
    }
  }
}

void Loader::count(std::uint32_t od, std::uint32_t path, std::uint32_t pos, std::uint32_t e,
                   double tonnes, const PathStore& paths, LoadingOutcome& out) const {
  if (measures_.first[e] == measures_.first[e + 1]) return;  // no measure counts here
  const std::uint8_t d = measures_.direction[e] == MeasureMap::kByOd ? measures_.od_direction[od]
                                                                     : measures_.direction[e];
  for (std::uint32_t i = measures_.first[e]; i < measures_.first[e + 1]; ++i) {
    const std::uint32_t m = measures_.measure[i];
    // A route measure counts a tonne once, at the first of its elements on the path.
    if (measures_.counts_routes[i] != 0 && paths.measure_pos(path, m) != static_cast<int>(pos))
      continue;
    out.od_measure_t[(std::size_t{od} * measures_.measure_count + m) * 2 + d] += tonnes;
  }
}

std::vector<double> Loader::od_queue_t() const {
  std::vector<double> by_od(od_count_, 0.0);
  for (const auto& q : queues_) {
    for (const Parcel& p : q) by_od[p.od] += p.tonnes;
  }
  return by_od;
}

void Loader::enqueue(std::uint32_t element, const Parcel& parcel) {
  auto& q = queues_[element];
  if (!q.empty()) {
    Parcel& back = q.back();
    if (back.od == parcel.od && back.path == parcel.path && back.pos == parcel.pos &&
        back.entry_step == parcel.entry_step) {
      back.tonnes += parcel.tonnes;
      queue_t_[element] += parcel.tonnes;
      segment_queue_t_[segments_.at(element, od_segment_[parcel.od])] += parcel.tonnes;
      return;
    }
  }
  q.push_back(parcel);
  queue_t_[element] += parcel.tonnes;
  segment_queue_t_[segments_.at(element, od_segment_[parcel.od])] += parcel.tonnes;
}

void Loader::serve(std::deque<Parcel>& q, std::uint32_t e, double& remaining, bool reserved_only,
                   const PathStore& paths, LoadingOutcome& out) {
  for (auto it = q.begin(); it != q.end() && remaining > 0.0;) {
    double* budget =
        reserved_only ? &reserved_left_[segments_.at(e, od_segment_[it->od])] : nullptr;
    const double take = std::min({it->tonnes, remaining, budget ? *budget : it->tonnes});
    if (take <= 0.0) {
      ++it;
      continue;
    }
    remaining -= take;
    if (budget != nullptr) *budget -= take;
    Parcel moved = *it;
    moved.tonnes = take;
    pass(moved, take, paths, out);
    ++moved.pos;
    moving_.push_back(moved);
    it->tonnes -= take;
    it = it->tonnes <= 0.0 ? q.erase(it) : it + 1;
  }
}

void Loader::pass(const Parcel& p, double tonnes, const PathStore& paths,
                  LoadingOutcome& out) const {
  const std::uint32_t element = paths.elements(p.path)[p.pos];
  out.element_served_t[element] += tonnes;
  count(p.od, p.path, p.pos, element, tonnes, paths, out);
  if (!select_slot_.empty() && select_slot_[element] >= 0)
    book_selected(p.od, p.path, element, tonnes, paths, out);
}

void Loader::serve_queues(std::uint32_t oldest_allowed_entry, std::vector<double>& remaining_t,
                          const PathStore& paths, LoadingOutcome& out) {
  for (std::uint32_t e = 0; e < queues_.size(); ++e) {
    auto& q = queues_[e];
    if (q.empty()) continue;
    // Freight that has waited too long gives up.
    const auto expired = std::stable_partition(
        q.begin(), q.end(), [&](const Parcel& p) { return p.entry_step >= oldest_allowed_entry; });
    for (auto it = expired; it != q.end(); ++it) {
      out.od_unserved_t[it->od] += it->tonnes;
      out.element_unserved_t[e] += it->tonnes;
    }
    q.erase(expired, q.end());
    if (segments_.reserved_total[e] > 0.0) {
      // Oldest first within the reservations; the others' queue gets what the
      // reservations do not still hold for the step's new freight.
      serve(q, e, remaining_t[e], true, paths, out);
      double held = 0.0;
      for (std::uint32_t g = 0; g < segments_.segments; ++g)
        held += reserved_left_[segments_.at(e, g)];
      held = std::min(held, remaining_t[e]);
      double others = remaining_t[e] - held;
      serve(q, e, others, false, paths, out);
      remaining_t[e] = others + held;
    } else {
      serve(q, e, remaining_t[e], false, paths, out);
    }
    settle(e);
  }
}

void Loader::settle(std::uint32_t e) {
  double left = 0.0;
  for (std::uint32_t g = 0; g < segments_.segments; ++g) segment_queue_t_[segments_.at(e, g)] = 0.0;
  for (const Parcel& p : queues_[e]) {
    left += p.tonnes;
    segment_queue_t_[segments_.at(e, od_segment_[p.od])] += p.tonnes;
  }
  queue_t_[e] = left;
}

void Loader::finish_step(std::vector<double>& remaining_t, const PathStore& paths,
                         LoadingOutcome& out) {
  if (!segments_.any_reservation) return;
  for (std::uint32_t e = 0; e < queues_.size(); ++e) {
    if (segments_.reserved_total[e] <= 0.0 || queues_[e].empty() || !(remaining_t[e] > 0.0))
      continue;
    serve(queues_[e], e, remaining_t[e], false, paths, out);
    settle(e);
  }
  if (!moving_.empty()) load({}, remaining_t, paths, out);
}

const std::vector<double>& Loader::sharing_ratios(const std::vector<double>& remaining_t,
                                                  const PathStore& paths) {
  const std::uint32_t segs = segments_.segments;
  const std::size_t n = remaining_t.size() * segs;
  std::vector<double>& r = ratio_;
  r.assign(n, 1.0);
  arrived_.resize(n);
  // Only elements with a finite capacity left can hold freight back.
  capacitated_.clear();
  for (std::uint32_t e = 0; e < remaining_t.size(); ++e) {
    if (std::isfinite(remaining_t[e])) capacitated_.push_back(e);
  }
  hop_first_.clear();
  hops_.clear();
  for (const Parcel& m : moving_) {
    hop_first_.push_back(static_cast<std::uint32_t>(hops_.size()));
    const auto& path = paths.elements(m.path);
    const std::uint32_t g = od_segment_[m.od];
    for (std::size_t j = m.pos; j < path.size(); ++j) {
      if (std::isfinite(remaining_t[path[j]])) hops_.push_back(path[j] * segs + g);
    }
  }
  hop_first_.push_back(static_cast<std::uint32_t>(hops_.size()));
  std::vector<double> next(segs);
  // The shares of element e for the arrivals `arrived_`.
  const auto shares = [&](std::uint32_t e, double* out) {
    const double* a = &arrived_[std::size_t{e} * segs];
    if (segments_.reserved_total[e] > 0.0) {
      share_out(remaining_t[e], &reserved_left_[segments_.at(e, 0)], a, segs, out);
      return;
    }
    double total = 0.0;
    for (std::uint32_t g = 0; g < segs; ++g) total += a[g];
    std::fill(out, out + segs, total > remaining_t[e] ? remaining_t[e] / total : 1.0);
  };
  double change = 0.0;
  for (int sweep = 0; sweep < kMaxSharingSweeps; ++sweep) {
    arrivals(moving_, hop_first_, hops_, r, arrived_);
    change = 0.0;
    for (const std::uint32_t e : capacitated_) {
      shares(e, next.data());
      for (std::uint32_t g = 0; g < segs; ++g) {
        const std::size_t i = std::size_t{e} * segs + g;
        change = std::max(change, std::fabs(next[g] - r[i]));
        r[i] = next[g];
      }
    }
    if (change < kSharingTolerance) break;
  }
  // Make sure no element passes more than it can, even if the sweeps stopped
  // early: lowering a share only lowers the arrivals downstream. (When the last
  // sweep changed nothing, its arrivals are those of the final shares.)
  if (change > 0.0) arrivals(moving_, hop_first_, hops_, r, arrived_);
  for (const std::uint32_t e : capacitated_) {
    double passing = 0.0;
    for (std::uint32_t g = 0; g < segs; ++g)
      passing += arrived_[std::size_t{e} * segs + g] * r[std::size_t{e} * segs + g];
    if (passing > remaining_t[e]) {
      for (std::uint32_t g = 0; g < segs; ++g)
        r[std::size_t{e} * segs + g] *= remaining_t[e] / passing;
    }
  }
  return r;
}

void Loader::load(const std::vector<Parcel>& new_parcels, std::vector<double>& remaining_t,
                  const PathStore& paths, LoadingOutcome& out) {
  moving_.insert(moving_.end(), new_parcels.begin(), new_parcels.end());
  const std::vector<double>& r = sharing_ratios(remaining_t, paths);
  for (const Parcel& m : moving_) {
    const auto& path = paths.elements(m.path);
    const std::uint32_t g = od_segment_[m.od];
    Parcel at = m;
    double amount = m.tonnes;
    for (std::size_t j = m.pos; j < path.size() && amount > 0.0; ++j) {
      const std::uint32_t e = path[j];
      at.pos = static_cast<std::uint32_t>(j);
      const double passes = amount * r[segments_.at(e, g)];
      if (amount > passes) {
        at.tonnes = amount - passes;
        enqueue(e, at);
      }
      // What pass() books, with the element at hand.
      out.element_served_t[e] += passes;
      count(m.od, m.path, at.pos, e, passes, paths, out);
      if (!select_slot_.empty() && select_slot_[e] >= 0)
        book_selected(m.od, m.path, e, passes, paths, out);
      remaining_t[e] = std::max(0.0, remaining_t[e] - passes);
      amount = passes;
    }
    // What passed the last element is delivered (0 if it all queued on the way).
    out.od_delivered_t[m.od] += amount;
    out.od_route_t[m.od * route_count_ + paths.route(m.path)] += amount;
    if (paths.measure_pos(m.path, headline_) < 0) out.od_diverted_t[m.od] += amount;
  }
  moving_.clear();
}

}  // namespace corridor::sim
