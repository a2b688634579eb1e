#pragma once
/// \file
/// JSON for business calendars, following docs/json.md (unknown fields ignored, errors name the
/// path). The format (docs/sla.md):
///
///     {"time_zone": "Asia/Shanghai",
///      "week": {"mon": [["09:00", "12:00"], ["13:30", "18:00"]], "tue": …, "sun": []},
///      "holidays": ["2024-10-01", {"from": "2024-10-01", "to": "2024-10-07", "name": "国庆节"}],
///      "working_days": [{"date": "2024-09-29", "hours": [["09:00", "18:00"]]},
///                       {"date": "2024-10-12", "like": "mon"}]}
///
/// Keys of "week" other than mon … sun are refused rather than ignored: a misspelt day would
/// otherwise silently close the office on that day.

#include <nlohmann/json.hpp>

#include <ticketflow/core/json.hpp>
#include <ticketflow/sla/calendar.hpp>

namespace ticketflow::sla {

void to_json(nlohmann::json& j, const CalendarSpec& v);
/// Reads the document's shape (types, times, dates); Calendar::make checks the rest.
void from_json(const nlohmann::json& j, CalendarSpec& v);
void to_json(nlohmann::json& j, const Calendar& v);
/// Reads and checks a calendar; throws ticketflow::Exception (validation_failed, with the field's
/// path) when it is invalid. `from_json_checked<Calendar>(j)` returns the error instead.
void from_json(const nlohmann::json& j, Calendar& v);

}  // namespace ticketflow::sla
