#include "corridor/io/atomic_file.hpp"

#include <cstdio>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <system_error>

namespace corridor::io {

void write_file_atomically(const std::filesystem::path& path, std::string_view content) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
  if (ec)
    throw std::runtime_error("cannot create folder " + path.parent_path().string() + ": " +
                             ec.message());
  fs::path tmp = path;
  tmp += ".partial";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.flush();
    if (!out) {
      out.close();
      fs::remove(tmp, ec);
      throw std::runtime_error("cannot write " + path.string());
    }
  }
  fs::rename(tmp, path, ec);
  if (ec) {
    fs::remove(tmp, ec);
    throw std::runtime_error("cannot rename into " + path.string());
  }
}

std::string fingerprint_files(const std::vector<std::string>& files) {
  std::uint64_t h = 14695981039346656037ull;
  const auto mix = [&h](unsigned char c) {
    h ^= c;
    h *= 1099511628211ull;
  };
  for (const std::string& name : files) {
    // The base name, not the path: the same inputs read from another folder match.
    for (const char c : std::filesystem::path(name).filename().string())
      mix(static_cast<unsigned char>(c));
    mix(0);
    std::ifstream in(name, std::ios::binary);
    for (std::istreambuf_iterator<char> it(in), end; it != end; ++it)
      mix(static_cast<unsigned char>(*it));
    mix(0);
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

}  // namespace corridor::io
