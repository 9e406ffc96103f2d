#pragma once
// Shared by the fuzz targets: a private scratch folder and the rule that only
// corridor::InputError may escape a loader.
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include <unistd.h>

#include "corridor/error.hpp"

namespace corridor::fuzz {

/// A folder of our own under the system temp dir (one per process, so that
/// parallel fuzzing jobs do not share files).
inline const std::filesystem::path& scratch_dir() {
  static const std::filesystem::path dir = [] {
    auto d = std::filesystem::temp_directory_path() / ("corridor-fuzz-" + std::to_string(getpid()));
    std::filesystem::create_directories(d);
    return d;
  }();
  return dir;
}

inline void write_bytes(const std::filesystem::path& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

/// Runs `load`; an InputError is an accepted outcome, any other exception aborts
/// (libFuzzer then saves the input as a crash).
template <class F>
void expect_success_or_input_error(F&& load) {
  try {
    load();
  } catch (const InputError&) {
  } catch (const std::exception& e) {
    std::fprintf(stderr, "loader threw a non-InputError exception: %s\n", e.what());
    std::abort();
  }
}

}  // namespace corridor::fuzz
