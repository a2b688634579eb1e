#include <array>
#include <cstdio>
#include <exception>
#include <fstream>
#include <iterator>

#include <date/date.h>
#include <date/tz.h>

#include <ticketflow/core/time_zone.hpp>

#include "core/zone_rules.hpp"

namespace ticketflow {
namespace detail {
namespace {

using std::chrono::seconds;

/// Where the `date` library (built with USE_OS_TZDB) reads the tz database; we read the same
/// files' POSIX footers.
constexpr const char* zoneinfo_dir = "/usr/share/zoneinfo";

// Instants outside years 0000–9999 mean "unbounded" here: nothing we compute lives there.
constexpr std::int64_t first_second = -62'167'219'200;  // 0000-01-01T00:00:00Z
constexpr std::int64_t end_second = 253'402'300'800;    // 10000-01-01T00:00:00Z

class FixedRules final : public ZoneRules {
  public:
    FixedRules(std::string name, seconds offset) : ZoneRules(std::move(name)), offset_(offset) {}

    OffsetPeriod period_at(Timestamp) const override {
        return OffsetPeriod{Timestamp::min(), Timestamp::max(), offset_};
    }

  private:
    seconds offset_;
};

/// The POSIX TZ string at the end of a version 2+ TZif file: the rule zic wants used after the
/// file's last listed transition. Empty when there is none or the file cannot be read.
std::string tzif_footer(const std::string& zone_name) {
    std::ifstream in(std::string(zoneinfo_dir) + "/" + zone_name, std::ios::binary);
    const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (bytes.size() < 6 || bytes.compare(0, 4, "TZif") != 0 || bytes[4] < '2') return {};
    if (bytes.back() != '\n') return {};
    const auto start = bytes.rfind('\n', bytes.size() - 2);
    if (start == std::string::npos) return {};
    return bytes.substr(start + 1, bytes.size() - start - 2);
}

/// An IANA zone: the `date` library's transitions, and after the last one the file's POSIX rule.
/// Debian's zoneinfo files list transitions only up to 2037, and `date` 3.0 ignores the footer,
/// so without it Berlin would keep winter time for ever from 2038.
class IanaRules final : public ZoneRules {
  public:
    IanaRules(std::string name, const date::time_zone* zone, ZoneRulesPtr footer)
        : ZoneRules(std::move(name)), zone_(zone), footer_(std::move(footer)) {}

    OffsetPeriod period_at(Timestamp t) const override {
        const auto info = zone_->get_info(date::floor<seconds>(t));
        OffsetPeriod period{clamp_to_timestamp(info.begin.time_since_epoch().count()),
                            clamp_to_timestamp(info.end.time_since_epoch().count()), info.offset};
        if (footer_ == nullptr || period.end != Timestamp::max()) return period;
        // The last listed period: the footer's rule takes over from its start.
        OffsetPeriod ruled = footer_->period_at(t);
        if (ruled.begin < period.begin) {
            ruled.begin = period.begin;
            ruled.offset = period.offset;
        }
        return ruled;
    }

  private:
    // Owned by the tz database, which lives until the program ends.
    const date::time_zone* zone_;
    ZoneRulesPtr footer_;
};

}  // namespace

Timestamp clamp_to_timestamp(std::int64_t seconds_since_epoch) {
    if (seconds_since_epoch <= first_second) return Timestamp::min();
    if (seconds_since_epoch >= end_second) return Timestamp::max();
    return from_unix_seconds(seconds_since_epoch);
}

ZoneRulesPtr fixed_zone_rules(std::string name, std::chrono::seconds offset) {
    return std::make_shared<FixedRules>(std::move(name), offset);
}

ZoneRulesPtr iana_zone_rules(std::string_view name) {
    const date::time_zone* zone = nullptr;
    try {
        zone = date::locate_zone(std::string(name));
    } catch (const std::exception&) {
        // date throws std::runtime_error for names the database does not know.
        return nullptr;
    }
    ZoneRulesPtr footer;
    if (const auto rule = tzif_footer(zone->name()); !rule.empty()) {
        // A footer we cannot read leaves the database's own answer, which is right until 2037.
        if (auto parsed = posix_zone_rules(rule, rule)) footer = *parsed;
    }
    return std::make_shared<IanaRules>(std::string(name), zone, std::move(footer));
}

}  // namespace detail

namespace {

// The offsets of the world's zones, and of docs/sla.md: from −12 hours (Baker Island) to +14
// (Kiritimati). An offset beyond them is a mistake (a sign, hours for minutes), not a place.
constexpr std::chrono::minutes westmost_offset{-12 * 60};
constexpr std::chrono::minutes eastmost_offset{14 * 60};

Error offset_out_of_range(std::chrono::minutes offset) {
    return validation_error("time_zone", "offset of " + std::to_string(offset.count()) +
                                             " minutes east of UTC is outside -12:00 to +14:00");
}

/// "+08:00", "-05:30": the canonical name of a fixed offset.
std::string offset_name(std::chrono::minutes offset) {
    const auto total = offset.count();
    const long long magnitude = total < 0 ? -total : total;
    char text[48];
    std::snprintf(text, sizeof text, "%c%02lld:%02lld", total < 0 ? '-' : '+', magnitude / 60,
                  magnitude % 60);
    return text;
}

bool two_digits(std::string_view text, int& out) {
    if (text.size() != 2 || text[0] < '0' || text[0] > '9' || text[1] < '0' || text[1] > '9') {
        return false;
    }
    out = (text[0] - '0') * 10 + (text[1] - '0');
    return true;
}

/// Parses "±HH:MM" or "±HHMM"; nothing when `name` is not an offset (TimeZone::fixed checks the
/// range).
std::optional<std::chrono::minutes> parse_offset(std::string_view name) {
    if (name.empty() || (name[0] != '+' && name[0] != '-')) return std::nullopt;
    const int sign = name[0] == '-' ? -1 : 1;
    const std::string_view rest = name.substr(1);
    int hours = 0;
    int minutes = 0;
    const bool with_colon = rest.size() == 5 && rest[2] == ':';
    if (!(with_colon || rest.size() == 4) || !two_digits(rest.substr(0, 2), hours) ||
        !two_digits(rest.substr(with_colon ? 3 : 2), minutes) || minutes > 59) {
        return std::nullopt;
    }
    return std::chrono::minutes{sign * (hours * 60 + minutes)};
}

Error unknown_zone(std::string_view name) {
    return validation_error("time_zone", "unknown time zone '" + std::string(name) +
                                             "' (expected an IANA name such as "
                                             "'Asia/Shanghai', 'UTC', an offset like '+08:00' "
                                             "or a POSIX TZ string like 'CST-8')");
}

/// Microseconds since 1970-01-01T00:00 of a wall-clock reading, as if it were UTC.
std::int64_t local_micros(const LocalDateTime& local) {
    const date::sys_days day{date::year{local.date.year} / date::month{local.date.month} /
                             date::day{local.date.day}};
    const std::int64_t seconds = std::int64_t{day.time_since_epoch().count()} * 86'400 +
                                 std::int64_t{local.hour} * 3'600 + local.minute * 60 +
                                 local.second;
    return seconds * 1'000'000;
}

}  // namespace

TimeZone::TimeZone() : rules_(detail::fixed_zone_rules("UTC", std::chrono::seconds{0})) {}

TimeZone::TimeZone(std::shared_ptr<const detail::ZoneRules> rules) : rules_(std::move(rules)) {}

Result<TimeZone> TimeZone::fixed(std::chrono::minutes offset_east) {
    if (offset_east < westmost_offset || offset_east > eastmost_offset) {
        return offset_out_of_range(offset_east);
    }
    // A zero offset is UTC, so that fixed(0) == utc() and both print as "UTC".
    if (offset_east.count() == 0) return utc();
    return TimeZone{detail::fixed_zone_rules(offset_name(offset_east), offset_east)};
}

Result<TimeZone> TimeZone::locate(std::string_view name) {
    if (name == "UTC" || name == "Z") return utc();
    if (const auto offset = parse_offset(name)) return fixed(*offset);
    if (auto rules = detail::iana_zone_rules(name)) return TimeZone{std::move(rules)};
    if (!detail::looks_like_posix_tz(name)) return unknown_zone(name);
    auto rules = detail::posix_zone_rules(std::string(name), name);
    if (!rules) return rules.error();
    return TimeZone{std::move(*rules)};
}

const std::string& TimeZone::name() const noexcept {
    return rules_->name();
}

std::chrono::seconds TimeZone::offset_at(Timestamp t) const {
    return rules_->period_at(t).offset;
}

OffsetPeriod TimeZone::period_at(Timestamp t) const {
    return rules_->period_at(t);
}

LocalDateTime TimeZone::to_local(Timestamp t) const {
    const auto local = date::floor<std::chrono::seconds>(t) + offset_at(t);
    const auto day = date::floor<date::days>(local);
    const date::year_month_day ymd{day};
    const date::hh_mm_ss<std::chrono::seconds> tod{local - day};
    LocalDateTime result;
    result.date = Date{static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                       static_cast<unsigned>(ymd.day())};
    result.hour = static_cast<int>(tod.hours().count());
    result.minute = static_cast<int>(tod.minutes().count());
    result.second = static_cast<int>(tod.seconds().count());
    return result;
}

Timestamp TimeZone::to_utc(const LocalDateTime& local) const {
    using std::chrono::microseconds;
    const std::int64_t wall = local_micros(local);
    // Offsets stay within ±26 hours, so every period that could hold the answer overlaps this
    // window; walk them in time order, and the first that fits gives the earlier of two readings.
    constexpr std::int64_t window = std::int64_t{26} * 3'600'000'000;
    OffsetPeriod period = period_at(Timestamp{microseconds{wall - window}});
    for (int step = 0; step < 8; ++step) {
        const Timestamp candidate{microseconds{wall} - period.offset};
        if (candidate < period.begin) return period.begin;  // skipped: the instant of the jump
        if (candidate < period.end || period.end == Timestamp::max()) return candidate;
        period = period_at(period.end);
    }
    return Timestamp{microseconds{wall} - period.offset};
}

}  // namespace ticketflow
