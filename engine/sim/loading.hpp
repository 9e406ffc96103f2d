#pragma once
// Capacity loading with FIFO queues: what happens to the tonnes of a step once
// the equilibrium has chosen their routes.
//
// 1. Queues first: each element serves the freight waiting at it, oldest
//    first, up to its capacity; what it serves moves on along its path.
// 2. New freight follows the paths of the step's equilibrium. Every element
//    passes at most its remaining capacity; when more arrives, each arriving
//    flow passes the same share (proportional sharing, a fixed point over the
//    elements) and the rest joins the element's queue, behind what waits there.
// 3. Freight that reaches the end of its path is delivered. Freight that has
//    waited longer than the scenario's max_queue_months gives up: unserved.
// Every tonne is delivered, queued or unserved; nothing is lost.
#include <cstdint>
#include <deque>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "route_labels.hpp"
#include "segment_table.hpp"

namespace corridor::sim {

/// Distinct paths (sequences of elements) seen so far, with what the outputs
/// need to know about each.
class PathStore {
 public:
  /// Id of the path, adding it if new. `route_of` labels a new path;
  /// `measure_positions` gives, per corridor measure, the position of the
  /// first of its elements on the path (-1: none).
  template <class RouteOf, class MeasurePositions>
  std::uint32_t intern(const std::vector<std::uint32_t>& elements, RouteOf route_of,
                       MeasurePositions measure_positions) {
    const auto [it, fresh] = ids_.try_emplace(elements, static_cast<std::uint32_t>(paths_.size()));
    if (fresh) {
      paths_.push_back(elements);
      route_.push_back(route_of(elements));
      const std::vector<int> pos = measure_positions(elements);
      measures_ = static_cast<std::uint32_t>(pos.size());
      measure_pos_.insert(measure_pos_.end(), pos.begin(), pos.end());
    }
    return it->second;
  }
  [[nodiscard]] const std::vector<std::uint32_t>& elements(std::uint32_t path) const {
    return paths_[path];
  }
  [[nodiscard]] std::uint32_t route(std::uint32_t path) const { return route_[path]; }
  /// Position of the first element of measure m on the path, or -1.
  [[nodiscard]] int measure_pos(std::uint32_t path, std::uint32_t m) const {
    return measure_pos_[std::size_t{path} * measures_ + m];
  }

 private:
  std::map<std::vector<std::uint32_t>, std::uint32_t> ids_;
  std::vector<std::vector<std::uint32_t>> paths_;
  std::vector<std::uint32_t> route_;
  std::uint32_t measures_ = 0;
  std::vector<int> measure_pos_;  // [path][measure]
};

/// Tonnes of one OD pair on one path, at position `pos` of the path (the next
/// element they must pass), that entered the network in step `entry_step`.
struct Parcel {
  std::uint32_t od = 0;
  std::uint32_t path = 0;
  std::uint32_t pos = 0;
  std::uint32_t entry_step = 0;
  double tonnes = 0.0;
};

/// What one step's loading did, per element and per OD pair. Sized by the caller.
struct LoadingOutcome {
  std::vector<double> element_served_t;  ///< tonnes that passed each element
  std::vector<double> od_delivered_t;    ///< tonnes that reached the destination
  /// Tonnes counted by each corridor measure: index (od * measures + m) * 2 +
  /// direction (0 westbound, 1 eastbound), before the measure's segment and
  /// direction filters.
  std::vector<double> od_measure_t;
  std::vector<double> od_diverted_t;  ///< delivered on paths that avoid the headline measure
  std::vector<double> od_unserved_t;  ///< tonnes that gave up waiting
  /// Delivered tonnes per (OD, route label): index od * route_count + route.
  std::vector<double> od_route_t;
  /// Unserved tonnes per element at which they gave up.
  std::vector<double> element_unserved_t;
  /// Select-element analysis (Loader::select): tonnes that passed selected
  /// element s per OD pair and route label, [s][od][route]; and tonnes that
  /// passed s whose paths use element e, [s][element]. The caller points them at
  /// the step's zeroed slices of the run's arrays (no copy); empty when none is selected.
  std::span<double> select_od_route_t;
  std::span<double> select_element_t;
};

class Loader {
 public:
  /// measures: which elements count for which corridor measure; headline:
  /// the measure whose paths are not "diverted"; od_segment: each OD pair's
  /// segment; segments: the capacity reservations.
  Loader(std::uint32_t od_count, std::uint32_t route_count, MeasureMap measures,
         std::uint32_t headline, std::vector<std::uint32_t> od_segment, SegmentTable segments);

  /// Books, from now on, the freight passing each of `elements` (distinct
  /// element numbers) into LoadingOutcome's select_* arrays, sized by the caller.
  void select(const std::vector<std::uint32_t>& elements);

  /// Replaces the segment rules in force (dated rules start during a run);
  /// before begin_step.
  void set_segments(const SegmentTable& segments) { segments_ = segments; }

  /// Sets the step's reserved capacity (each segment's share of `capacity_t`,
  /// per element); before serve_queues.
  void begin_step(const std::vector<double>& capacity_t);

  /// Drops parcels that entered before step `oldest_allowed_entry` (they have
  /// waited too long), then serves queues with `remaining_t` (reduced in place):
  /// at an element with reservations, each segment's queue within its
  /// reservation first, then the rest oldest first with what the reservations
  /// do not still hold for the step's new freight.
  /// Served parcels are kept as moving flows for load().
  void serve_queues(std::uint32_t oldest_allowed_entry, std::vector<double>& remaining_t,
                    const PathStore& paths, LoadingOutcome& out);

  /// Adds the step's new freight (one parcel per OD path), then loads all moving
  /// flows onto the elements with `remaining_t` (reduced in place).
  void load(const std::vector<Parcel>& new_parcels, std::vector<double>& remaining_t,
            const PathStore& paths, LoadingOutcome& out);

  /// After load(): at elements with reservations, the queue gets what the
  /// reservations held for new freight that did not come (oldest first), and
  /// what it serves moves on as in load().
  void finish_step(std::vector<double>& remaining_t, const PathStore& paths, LoadingOutcome& out);

  /// Tonnes waiting at each element.
  [[nodiscard]] const std::vector<double>& queue_t() const noexcept { return queue_t_; }
  /// Tonnes of each segment waiting at each element, [element * segments + segment].
  [[nodiscard]] const std::vector<double>& segment_queue_t() const noexcept {
    return segment_queue_t_;
  }
  /// Tonnes of each OD pair waiting anywhere.
  [[nodiscard]] std::vector<double> od_queue_t() const;

 private:
  void enqueue(std::uint32_t element, const Parcel& parcel);
  /// Recomputes the queued tonnes of element e (in total and by segment).
  void settle(std::uint32_t e);
  /// Serves queue q of element e oldest first up to `remaining` (and, when
  /// reserved_only, each parcel's segment's reservation left).
  void serve(std::deque<Parcel>& q, std::uint32_t e, double& remaining, bool reserved_only,
             const PathStore& paths, LoadingOutcome& out);
  /// Books `tonnes` of parcel p passing its current element p.pos.
  void pass(const Parcel& p, double tonnes, const PathStore& paths, LoadingOutcome& out) const;
  const std::vector<double>& sharing_ratios(const std::vector<double>& remaining_t,
                                            const PathStore& paths);

  /// Books `tonnes` of OD `od` on path `path` passing selected element e
  /// (precondition: select_slot_[e] >= 0).
  void book_selected(std::uint32_t od, std::uint32_t path, std::uint32_t e, double tonnes,
                     const PathStore& paths, LoadingOutcome& out) const;

  /// Books `tonnes` of OD `od` on path `path` passing position `pos`, element e.
  void count(std::uint32_t od, std::uint32_t path, std::uint32_t pos, std::uint32_t e,
             double tonnes, const PathStore& paths, LoadingOutcome& out) const;

  std::uint32_t od_count_;
  std::uint32_t route_count_;
  MeasureMap measures_;
  std::uint32_t headline_;
  std::vector<std::uint32_t> od_segment_;
  SegmentTable segments_;
  std::vector<std::deque<Parcel>> queues_;  // per element, oldest first
  std::vector<double> queue_t_;
  std::vector<double> segment_queue_t_;  // [element][segment]
  std::vector<double> reserved_left_;    // [element][segment]: reservation left in the step
  std::vector<Parcel> moving_;
  std::vector<std::int32_t> select_slot_;   // per element: its selected slot, or -1; empty: none
  std::vector<double> ratio_, arrived_;     // sharing_ratios() scratch, [element][segment]
  std::vector<std::uint32_t> capacitated_;  // sharing_ratios() scratch: elements with capacity left
  std::vector<std::uint32_t> hop_first_, hops_;  // and the capacitated cells each parcel passes
};

}  // namespace corridor::sim
