#pragma once
// Strict parsing of the scalar values that appear in scenario files and tables.
// Every function returns nullopt rather than guessing: "12abc", "nan", "inf",
// " 5" and "" are all rejected.
#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace corridor::io {

/// A finite decimal number ("1500000", "0.15", "1e-6", "-2").
[[nodiscard]] std::optional<double> parse_number(std::string_view text);
/// A whole number within the range of long long.
[[nodiscard]] std::optional<long long> parse_integer(std::string_view text);
/// "YYYY-MM-DD" (a real calendar date) or, when allow_month, "YYYY-MM" (the 1st).
[[nodiscard]] std::optional<std::chrono::year_month_day> parse_date(std::string_view text,
                                                                    bool allow_month = true);
/// "YYYY-MM".
[[nodiscard]] std::optional<std::chrono::year_month> parse_year_month(std::string_view text);
/// "true"/"false" (also yes/no).
[[nodiscard]] std::optional<bool> parse_bool(std::string_view text);

/// The shortest text that reads back as `value` ("1500000", "0.15", "-2e+06").
[[nodiscard]] std::string format_number(double value);

/// "YYYY-MM-DD": the form parse_date reads back.
[[nodiscard]] std::string format_date(const std::chrono::year_month_day& date);

/// " (did you mean 'x'?)" naming the candidate closest to `word` by edit
/// distance, when one is close enough to be a plausible typo; "" otherwise.
[[nodiscard]] std::string did_you_mean(std::string_view word,
                                       std::span<const std::string_view> candidates);

/// "a, b or c": for error messages listing accepted words.
[[nodiscard]] std::string one_of(std::span<const std::string_view> words);

/// `text` for an error message: whole when short, else its first 40 characters,
/// "..." and the length, so that a 70 000-character cell does not flood stderr.
[[nodiscard]] std::string excerpt(std::string_view text);

/// An identifier: [A-Za-z0-9_.-]+.
[[nodiscard]] bool is_identifier(std::string_view text);

}  // namespace corridor::io
