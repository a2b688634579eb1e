#include <algorithm>
#include <cstdio>

#include <date/date.h>

#include <ticketflow/core/time.hpp>

namespace ticketflow {
namespace {

using std::chrono::microseconds;
using std::chrono::minutes;
using std::chrono::seconds;

/// Reads ISO 8601 text left to right; every method consumes only on success.
class Scanner {
  public:
    explicit Scanner(std::string_view text) : text_(text) {}

    bool at_end() const noexcept { return pos_ == text_.size(); }
    bool peek(char c) const noexcept { return pos_ < text_.size() && text_[pos_] == c; }

    bool literal(char c) noexcept {
        if (!peek(c)) return false;
        ++pos_;
        return true;
    }

    /// Exactly `count` decimal digits.
    bool number(std::size_t count, int& out) noexcept {
        if (text_.size() - pos_ < count) return false;
        int value = 0;
        for (std::size_t i = 0; i < count; ++i) {
            const char c = text_[pos_ + i];
            if (c < '0' || c > '9') return false;
            value = value * 10 + (c - '0');
        }
        pos_ += count;
        out = value;
        return true;
    }

    /// One to six digits of a decimal fraction, scaled to microseconds.
    bool fraction(microseconds& out) noexcept {
        std::int64_t value = 0;
        std::size_t digits = 0;
        while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') {
            if (++digits > 6) return false;
            value = value * 10 + (text_[pos_++] - '0');
        }
        if (digits == 0) return false;
        for (; digits < 6; ++digits) value *= 10;
        out = microseconds{value};
        return true;
    }

  private:
    std::string_view text_;
    std::size_t pos_ = 0;
};

std::optional<date::year_month_day> read_date(Scanner& in) {
    int y = 0;
    int m = 0;
    int d = 0;
    if (!in.number(4, y) || !in.literal('-') || !in.number(2, m) || !in.literal('-') ||
        !in.number(2, d)) {
        return std::nullopt;
    }
    const date::year_month_day ymd{date::year{y}, date::month{static_cast<unsigned>(m)},
                                   date::day{static_cast<unsigned>(d)}};
    if (!ymd.ok()) return std::nullopt;
    return ymd;
}

std::optional<microseconds> read_time_of_day(Scanner& in) {
    int h = 0;
    int m = 0;
    int s = 0;
    if (!in.number(2, h) || !in.literal(':') || !in.number(2, m) || !in.literal(':') ||
        !in.number(2, s)) {
        return std::nullopt;
    }
    // Leap seconds (":60") are refused: system_clock cannot represent them.
    if (h > 23 || m > 59 || s > 59) return std::nullopt;
    microseconds fraction{0};
    if (in.literal('.') && !in.fraction(fraction)) return std::nullopt;
    return std::chrono::hours{h} + minutes{m} + seconds{s} + fraction;
}

/// `Z`, `±HH:MM` or `±HHMM`: the offset east of UTC.
std::optional<minutes> read_offset(Scanner& in) {
    if (in.literal('Z')) return minutes{0};
    int sign = 0;
    if (in.literal('+')) {
        sign = 1;
    } else if (in.literal('-')) {
        sign = -1;
    } else {
        return std::nullopt;
    }
    int h = 0;
    int m = 0;
    if (!in.number(2, h)) return std::nullopt;
    in.literal(':');
    if (!in.number(2, m) || h > 23 || m > 59) return std::nullopt;
    return minutes{sign * (h * 60 + m)};
}

}  // namespace

std::string to_iso8601(Timestamp t) {
    // Clamped, not refused: a writer must never produce text its own reader rejects.
    t = std::clamp(t, earliest_timestamp, latest_timestamp);
    const auto day = date::floor<date::days>(t);
    const date::year_month_day ymd{day};
    const date::hh_mm_ss<microseconds> tod{t - day};
    char text[64];
    int length = std::snprintf(
        text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02d", static_cast<int>(ymd.year()),
        static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
        static_cast<int>(tod.hours().count()), static_cast<int>(tod.minutes().count()),
        static_cast<int>(tod.seconds().count()));
    if (tod.subseconds().count() != 0) {
        length += std::snprintf(text + length, sizeof text - static_cast<std::size_t>(length),
                                ".%06lld", static_cast<long long>(tod.subseconds().count()));
    }
    return std::string(text, static_cast<std::size_t>(length)) + 'Z';
}

std::optional<Timestamp> parse_iso8601(std::string_view text) {
    Scanner in{text};
    const auto ymd = read_date(in);
    if (!ymd || !in.literal('T')) return std::nullopt;
    const auto time_of_day = read_time_of_day(in);
    if (!time_of_day) return std::nullopt;
    const auto offset = read_offset(in);
    if (!offset || !in.at_end()) return std::nullopt;
    const Timestamp t = Timestamp{date::sys_days{*ymd}.time_since_epoch()} + *time_of_day - *offset;
    if (!in_range(t)) return std::nullopt;
    return t;
}

bool Date::valid() const noexcept {
    // Checked first: date::month and date::day keep only a byte, so 257 would wrap to 1.
    if (month < 1 || month > 12 || day < 1 || day > 31) return false;
    if (year < 1 || year > 9999) return false;
    return date::year_month_day{date::year{year}, date::month{month}, date::day{day}}.ok();
}

std::string to_string(const Date& d) {
    char text[48];
    const int length = std::snprintf(text, sizeof text, "%04d-%02u-%02u", d.year, d.month, d.day);
    return std::string(text, static_cast<std::size_t>(length));
}

std::optional<Date> parse_date(std::string_view text) {
    Scanner in{text};
    const auto ymd = read_date(in);
    if (!ymd || !in.at_end()) return std::nullopt;
    const Date d{static_cast<int>(ymd->year()), static_cast<unsigned>(ymd->month()),
                 static_cast<unsigned>(ymd->day())};
    if (!d.valid()) return std::nullopt;  // the year 0000
    return d;
}

namespace {

struct DurationUnit {
    char suffix;
    std::int64_t seconds;
};
constexpr DurationUnit kDurationUnits[] = {{'d', 86'400}, {'h', 3'600}, {'m', 60}, {'s', 1}};

}  // namespace

std::optional<std::chrono::seconds> parse_duration(std::string_view text) {
    if (text == "0") return std::chrono::seconds{0};
    std::int64_t total = 0;
    std::size_t next_unit = 0;  // units must come largest first, each at most once
    while (!text.empty()) {
        std::size_t digits = 0;
        while (digits < text.size() && digits < 12 && text[digits] >= '0' && text[digits] <= '9') {
            ++digits;
        }
        if (digits == 0 || digits == text.size()) return std::nullopt;
        const std::int64_t amount = std::stoll(std::string(text.substr(0, digits)));
        std::size_t unit = next_unit;
        while (unit < std::size(kDurationUnits) && kDurationUnits[unit].suffix != text[digits])
            ++unit;
        if (unit == std::size(kDurationUnits)) return std::nullopt;
        total += amount * kDurationUnits[unit].seconds;
        next_unit = unit + 1;
        text.remove_prefix(digits + 1);
    }
    // No duration is longer than the range of time; refusing longer ones also keeps every
    // duration read formattable in the digits parse_duration accepts.
    constexpr auto longest =
        std::chrono::duration_cast<std::chrono::seconds>(latest_timestamp - earliest_timestamp);
    if (total > longest.count()) return std::nullopt;
    return next_unit == 0 ? std::nullopt : std::optional<std::chrono::seconds>{total};
}

std::string format_duration(std::chrono::seconds duration) {
    const std::int64_t count = duration.count();
    if (count == 0) return "0s";
    std::string text = count < 0 ? "-" : "";
    // The magnitude in unsigned arithmetic: negating seconds::min() would overflow.
    std::uint64_t left =
        count < 0 ? 0 - static_cast<std::uint64_t>(count) : static_cast<std::uint64_t>(count);
    for (const auto& unit : kDurationUnits) {
        const auto size = static_cast<std::uint64_t>(unit.seconds);
        if (left >= size) {
            text += std::to_string(left / size) + unit.suffix;
            left %= size;
        }
    }
    return text;
}

}  // namespace ticketflow
