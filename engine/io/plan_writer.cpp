// Outputs of `corridor plan` (docs/outputs.md).
#include "corridor/io/plan_writer.hpp"

#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <sstream>

#include "corridor/io/atomic_file.hpp"
#include "io/csv_format.hpp"

namespace corridor::io {
namespace {

using json = nlohmann::ordered_json;
using analysis::PlanAnswer;

std::string date_text(Date d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return buf;
}

json optional_year(const std::optional<int>& y) { return y ? json(*y) : json(nullptr); }

std::string programme_text(const analysis::PlanProblem& p, const PlanAnswer& a) {
  std::string out;
  for (const analysis::PlanChoice& c : a.programme)
    out +=
        (out.empty() ? "" : " ") + p.measures[c.measure].id + "@" + std::to_string(c.decision_year);
  return out;
}

std::string programme_csv(const analysis::PlanProblem& p, const std::vector<PlanAnswer>& answers) {
  std::ostringstream o;
  o << "by_year,measure,name,decision_year,in_service,capex_usd,yearly_usd,present_value_usd\n";
  for (const PlanAnswer& a : answers) {
    for (const analysis::PlanChoice& c : a.programme) {
      const analysis::PlanMeasure& m = p.measures[c.measure];
      o << a.by_year << ',' << csv_field(m.id) << ',' << csv_field(m.name) << ',' << c.decision_year
        << ',' << date_text(c.in_service) << ',' << fixed_number(m.capex_usd, 0) << ','
        << fixed_number(m.yearly_usd, 0) << ',' << fixed_number(c.present_value_usd, 0) << '\n';
    }
  }
  return o.str();
}

std::string frontier_csv(const analysis::PlanProblem& p, const std::vector<PlanAnswer>& answers) {
  std::ostringstream o;
  o << "by_year,status,proven,cost_usd,lower_bound_usd,gap,reach_year,measures\n";
  for (const PlanAnswer& a : answers) {
    const bool found = !a.programme.empty() || a.status == analysis::PlanStatus::optimal ||
                       a.status == analysis::PlanStatus::feasible;
    o << a.by_year << ',' << to_string(a.status) << ',' << (a.proven ? "true" : "false") << ','
      << (found ? fixed_number(a.cost_usd, 0) : "") << ',' << fixed_number(a.lower_bound_usd, 0)
      << ',' << (found ? fixed_number(a.gap(), 4) : "") << ','
      << (a.reach_year ? std::to_string(*a.reach_year) : "") << ','
      << csv_field(programme_text(p, a)) << '\n';
  }
  return o.str();
}

std::string trajectory_csv(const Scenario& s, const std::vector<PlanTrajectory>& ts) {
  std::ostringstream o;
  o << "by_year,year,measure,unit,baseline,programme,reach_share\n";
  for (const PlanTrajectory& t : ts) {
    for (std::size_t m = 0; m < s.corridor.measures.size(); ++m) {
      const CorridorMeasure& cm = s.corridor.measures[m];
      for (std::size_t y = 0; y < t.years.size(); ++y) {
        o << t.by_year << ',' << t.years[y] << ',' << csv_field(cm.id) << ',' << cm.unit() << ','
          << fixed_number(t.baseline[m][y]) << ',' << fixed_number(t.programme[m][y]) << ','
          << (t.reach_share.empty() ? "" : fixed_number(t.reach_share[y], 4)) << '\n';
      }
    }
  }
  return o.str();
}

json summary(const PlanOutput& out, const RunMetadata& meta) {
  const analysis::PlanProblem& p = *out.problem;
  const analysis::PlanResult& r = *out.result;
  const CorridorMeasure& cm = p.base->corridor.measures[p.corridor_measure];
  json j;
  j["format_version"] = kOutputFormatVersion;
  j["scenario"] = p.base->name;
  j["scenario_fingerprint"] = meta.scenario_fingerprint;
  j["files"] = meta.files;
  j["measure"] = {{"id", cm.id}, {"unit", cm.unit()}};
  j["target"] = p.target;
  j["mode"] = p.draws > 0 ? "probability" : "deterministic";
  if (p.draws > 0) {
    j["probability"] = p.probability;
    j["draws"] = p.draws;
    j["seed"] = p.seed;
  }
  j["decision_years"] = {p.first_decision_year, p.last_decision_year};
  j["price_year"] = p.first_decision_year;
  j["discount_rate"] = p.discount_rate;
  j["discount_rate_source"] = out.discount_rate_source;
  j["budget_usd"] = p.budget_usd ? json(*p.budget_usd) : json(nullptr);
  j["frontier"] = out.frontier;
  json catalogue = json::array();
  for (const std::size_t i : r.branching_order) catalogue.push_back(p.measures[i].id);
  j["catalogue_size"] = p.measures.size();
  j["branching_order"] = catalogue;
  j["left_out"] = out.left_out;
  j["stats"] = {{"programmes_evaluated", r.stats.programmes_evaluated},
                {"runs", r.stats.runs},
                {"nodes", r.stats.nodes},
                {"nodes_pruned", r.stats.nodes_pruned},
                {"cache_hits", r.stats.cache_hits},
                {"local_checks_failed", r.stats.local_checks_failed}};
  json answers = json::array();
  for (const PlanAnswer& a : r.answers) {
    json prog = json::array();
    for (const analysis::PlanChoice& c : a.programme) {
      const analysis::PlanMeasure& m = p.measures[c.measure];
      prog.push_back({{"measure", m.id},
                      {"name", m.name},
                      {"decision_year", c.decision_year},
                      {"in_service", date_text(c.in_service)},
                      {"capex_usd", m.capex_usd},
                      {"yearly_usd", m.yearly_usd},
                      {"present_value_usd", std::round(c.present_value_usd)}});
    }
    const bool found =
        a.status == analysis::PlanStatus::optimal || a.status == analysis::PlanStatus::feasible;
    answers.push_back({{"by_year", a.by_year},
                       {"status", to_string(a.status)},
                       {"proven", a.proven},
                       {"cost_usd", found ? json(std::round(a.cost_usd)) : json(nullptr)},
                       {"lower_bound_usd", std::round(a.lower_bound_usd)},
                       {"gap", found ? json(std::round(a.gap() * 1e4) / 1e4) : json(nullptr)},
                       {"reach_year", optional_year(a.reach_year)},
                       {"base_reach_year", optional_year(a.base_reach_year)},
                       {"best_reach_year", optional_year(a.best_reach_year)},
                       {"programme", prog}});
  }
  j["answers"] = answers;
  return j;
}

}  // namespace

void write_plan(const std::filesystem::path& dir, const PlanOutput& out, const RunMetadata& meta) {
  const analysis::PlanProblem& p = *out.problem;
  const std::vector<PlanAnswer>& answers = out.result->answers;
  write_file_atomically(dir / "programme.csv", programme_csv(p, answers));
  write_file_atomically(dir / "frontier.csv", frontier_csv(p, answers));
  write_file_atomically(dir / "trajectory.csv", trajectory_csv(*p.base, out.trajectories));
  const double evaluated = static_cast<double>(out.result->stats.programmes_evaluated);
  json t = {{"seconds", std::round(out.seconds * 1e3) / 1e3},
            {"programmes_per_second",
             out.seconds > 0.0 ? std::round(evaluated / out.seconds * 10.0) / 10.0 : 0.0},
            {"threads", p.threads}};
  write_file_atomically(dir / "timing.json", t.dump(2) + "\n");
  write_file_atomically(dir / "plan.json", summary(out, meta).dump(2) + "\n");
}

}  // namespace corridor::io
