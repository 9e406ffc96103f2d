// The planner: depth-first branch and bound over programmes (which measures,
// decided in which year), with the time loop (or the ensemble) as the exact
// evaluation and monotone reach as the bound (docs/planning.md).
#include "corridor/analysis/plan.hpp"

#include <algorithm>
#include <chrono>
#include <climits>
#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>
#include <utility>

#include "analysis/parallel.hpp"
#include "corridor/analysis/ensemble.hpp"
#include "corridor/sim/calendar.hpp"
#include "corridor/sim/report.hpp"
#include "corridor/sim/simulation.hpp"

namespace corridor::analysis {
namespace {

using namespace std::chrono;

constexpr int kNone = -1;          // option: the measure is not decided
constexpr int kNever = INT_MAX;    // first year: never reached
constexpr std::size_t kWidth = 2;  // programmes per search round, whatever the threads
constexpr double kInfinity = std::numeric_limits<double>::infinity();

using Options = std::vector<int>;  // per measure: kNone or the decision year

Date shifted(Date d, int years_later) {
  year_month_day out = d + years{years_later};
  if (!out.ok()) out = out.year() / out.month() / last;
  return out;
}

int in_service_year(const PlanMeasure& m, int decision_year) {
  return decision_year + m.lead_time_months / 12;
}

// What is known of one programme: per draw (one in deterministic mode) an
// interval [lo, hi] holding the first complete year the measure reaches the
// target (kNever: not within the evaluated horizon). A draw that was run has
// lo == hi; the others are bounded by comparable programmes (monotone reach).
struct Profile {
  std::vector<int> lo, hi;
  std::vector<std::uint8_t> run;  // 1 when the draw was simulated
  std::vector<double> value;      // per evaluated year (deterministic mode, once run)
};

constexpr int kBefore = INT_MIN;  // lower bound of a draw nothing is known of

// Whether programme a decides every measure b decides, in the same year or earlier.
bool dominates(const Options& a, const Options& b) {
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (b[i] != kNone && (a[i] == kNone || a[i] > b[i])) return false;
  }
  return true;
}

// Draws simulated at a time in ensemble mode: a programme's reach is often
// decided before all draws are run (enough draws reach, or too many miss).
constexpr std::uint32_t kDrawChunk = 20;

class Evaluator {
 public:
  Evaluator(const PlanProblem& p, int last_year)
      : p_(p), last_year_(last_year), total_(std::max<std::uint32_t>(p.draws, 1)) {
    need_ = p.draws == 0 ? 1
                         : static_cast<std::size_t>(
                               std::ceil(p.probability * static_cast<double>(p.draws) - 1e-9));
    need_ = std::max<std::size_t>(need_, 1);
  }

  /// Whether each programme reaches the target by `year`. A draw's outcome is
  /// taken from a comparable programme when that decides it (one that
  /// decides less reached, or one that decides more missed); otherwise the
  /// draw is run. Deterministic mode runs the undecided programmes of the
  /// batch in parallel; ensemble mode runs each programme's undecided draws,
  /// kDrawChunk at a time in parallel, until its reach is decided. Neither
  /// depends on the thread count.
  std::vector<bool> reach(const std::vector<Options>& programmes, int year, PlanStats& stats) {
    std::vector<int> state(programmes.size(), -1);
    for (std::size_t k = 0; k < programmes.size(); ++k) {
      Profile& f = entry(programmes[k], stats);
      infer(programmes[k], f);
      state[k] = decided(f, year);
    }
    if (p_.draws == 0) {
      std::vector<std::size_t> todo;
      for (std::size_t k = 0; k < programmes.size(); ++k) {
        if (state[k] < 0 && std::none_of(todo.begin(), todo.end(), [&](std::size_t t) {
              return programmes[t] == programmes[k];
            }))
          todo.push_back(k);
      }
      run_all(programmes, todo, stats);
    }
    std::vector<bool> out;
    for (std::size_t k = 0; k < programmes.size(); ++k) {
      Profile& f = cache_.at(programmes[k]);
      int d = decided(f, year);
      while (d < 0) {
        run_draws(programmes[k], f, year, stats);
        infer(programmes[k], f);
        d = decided(f, year);
      }
      out.push_back(d == 1);
    }
    return out;
  }

  /// Profiles of a batch of programmes with every draw run.
  std::vector<const Profile*> full(const std::vector<Options>& programmes, PlanStats& stats) {
    std::vector<std::size_t> todo;
    for (std::size_t k = 0; k < programmes.size(); ++k) {
      const Profile& f = entry(programmes[k], stats);
      if (p_.draws == 0 && f.run[0] == 0 &&
          std::none_of(todo.begin(), todo.end(),
                       [&](std::size_t t) { return programmes[t] == programmes[k]; }))
        todo.push_back(k);
    }
    run_all(programmes, todo, stats);
    std::vector<const Profile*> out;
    for (const Options& o : programmes) {
      Profile& f = cache_.at(o);
      while (std::find(f.run.begin(), f.run.end(), 0) != f.run.end())
        run_draws(o, f, kNever, stats);
      out.push_back(&f);
    }
    return out;
  }

  /// The first year of a complete profile at which enough draws have reached the target.
  [[nodiscard]] std::optional<int> reach_year(const Profile& f) const {
    std::vector<int> ys = f.hi;
    std::sort(ys.begin(), ys.end());
    if (ys.size() < need_ || ys[need_ - 1] == kNever) return std::nullopt;
    return ys[need_ - 1];
  }

  /// Every draw of one programme over the horizon up to the end of `last_year` (uncached).
  [[nodiscard]] Profile evaluate(const Options& o, int last_year) const {
    Profile f = unknown();
    std::vector<std::uint32_t> all(total_);
    for (std::uint32_t d = 0; d < total_; ++d) all[d] = d;
    simulate_draws(o, last_year, all, f);
    return f;
  }

 private:
  // Runs programmes[todo[...]] in parallel (deterministic mode) into the cache.
  void run_all(const std::vector<Options>& programmes, const std::vector<std::size_t>& todo,
               PlanStats& stats) {
    std::vector<Profile> fresh(todo.size());
    parallel_for(todo.size(), p_.threads,
                 [&](std::size_t t) { fresh[t] = evaluate(programmes[todo[t]], last_year_); });
    for (std::size_t t = 0; t < todo.size(); ++t)
      cache_.at(programmes[todo[t]]) = std::move(fresh[t]);
    stats.runs += todo.size();
  }

  [[nodiscard]] Profile unknown() const {
    return {std::vector<int>(total_, kBefore),
            std::vector<int>(total_, kNever),
            std::vector<std::uint8_t>(total_, 0),
            {}};
  }

  Profile& entry(const Options& o, PlanStats& stats) {
    auto it = cache_.find(o);
    if (it != cache_.end()) {
      ++stats.cache_hits;
      return it->second;
    }
    ++stats.programmes_evaluated;
    return cache_.emplace(o, unknown()).first->second;
  }

  // Narrows the draws not run from the programmes already known: one that o
  // dominates reaches no earlier than o, one that dominates o no later.
  void infer(const Options& o, Profile& f) const {
    if (std::find(f.run.begin(), f.run.end(), 0) == f.run.end()) return;
    for (const auto& [q, g] : cache_) {
      if (&g == &f) continue;
      const bool below = dominates(o, q), above = dominates(q, o);
      if (!below && !above) continue;
      for (std::uint32_t d = 0; d < total_; ++d) {
        if (f.run[d] != 0) continue;
        if (below) f.hi[d] = std::min(f.hi[d], g.hi[d]);
        if (above) f.lo[d] = std::max(f.lo[d], g.lo[d]);
      }
    }
  }

  // 1 reaches, 0 cannot reach whatever the draws not yet known, -1 undecided.
  [[nodiscard]] int decided(const Profile& f, int year) const {
    std::size_t sure = 0, possible = 0;
    for (std::uint32_t d = 0; d < total_; ++d) {
      sure += f.hi[d] <= year ? 1U : 0U;
      possible += f.lo[d] <= year ? 1U : 0U;
    }
    if (sure >= need_) return 1;
    if (possible < need_) return 0;
    return -1;
  }

  // Runs the next kDrawChunk draws whose outcome by `year` is not known yet
  // (in draw order).
  void run_draws(const Options& o, Profile& f, int year, PlanStats& stats) const {
    std::vector<std::uint32_t> draws;
    for (std::uint32_t d = 0; d < total_ && draws.size() < kDrawChunk; ++d) {
      if (f.run[d] == 0 && (year == kNever || (f.lo[d] <= year && f.hi[d] > year)))
        draws.push_back(d);
    }
    simulate_draws(o, last_year_, draws, f);
    stats.runs += draws.size();
  }

  // Simulates the listed draws of the programme (the one deterministic run
  // when draws == 0) up to the end of `last_year`, in parallel.
  void simulate_draws(const Options& o, int last_year, const std::vector<std::uint32_t>& draws,
                      Profile& f) const {
    std::vector<PlanChoice> programme;
    for (std::size_t i = 0; i < o.size(); ++i) {
      if (o[i] != kNone) programme.push_back({i, o[i], {}, 0.0});
    }
    Scenario s = programme_scenario(p_, programme);
    const year_month end = year{last_year} / December;
    if (end < s.horizon.end) s.horizon.end = end;
    const std::uint32_t m = p_.corridor_measure;
    if (p_.draws == 0) {
      const sim::SimulationResult r = sim::simulate(s);
      if (!r.completed()) throw std::runtime_error("a programme's run failed: " + r.reason);
      const sim::Report report = sim::make_report(s, r);
      int first = kNever;
      f.value.clear();
      for (const sim::YearReport& y : report.years) {
        f.value.push_back(y.measures[m].value);
        if (first == kNever && p_.reaches(y.year, y.complete, y.measures[m].value)) first = y.year;
      }
      f.lo[0] = f.hi[0] = first;
      f.run[0] = 1;
      return;
    }
    std::vector<int> first(draws.size(), kNever);
    parallel_for(draws.size(), p_.threads, [&](std::size_t k) {
      EnsembleOptions eo;
      eo.seed = p_.seed;
      eo.first_draw = draws[k];
      eo.draw_count = 1;
      eo.threads = 1;
      const EnsembleResult r = run_ensemble(s, eo);
      if (r.status != EnsembleStatus::completed)
        throw std::runtime_error("a programme's ensemble failed: " + r.reason);
      for (std::size_t y = 0; y < r.years.size(); ++y) {
        if (p_.reaches(r.years[y], r.complete[y], r.at(0, y, m, r.segment_count))) {
          first[k] = r.years[y];
          break;
        }
      }
    });
    for (std::size_t k = 0; k < draws.size(); ++k) {
      f.lo[draws[k]] = f.hi[draws[k]] = first[k];
      f.run[draws[k]] = 1;
    }
  }

  const PlanProblem& p_;
  int last_year_;
  std::uint32_t total_;
  std::size_t need_ = 1;
  std::map<Options, Profile> cache_;
};

struct StopSearch {};

// The branch and bound for one target year.
class Search {
 public:
  Search(const PlanProblem& p, Evaluator& ev, PlanStats& stats, std::vector<std::size_t> order,
         int by_year, const std::function<void(const PlanStats&)>& progress)
      : p_(p), ev_(ev), stats_(stats), order_(std::move(order)), by_(by_year), progress_(progress) {
    const std::size_t n = p.measures.size();
    lo_.assign(n, 0);
    hi_.assign(n, -1);
    for (std::size_t i = 0; i < n; ++i) {
      const PlanMeasure& m = p.measures[i];
      lo_[i] = std::max(p.first_decision_year, m.earliest_decision_year);
      hi_[i] = p.last_decision_year;
      while (hi_[i] >= lo_[i] && in_service_year(m, hi_[i]) > by_year) --hi_[i];
    }
    necessary_.assign(n, false);
    compute_bounds();
  }

  /// Only programmes cheaper than `cost` are searched for (a budget).
  void set_bound(double cost) { best_cost_ = cost; }

  void set_incumbent(double cost, const Options& o) {
    best_cost_ = cost;
    best_ = o;
  }

  /// Runs the search; false when it stopped at the evaluation limit.
  bool run() {
    const Options none(p_.measures.size(), kNone);
    Options o = none;
    try {  // the limit may stop even the first two evaluations
      if (reach({none})[0]) {
        set_incumbent(0.0, none);
        return true;
      }
      if (!reach({optimistic(none, 0)})[0]) return true;  // nothing in the catalogue reaches it
      find_necessary();
      greedy();
      dfs(0, o, 0.0);
    } catch (const StopSearch&) {
      return false;
    }
    return true;
  }

  [[nodiscard]] const std::optional<Options>& best() const { return best_; }
  [[nodiscard]] double best_cost() const { return best_cost_; }
  [[nodiscard]] double abandoned_bound() const { return abandoned_lb_; }

 private:
  [[nodiscard]] bool usable(std::size_t i) const { return hi_[i] >= lo_[i]; }

  // rest_[k]: a lower bound on what the measures from position k on add to a
  // programme whose fixed part misses the target: at least one more option
  // (the cheapest, at its latest year), and every necessary measure at its
  // latest year. Relaxes prerequisites and exclusions.
  void compute_bounds() {
    const std::size_t n = p_.measures.size();
    std::vector<double> cheapest(n + 1, kInfinity), needed(n + 1, 0.0);
    for (std::size_t k = n; k-- > 0;) {
      const std::size_t i = order_[k];
      const double c = usable(i) ? measure_present_value(p_, p_.measures[i], hi_[i]) : kInfinity;
      cheapest[k] = std::min(cheapest[k + 1], c);
      needed[k] = needed[k + 1] + (necessary_[i] ? c : 0.0);
    }
    rest_.assign(n + 1, kInfinity);
    for (std::size_t k = 0; k <= n; ++k) rest_[k] = std::max(cheapest[k], needed[k]);
  }

  // A measure without which every other one at its earliest year misses the
  // target is in every programme that reaches it (monotone reach), decided no
  // later than the last year at which it still reaches with the others at
  // their earliest.
  void find_necessary() {
    const Options all = optimistic(Options(p_.measures.size(), kNone), 0);
    std::vector<Options> batch;
    std::vector<std::size_t> which;
    for (std::size_t i = 0; i < all.size(); ++i) {
      if (all[i] == kNone) continue;
      batch.push_back(all);
      batch.back()[i] = kNone;
      which.push_back(i);
    }
    const std::vector<bool> r = reach(batch);
    for (std::size_t k = 0; k < which.size(); ++k) {
      if (r[k]) continue;
      const std::size_t i = which[k];
      necessary_[i] = true;
      const std::optional<int> y = last_reaching(lo_[i], hi_[i], true, [&](int yi) {
        Options x = all;
        x[i] = yi;
        return x;
      });
      if (y) hi_[i] = *y;
    }
    compute_bounds();
  }

  [[nodiscard]] bool allowed(const Options& x) const {
    for (std::size_t i = 0; i < x.size(); ++i) {
      if (x[i] == kNone) continue;
      for (const std::size_t r : p_.measures[i].requires_) {
        if (x[r] == kNone || x[r] > x[i]) return false;
      }
      for (std::size_t j = i + 1; j < x.size(); ++j) {
        if (x[j] != kNone && p_.measures[i].exclusive_group >= 0 &&
            p_.measures[j].exclusive_group == p_.measures[i].exclusive_group)
          return false;
      }
    }
    return true;
  }

  [[nodiscard]] double cost_of(const Options& x) const {
    double c = 0.0;
    for (std::size_t i = 0; i < x.size(); ++i) {
      if (x[i] != kNone) c += measure_present_value(p_, p_.measures[i], x[i]);
    }
    return c;
  }

  // A first incumbent: every measure as early as allowed (one per exclusive
  // group, the first in branching order), then, most expensive first, each
  // measure dropped if the rest still reaches, then each deferred to the last
  // year that still reaches.
  void greedy() {
    Options x(p_.measures.size(), kNone);
    for (const std::size_t i : order_) {
      if (!usable(i)) continue;
      x[i] = lo_[i];
      for (const std::size_t r : p_.measures[i].requires_) {
        if (x[r] == kNone)
          x[i] = kNone;
        else
          x[i] = std::max(x[i], x[r]);
      }
      if (x[i] != kNone && (x[i] > hi_[i] || !allowed(x))) x[i] = kNone;
    }
    if (!reach({x})[0]) return;
    std::vector<std::size_t> by_cost(order_);
    const auto dearer = [&](std::size_t a, std::size_t b) {
      return measure_present_value(p_, p_.measures[a], lo_[a]) >
             measure_present_value(p_, p_.measures[b], lo_[b]);
    };
    std::stable_sort(by_cost.begin(), by_cost.end(), dearer);
    for (const std::size_t i : by_cost) {
      if (x[i] == kNone || necessary_[i]) continue;
      Options y = x;
      y[i] = kNone;
      if (allowed(y) && reach({y})[0]) x = y;
    }
    for (const std::size_t i : by_cost) {
      if (x[i] == kNone) continue;
      int last = hi_[i];
      for (std::size_t j = 0; j < x.size(); ++j) {
        const auto& rq = p_.measures[j].requires_;
        if (x[j] != kNone && std::find(rq.begin(), rq.end(), i) != rq.end())
          last = std::min(last, x[j]);
      }
      if (last <= x[i]) continue;
      const std::optional<int> y = last_reaching(x[i], last, true, [&](int yi) {
        Options z = x;
        z[i] = yi;
        return z;
      });
      if (y) x[i] = *y;
    }
    const double c = cost_of(x);
    if (c < best_cost_) set_incumbent(c, x);
  }

  // The fixed options plus every measure from position k on at its earliest year.
  [[nodiscard]] Options optimistic(Options o, std::size_t k) const {
    for (std::size_t j = k; j < order_.size(); ++j) {
      const std::size_t i = order_[j];
      if (usable(i)) o[i] = lo_[i];
    }
    return o;
  }

  std::vector<bool> reach(const std::vector<Options>& programmes) {
    if (p_.max_evaluations != 0 && stats_.programmes_evaluated >= p_.max_evaluations)
      throw StopSearch{};
    std::vector<bool> out = ev_.reach(programmes, by_, stats_);
    if (progress_) progress_(stats_);
    return out;
  }

  // The last year in [a, b] for which make(y) reaches, given that reach falls
  // from true to false as y grows; `a_true` when make(a) is known to reach.
  template <class Make>
  std::optional<int> last_reaching(int a, int b, bool a_true, Make make) {
    if (!a_true) {
      const std::vector<bool> r = reach({make(a), make(b)});
      if (!r[0]) return std::nullopt;
      if (r[1]) return b;
    } else if (a == b) {
      return a;
    } else if (reach({make(b)})[0]) {
      return b;
    }
    // make(a) reaches, make(b) does not: narrow (a, b) by kWidth probes a round.
    while (b - a > 1) {
      std::vector<int> ys;
      for (std::size_t j = 1; j <= kWidth; ++j) {
        const int y = a + static_cast<int>((static_cast<std::size_t>(b - a) * j) / (kWidth + 1));
        if (y > a && y < b && (ys.empty() || ys.back() != y)) ys.push_back(y);
      }
      if (ys.empty()) break;
      std::vector<Options> batch;
      batch.reserve(ys.size());
      for (const int y : ys) batch.push_back(make(y));
      const std::vector<bool> r = reach(batch);
      for (std::size_t j = 0; j < ys.size(); ++j) {
        if (r[j]) {
          a = ys[j];
        } else {
          b = ys[j];
          break;
        }
      }
    }
    return a;
  }

  void abandon(double bound) {
    abandoned_lb_ = std::min(abandoned_lb_, bound);
    ++stats_.nodes_pruned;
  }

  // Position k: the measures order_[0..k) are fixed in `o` (whose programme
  // does not reach the target), and o + the rest at their earliest reaches it.
  void dfs(std::size_t k, Options& o, double cost) {
    if (k == order_.size()) return;
    ++stats_.nodes;
    if (cost + rest_[k] >= best_cost_) {
      ++stats_.nodes_pruned;
      return;
    }
    const std::size_t i = order_[k];
    const PlanMeasure& m = p_.measures[i];
    int a = lo_[i];
    bool allowed = usable(i);
    for (const std::size_t r : m.requires_) {
      if (o[r] == kNone)
        allowed = false;
      else
        a = std::max(a, o[r]);
    }
    if (m.exclusive_group >= 0) {
      for (std::size_t j = 0; j < o.size(); ++j) {
        if (j != i && o[j] != kNone && p_.measures[j].exclusive_group == m.exclusive_group)
          allowed = false;
      }
    }
    allowed = allowed && a <= hi_[i];
    try {
      if (allowed) branch_years(k, i, a, o, cost);
      // Not deciding measure i: the rest must still be able to reach the target.
      if (necessary_[i]) {
        ++stats_.nodes_pruned;
      } else if (cost + rest_[k + 1] < best_cost_) {
        if (reach({optimistic(o, k + 1)})[0]) {
          dfs(k + 1, o, cost);
        } else {
          ++stats_.nodes_pruned;
        }
      } else {
        ++stats_.nodes_pruned;
      }
    } catch (const StopSearch&) {
      abandon(cost + rest_[k]);
      throw;
    }
  }

  void branch_years(std::size_t k, std::size_t i, int a, Options& o, double cost) {
    const PlanMeasure& m = p_.measures[i];
    const auto with = [&](int y, bool rest) {
      Options x = o;
      x[i] = y;
      return rest ? optimistic(std::move(x), k + 1) : x;
    };
    // Latest year whose optimistic completion still reaches (a later decision
    // cannot reach either). With a = lo_[i] the node's own completion is known to reach.
    const std::optional<int> y_star =
        last_reaching(a, hi_[i], a == lo_[i], [&](int y) { return with(y, true); });
    if (!y_star) {
      ++stats_.nodes_pruned;
      return;
    }
    // Latest year at which the fixed measures plus this one reach alone: the
    // cheapest complete programme of this branch (earlier years cost more).
    const std::optional<int> y_leaf =
        last_reaching(a, *y_star, false, [&](int y) { return with(y, false); });
    if (y_leaf) {
      const double c = cost + measure_present_value(p_, m, *y_leaf);
      if (c < best_cost_) set_incumbent(c, with(*y_leaf, false));
    }
    for (int y = *y_star; y > (y_leaf ? *y_leaf : a - 1); --y) {
      const double c = cost + measure_present_value(p_, m, y);
      if (c + rest_[k + 1] >= best_cost_) {
        stats_.nodes_pruned += static_cast<std::uint64_t>(y - (y_leaf ? *y_leaf : a - 1));
        break;  // earlier years cost more still
      }
      o[i] = y;
      dfs(k + 1, o, c);
      o[i] = kNone;
    }
  }

  const PlanProblem& p_;
  Evaluator& ev_;
  PlanStats& stats_;
  std::vector<std::size_t> order_;
  int by_;
  const std::function<void(const PlanStats&)>& progress_;
  std::vector<int> lo_, hi_;
  std::vector<double> rest_;
  std::vector<bool> necessary_;
  double best_cost_ = kInfinity;
  std::optional<Options> best_;
  double abandoned_lb_ = kInfinity;
};

void check(const PlanProblem& p, int from_year, int to_year) {
  if (p.base == nullptr) throw std::invalid_argument("plan: no base scenario");
  const int h0 = static_cast<int>(p.base->horizon.start.year());
  const int h1 = static_cast<int>(p.base->horizon.end.year());
  if (from_year > to_year || from_year < h0 || to_year > h1 ||
      !sim::year_complete(p.base->horizon, to_year))
    throw std::invalid_argument("plan: target years must be complete years of the horizon " +
                                std::to_string(h0) + ".." + std::to_string(h1));
  if (p.corridor_measure >= p.base->corridor.measures.size())
    throw std::invalid_argument("plan: no such corridor measure");
  if (!(p.target > 0.0) || !std::isfinite(p.target))
    throw std::invalid_argument("plan: the target must be positive");
  if (p.first_decision_year > p.last_decision_year)
    throw std::invalid_argument("plan: the decision years are empty");
  if (!(p.discount_rate >= 0.0 && p.discount_rate < 1.0))
    throw std::invalid_argument("plan: the discount rate must be in [0, 1)");
  if (p.draws > 0 && !(p.probability > 0.0 && p.probability <= 1.0))
    throw std::invalid_argument("plan: the probability must be in (0, 1]");
  for (std::size_t i = 0; i < p.measures.size(); ++i) {
    for (const std::size_t r : p.measures[i].requires_) {
      if (r >= p.measures.size() || r == i)
        throw std::invalid_argument("plan: bad prerequisite of " + p.measures[i].id);
    }
  }
}

// Branching order: measures by corridor gain per dollar when decided alone at
// their earliest year (the time loop's marginal value), prerequisites first.
std::vector<std::size_t> branching_order(const PlanProblem& p, Evaluator& ev, PlanStats& stats,
                                         int last_year) {
  const std::size_t n = p.measures.size();
  PlanProblem central = p;
  central.draws = 0;
  Evaluator det(central, last_year);
  std::vector<Options> batch(n + 1, Options(n, kNone));
  for (std::size_t i = 0; i < n; ++i)
    batch[i + 1][i] = std::max(p.first_decision_year, p.measures[i].earliest_decision_year);
  const std::vector<const Profile*> f = det.full(batch, stats);
  (void)ev;
  std::vector<double> score(n, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    const double gain = f[i + 1]->value.back() - f[0]->value.back();
    const double c = measure_present_value(p, p.measures[i], batch[i + 1][i]);
    score[i] = c > 0.0 ? gain / c : (gain > 0.0 ? kInfinity : 0.0);
  }
  std::vector<std::size_t> out;
  std::vector<bool> placed(n, false);
  while (out.size() < n) {
    std::optional<std::size_t> pick;
    for (std::size_t i = 0; i < n; ++i) {
      if (placed[i]) continue;
      bool ready = true;
      for (const std::size_t r : p.measures[i].requires_) ready = ready && placed[r];
      if (!ready) continue;
      if (!pick || score[i] > score[*pick]) pick = i;
    }
    if (!pick) throw std::invalid_argument("plan: the prerequisites form a cycle");
    placed[*pick] = true;
    out.push_back(*pick);
  }
  return out;
}

std::vector<PlanChoice> choices(const PlanProblem& p, const Options& o) {
  std::vector<PlanChoice> out;
  for (std::size_t i = 0; i < o.size(); ++i) {
    if (o[i] == kNone) continue;
    const PlanMeasure& m = p.measures[i];
    Date first = year{9999} / January / 1;
    const auto consider = [&](Date d) {
      d = shifted(d, o[i] - m.earliest_decision_year);
      if (sys_days{d} < sys_days{first}) first = d;
    };
    for (const Project& pr : m.projects) consider(pr.in_service);
    for (const ThroughRate& rate : m.through_rates) consider(rate.points.front().date);
    for (const SegmentRule& rule : m.segment_rules) consider(*rule.from);
    out.push_back({i, o[i], first, measure_present_value(p, m, o[i])});
  }
  std::stable_sort(out.begin(), out.end(), [](const PlanChoice& a, const PlanChoice& b) {
    return a.decision_year < b.decision_year;
  });
  return out;
}

// Dropping any one measure (whose dependants are not decided) or deciding it a
// year later must no longer reach the target; counts the programmes that do.
std::uint64_t local_check(const PlanProblem& p, Evaluator& ev, PlanStats& stats, const Options& o,
                          int by_year) {
  std::vector<Options> batch;
  for (std::size_t i = 0; i < o.size(); ++i) {
    if (o[i] == kNone || measure_present_value(p, p.measures[i], o[i]) <= 0.0) continue;
    bool needed = false;
    for (std::size_t j = 0; j < o.size(); ++j) {
      const auto& rq = p.measures[j].requires_;
      needed = needed || (o[j] != kNone && std::find(rq.begin(), rq.end(), i) != rq.end());
    }
    if (!needed) {
      batch.push_back(o);
      batch.back()[i] = kNone;
    }
    if (o[i] < p.last_decision_year && in_service_year(p.measures[i], o[i] + 1) <= by_year) {
      batch.push_back(o);
      batch.back()[i] = o[i] + 1;
    }
  }
  std::uint64_t failed = 0;
  for (const bool r : ev.reach(batch, by_year, stats)) failed += r ? 1U : 0U;
  return failed;
}

}  // namespace

const char* to_string(PlanStatus status) {
  switch (status) {
    case PlanStatus::optimal:
      return "optimal";
    case PlanStatus::feasible:
      return "feasible";
    case PlanStatus::infeasible:
      return "infeasible";
    case PlanStatus::unknown:
      return "unknown";
  }
  return "unknown";
}

double measure_present_value(const PlanProblem& p, const PlanMeasure& m, int decision_year) {
  const double r = p.discount_rate;
  const auto factor = [&](int y) { return std::pow(1.0 + r, -(y - p.first_decision_year)); };
  double pv = m.capex_usd * factor(decision_year);
  if (m.yearly_usd > 0.0) {
    const int end = static_cast<int>(p.base->horizon.end.year());
    for (int y = in_service_year(m, decision_year); y <= end; ++y) pv += m.yearly_usd * factor(y);
  }
  return pv;
}

Scenario programme_scenario(const PlanProblem& p, const std::vector<PlanChoice>& programme) {
  Scenario s = *p.base;
  for (const PlanChoice& c : programme) {
    const PlanMeasure& m = p.measures.at(c.measure);
    for (Project pr : m.projects) {
      pr.in_service = shifted(pr.in_service, c.decision_year - m.earliest_decision_year);
      s.projects.push_back(std::move(pr));
    }
    for (ThroughRate rate : m.through_rates) {
      for (SeriesPoint& point : rate.points)
        point.date = shifted(point.date, c.decision_year - m.earliest_decision_year);
      s.through_rates.push_back(std::move(rate));
    }
    for (SegmentRule rule : m.segment_rules) {
      rule.from = shifted(*rule.from, c.decision_year - m.earliest_decision_year);
      s.segment_rules.push_back(std::move(rule));
    }
  }
  return s;
}

namespace {

// Every measure at its earliest decision year, one programme per choice of one
// measure from each exclusive group (the others of the group left out).
std::vector<Options> every_measure_programmes(const PlanProblem& p) {
  const std::size_t n = p.measures.size();
  Options all(n, kNone);
  std::map<int, std::vector<std::size_t>> groups;
  for (std::size_t i = 0; i < n; ++i) {
    all[i] = std::max(p.first_decision_year, p.measures[i].earliest_decision_year);
    if (p.measures[i].exclusive_group >= 0) groups[p.measures[i].exclusive_group].push_back(i);
  }
  std::vector<Options> out{all};
  for (const auto& [group, members] : groups) {
    std::vector<Options> next;
    for (const Options& o : out) {
      for (const std::size_t keep : members) {
        Options x = o;
        for (const std::size_t j : members) {
          if (j != keep) x[j] = kNone;
        }
        next.push_back(std::move(x));
      }
    }
    out = std::move(next);
  }
  return out;
}

}  // namespace

PlanResult solve_plan(const PlanProblem& p, int from_year, int to_year,
                      const std::function<void(const PlanStats&)>& progress) {
  check(p, from_year, to_year);
  PlanResult out;
  Evaluator ev(p, to_year);
  out.branching_order = branching_order(p, ev, out.stats, to_year);
  const std::size_t n = p.measures.size();
  const int horizon_end = static_cast<int>(p.base->horizon.end.year());
  const std::optional<int> base_year = ev.reach_year(ev.evaluate(Options(n, kNone), horizon_end));
  // Every measure as early as allowed, with one measure of each exclusive group:
  // the earliest year over the groups' combinations.
  std::optional<int> best_year;
  const std::vector<Options> every = every_measure_programmes(p);
  for (const Options& all : every) {
    const std::optional<int> y = ev.reach_year(ev.evaluate(all, horizon_end));
    if (y && (!best_year || *y < *best_year)) best_year = y;
  }
  out.stats.programmes_evaluated += 1 + every.size();
  out.stats.runs +=
      (1 + every.size()) * std::max<std::uint64_t>(p.draws, 1);  // over the whole horizon

  std::optional<Options> carried;  // the previous year's answer reaches by this year too
  double carried_cost = kInfinity;
  for (int y = from_year; y <= to_year; ++y) {
    PlanAnswer a;
    a.by_year = y;
    a.base_reach_year = base_year;
    a.best_reach_year = best_year;
    Search search(p, ev, out.stats, out.branching_order, y, progress);
    if (p.budget_usd) search.set_bound(std::nextafter(*p.budget_usd, kInfinity));
    if (carried && carried_cost < search.best_cost()) search.set_incumbent(carried_cost, *carried);
    const bool complete = search.run();
    const double bound = std::min(search.best_cost(), search.abandoned_bound());
    if (search.best()) {
      const Options& o = *search.best();
      a.programme = choices(p, o);
      a.cost_usd = search.best_cost();
      a.lower_bound_usd = complete ? a.cost_usd : std::min(a.cost_usd, bound);
      a.status = complete ? PlanStatus::optimal : PlanStatus::feasible;
      a.reach_year = ev.reach_year(*ev.full({o}, out.stats)[0]);
      const std::uint64_t failed = local_check(p, ev, out.stats, o, y);
      out.stats.local_checks_failed += failed;
      a.proven = complete && failed == 0;
      carried = o;
      carried_cost = a.cost_usd;
    } else {
      a.status = complete ? PlanStatus::infeasible : PlanStatus::unknown;
      a.proven = complete;
      a.lower_bound_usd = complete ? 0.0 : bound;
    }
    out.answers.push_back(std::move(a));
  }
  return out;
}

}  // namespace corridor::analysis
