// Pairs of alternative segments shared by the bushes; see pas.hpp.
#include "assign/pas.hpp"

#include <algorithm>
#include <limits>

namespace corridor::assign::detail {
namespace {

constexpr Index kFetchAhead = 16;  // slots

}  // namespace

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
  gather(bushes);
  double first = 0.0;
  for (int r = 0; r < max_rounds; ++r) {
    const double gain = round(links, fixed_time, value_of_time, epsilon, tolerance);
    if (r == 0) first = gain;
    if (!(gain > stop * first)) break;
  }
  for (std::size_t b = 0; b < bushes.size(); ++b) {
    double* const flow = bushes[b].flow.data();
    const Index end = bush_slots_[b + 1];
    for (Index k = bush_slots_[b]; k < end; ++k) {
      if (k + kFetchAhead < end) __builtin_prefetch(&flow[slot_link_[k + kFetchAhead]], 1);
      flow[slot_link_[k]] = flow_[k];
    }
  }
}

void PasSet::gather(const std::vector<Bush>& bushes) {
  // A bush takes part in a pair's rounds when it holds both segments: it must
  // hold the cheaper one to take flow, and the dearer one to have flow to give
  // (a link it lacks carries none of its flow). The plan lists the pairs with
  // at least one such member, in registration order; until its slots are
  // numbered, a member's block holds the member's bush.
  plan_.clear();
  std::vector<Index>& count = bush_slots_;  // members per bush, for now
  count.assign(bushes.size() + 1, 0);
  for (const Pas& p : list_) {
    const auto at = static_cast<Index>(plan_.size());
    const auto n0 = static_cast<Index>(p.seg[0].size());
    const auto n1 = static_cast<Index>(p.seg[1].size());
    plan_.insert(plan_.end(), {p.cls, n0, n1, 0});
    plan_.insert(plan_.end(), p.seg[0].begin(), p.seg[0].end());
    plan_.insert(plan_.end(), p.seg[1].begin(), p.seg[1].end());
    Index members = 0;
    for (const Index bi : p.bushes) {
      const Bush& b = bushes[bi];
      const auto held = [&b](Index a) { return b.used[a] != 0; };
      if (std::all_of(p.seg[0].begin(), p.seg[0].end(), held) &&
          std::all_of(p.seg[1].begin(), p.seg[1].end(), held)) {
        plan_.resize(plan_.size() + n0 + n1);
        plan_[plan_.size() - n0 - n1] = bi;
        ++count[bi + 1];
        ++members;
      }
    }
    if (members == 0) {
      plan_.resize(at);
    } else {
      plan_[at + 3] = members;
    }
  }
  // Each bush's slots are numbered together, through one dense look-up table:
  // the members are grouped by bush (a counting sort), then numbered bush by bush.
  for (std::size_t b = 0; b < bushes.size(); ++b) count[b + 1] += count[b];
  by_bush_.resize(count.back());
  std::vector<Index>& fill = fill_;
  fill.assign(count.begin(), count.end() - 1);
  for (Index at = 0; at < plan_.size();) {
    const Index stride = plan_[at + 1] + plan_[at + 2];
    const Index members = plan_[at + 3];
    for (Index m = 0; m < members; ++m) {
      const Index block = at + 4 + stride * (m + 1);
      by_bush_[fill[plan_[block]]++] = {at, block};
    }
    at += 4 + stride * (members + 1);
  }
  slot_link_.clear();
  for (std::size_t b = 0; b < bushes.size(); ++b) {
    const Index first_member = count[b];
    const Index last_member = count[b + 1];
    count[b] = static_cast<Index>(slot_link_.size());  // now: the bush's first slot
    for (Index e = first_member; e < last_member; ++e) {
      const auto [at, block] = by_bush_[e];
      const Index links = plan_[at + 1] + plan_[at + 2];
      for (Index k = 0; k < links; ++k) {
        const Index a = plan_[at + 4 + k];
        if (a >= slot_of_.size()) slot_of_.resize(a + 1, kNoIndex);
        if (slot_of_[a] == kNoIndex) {
          slot_of_[a] = static_cast<Index>(slot_link_.size());
          slot_link_.push_back(a);
        }
        plan_[block + k] = slot_of_[a];
      }
    }
    for (Index k = count[b]; k < slot_link_.size(); ++k) slot_of_[slot_link_[k]] = kNoIndex;
  }
  count.back() = static_cast<Index>(slot_link_.size());
  // The bush flows are read (and written back) in a pass of their own that
  // fetches ahead: they are scattered over arrays far larger than the cache.
  flow_.resize(slot_link_.size());
  for (std::size_t b = 0; b < bushes.size(); ++b) {
    const double* const flow = bushes[b].flow.data();
    const Index end = bush_slots_[b + 1];
    for (Index k = bush_slots_[b]; k < end; ++k) {
      if (k + kFetchAhead < end) __builtin_prefetch(&flow[slot_link_[k + kFetchAhead]]);
      flow_[k] = flow[slot_link_[k]];
    }
  }
}

double PasSet::round(LinkState& links, const std::vector<std::vector<double>>& fixed_time,
                     const std::vector<double>& value_of_time, double epsilon, double tolerance) {
  double gain = 0.0;
  const Index* next = plan_.data();
  const Index* const end = next + plan_.size();
  while (next != end) {
    // One pair: class, link counts, members; the links of both segments; then
    // per member the slots of those links.
    const Index cls = next[0];
    const std::size_t members = next[3];
    const std::array<Index, 2> n = {next[1], next[2]};
    const std::array<const Index*, 2> seg = {next + 4, next + 4 + n[0]};
    const std::size_t stride = std::size_t{n[0]} + n[1];
    const Index* const blocks = next + 4 + stride;
    next = blocks + members * stride;
    const double* fixed = fixed_time[cls].data();
    double c[2] = {0.0, 0.0}, dd[2] = {0.0, 0.0};
    for (std::size_t k = 0; k < 2; ++k) {
      for (Index i = 0; i < n[k]; ++i) {
        c[k] += class_cost(links, fixed, seg[k][i]);
        dd[k] += links.deriv[seg[k][i]];
      }
    }
    const std::size_t from = c[0] > c[1] ? 0 : 1;
    const std::size_t to = 1 - from;
    const double diff = c[from] - c[to];
    if (!(diff > tolerance * c[from])) continue;
    const Index from_at = from == 0 ? 0 : n[0];
    const Index to_at = to == 0 ? 0 : n[0];
    caps_.assign(members, 0.0);
    double total = 0.0;
    for (std::size_t m = 0; m < members; ++m) {
      const Index* slot = blocks + m * stride + from_at;
      double cap = std::numeric_limits<double>::infinity();
      for (Index i = 0; i < n[from]; ++i) cap = std::min(cap, flow_[slot[i]]);
      if (cap > epsilon) {
        caps_[m] = cap;
        total += cap;
      }
    }
    if (!(total > 0.0)) continue;
    const double slope = dd[0] + dd[1];
    const double dx = slope > 0.0 ? std::min(diff / slope, total) : total;
    gain += value_of_time[cls] * diff * dx;
    for (std::size_t m = 0; m < members; ++m) {
      if (caps_[m] <= 0.0) continue;
      const double share = dx * caps_[m] / total;
      const Index* slot = blocks + m * stride + from_at;
      for (Index i = 0; i < n[from]; ++i) {
        double& f = flow_[slot[i]];
        double after = f - share;
        if (after < epsilon) after = 0.0;
        links.flow[seg[from][i]] += after - f;
        f = after;
      }
      slot = blocks + m * stride + to_at;
      for (Index i = 0; i < n[to]; ++i) {
        flow_[slot[i]] += share;
        links.flow[seg[to][i]] += share;
      }
    }
    for (std::size_t i = 0; i < stride; ++i) links.refresh(seg[0][i]);
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
