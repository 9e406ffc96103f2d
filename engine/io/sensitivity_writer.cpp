// The files of `corridor sensitivity`: tidy tables of the one-at-a-time swings
// or of the Sobol' indices, and a JSON summary with each output's inputs ranked.
#include "corridor/io/sensitivity_writer.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "corridor/io/atomic_file.hpp"
#include "corridor/version.hpp"
#include "io/csv_format.hpp"

namespace corridor::io {
namespace {

using json = nlohmann::ordered_json;
using analysis::SensitivityOutput;

bool is_year(const SensitivityOutput& o) {
  return o.kind == SensitivityOutput::Kind::year_reaching;
}

const CorridorMeasure& measure_of(const Scenario& s, const SensitivityOutput& o) {
  return s.corridor.measures[o.measure];
}

// measure,unit,output,year,threshold: the unit is the measure's (of its
// tonnage and its thresholds); a year_reaching value is a calendar year.
std::string output_cells(const Scenario& s, const SensitivityOutput& o) {
  const CorridorMeasure& m = measure_of(s, o);
  const std::string head = m.id + ',' + m.unit() + ',';
  if (is_year(o)) return head + "year_reaching,," + fixed_number(o.threshold, 0);
  return head + "tonnage," + std::to_string(o.year) + ',';
}

// An output's value: whole years, or the measure's unit to 3 decimals.
std::string value(const SensitivityOutput& o, double x) {
  return fixed_number(x, is_year(o) ? 0 : 3);
}

json rounded(double x, double scale = 1e6) {
  if (!std::isfinite(x)) return nullptr;
  return std::round(x * scale) / scale;
}

json header(const Scenario& s, const SensitivitySubject& subject, const RunMetadata& meta,
            const char* method) {
  json j;
  j["format_version"] = kOutputFormatVersion;
  j["engine_version"] = kVersion;
  j["scenario"] = {{"name", s.name}, {"fingerprint", meta.scenario_fingerprint}};
  j["seed"] = meta.seed;
  j["method"] = method;
  j["censored_year"] = analysis::censored_year(s.horizon);
  json inputs = json::array();
  for (const analysis::UncertainInput& in : subject.inputs)
    inputs.push_back({{"id", in.id}, {"kind", analysis::to_string(in.kind)}});
  j["inputs"] = inputs;
  return j;
}

json output_json(const Scenario& s, const SensitivityOutput& o) {
  const CorridorMeasure& m = measure_of(s, o);
  json j = {
      {"measure", m.id}, {"unit", m.unit()}, {"output", is_year(o) ? "year_reaching" : "tonnage"}};
  if (is_year(o)) {
    j["milestone"] = milestone_key(o.threshold, m.unit());
  } else {
    j["year"] = o.year;
  }
  return j;
}

// Input numbers ordered by `key` descending (ties: input order).
template <class Key>
std::vector<std::size_t> ranked(std::size_t inputs, Key key) {
  std::vector<std::size_t> order(inputs);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return key(a) > key(b); });
  return order;
}

std::string oat_csv(const Scenario& s, const SensitivitySubject& subject,
                    const analysis::OatDesign& design,
                    const std::vector<analysis::OatSwing>& swings) {
  std::string out =
      "measure,unit,output,year,threshold,input,kind,input_low,input_high,input_unit,"
      "output_low,output_base,output_high,swing,rank\n";
  const std::size_t k = subject.inputs.size();
  for (std::size_t o = 0; o < subject.outputs.size(); ++o) {
    const SensitivityOutput& out_o = subject.outputs[o];
    const auto swing = [&](std::size_t i) { return std::fabs(swings[o * k + i].swing()); };
    const std::vector<std::size_t> order = ranked(k, swing);
    for (std::size_t i = 0; i < k; ++i) {
      const analysis::UncertainInput& in = subject.inputs[i];
      const analysis::OatSwing& w = swings[o * k + i];
      const auto rank = std::find(order.begin(), order.end(), i) - order.begin() + 1;
      out += output_cells(s, out_o) + ',' + csv_field(in.id) + ',' + analysis::to_string(in.kind) +
             ',' + fixed_number(analysis::input_value_at(s, in, design.low_level), 6) + ',' +
             fixed_number(analysis::input_value_at(s, in, design.high_level), 6) + ',' +
             analysis::input_unit(in.kind) + ',' + value(out_o, w.low) + ',' +
             value(out_o, w.base) + ',' + value(out_o, w.high) + ',' + value(out_o, w.swing()) +
             ',' + std::to_string(rank) + '\n';
    }
  }
  return out;
}

std::string sobol_csv(const Scenario& s, const SensitivitySubject& subject,
                      const std::vector<analysis::SobolOutput>& indices) {
  std::string out = "measure,unit,output,year,threshold,input,kind,index,value,ci_low,ci_high\n";
  for (std::size_t o = 0; o < subject.outputs.size(); ++o) {
    for (std::size_t i = 0; i < subject.inputs.size(); ++i) {
      const analysis::UncertainInput& in = subject.inputs[i];
      const std::string head = output_cells(s, subject.outputs[o]) + ',' + csv_field(in.id) + ',' +
                               analysis::to_string(in.kind) + ',';
      for (const auto& [name, e] : {std::pair{"first_order", indices[o].first_order[i]},
                                    std::pair{"total", indices[o].total[i]}}) {
        out += head + name + ',' + fixed_number(e.value, 6) + ',' + fixed_number(e.ci_low, 6) +
               ',' + fixed_number(e.ci_high, 6) + '\n';
      }
    }
  }
  return out;
}

json estimate_json(const analysis::IndexEstimate& e) {
  return {
      {"value", rounded(e.value)}, {"ci_low", rounded(e.ci_low)}, {"ci_high", rounded(e.ci_high)}};
}

// Share of the runs of A and B in which output o is censored (not reached).
double censored_share(const Scenario& s, const analysis::SaltelliDesign& d,
                      const analysis::RunTable& t, std::size_t o) {
  const double censored = analysis::censored_year(s.horizon);
  std::uint32_t n = 0;
  for (std::uint32_t j = 0; j < d.base_rows; ++j) {
    for (std::uint32_t c = 0; c < 2; ++c)
      n += t.at(j * (d.inputs + 2) + c, o) == censored ? 1u : 0u;
  }
  return static_cast<double>(n) / (2.0 * d.base_rows);
}

}  // namespace

std::string output_label(const Scenario& s, const SensitivityOutput& o) {
  const CorridorMeasure& m = measure_of(s, o);
  if (is_year(o)) return m.id + " reaching " + milestone_key(o.threshold, m.unit());
  return m.id + " " + std::to_string(o.year);
}

void write_oat(const std::filesystem::path& dir, const Scenario& scenario,
               const SensitivitySubject& subject, const analysis::OatDesign& design,
               const std::vector<analysis::OatSwing>& swings, const RunMetadata& metadata) {
  write_file_atomically(dir / "sensitivity_oat.csv", oat_csv(scenario, subject, design, swings));
  json j = header(scenario, subject, metadata, "oat");
  j["levels"] = {
      {"low", design.low_level}, {"base", design.base_level}, {"high", design.high_level}};
  j["runs"] = design.runs();
  const std::size_t k = subject.inputs.size();
  json outputs = json::array();
  for (std::size_t o = 0; o < subject.outputs.size(); ++o) {
    json out = output_json(scenario, subject.outputs[o]);
    out["base"] = rounded(k > 0 ? swings[o * k].base : std::nan(""), 1e3);
    json ranking = json::array();
    for (const std::size_t i :
         ranked(k, [&](std::size_t i) { return std::fabs(swings[o * k + i].swing()); })) {
      const analysis::OatSwing& w = swings[o * k + i];
      ranking.push_back({{"input", subject.inputs[i].id},
                         {"low", rounded(w.low, 1e3)},
                         {"high", rounded(w.high, 1e3)},
                         {"swing", rounded(w.swing(), 1e3)}});
    }
    out["ranking"] = ranking;
    outputs.push_back(out);
  }
  j["outputs"] = outputs;
  write_file_atomically(dir / "sensitivity_summary.json", j.dump(2) + "\n");
}

void write_sobol(const std::filesystem::path& dir, const Scenario& scenario,
                 const SensitivitySubject& subject, const analysis::SaltelliDesign& design,
                 const analysis::SobolOptions& options, const analysis::RunTable& table,
                 const std::vector<analysis::SobolOutput>& indices, const RunMetadata& metadata) {
  write_file_atomically(dir / "sensitivity_sobol.csv", sobol_csv(scenario, subject, indices));
  json j = header(scenario, subject, metadata, "sobol");
  j["base_draws"] = design.base_rows;
  j["runs"] = design.runs();
  j["bootstrap"] = options.bootstrap;
  j["confidence"] = options.confidence;
  json outputs = json::array();
  for (std::size_t o = 0; o < subject.outputs.size(); ++o) {
    const analysis::SobolOutput& r = indices[o];
    json out = output_json(scenario, subject.outputs[o]);
    out["mean"] = rounded(r.mean, 1e3);
    out["sd"] = rounded(std::sqrt(r.variance), 1e3);
    if (is_year(subject.outputs[o]))
      out["not_reached_share"] = rounded(censored_share(scenario, design, table, o));
    double sum = 0.0;
    for (const analysis::IndexEstimate& e : r.first_order) sum += e.value;
    out["first_order_sum"] = rounded(sum);
    json ranking = json::array();
    const auto total = [&](std::size_t i) {
      return std::isfinite(r.total[i].value) ? r.total[i].value : -1.0;
    };
    for (const std::size_t i : ranked(subject.inputs.size(), total)) {
      ranking.push_back({{"input", subject.inputs[i].id},
                         {"first_order", estimate_json(r.first_order[i])},
                         {"total", estimate_json(r.total[i])}});
    }
    out["ranking"] = ranking;
    outputs.push_back(out);
  }
  j["outputs"] = outputs;
  write_file_atomically(dir / "sensitivity_summary.json", j.dump(2) + "\n");
}

}  // namespace corridor::io
