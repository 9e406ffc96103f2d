#include "io/text_file.hpp"

#include <fstream>
#include <system_error>

#include "corridor/error.hpp"

namespace corridor::io {
namespace {

// Length of the UTF-8 sequence starting at s[i], or 0 if it is invalid
// (overlong forms, surrogates and code points above U+10FFFF are invalid).
std::size_t utf8_sequence_length(const std::string& s, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = byte(i);
  if (c < 0x80) return 1;
  std::size_t len = 0;
  unsigned lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
  for (std::size_t k = 2; k < len; ++k) {
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  }
  return len;
}

}  // namespace

void check_text(const std::string& content, const std::string& display_name) {
  int line = 1;
  int column = 1;
  for (std::size_t i = 0; i < content.size();) {
    if (content[i] == '\0') {
      throw InputError({display_name, line, column}, "NUL byte: this looks like a binary file",
                       "a UTF-8 text file");
    }
    const std::size_t len = utf8_sequence_length(content, i);
    if (len == 0) {
      throw InputError({display_name, line, column}, "invalid UTF-8 byte sequence",
                       "a UTF-8 text file (convert other encodings with iconv)");
    }
    if (content[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
    i += len;
  }
}

std::string read_text_file(const std::filesystem::path& path, const std::string& display_name) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) {
    throw InputError({display_name, 0, 0}, "file not found", "an existing, readable file");
  }
  if (std::filesystem::is_directory(status)) {
    throw InputError({display_name, 0, 0}, "is a directory", "a file");
  }
  // /dev/zero or /dev/urandom would be read without end (devices have no size).
  if (std::filesystem::is_character_file(status) || std::filesystem::is_block_file(status)) {
    throw InputError({display_name, 0, 0}, "is a device, not a file", "a regular file");
  }
  const auto size = std::filesystem::file_size(path, ec);
  if (!ec && size > kMaxInputBytes) {
    throw InputError({display_name, 0, 0},
                     "file is " + std::to_string(size) + " bytes, larger than the limit",
                     "at most " + std::to_string(kMaxInputBytes) + " bytes");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError({display_name, 0, 0}, "cannot open file", "a readable file");
  // Read at most one byte past the limit, so that a pipe without end stops too.
  std::string content;
  char chunk[1 << 16];
  while (content.size() <= kMaxInputBytes && in.read(chunk, sizeof chunk).gcount() > 0) {
    content.append(chunk, static_cast<std::size_t>(in.gcount()));
  }
  if (content.size() > kMaxInputBytes) {
    throw InputError({display_name, 0, 0}, "file is larger than the limit",
                     "at most " + std::to_string(kMaxInputBytes) + " bytes");
  }
  if (content.rfind("\xEF\xBB\xBF", 0) == 0) content.erase(0, 3);
  check_text(content, display_name);
  return content;
}

}  // namespace corridor::io
