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
    // Per registered bush, set by balance(): bit k when the bush holds every
    // link of segment k. Rounds do not change which links a bush holds, so
    // they read these bits instead of the bushes' link flags.
    std::vector<std::uint8_t> holds;
  };
  [[nodiscard]] static std::uint64_t key(Index cls, const std::vector<Index>& a,
                                         const std::vector<Index>& b);
  void reindex();
  /// One round of balance(); returns its gain.
  double round(LinkState& links, const std::vector<std::vector<double>>& fixed_time,
               const std::vector<double>& value_of_time, double epsilon, std::vector<Bush>& bushes,
               double tolerance);
  std::vector<Pas> list_;  // in order of first registration: rounds are deterministic
  std::unordered_map<std::uint64_t, std::vector<std::size_t>> index_;  // key -> list_ slots
  std::vector<double> caps_;
};

}  // namespace corridor::assign::detail
