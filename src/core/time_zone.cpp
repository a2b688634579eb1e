#include <cstdio>
#include <exception>

#include <date/date.h>
#include <date/tz.h>

#include <ticketflow/core/time_zone.hpp>

namespace ticketflow {
namespace detail {

/// The rules behind a TimeZone: a constant offset, or an IANA zone of the tz database.
class ZoneRules {
  public:
    ZoneRules(std::string name, std::chrono::minutes offset)
        : name_(std::move(name)), offset_(offset) {}
    ZoneRules(std::string name, const date::time_zone* zone)
        : name_(std::move(name)), zone_(zone) {}

    const std::string& name() const noexcept { return name_; }

    /// Offset east of UTC in force at `t`.
    std::chrono::seconds offset_at(Timestamp t) const {
        if (zone_ == nullptr) return offset_;
        return zone_->get_info(date::floor<std::chrono::seconds>(t)).offset;
    }

  private:
    std::string name_;
    std::chrono::minutes offset_{0};
    // Owned by the tz database, which lives until the program ends.
    const date::time_zone* zone_ = nullptr;
};

}  // namespace detail

namespace {

constexpr std::chrono::minutes max_fixed_offset{18 * 60};

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

/// Parses "±HH:MM" or "±HHMM"; nothing when `name` is not an offset or is out of range.
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
    const std::chrono::minutes offset{sign * (hours * 60 + minutes)};
    if (offset > max_fixed_offset || offset < -max_fixed_offset) return std::nullopt;
    return offset;
}

const date::time_zone* find_iana_zone(std::string_view name) {
    try {
        return date::locate_zone(std::string(name));
    } catch (const std::exception&) {
        // date throws std::runtime_error for names the database does not know.
        return nullptr;
    }
}

}  // namespace

TimeZone::TimeZone()
    : rules_(std::make_shared<detail::ZoneRules>("UTC", std::chrono::minutes{0})) {}

TimeZone::TimeZone(std::shared_ptr<const detail::ZoneRules> rules) : rules_(std::move(rules)) {}

TimeZone TimeZone::fixed(std::chrono::minutes offset_east) {
    // A zero offset is UTC, so that fixed(0) == utc() and both print as "UTC".
    if (offset_east.count() == 0) return utc();
    return TimeZone{std::make_shared<detail::ZoneRules>(offset_name(offset_east), offset_east)};
}

Result<TimeZone> TimeZone::locate(std::string_view name) {
    if (name == "UTC" || name == "Z") return utc();
    if (const auto offset = parse_offset(name)) return fixed(*offset);
    if (const auto* zone = find_iana_zone(name)) {
        return TimeZone{std::make_shared<detail::ZoneRules>(std::string(name), zone)};
    }
    return validation_error("time_zone", "unknown time zone '" + std::string(name) +
                                             "' (expected an IANA name such as "
                                             "'Asia/Shanghai', 'UTC' or an offset like '+08:00')");
}

const std::string& TimeZone::name() const noexcept {
    return rules_->name();
}

LocalDateTime TimeZone::to_local(Timestamp t) const {
    const auto local = date::floor<std::chrono::seconds>(t) + rules_->offset_at(t);
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

}  // namespace ticketflow
