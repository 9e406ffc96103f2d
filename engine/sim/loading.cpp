#include "loading.hpp"

#include <algorithm>
#include <cmath>

namespace corridor::sim {
namespace {

constexpr int kMaxSharingSweeps = 100;
constexpr double kSharingTolerance = 1e-13;

// Arrivals at each element when every element passes the share r[e] of what
// reaches it.
void arrivals(const std::vector<Parcel>& moving, const PathStore& paths,
              const std::vector<double>& r, std::vector<double>& arrived) {
  std::fill(arrived.begin(), arrived.end(), 0.0);
  for (const Parcel& m : moving) {
    const auto& path = paths.elements(m.path);
    double amount = m.tonnes;
    for (std::size_t j = m.pos; j < path.size() && amount > 0.0; ++j) {
      arrived[path[j]] += amount;
      amount *= r[path[j]];
    }
  }
}

}  // namespace

Loader::Loader(std::uint32_t od_count, std::uint32_t route_count, MeasureMap measures,
               std::uint32_t headline)
    : od_count_(od_count),
      route_count_(route_count),
      measures_(std::move(measures)),
      headline_(headline),
      queues_(measures_.direction.size()),
      queue_t_(measures_.direction.size(), 0.0) {}

void Loader::count(std::uint32_t od, std::uint32_t path, std::uint32_t pos, std::uint32_t e,
                   double tonnes, const PathStore& paths, LoadingOutcome& out) const {
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
      return;
    }
  }
  q.push_back(parcel);
  queue_t_[element] += parcel.tonnes;
}

void Loader::pass(const Parcel& p, double tonnes, const PathStore& paths,
                  LoadingOutcome& out) const {
  const std::uint32_t element = paths.elements(p.path)[p.pos];
  out.element_served_t[element] += tonnes;
  count(p.od, p.path, p.pos, element, tonnes, paths, out);
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
    // Oldest first, up to the element's capacity.
    while (!q.empty() && remaining_t[e] > 0.0) {
      Parcel& p = q.front();
      const double take = std::min(p.tonnes, remaining_t[e]);
      remaining_t[e] -= take;
      Parcel moved = p;
      moved.tonnes = take;
      pass(moved, take, paths, out);
      ++moved.pos;
      moving_.push_back(moved);
      p.tonnes -= take;
      if (p.tonnes <= 0.0) q.pop_front();
    }
    double left = 0.0;
    for (const Parcel& p : q) left += p.tonnes;
    queue_t_[e] = left;
  }
}

const std::vector<double>& Loader::sharing_ratios(const std::vector<double>& remaining_t,
                                                  const PathStore& paths) {
  const std::size_t n = remaining_t.size();
  std::vector<double>& r = ratio_;
  r.assign(n, 1.0);
  arrived_.resize(n);
  double change = 0.0;
  for (int sweep = 0; sweep < kMaxSharingSweeps; ++sweep) {
    arrivals(moving_, paths, r, arrived_);
    change = 0.0;
    for (std::size_t e = 0; e < n; ++e) {
      const double next = arrived_[e] > remaining_t[e] ? remaining_t[e] / arrived_[e] : 1.0;
      change = std::max(change, std::fabs(next - r[e]));
      r[e] = next;
    }
    if (change < kSharingTolerance) break;
  }
  // Make sure no element passes more than it can, even if the sweeps stopped
  // early: lowering a share only lowers the arrivals downstream. (When the last
  // sweep changed nothing, its arrivals are those of the final shares.)
  if (change > 0.0) arrivals(moving_, paths, r, arrived_);
  for (std::size_t e = 0; e < n; ++e) {
    if (arrived_[e] * r[e] > remaining_t[e]) r[e] = remaining_t[e] / arrived_[e];
  }
  return r;
}

void Loader::load(const std::vector<Parcel>& new_parcels, std::vector<double>& remaining_t,
                  const PathStore& paths, LoadingOutcome& out) {
  moving_.insert(moving_.end(), new_parcels.begin(), new_parcels.end());
  const std::vector<double>& r = sharing_ratios(remaining_t, paths);
  for (const Parcel& m : moving_) {
    const auto& path = paths.elements(m.path);
    Parcel at = m;
    double amount = m.tonnes;
    for (std::size_t j = m.pos; j < path.size() && amount > 0.0; ++j) {
      const std::uint32_t e = path[j];
      at.pos = static_cast<std::uint32_t>(j);
      const double passes = amount * r[e];
      if (amount > passes) {
        at.tonnes = amount - passes;
        enqueue(e, at);
      }
      // What pass() books, with the element at hand.
      out.element_served_t[e] += passes;
      count(m.od, m.path, at.pos, e, passes, paths, out);
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
