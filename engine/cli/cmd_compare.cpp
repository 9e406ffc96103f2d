// `corridor compare DIR|SCENARIO... [--out DIR]`: reads the results folders of
// several runs (or runs scenario files in memory) and prints them side by side
// (corridor tonnage per year, first year reaching 5/10/15 Mt, diverted tonnes,
// binding element per year); with --out, writes the same as tidy CSV
// (docs/outputs.md, section compare.csv).
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "corridor/error.hpp"
#include "corridor/io/compare_writer.hpp"
#include "corridor/io/results_reader.hpp"
#include "corridor/io/scenario_loader.hpp"
#include "corridor/sim/report.hpp"
#include "corridor/sim/simulation.hpp"
#include "io/csv_format.hpp"

namespace corridor::cli {
namespace {

struct CompareArgs {
  std::vector<std::string> dirs;
  std::string out;
};

using Table = std::vector<std::vector<std::string>>;

std::string fixed(double x, int decimals) { return io::fixed_number(x, decimals); }

std::set<int> all_years(const std::vector<io::RunResults>& runs) {
  std::set<int> years;
  for (const io::RunResults& r : runs) {
    for (const io::ResultYear& y : r.years) years.insert(y.year);
  }
  return years;
}

const io::ResultYear* find_year(const io::RunResults& r, int year) {
  for (const io::ResultYear& y : r.years) {
    if (y.year == year) return &y;
  }
  return nullptr;
}

// One row per year, one column per run; `cell` formats a year of a run.
Table yearly_block(const std::vector<io::RunResults>& runs,
                   const std::function<std::string(const io::ResultYear&)>& cell) {
  Table t;
  for (const int year : all_years(runs)) {
    std::vector<std::string> row{"  " + std::to_string(year)};
    for (const io::RunResults& r : runs) {
      const io::ResultYear* y = find_year(r, year);
      row.push_back(y ? cell(*y) + (y->complete ? "" : "*") : "-");
    }
    t.push_back(row);
  }
  return t;
}

// Prints a title line, a header of run labels and the rows, columns right-aligned.
void print_block(const std::string& title, const std::vector<std::string>& head,
                 const Table& rows) {
  std::vector<std::size_t> width(head.size() + 1, 0);
  for (std::size_t c = 0; c < head.size(); ++c) width[c + 1] = head[c].size();
  for (const auto& row : rows) {
    for (std::size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], row[c].size());
  }
  auto line = [&](const std::vector<std::string>& cells) {
    std::string text = cells[0] + std::string(width[0] - cells[0].size(), ' ');
    for (std::size_t c = 1; c < cells.size(); ++c) {
      text += "  " + std::string(width[c] - cells[c].size(), ' ') + cells[c];
    }
    std::cout << text << '\n';
  };
  std::vector<std::string> header{title};
  header.insert(header.end(), head.begin(), head.end());
  width[0] = std::max(width[0], title.size());
  line(header);
  for (const auto& row : rows) line(row);
}

Table milestone_rows(const std::vector<io::RunResults>& runs) {
  Table t;
  for (std::size_t m = 0; m < runs.front().milestones.size(); ++m) {
    const double threshold = runs.front().milestones[m].threshold;
    std::vector<std::string> row{"  " + fixed(threshold / 1e6, 0) + " Mt"};
    for (const io::RunResults& r : runs) {
      std::string cell = "-";
      for (const io::ResultMilestone& x : r.milestones) {
        if (x.threshold == threshold) {
          cell = x.first_year
                     ? std::to_string(*x.first_year)
                     : "not by " + std::to_string(r.years.empty() ? 0 : r.years.back().year);
        }
      }
      row.push_back(cell);
    }
    t.push_back(row);
  }
  return t;
}

// The labels without the prefix up to a '-' that all share ("trans-caspian-"), to
// keep the columns narrow; the prefix, or empty.
std::string strip_common_prefix(std::vector<std::string>& head) {
  if (head.size() < 2) return {};
  std::size_t n = head.front().size();
  for (const std::string& h : head) {
    n = std::min(n, h.size());
    for (std::size_t i = 0; i < n; ++i) {
      if (h[i] != head.front()[i]) n = i;
    }
  }
  const std::size_t dash = head.front().rfind('-', n == 0 ? 0 : n - 1);
  if (n == 0 || dash == std::string::npos) return {};
  for (const std::string& h : head) {
    if (h.size() == dash + 1) return {};  // a label would become empty
  }
  std::string prefix = head.front().substr(0, dash + 1);
  for (std::string& h : head) h = h.substr(dash + 1);
  return prefix;
}

const io::ResultMeasure* find_measure(const io::RunResults& r, const std::string& id) {
  for (const io::ResultMeasure& m : r.measures) {
    if (m.id == id) return &m;
  }
  return nullptr;
}

// One block per measure of the first run other than its headline (the
// corridor block above it), with every run that has a measure of that id.
void print_measure_blocks(const std::vector<io::RunResults>& runs,
                          const std::vector<std::string>& head) {
  for (const io::ResultMeasure& first : runs.front().measures) {
    if (first.id == runs.front().headline) continue;
    const bool teu = first.unit == "TEU";
    Table rows;
    for (const int year : all_years(runs)) {
      std::vector<std::string> row{"  " + std::to_string(year)};
      for (const io::RunResults& r : runs) {
        const io::ResultMeasure* m = find_measure(r, first.id);
        const io::ResultYear* ry = find_year(r, year);
        std::string cell = "-";
        for (const auto& [y, v] :
             m != nullptr ? m->values : std::vector<std::pair<int, double>>{}) {
          if (y == year)
            cell = fixed(teu ? v / 1e3 : v / 1e6, 3) + (ry && !ry->complete ? "*" : "");
        }
        row.push_back(cell);
      }
      rows.push_back(row);
    }
    print_block(first.id + (teu ? " (kTEU/yr)" : " (Mt/yr)"), head, rows);
    std::cout << '\n';
  }
}

void print_tables(const std::vector<io::RunResults>& runs) {
  std::vector<std::string> head = io::run_labels(runs);
  const std::string prefix = strip_common_prefix(head);
  if (!prefix.empty()) std::cout << "scenarios " << prefix << "*\n\n";
  print_block("corridor (Mt/yr)", head, yearly_block(runs, [](const io::ResultYear& y) {
                return fixed(y.corridor_t / 1e6, 3);
              }));
  std::cout << '\n';
  print_measure_blocks(runs, head);
  print_block("first year reaching", head, milestone_rows(runs));
  std::cout << '\n';
  print_block("diverted (Mt/yr)", head, yearly_block(runs, [](const io::ResultYear& y) {
                return fixed(y.diverted_t / 1e6, 3);
              }));
  std::cout << '\n';
  print_block("binding element", head, yearly_block(runs, [](const io::ResultYear& y) {
                return y.binding_element.empty()
                           ? std::string("-")
                           : y.binding_element + " (" + fixed(*y.binding_utilisation * 100.0, 0) +
                                 "%)";
              }));
  for (const io::RunResults& r : runs) {
    for (const io::ResultYear& y : r.years) {
      if (!y.complete) {
        std::cout << "\n* part year (not all of its days are in the horizon)\n";
        return;
      }
    }
  }
}

bool is_scenario_file(const std::string& path) {
  const std::filesystem::path p(path);
  return std::filesystem::is_regular_file(p) &&
         (p.extension() == ".yaml" || p.extension() == ".yml");
}

// A scenario file is run in memory (nothing written); a folder is read back.
// Returns 0, or the exit code of a run that did not complete.
int results_of(const std::string& arg, Context& ctx, std::vector<io::RunResults>& runs) {
  if (!is_scenario_file(arg)) {
    runs.push_back(io::read_results(arg));
    return 0;
  }
  const io::LoadedScenario loaded = io::load_scenario(arg);
  for (const std::string& w : loaded.warnings) ctx.log->warn("{}", w);
  ctx.log->info("running {}", arg);
  sim::SimulationOptions options;
  options.log = ctx.log;
  const sim::SimulationResult result = sim::simulate(loaded.scenario, options);
  if (!result.completed()) return report_failed_run("the run of " + arg, result.reason);
  runs.push_back(
      io::results_of_run(loaded.scenario, sim::make_report(loaded.scenario, result), arg));
  return 0;
}

int compare(const CompareArgs& args, Context& ctx) {
  std::vector<io::RunResults> runs;
  for (const std::string& arg : args.dirs) {
    if (const int rc = results_of(arg, ctx, runs); rc != 0) return rc;
  }
  print_tables(runs);
  if (!args.out.empty()) {
    io::write_compare(args.out, runs);
    std::cout << "wrote " << (std::filesystem::path(args.out) / "compare.csv").string()
              << " and compare_milestones.csv\n";
  }
  return 0;
}

}  // namespace

void add_compare_command(CLI::App& app, Context& ctx, Action& selected) {
  auto args = std::make_shared<CompareArgs>();
  CLI::App* cmd = app.add_subcommand(
      "compare",
      "Compare runs side by side: corridor tonnage per year, first year reaching\n"
      "5/10/15 Mt, diverted tonnes and binding elements. Each argument is a results\n"
      "folder of `corridor run` or a scenario YAML file (run in memory first).");
  cmd->add_option("RESULT_DIR", args->dirs,
                  "Results folders written by `corridor run`, or scenario YAML files")
      ->required()
      ->expected(1, -1);
  cmd->add_option("--out", args->out, "Folder for compare.csv and compare_milestones.csv");
  cmd->callback(
      [&ctx, &selected, args] { selected = [&ctx, args] { return compare(*args, ctx); }; });
}

}  // namespace corridor::cli
