// Scanner for TNTP files: metadata block, comments, numbers with locations.
#include <cctype>
#include <charconv>
#include <cmath>

#include "io/tntp_scan.hpp"

namespace corridor::io::tntp_detail {
namespace {

constexpr double kMaxCount = 1e7;  // the largest TNTP networks have ~10^5 nodes

bool is_blank_or_comment(const std::string& line) {
  for (const char c : line) {
    if (c == '~') return true;
    if (std::isspace(static_cast<unsigned char>(c)) == 0) return false;
  }
  return true;
}

std::string trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b])) != 0) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1])) != 0) --e;
  return std::string(s.substr(b, e - b));
}

}  // namespace

Scanner::Scanner(const std::string& path) : path_(path), in_(path) {
  if (!in_) throw InputError({path, 0, 0}, "cannot open file", "a readable TNTP file");
}

bool Scanner::next_record() {
  while (std::getline(in_, line_)) {
    ++line_no_;
    if (!line_.empty() && line_.back() == '\r') line_.pop_back();
    col_ = 0;
    if (!is_blank_or_comment(line_)) return true;
  }
  line_.clear();
  col_ = 0;
  return false;
}

void Scanner::read_metadata() {
  while (next_record()) {
    skip_space();
    if (peek() != '<') fail("metadata line without a <KEY>", "<KEY> value or <END OF METADATA>");
    const std::size_t close = line_.find('>', col_);
    if (close == std::string::npos) fail("unterminated metadata key", "'>'");
    const std::string key = line_.substr(col_ + 1, close - col_ - 1);
    if (key == "END OF METADATA") return;
    metadata_[key] = {trim(std::string_view(line_).substr(close + 1)), line_no_};
  }
  fail("end of file before <END OF METADATA>", "a metadata block ending in <END OF METADATA>");
}

std::int64_t Scanner::meta_int(const std::string& key, bool required, std::int64_t fallback) {
  const double v = meta_double(key, required, static_cast<double>(fallback));
  // Counts index 32-bit arrays; anything beyond is a corrupt header (and its
  // conversion to an integer would be undefined).
  if (v > kMaxCount) {
    throw InputError({path_, metadata_.at(key).second, 0}, "<" + key + "> value is absurdly large",
                     "a count up to 10000000");
  }
  if (v != std::floor(v) || v < 0) {
    throw InputError({path_, metadata_.at(key).second, 0}, "<" + key + "> is not a count",
                     "a non-negative integer");
  }
  return static_cast<std::int64_t>(v);
}

double Scanner::meta_double(const std::string& key, bool required, double fallback) {
  const auto it = metadata_.find(key);
  if (it == metadata_.end()) {
    if (!required) return fallback;
    throw InputError({path_, 0, 0}, "metadata lacks <" + key + ">", "<" + key + "> value");
  }
  const std::string& text = it->second.first;
  double v = 0.0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(v)) {
    throw InputError({path_, it->second.second, 0},
                     "<" + key + "> value '" + text + "' is not a number", "a number");
  }
  return v;
}

void Scanner::skip_space() {
  while (col_ < line_.size() && std::isspace(static_cast<unsigned char>(line_[col_])) != 0) ++col_;
}

double Scanner::number(const char* what) {
  skip_space();
  const int start = column();
  const char* first = line_.data() + col_;
  const char* last = line_.data() + line_.size();
  if (first != last && *first == '+') ++first;  // from_chars rejects a leading '+'
  double v = 0.0;
  const auto [end, ec] = std::from_chars(first, last, v);
  if (ec != std::errc() || first == last) {
    fail_at(start, std::string("missing or malformed ") + what, "a number");
  }
  if (!std::isfinite(v)) fail_at(start, std::string(what) + " is not finite", "a finite number");
  // A number must end at a separator: "1x0" is one malformed token, not 1 and "x0".
  if (end != last && std::isspace(static_cast<unsigned char>(*end)) == 0 && *end != ';' &&
      *end != ':') {
    fail_at(start, std::string("malformed ") + what, "a number");
  }
  col_ = static_cast<std::size_t>(end - line_.data());
  return v;
}

std::int64_t Scanner::integer(const char* what) {
  skip_space();
  const int start = column();
  const double v = number(what);
  if (v != std::floor(v) || std::fabs(v) > 1e15) {
    fail_at(start, std::string(what) + " is not an integer", "an integer");
  }
  return static_cast<std::int64_t>(v);
}

void Scanner::expect_char(char c, const char* what) {
  if (peek() != c) fail(std::string("missing ") + what, std::string("'") + c + "'");
  ++col_;
}

std::string Scanner::word() {
  skip_space();
  const std::size_t start = col_;
  while (col_ < line_.size() && std::isalpha(static_cast<unsigned char>(line_[col_])) != 0) ++col_;
  return line_.substr(start, col_ - start);
}

void Scanner::fail(const std::string& message, const std::string& expected) const {
  fail_at(static_cast<int>(col_) + 1, message, expected);
}

void Scanner::fail_at(int column, const std::string& message, const std::string& expected) const {
  throw InputError({path_, line_no_, column}, message, expected);
}

}  // namespace corridor::io::tntp_detail
