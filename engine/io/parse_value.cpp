#include "io/parse_value.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <vector>

namespace corridor::io {
namespace {

template <class T>
std::optional<T> parse_whole(std::string_view text) {
  T value{};
  const char* begin = text.data();
  const char* end = text.data() + text.size();
  if (text.empty()) return std::nullopt;
  if (*begin == '+') ++begin;  // from_chars rejects a leading '+'; people write it
  const auto [ptr, ec] = std::from_chars(begin, end, value);
  if (ec != std::errc() || ptr != end) return std::nullopt;
  return value;
}

// Optimal string alignment distance: insertions, deletions, substitutions and
// transpositions of neighbours each cost 1 ("stpe" is one edit from "step").
std::size_t edit_distance(std::string_view a, std::string_view b) {
  const std::size_t w = b.size() + 1;
  std::vector<std::size_t> d((a.size() + 1) * w);
  for (std::size_t i = 0; i <= a.size(); ++i) d[i * w] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      std::size_t best =
          std::min({d[(i - 1) * w + j] + 1, d[i * w + j - 1] + 1, d[(i - 1) * w + j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        best = std::min(best, d[(i - 2) * w + j - 2] + 1);
      }
      d[i * w + j] = best;
    }
  }
  return d[a.size() * w + b.size()];
}

}  // namespace

std::optional<double> parse_number(std::string_view text) {
  const auto v = parse_whole<double>(text);
  if (!v || !std::isfinite(*v)) return std::nullopt;
  return v;
}

std::string format_number(double value) {
  char buf[64];
  const double magnitude = std::fabs(value);
  const bool plain = magnitude == 0.0 || (magnitude >= 1e-4 && magnitude < 1e15);
  const auto [end, ec] = plain
                             ? std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed)
                             : std::to_chars(buf, buf + sizeof buf, value);
  return ec == std::errc() ? std::string(buf, end) : std::string("?");
}

std::string format_date(const std::chrono::year_month_day& date) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return buf;
}

std::optional<long long> parse_integer(std::string_view text) {
  return parse_whole<long long>(text);
}

std::optional<std::chrono::year_month_day> parse_date(std::string_view text, bool allow_month) {
  using namespace std::chrono;
  const bool full = text.size() == 10 && text[4] == '-' && text[7] == '-';
  const bool month_only = allow_month && text.size() == 7 && text[4] == '-';
  if (!full && !month_only) return std::nullopt;
  const auto y = parse_whole<int>(text.substr(0, 4));
  const auto m = parse_whole<unsigned>(text.substr(5, 2));
  const auto d = full ? parse_whole<unsigned>(text.substr(8, 2)) : std::optional<unsigned>(1u);
  if (!y || !m || !d) return std::nullopt;
  const year_month_day date{year{*y}, month{*m}, day{*d}};
  if (!date.ok()) return std::nullopt;
  return date;
}

std::optional<std::chrono::year_month> parse_year_month(std::string_view text) {
  if (text.size() != 7) return std::nullopt;
  const auto date = parse_date(text, true);
  if (!date) return std::nullopt;
  return date->year() / date->month();
}

std::optional<bool> parse_bool(std::string_view text) {
  if (text == "true" || text == "yes") return true;
  if (text == "false" || text == "no") return false;
  return std::nullopt;
}

std::string did_you_mean(std::string_view word, std::span<const std::string_view> candidates) {
  std::string_view best;
  std::size_t best_distance = std::string_view::npos;
  for (std::string_view c : candidates) {
    const std::size_t d = edit_distance(word, c);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  // A plausible typo: at most a third of the word changed (and at least one edit allowed).
  const std::size_t allowed = std::max<std::size_t>(1, std::max(word.size(), best.size()) / 3);
  if (best.empty() || best_distance > allowed) return {};
  return " (did you mean '" + std::string(best) + "'?)";
}

std::string one_of(std::span<const std::string_view> words) {
  std::string text;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) text += (i + 1 == words.size()) ? " or " : ", ";
    text += "'" + std::string(words[i]) + "'";
  }
  return text;
}

bool is_identifier(std::string_view text) {
  if (text.empty()) return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '.' || c == '-';
  });
}

std::string excerpt(std::string_view text) {
  constexpr std::size_t kShown = 40;
  if (text.size() <= kShown + 20) return std::string(text);
  return std::string(text.substr(0, kShown)) + "... (" + std::to_string(text.size()) +
         " characters)";
}

}  // namespace corridor::io
