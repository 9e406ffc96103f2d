// libFuzzer target: the whole scenario loader (YAML tree, `extends`, merge,
// decoding, CSV tables, validation). The input is written as scenario.yaml in a
// scratch folder that also holds the toy scenario of tests/data/mini as
// base.yaml with its tables, so an input may `extends: base.yaml` or name
// nodes.csv, links.csv and demand.csv and reach the decoders behind them.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string_view>

#include "corridor/io/scenario_loader.hpp"
#include "fuzz_support.hpp"

namespace {

void prepare_folder(const std::filesystem::path& dir) {
  namespace fs = std::filesystem;
  const fs::path mini = CORRIDOR_MINI_DIR;
  for (const char* table : {"nodes.csv", "links.csv", "demand.csv"}) {
    fs::copy_file(mini / table, dir / table, fs::copy_options::overwrite_existing);
  }
  fs::copy_file(mini / "scenario.yaml", dir / "base.yaml", fs::copy_options::overwrite_existing);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const bool ready = [] {
    prepare_folder(corridor::fuzz::scratch_dir());
    return true;
  }();
  (void)ready;
  const auto path = corridor::fuzz::scratch_dir() / "scenario.yaml";
  corridor::fuzz::write_bytes(path, std::string_view(reinterpret_cast<const char*>(data), size));
  corridor::fuzz::expect_success_or_input_error([&] { (void)corridor::io::load_scenario(path); });
  return 0;
}
