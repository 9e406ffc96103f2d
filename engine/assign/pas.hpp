#pragma once
// Pairs of alternative segments (PAS, after Bar-Gera's TAPAS, Transportation
// Research B 44, 2010) met by Algorithm B's flow shifts. A pair is two link
// paths between the same two nodes; it is kept across iterations and warm
// solves, with the bushes that use it, and one Newton step moves flow from its
// dearer to its cheaper segment for all of those bushes at once, in
// proportion to each bush's flow on the dearer one. A round over every pair
// needs no label pass, so many rounds per iteration are cheap.
#include <array>
#include <cstdint>
#include <unordered_map>
#include <utility>
#include <vector>

#include "assign/graph.hpp"

namespace corridor::assign::detail {

class PasSet {
 public:
  /// Registers bush `bush` (index into the solver's bushes) on the pair of
  /// segments a, b: the links of each from the merge node back to the diverge
  /// node. a and b may be swapped (a pair is stored in a canonical order).
  void add(Index cls, Index bush, std::vector<Index>& a, std::vector<Index>& b);
  /// Rounds of one Newton shift per pair whose segments' costs differ by more
  /// than `tolerance` (relative to the dearer), for every registered bush that
  /// has both segments in its bush and flow on the dearer one; times are
  /// refreshed. Stops after `max_rounds` rounds or at the first round that
  /// gains less than `stop` times what the first one did (gain: cost
  /// difference, generalised by the class's value of time, times flow moved,
  /// summed over pairs).
  void balance(LinkState& links, const std::vector<std::vector<double>>& fixed_time,
               const std::vector<double>& value_of_time, double epsilon, std::vector<Bush>& bushes,
               double tolerance, int max_rounds, double stop);
  /// Unregisters bushes that lost a segment link or carry no flow on either
  /// segment, and forgets pairs left with no bush.
  void prune(const std::vector<Bush>& bushes, double epsilon);
  void clear();
  [[nodiscard]] std::size_t size() const { return list_.size(); }

 private:
  struct Pas {
    Index cls = 0;
    std::array<std::vector<Index>, 2> seg;
    std::vector<Index> bushes;
  };
  [[nodiscard]] static std::uint64_t key(Index cls, const std::vector<Index>& a,
                                         const std::vector<Index>& b);
  void reindex();
  /// Builds plan_ and copies the bush flows it refers to into flow_.
  void gather(const std::vector<Bush>& bushes);
  /// One round of balance() on flow_; returns its gain.
  double round(LinkState& links, const std::vector<std::vector<double>>& fixed_time,
               const std::vector<double>& value_of_time, double epsilon, double tolerance);
  std::vector<Pas> list_;  // in order of first registration: rounds are deterministic
  std::unordered_map<std::uint64_t, std::vector<std::size_t>> index_;  // key -> list_ slots
  // The rounds read one flat plan front to back, and work on a compact copy
  // of the bush flows they touch: one slot per (bush, link) of some pair's
  // segments, numbered bush by bush. Both fit in a core's cache, where the
  // pairs' own vectors and the bushes' flow arrays do not. A pair's members
  // are the registered bushes that hold every link of both its segments
  // (rounds do not change which links a bush holds). Per pair with members,
  // the plan holds: class, n0, n1, member count, the n0 + n1 links of segments
  // 0 and 1, then per member the n0 + n1 slots of those links.
  std::vector<Index> plan_;
  std::vector<double> flow_;
  std::vector<Index> slot_link_;   // per slot: its link (balance() writes it back)
  std::vector<Index> bush_slots_;  // per bush: its first slot; one past the last at the end
  std::vector<Index> slot_of_;     // per link, while numbering a bush: its slot
  std::vector<Index> fill_;        // per bush, while grouping members: next entry in by_bush_
  std::vector<std::pair<Index, Index>> by_bush_;  // per member, by bush: plan_ offsets
                                                  // of its pair and of its block
  std::vector<double> caps_;
};

}  // namespace corridor::assign::detail
