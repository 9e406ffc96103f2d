#include "corridor/sim/calendar.hpp"

#include <cstdio>

namespace corridor::sim {

using namespace std::chrono;

bool year_complete(const Horizon& horizon, int y) {
  const Days start{horizon.start / day{1}};
  const Days end{horizon.end / last};
  return start <= Days{year{y} / January / 1} && end >= Days{year{y} / December / 31};
}

std::string format_month(const Step& step) {
  const year_month_day ymd{step.first_day};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()));
  return text;
}

int days_in_year(int y) { return year{y}.is_leap() ? 366 : 365; }

double fractional_year(Days day) {
  const year_month_day ymd{day};
  const int y = static_cast<int>(ymd.year());
  const Days jan1{ymd.year() / January / 1};
  return y + (static_cast<double>((day - jan1).count()) + 0.5) / days_in_year(y);
}

std::vector<Step> make_steps(const Horizon& horizon) {
  std::vector<Step> steps;
  const Days first{horizon.start / day{1}};
  const Days end = Days{horizon.end / last} + days{1};  // exclusive
  Days cursor = first;
  year_month ym = horizon.start;
  while (cursor < end) {
    Days next;
    switch (horizon.step) {
      case StepLength::week:
        next = std::min(cursor + days{7}, end);
        break;
      case StepLength::month:
        ym += months{1};
        next = Days{ym / day{1}};
        break;
      case StepLength::quarter:
        ym += months{3};
        next = std::min(Days{ym / day{1}}, end);
        break;
    }
    const int y = static_cast<int>(year_month_day{cursor}.year());
    steps.push_back({cursor, static_cast<std::uint32_t>((next - cursor).count()), y});
    cursor = next;
  }
  return steps;
}

}  // namespace corridor::sim
