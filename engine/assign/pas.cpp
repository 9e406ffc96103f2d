// Pairs of alternative segments shared by the bushes; see pas.hpp.
#include "assign/pas.hpp"

#include <algorithm>
#include <limits>

namespace corridor::assign::detail {

std::uint64_t PasSet::key(Index cls, const std::vector<Index>& a, const std::vector<Index>& b) {
  std::uint64_t h = 1469598103934665603ULL ^ cls;
  for (const Index x : a) h = (h ^ x) * 1099511628211ULL;
  h = (h ^ 0xffffffffULL) * 1099511628211ULL;
  for (const Index x : b) h = (h ^ x) * 1099511628211ULL;
  return h;
}

void PasSet::add(Index cls, Index bush, std::vector<Index>& a, std::vector<Index>& b) {
  if (b < a) std::swap(a, b);
  std::vector<std::size_t>& slots = index_[key(cls, a, b)];
  for (const std::size_t k : slots) {
    Pas& p = list_[k];
    if (p.cls == cls && p.seg[0] == a && p.seg[1] == b) {
      if (std::find(p.bushes.begin(), p.bushes.end(), bush) == p.bushes.end())
        p.bushes.push_back(bush);
      return;
    }
  }
  slots.push_back(list_.size());
  Pas& p = list_.emplace_back();
  p.cls = cls;
  p.seg[0] = a;
  p.seg[1] = b;
  p.bushes.push_back(bush);
}

void PasSet::balance(LinkState& links, const std::vector<std::vector<double>>& fixed_time,
                     const std::vector<double>& value_of_time, double epsilon,
                     std::vector<Bush>& bushes, double tolerance, int max_rounds, double stop) {
  for (Pas& p : list_) {
    p.holds.assign(p.bushes.size(), 0);
    for (std::size_t i = 0; i < p.bushes.size(); ++i) {
      const Bush& b = bushes[p.bushes[i]];
      for (std::size_t k = 0; k < 2; ++k) {
        const bool all =
            std::all_of(p.seg[k].begin(), p.seg[k].end(), [&b](Index a) { return b.used[a] != 0; });
        if (all) p.holds[i] |= static_cast<std::uint8_t>(1U << k);
      }
    }
  }
  double first = 0.0;
  for (int r = 0; r < max_rounds; ++r) {
    const double gain = round(links, fixed_time, value_of_time, epsilon, bushes, tolerance);
    if (r == 0) first = gain;
    if (!(gain > stop * first)) break;
  }
}

double PasSet::round(LinkState& links, const std::vector<std::vector<double>>& fixed_time,
                     const std::vector<double>& value_of_time, double epsilon,
                     std::vector<Bush>& bushes, double tolerance) {
  double gain = 0.0;
  for (Pas& p : list_) {
    const double* fixed = fixed_time[p.cls].data();
    double c[2] = {0.0, 0.0}, dd[2] = {0.0, 0.0};
    for (std::size_t k = 0; k < 2; ++k) {
      for (const Index a : p.seg[k]) {
        c[k] += class_cost(links, fixed, a);
        dd[k] += links.deriv[a];
      }
    }
    const std::size_t from = c[0] > c[1] ? 0 : 1;
    const std::size_t to = 1 - from;
    const double diff = c[from] - c[to];
    if (!(diff > tolerance * c[from])) continue;
    caps_.assign(p.bushes.size(), 0.0);
    double total = 0.0;
    for (std::size_t i = 0; i < p.bushes.size(); ++i) {
      // The bush must hold the cheaper segment to take flow, and the dearer
      // one to have flow to give (a link it lacks carries none of its flow).
      if (p.holds[i] != 3) continue;
      const Bush& b = bushes[p.bushes[i]];
      double cap = std::numeric_limits<double>::infinity();
      for (const Index a : p.seg[from]) cap = std::min(cap, b.flow[a]);
      if (cap > epsilon) {
        caps_[i] = cap;
        total += cap;
      }
    }
    if (!(total > 0.0)) continue;
    const double slope = dd[0] + dd[1];
    const double dx = slope > 0.0 ? std::min(diff / slope, total) : total;
    gain += value_of_time[p.cls] * diff * dx;
    for (std::size_t i = 0; i < p.bushes.size(); ++i) {
      if (caps_[i] <= 0.0) continue;
      Bush& b = bushes[p.bushes[i]];
      const double share = dx * caps_[i] / total;
      for (const Index a : p.seg[from]) {
        double next = b.flow[a] - share;
        if (next < epsilon) next = 0.0;
        links.flow[a] += next - b.flow[a];
        b.flow[a] = next;
      }
      for (const Index a : p.seg[to]) {
        b.flow[a] += share;
        links.flow[a] += share;
      }
    }
    for (std::size_t k = 0; k < 2; ++k) {
      for (const Index a : p.seg[k]) links.refresh(a);
    }
  }
  return gain;
}

void PasSet::prune(const std::vector<Bush>& bushes, double epsilon) {
  std::size_t kept = 0;
  for (Pas& p : list_) {
    std::size_t keep_b = 0;
    for (const Index bi : p.bushes) {
      const Bush& b = bushes[bi];
      bool ok = true;
      double flow = 0.0;
      for (std::size_t k = 0; k < 2; ++k) {
        double cap = std::numeric_limits<double>::infinity();
        for (const Index a : p.seg[k]) {
          ok = ok && b.used[a] != 0;
          cap = std::min(cap, b.flow[a]);
        }
        flow = std::max(flow, cap);
      }
      if (ok && flow > epsilon) p.bushes[keep_b++] = bi;
    }
    p.bushes.resize(keep_b);
    if (!p.bushes.empty()) {
      if (&list_[kept] != &p) list_[kept] = std::move(p);
      ++kept;
    }
  }
  list_.resize(kept);
  reindex();
}

void PasSet::reindex() {
  index_.clear();
  for (std::size_t k = 0; k < list_.size(); ++k)
    index_[key(list_[k].cls, list_[k].seg[0], list_[k].seg[1])].push_back(k);
}

void PasSet::clear() {
  list_.clear();
  index_.clear();
}

}  // namespace corridor::assign::detail
