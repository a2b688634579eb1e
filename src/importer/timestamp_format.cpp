#include <array>
#include <cstdint>
#include <optional>

#include <ticketflow/importer/timestamp_format.hpp>

namespace ticketflow::importer {
namespace {

// The fields a stamp sets, as read.
struct Parts {
    int year = 0;
    int month = 0;
    int day = 0;
    int hour = 0;
    int minute = 0;
    int second = 0;
    std::int64_t micros = 0;
    std::optional<int> offset_minutes;  // east of UTC, when the stamp carries one
};

// Days from 1970-01-01 to the civil date (proleptic Gregorian; H. Hinnant's algorithm).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

Error bad(std::string_view text, const std::string& why) {
    return validation_error("", "'" + std::string(text) + "' " + why);
}

class Scanner {
  public:
    explicit Scanner(std::string_view text) : text_(text) {}

    bool done() const { return at_ == text_.size(); }
    bool take(char c) {
        if (at_ < text_.size() && text_[at_] == c) return ++at_, true;
        return false;
    }
    char next() const { return at_ < text_.size() ? text_[at_] : '\0'; }
    // `min`..`max` decimal digits.
    std::optional<int> number(std::size_t min, std::size_t max) {
        int value = 0;
        std::size_t n = 0;
        while (n < max && at_ < text_.size() && text_[at_] >= '0' && text_[at_] <= '9') {
            value = value * 10 + (text_[at_++] - '0');
            ++n;
        }
        if (n < min) return std::nullopt;
        return value;
    }
    // Fraction digits after the point: up to nine, kept to the microsecond.
    std::optional<std::int64_t> fraction() {
        std::int64_t micros = 0;
        std::size_t n = 0;
        while (at_ < text_.size() && text_[at_] >= '0' && text_[at_] <= '9') {
            if (n < 6) micros = micros * 10 + (text_[at_] - '0');
            ++at_;
            if (++n > 9) return std::nullopt;
        }
        if (n == 0) return std::nullopt;
        for (; n < 6; ++n) micros *= 10;
        return micros;
    }
    // Z, +HH:MM, +HHMM or +HH; minutes east of UTC.
    std::optional<int> offset() {
        if (take('Z') || take('z')) return 0;
        const bool west = next() == '-';
        if (!take('+') && !take('-')) return std::nullopt;
        const auto hours = number(2, 2);
        if (!hours) return std::nullopt;
        int minutes = 0;
        const bool colon = take(':');
        if (colon || (next() >= '0' && next() <= '9')) {
            const auto m = number(2, 2);
            if (!m) return std::nullopt;
            minutes = *m;
        }
        if (*hours > 14 || minutes > 59 || *hours * 60 + minutes > 14 * 60) return std::nullopt;
        const int total = *hours * 60 + minutes;
        return west ? -total : total;
    }

  private:
    std::string_view text_;
    std::size_t at_ = 0;
};

// One directive of a compiled pattern, applied to the scanner.
bool apply(char directive, Scanner& in, Parts& parts) {
    switch (directive) {
        case 'Y': {
            const auto v = in.number(4, 4);
            return v ? (parts.year = *v, true) : false;
        }
        case 'm': {
            const auto v = in.number(1, 2);
            return v ? (parts.month = *v, true) : false;
        }
        case 'd': {
            const auto v = in.number(1, 2);
            return v ? (parts.day = *v, true) : false;
        }
        case 'H': {
            const auto v = in.number(1, 2);
            return v ? (parts.hour = *v, true) : false;
        }
        case 'M': {
            const auto v = in.number(1, 2);
            return v ? (parts.minute = *v, true) : false;
        }
        case 's': {  // seconds when the pattern has %f for the fractions
            const auto v = in.number(1, 2);
            return v ? (parts.second = *v, true) : false;
        }
        case 'S': {
            const auto v = in.number(1, 2);
            if (!v) return false;
            parts.second = *v;
            // Exports often add milliseconds to a pattern that names only seconds.
            if (in.next() == '.' || in.next() == ',') {
                in.take(in.next());
                const auto f = in.fraction();
                if (!f) return false;
                parts.micros = *f;
            }
            return true;
        }
        case 'f': {
            const auto f = in.fraction();
            return f ? (parts.micros = *f, true) : false;
        }
        case 'z': {
            const auto o = in.offset();
            return o ? (parts.offset_minutes = *o, true) : false;
        }
        default:
            return false;
    }
}

// ISO 8601: date, 'T' or a space, time with optional seconds and fractions, optional offset.
bool parse_iso(Scanner& in, Parts& parts) {
    if (!apply('Y', in, parts) || !in.take('-')) return false;
    const auto month = in.number(2, 2);
    if (!month || !in.take('-')) return false;
    const auto day = in.number(2, 2);
    if (!day) return false;
    parts.month = *month;
    parts.day = *day;
    if (in.done()) return true;  // a date alone: midnight
    if (!in.take('T') && !in.take('t') && !in.take(' ')) return false;
    const auto hour = in.number(2, 2);
    if (!hour || !in.take(':')) return false;
    const auto minute = in.number(2, 2);
    if (!minute) return false;
    parts.hour = *hour;
    parts.minute = *minute;
    if (in.take(':') && !apply('S', in, parts)) return false;
    if (in.done()) return true;
    return apply('z', in, parts);
}

}  // namespace

Result<TimestampFormat> TimestampFormat::make(std::string pattern, TimeZone zone) {
    if (pattern == "iso8601") return TimestampFormat(std::move(pattern), "I", std::move(zone));
    std::string compiled;
    std::array<int, 128> seen{};
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] != '%') {
            compiled += pattern[i];
            continue;
        }
        if (++i == pattern.size()) {
            return validation_error("format", "'" + pattern + "' ends in a lone '%'");
        }
        const char c = pattern[i];
        std::string_view expanded;
        switch (c) {
            case 'F':
                expanded = "Y-m-d";
                break;
            case 'T':
                expanded = "H:M:S";
                break;
            case 'Y':
            case 'm':
            case 'd':
            case 'H':
            case 'M':
            case 'S':
            case 'f':
            case 'z':
                expanded = std::string_view(&pattern[i], 1);
                break;
            case '%':
                compiled += "%%";
                continue;
            default:
                return validation_error("format", "'" + pattern + "' uses %" + std::string(1, c) +
                                                      ", which is not one of %Y %m %d %H %M %S "
                                                      "%f %z %F %T %%");
        }
        for (const char d : expanded) {
            if (d == '-' || d == ':') {
                compiled += d;
                continue;
            }
            if (seen[static_cast<unsigned char>(d)]++ != 0) {
                return validation_error("format",
                                        "'" + pattern + "' sets %" + std::string(1, d) + " twice");
            }
            compiled += '%';
            compiled += d;
        }
    }
    if (!seen['Y'] || !seen['m'] || !seen['d']) {
        return validation_error("format", "'" + pattern + "' lacks %Y, %m or %d (or %F)");
    }
    if (seen['f'] && seen['S']) {
        // The pattern places the fractions itself: %S must leave them to %f.
        for (std::size_t i = 0; i + 1 < compiled.size(); ++i) {
            if (compiled[i] != '%') continue;
            if (compiled[i + 1] == 'S') compiled[i + 1] = 's';
            ++i;  // a directive's letter, or the second '%' of "%%"
        }
    }
    return TimestampFormat(std::move(pattern), std::move(compiled), std::move(zone));
}

Result<Timestamp> TimestampFormat::parse(std::string_view text) const {
    Scanner in(text);
    Parts parts;
    if (compiled_ == "I") {
        if (!parse_iso(in, parts) || !in.done()) {
            return bad(text, "is not an ISO 8601 timestamp (2010-03-31T15:59:42+01:00)");
        }
    } else {
        for (std::size_t i = 0; i < compiled_.size(); ++i) {
            const char c = compiled_[i];
            const bool ok =
                c == '%'
                    ? (compiled_[i + 1] == '%' ? in.take('%') : apply(compiled_[i + 1], in, parts))
                    : in.take(c);
            if (c == '%') ++i;
            if (!ok) return bad(text, "does not match the format '" + pattern_ + "'");
        }
        if (!in.done()) return bad(text, "has text left over after the format '" + pattern_ + "'");
    }
    const Date date{parts.year, static_cast<unsigned>(parts.month),
                    static_cast<unsigned>(parts.day)};
    if (!date.valid()) return bad(text, "is not a date that exists");
    if (parts.hour > 23 || parts.minute > 59 || parts.second > 59) {
        return bad(text, "is not a time of day (00:00:00 to 23:59:59)");
    }
    Timestamp at;
    if (parts.offset_minutes) {
        const std::int64_t seconds = days_from_civil(parts.year, date.month, date.day) * 86400 +
                                     parts.hour * 3600 + parts.minute * 60 + parts.second -
                                     std::int64_t{*parts.offset_minutes} * 60;
        at = from_unix_seconds(seconds);
    } else {
        at = zone_.to_utc(LocalDateTime{date, parts.hour, parts.minute, parts.second});
    }
    at += std::chrono::microseconds{parts.micros};
    if (!in_range(at)) return bad(text, "lies outside the range of time (years 1 to 9999 in UTC)");
    return at;
}

}  // namespace ticketflow::importer
