#pragma once
// Reading an input file whole, with the checks every loader needs: the file
// exists, is not absurdly large, is text (no NUL bytes) and valid UTF-8.
#include <cstddef>
#include <filesystem>
#include <string>

namespace corridor::io {

/// Largest input file accepted (tables and scenarios are far smaller).
inline constexpr std::uintmax_t kMaxInputBytes = 256ull * 1024 * 1024;

/// Reads `path`; errors name `display_name`. Strips a UTF-8 byte-order mark.
/// Throws InputError for a missing or unreadable file, a directory, a file over
/// kMaxInputBytes, a NUL byte or an invalid UTF-8 sequence (with line and column).
[[nodiscard]] std::string read_text_file(const std::filesystem::path& path,
                                         const std::string& display_name);

/// Throws InputError at the first byte that is not valid UTF-8 or is NUL.
void check_text(const std::string& content, const std::string& display_name);

}  // namespace corridor::io
