#pragma once
// Writing output files so that a reader never sees half a file: the content
// goes to a temporary file in the same folder, which is then renamed over the
// target (rename is atomic within one file system).
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace corridor::io {

/// Writes `content` to `path` atomically; creates the parent folders. Throws
/// std::runtime_error naming the path when the disk refuses.
void write_file_atomically(const std::filesystem::path& path, std::string_view content);

/// FNV-1a 64-bit hash of the files' names and bytes, as 16 hex digits: a
/// fingerprint of a scenario's inputs (not a cryptographic hash).
[[nodiscard]] std::string fingerprint_files(const std::vector<std::string>& files);

}  // namespace corridor::io
