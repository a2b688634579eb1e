// Holidays from iCalendar (RFC 5545) text: the all-day VEVENTs, as public holiday calendars publish
// them. Only what a holiday needs is read; anything that would need guessing is refused.

#include <algorithm>
#include <cctype>
#include <optional>
#include <stdexcept>

#include <boost/date_time/gregorian/gregorian.hpp>

#include <ticketflow/core/intake_policy.hpp>
#include <ticketflow/sla/calendar.hpp>

namespace ticketflow::sla {
namespace {

namespace greg = boost::gregorian;

struct Line {
    int number;        ///< of its first physical line, from 1
    std::string name;  ///< upper case, without parameters
    std::string value;
    bool has_colon;  ///< false when the line has no colon, so is no content line at all
};

struct Event {
    int line = 0;
    std::optional<greg::date> start;
    std::optional<greg::date> end;  ///< exclusive
    std::optional<long> days;       ///< from DURATION
    std::string summary;
};

Error ics_error(int line, const std::string& what) {
    return validation_error("ics", "line " + std::to_string(line) + ": " + what);
}

std::string upper(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return text;
}

/// Splits "NAME;PARAM=\"a:b\":value" at the first colon outside quotes.
Line split(int number, const std::string& text) {
    bool quoted = false;
    std::size_t colon = std::string::npos;
    for (std::size_t i = 0; i < text.size() && colon == std::string::npos; ++i) {
        if (text[i] == '"') quoted = !quoted;
        if (text[i] == ':' && !quoted) colon = i;
    }
    const std::string head = text.substr(0, colon);
    const std::string value = colon == std::string::npos ? "" : text.substr(colon + 1);
    return Line{number, upper(head.substr(0, head.find(';'))), value, colon != std::string::npos};
}

/// Content lines, with folded continuations (a leading space or tab) joined back.
std::vector<Line> unfold(std::string_view text) {
    std::vector<Line> lines;
    std::string current;
    int start = 0;
    int number = 0;
    while (!text.empty()) {
        const auto end = text.find('\n');
        std::string line(text.substr(0, end));
        text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
        ++number;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (!line.empty() && (line[0] == ' ' || line[0] == '\t') && start != 0) {
            current += line.substr(1);
            continue;
        }
        if (start != 0) lines.push_back(split(start, current));
        current = line;
        start = number;
    }
    if (start != 0) lines.push_back(split(start, current));
    return lines;
}

std::optional<greg::date> read_date(const std::string& value) {
    if (value.size() != 8 || !std::all_of(value.begin(), value.end(),
                                          [](unsigned char c) { return std::isdigit(c) != 0; })) {
        return std::nullopt;
    }
    const Date date{std::stoi(value.substr(0, 4)),
                    static_cast<unsigned>(std::stoi(value.substr(4, 2))),
                    static_cast<unsigned>(std::stoi(value.substr(6, 2)))};
    if (!date.valid() || date.year < 1400) return std::nullopt;
    return greg::date(date.year, date.month, date.day);
}

/// "P3D" or "P2W"; all-day events have no time part.
std::optional<long> read_days(const std::string& value) {
    if (value.size() < 3 || value[0] != 'P') return std::nullopt;
    const char unit = value.back();
    const std::string digits = value.substr(1, value.size() - 2);
    if ((unit != 'D' && unit != 'W') || digits.empty() || digits.size() > 5 ||
        !std::all_of(digits.begin(), digits.end(),
                     [](unsigned char c) { return std::isdigit(c) != 0; })) {
        return std::nullopt;
    }
    return std::stol(digits) * (unit == 'W' ? 7 : 1);
}

/// RFC 5545 text escapes: \\ \; \, \n.
std::string unescape(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\\' && i + 1 < text.size()) {
            ++i;
            out += text[i] == 'n' || text[i] == 'N' ? '\n' : text[i];
        } else {
            out += text[i];
        }
    }
    return out;
}

/// Reads one property of an event; an error when it cannot be taken as a holiday's.
std::optional<Error> read_property(const Line& line, Event& event) {
    if (line.name == "DTSTART" || line.name == "DTEND") {
        const auto date = read_date(line.value);
        if (!date) {
            return ics_error(line.number, line.name + " '" + line.value +
                                              "' is not a date YYYYMMDD (only all-day events, "
                                              "DTSTART;VALUE=DATE, are holidays)");
        }
        (line.name == "DTSTART" ? event.start : event.end) = date;
    } else if (line.name == "DURATION") {
        event.days = read_days(line.value);
        if (!event.days)
            return ics_error(line.number,
                             "DURATION '" + line.value + "' is not whole days (P3D, P1W)");
    } else if (line.name == "SUMMARY") {
        event.summary = unescape(line.value);
    } else if (line.name == "RRULE" || line.name == "RDATE") {
        return ics_error(line.number,
                         "recurring events (" + line.name + ") are not supported: list each date");
    }
    return std::nullopt;
}

Result<Holiday> finish(const Event& event) {
    if (!event.start) return ics_error(event.line, "VEVENT without DTSTART");
    try {
        greg::date last = *event.start;
        if (event.end) {
            last = *event.end - greg::days(1);
        } else if (event.days) {
            last = *event.start + greg::days(*event.days - 1);
        }
        if (last < *event.start) return ics_error(event.line, "the event ends before it starts");
        const auto date = [](const greg::date& d) { return Date{d.year(), d.month(), d.day()}; };
        return Holiday{date(*event.start), date(last), event.summary};
    } catch (const std::out_of_range&) {
        // Boost's dates stop at 1400 and 9999: an end past them leaves a date that throws
        // bad_year when read (found by fuzzing).
        return ics_error(event.line, "the event ends outside the years 1400-9999");
    }
}

/// A property name: letters, digits and '-' (RFC 5545, 3.1). Anything else means the line is not
/// iCalendar at all.
bool is_name(const std::string& name) {
    return !name.empty() && std::all_of(name.begin(), name.end(), [](unsigned char c) {
        return std::isalnum(c) != 0 || c == '-';
    });
}

/// The lines of a whole iCalendar object: each a "NAME[;params]:value" line, the first
/// BEGIN:VCALENDAR, the last END:VCALENDAR. A file cut short or not iCalendar at all would
/// otherwise read as "no holidays", and the desk would work through them.
Result<std::vector<Line>> content_lines(std::string_view text) {
    std::vector<Line> lines;
    for (auto& line : unfold(text)) {
        if (line.name.empty() && line.value.empty()) continue;  // a blank line carries nothing
        if (!is_name(line.name) || !line.has_colon) {
            return ics_error(line.number, "not an iCalendar line (expected NAME:value)");
        }
        // iCalendar is UTF-8 (RFC 5545, 3.1.4); a holiday's name read from other bytes could
        // not be written out again.
        if (!is_valid_utf8(line.value)) return ics_error(line.number, "not valid UTF-8 text");
        lines.push_back(std::move(line));
    }
    if (lines.empty() || lines.front().name != "BEGIN" ||
        upper(lines.front().value) != "VCALENDAR") {
        return ics_error(lines.empty() ? 1 : lines.front().number,
                         "expected BEGIN:VCALENDAR (an iCalendar file starts with it)");
    }
    return lines;
}

/// Components open around the current line, outermost first: VCALENDAR, VEVENT, VALARM.
class Nesting {
  public:
    /// Follows a BEGIN or END line; an error when an END does not close the innermost component
    /// or something follows the end of the calendar.
    std::optional<Error> follow(const Line& line) {
        if (closed_) return ics_error(line.number, "text after END:VCALENDAR");
        const std::string component = upper(line.value);
        if (line.name == "BEGIN") {
            open_.push_back(component);
            return std::nullopt;
        }
        if (open_.empty() || open_.back() != component) {
            return ics_error(line.number,
                             "END:" + line.value + " does not close " +
                                 (open_.empty() ? "anything" : "BEGIN:" + open_.back()));
        }
        open_.pop_back();
        closed_ = open_.empty();
        return std::nullopt;
    }
    std::size_t depth() const noexcept { return open_.size(); }
    bool closed() const noexcept { return closed_; }

  private:
    std::vector<std::string> open_;
    bool closed_ = false;
};

}  // namespace

Result<std::vector<Holiday>> holidays_from_ics(std::string_view text) {
    auto lines = content_lines(text);
    if (!lines) return lines.error();
    std::vector<Holiday> holidays;
    std::optional<Event> event;
    Nesting nesting;
    for (const auto& line : *lines) {
        const bool begin = line.name == "BEGIN";
        const bool end = line.name == "END";
        if (begin || end) {
            if (end && event && nesting.depth() == 2) {    // this END closes the event
                if (upper(line.value) != "VEVENT") break;  // reported as an unclosed event
                auto holiday = finish(*event);
                if (!holiday) return holiday.error();
                holidays.push_back(std::move(*holiday));
                event.reset();
            }
            if (auto error = nesting.follow(line)) return *error;
            if (begin && nesting.depth() == 2 && upper(line.value) == "VEVENT") {
                event = Event{line.number, {}, {}, {}, {}};
            }
        } else if (nesting.closed()) {
            return ics_error(line.number, "text after END:VCALENDAR");
        } else if (event && nesting.depth() == 2) {
            // Properties of components nested in the event (VALARM) are not its own.
            if (auto error = read_property(line, *event)) return *error;
        }
    }
    if (event) return ics_error(event->line, "VEVENT without END:VEVENT");
    if (!nesting.closed()) {
        return ics_error(lines->back().number, "the calendar has no END:VCALENDAR");
    }
    return holidays;
}

}  // namespace ticketflow::sla
