#include "segment_table.hpp"

#include <algorithm>
#include <optional>

namespace corridor::sim {

namespace {

SegmentTable build(const Scenario& s, std::optional<std::chrono::sys_days> first_day) {
  SegmentTable t;
  t.segments = static_cast<std::uint32_t>(s.demand.segments.size());
  const std::uint32_t elements = s.network.node_count() + s.network.link_count();
  const std::size_t cells = std::size_t{elements} * t.segments;
  t.allowed.assign(cells, 1);
  t.tariff_usd_per_t.assign(cells, std::numeric_limits<double>::quiet_NaN());
  t.reserve_share.assign(cells, 0.0);
  t.reserved_total.assign(elements, 0.0);
  for (const SegmentRule& r : s.segment_rules) {
    if (first_day && r.from && std::chrono::sys_days{*r.from} > *first_day) continue;
    for (const std::uint32_t e : r.elements) {
      if (!r.allowed.empty()) {
        t.any_limit = true;
        for (std::uint32_t g = 0; g < t.segments; ++g) {
          if (std::find(r.allowed.begin(), r.allowed.end(), g) == r.allowed.end())
            t.allowed[t.at(e, g)] = 0;
        }
      }
      for (const auto& [g, usd] : r.tariff_usd_per_t) {
        t.any_tariff = true;
        t.tariff_usd_per_t[t.at(e, g)] = usd;
      }
      for (const auto& [g, share] : r.reserve_share) {
        t.any_reservation = true;
        t.reserve_share[t.at(e, g)] += share;
        t.reserved_total[e] += share;
      }
    }
  }
  return t;
}

}  // namespace

SegmentTable make_segment_table(const Scenario& s) { return build(s, std::nullopt); }

SegmentTable make_segment_table(const Scenario& s, std::chrono::sys_days first_day) {
  return build(s, first_day);
}

bool has_dated_rules(const Scenario& s) {
  return std::any_of(s.segment_rules.begin(), s.segment_rules.end(),
                     [](const SegmentRule& r) { return r.from.has_value(); });
}

}  // namespace corridor::sim
