#include "corridor/io/compare_writer.hpp"

#include <filesystem>
#include <map>
#include <stdexcept>

#include "corridor/error.hpp"
#include "corridor/io/atomic_file.hpp"
#include "io/csv_format.hpp"

namespace corridor::io {
namespace {

std::string compare_csv(const std::vector<RunResults>& runs,
                        const std::vector<std::string>& label) {
  std::string out =
      "scenario,results_dir,year,complete,corridor_t,corridor_westbound_t,corridor_eastbound_t,"
      "demand_t,delivered_t,diverted_t,unserved_t,binding_element,binding_utilisation\n";
  for (std::size_t i = 0; i < runs.size(); ++i) {
    for (const ResultYear& y : runs[i].years) {
      out += csv_field(label[i]) + ',' + csv_field(runs[i].dir) + ',' + std::to_string(y.year) +
             ',' + (y.complete ? "true" : "false") + ',' + fixed_number(y.corridor_t) + ',' +
             fixed_number(y.corridor_westbound_t) + ',' + fixed_number(y.corridor_eastbound_t) +
             ',' + fixed_number(y.demand_t) + ',' + fixed_number(y.delivered_t) + ',' +
             fixed_number(y.diverted_t) + ',' + fixed_number(y.unserved_t) + ',' +
             csv_field(y.binding_element) + ',' +
             (y.binding_utilisation ? fixed_number(*y.binding_utilisation, 6) : "") + '\n';
    }
  }
  return out;
}

std::string milestones_csv(const std::vector<RunResults>& runs,
                           const std::vector<std::string>& label) {
  std::string out = "scenario,results_dir,measure,threshold,unit,first_year\n";
  for (std::size_t i = 0; i < runs.size(); ++i) {
    for (const ResultMeasure& c : runs[i].measures) {
      for (const ResultMilestone& m : c.milestones) {
        out += csv_field(label[i]) + ',' + csv_field(runs[i].dir) + ',' + c.id + ',' +
               fixed_number(m.threshold, 0) + ',' + c.unit + ',' +
               (m.first_year ? std::to_string(*m.first_year) : "") + '\n';
      }
    }
  }
  return out;
}

std::string measures_csv(const std::vector<RunResults>& runs,
                         const std::vector<std::string>& label) {
  std::string out = "scenario,results_dir,measure,unit,year,value\n";
  for (std::size_t i = 0; i < runs.size(); ++i) {
    for (const ResultMeasure& c : runs[i].measures) {
      for (const auto& [year, value] : c.values) {
        out += csv_field(label[i]) + ',' + csv_field(runs[i].dir) + ',' + c.id + ',' + c.unit +
               ',' + std::to_string(year) + ',' + fixed_number(value) + '\n';
      }
    }
  }
  return out;
}

}  // namespace

std::vector<std::string> run_labels(const std::vector<RunResults>& runs) {
  std::map<std::string, int> count;
  for (const RunResults& r : runs) ++count[r.scenario];
  std::vector<std::string> out;
  out.reserve(runs.size());
  for (const RunResults& r : runs) out.push_back(count[r.scenario] > 1 ? r.dir : r.scenario);
  return out;
}

void write_compare(const std::string& dir, const std::vector<RunResults>& runs) {
  const std::vector<std::string> label = run_labels(runs);
  try {
    write_file_atomically(std::filesystem::path(dir) / "compare.csv", compare_csv(runs, label));
    write_file_atomically(std::filesystem::path(dir) / "compare_milestones.csv",
                          milestones_csv(runs, label));
    write_file_atomically(std::filesystem::path(dir) / "compare_measures.csv",
                          measures_csv(runs, label));
  } catch (const std::runtime_error& e) {
    throw InputError({dir, 0, 0}, std::string("cannot write output: ") + e.what(),
                     "a writable folder");
  }
}

}  // namespace corridor::io
