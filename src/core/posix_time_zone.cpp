// POSIX TZ rule strings ("CST-8", "EST5EDT,M3.2.0,M11.1.0"), read by our own small parser and
// computed with Boost.Date_Time's posix_time_zone.
//
// We parse the string ourselves because Boost reads it differently from POSIX and every C
// library: Boost takes the offset with the ISO sign ("EST-5" for New York, where TZ says "EST5"),
// reads the offset after the DST name as the size of the shift rather than the DST offset, knows
// no quoted names ("<+08>-8"), and refuses the rule times beyond 0–24 h that RFC 8536 allows
// ("M3.4.4/26"). So Boost gets a normalised string with the rule dates only, and we add the rule
// times ourselves. Boost also gets the other two date forms wrong (Boost 1.74: "J59", the last day
// of February, throws as a start; "59" is 29 February even in common years, and throws), so those
// are worked out here with Gregorian dates, and Boost computes the "Mm.w.d" dates.

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <exception>
#include <iterator>
#include <optional>
#include <vector>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/date_time/local_time/posix_time_zone.hpp>

#include "core/zone_rules.hpp"

namespace ticketflow::detail {
namespace {

using std::chrono::seconds;

constexpr std::int64_t micros_per_second = 1'000'000;
constexpr std::int64_t seconds_per_day = 86'400;

/// What a POSIX TZ string says: standard and DST offsets east of UTC, and for each rule its date
/// (as Boost reads it: "M3.2.0", "J60", "59") and its local time of day.
struct PosixSpec {
    seconds standard{0};
    std::optional<seconds> daylight;
    std::string start_date;
    seconds start_time{7'200};
    std::string end_date;
    seconds end_time{7'200};
};

/// Reads a POSIX TZ string left to right; each method consumes only on success.
class TzScanner {
  public:
    explicit TzScanner(std::string_view text) : text_(text) {}

    bool at_end() const noexcept { return pos_ == text_.size(); }
    bool literal(char c) noexcept {
        if (pos_ == text_.size() || text_[pos_] != c) return false;
        ++pos_;
        return true;
    }

    /// A zone abbreviation: three or more letters, or `<…>` holding letters, digits, + and -.
    bool name() noexcept {
        const auto start = pos_;
        if (literal('<')) {
            while (pos_ < text_.size() && (std::isalnum(byte()) || peek('+') || peek('-'))) ++pos_;
            if (pos_ - start - 1 >= 3 && literal('>')) return true;
        } else {
            while (pos_ < text_.size() && std::isalpha(byte())) ++pos_;
            if (pos_ - start >= 3) return true;
        }
        pos_ = start;
        return false;
    }

    /// `[+|-]h[h…][:mm[:ss]]` with at most `max_hours`; POSIX writes offsets west-positive.
    std::optional<seconds> clock_time(int max_hours) noexcept {
        const auto start = pos_;
        int sign = 1;
        if (literal('-')) {
            sign = -1;
        } else {
            literal('+');
        }
        long hours = 0;
        long minutes = 0;
        long secs = 0;
        if (!digits(1, 3, hours) || hours > max_hours ||
            (literal(':') && (!digits(2, 2, minutes) || minutes > 59 ||
                              (literal(':') && (!digits(2, 2, secs) || secs > 59))))) {
            pos_ = start;
            return std::nullopt;
        }
        return seconds{sign * (hours * 3'600 + minutes * 60 + secs)};
    }

    /// A rule date: `Mm.w.d`, `Jn` or `n`, returned as written.
    std::optional<std::string> rule_date() noexcept {
        const auto start = pos_;
        long a = 0;
        long b = 0;
        long c = 0;
        bool ok = false;
        if (literal('M')) {
            ok = digits(1, 2, a) && a >= 1 && a <= 12 && literal('.') && digits(1, 1, b) &&
                 b >= 1 && b <= 5 && literal('.') && digits(1, 1, c) && c <= 6;
        } else if (literal('J')) {
            ok = digits(1, 3, a) && a >= 1 && a <= 365;
        } else {
            ok = digits(1, 3, a) && a <= 365;
        }
        if (!ok) {
            pos_ = start;
            return std::nullopt;
        }
        return std::string(text_.substr(start, pos_ - start));
    }

  private:
    bool peek(char c) const noexcept { return pos_ < text_.size() && text_[pos_] == c; }
    int byte() const noexcept { return static_cast<unsigned char>(text_[pos_]); }

    bool digits(std::size_t least, std::size_t most, long& out) noexcept {
        std::size_t count = 0;
        long value = 0;
        while (pos_ < text_.size() && count < most && std::isdigit(byte())) {
            value = value * 10 + (text_[pos_++] - '0');
            ++count;
        }
        out = value;
        return count >= least;
    }

    std::string_view text_;
    std::size_t pos_ = 0;
};

/// One `,date[/time]` rule.
bool read_rule(TzScanner& in, std::string& date, seconds& time) {
    auto parsed = in.rule_date();
    if (!parsed) return false;
    date = std::move(*parsed);
    if (in.literal('/')) {
        // RFC 8536 allows -167 to 167 hours, e.g. "M3.4.4/26" for Israel.
        const auto at = in.clock_time(167);
        if (!at) return false;
        time = *at;
    }
    return true;
}

std::optional<PosixSpec> parse_posix(std::string_view text) {
    TzScanner in(text);
    PosixSpec spec;
    const auto standard = in.name() ? in.clock_time(24) : std::nullopt;
    if (!standard) return std::nullopt;
    spec.standard = -*standard;
    if (in.at_end()) return spec;
    if (!in.name()) return std::nullopt;
    const auto daylight = in.clock_time(24);
    spec.daylight = daylight ? -*daylight : spec.standard + seconds{3'600};
    // Without rules the C libraries guess US rules; we refuse rather than guess.
    if (!in.literal(',') || !read_rule(in, spec.start_date, spec.start_time) || !in.literal(',') ||
        !read_rule(in, spec.end_date, spec.end_time) || !in.at_end()) {
        return std::nullopt;
    }
    return spec;
}

/// "08:00:00" or "-05:00:00" for Boost, which reads offsets with the ISO sign.
std::string iso_offset(seconds offset) {
    const auto total = offset.count();
    const long long magnitude = total < 0 ? -total : total;
    char text[32];
    std::snprintf(text, sizeof text, "%s%02lld:%02lld:%02lld", total < 0 ? "-" : "",
                  magnitude / 3'600, magnitude / 60 % 60, magnitude % 60);
    return text;
}

/// The string Boost is given: ISO-signed offsets, the DST shift, and the "Mm.w.d" rule dates at
/// midnight (we add the rule times). A date form Boost gets wrong becomes a placeholder it can
/// read, and is not used.
std::string boost_spec(const PosixSpec& spec) {
    const auto date = [](const std::string& rule) {
        return rule[0] == 'M' ? rule : std::string("M1.1.0");
    };
    return "STD" + iso_offset(spec.standard) + "DST" + iso_offset(*spec.daylight - spec.standard) +
           "," + date(spec.start_date) + "/00:00," + date(spec.end_date) + "/00:00";
}

constexpr int first_cached_year = 1970;
constexpr int last_cached_year = 2100;

/// The day a rule names in a year: "Mm.w.d" by Boost (`from_boost`), "Jn" and "n" here.
struct RuleDay {
    char form = 'M';  ///< 'M', 'J' (1–365, 29 February never counted) or 'n' (0–365, counted)
    int number = 0;   ///< n of "Jn" and "n"

    static RuleDay read(const std::string& text) {
        if (text[0] == 'M') return RuleDay{};
        if (text[0] == 'J') return RuleDay{'J', std::stoi(text.substr(1))};
        return RuleDay{'n', std::stoi(text)};
    }

    boost::gregorian::date in(int year, const boost::gregorian::date& from_boost) const {
        namespace greg = boost::gregorian;
        if (form == 'n') return greg::date(year, 1, 1) + greg::days(number);
        if (form == 'J') {
            // Counted in a common year, then placed in this one: J60 is 1 March in every year.
            const greg::date common = greg::date(2001, 1, 1) + greg::days(number - 1);
            return greg::date(year, common.month(), common.day());
        }
        return from_boost;
    }
};

struct Transition {
    std::int64_t at;  ///< microseconds since the epoch (UTC)
    seconds offset;   ///< in force from `at` on
};

/// Standard time all year, or standard and daylight time switched by yearly rules.
class PosixRules final : public ZoneRules {
  public:
    PosixRules(std::string name, const PosixSpec& spec)
        : ZoneRules(std::move(name)), standard_(spec.standard), daylight_(spec.daylight) {
        if (!daylight_) return;
        boost_ = std::make_unique<boost::local_time::posix_time_zone>(boost_spec(spec));
        start_day_ = RuleDay::read(spec.start_date);
        end_day_ = RuleDay::read(spec.end_date);
        start_time_ = spec.start_time;
        end_time_ = spec.end_time;
        // Boost computes a rule's day by walking the month; the changes of the years most asked
        // about are worked out once, so a calendar pays a binary search per period.
        for (int year = first_cached_year; year <= last_cached_year; ++year) {
            const auto changes = of_year(year);
            table_.insert(table_.end(), changes.begin(), changes.end());
        }
        std::sort(table_.begin(), table_.end(), by_time);
    }

    OffsetPeriod period_at(Timestamp t) const override {
        if (!daylight_) return OffsetPeriod{Timestamp::min(), Timestamp::max(), standard_};
        const std::int64_t at = t.time_since_epoch().count();
        if (at >= table_.front().at && at < table_.back().at) {
            return period_in(table_.begin(), table_.end(), at);
        }
        // The rules repeat, so three years around `at` hold a change before it and one after,
        // except where the clamped years run out.
        const auto nearby = around(year_of(at));
        return period_in(nearby.begin(), nearby.end(), at);
    }

  private:
    static Timestamp timestamp(std::int64_t micros) {
        return Timestamp{std::chrono::microseconds{micros}};
    }

    /// The civil year of `at` in standard time, kept where Boost's dates reach (1400–9999).
    int year_of(std::int64_t at) const {
        const std::int64_t local = at / micros_per_second + standard_.count();
        const auto days = local / seconds_per_day - (local % seconds_per_day < 0 ? 1 : 0);
        const std::int64_t first = (boost::gregorian::date(1401, 1, 1) - epoch()).days();
        const std::int64_t last = (boost::gregorian::date(9998, 12, 31) - epoch()).days();
        const auto clamped = std::clamp(days, first, last);
        return (epoch() + boost::gregorian::days(clamped)).year();
    }

    static boost::gregorian::date epoch() { return boost::gregorian::date(1970, 1, 1); }

    static bool by_time(const Transition& a, const Transition& b) { return a.at < b.at; }

    /// The changes to daylight and back to standard time in `year`.
    std::array<Transition, 2> of_year(int year) const {
        const auto start_day =
            (start_day_.in(year, boost_->dst_local_start_time(year).date()) - epoch()).days();
        const auto end_day =
            (end_day_.in(year, boost_->dst_local_end_time(year).date()) - epoch()).days();
        // The start is read on the standard-time clock, the end on the daylight-time clock.
        return {Transition{micros(start_day, start_time_ - standard_), *daylight_},
                Transition{micros(end_day, end_time_ - *daylight_), standard_}};
    }

    /// The six changes of years `year - 1` to `year + 1`, in time order.
    std::array<Transition, 6> around(int year) const {
        std::array<Transition, 6> all{};
        for (int i = 0; i < 3; ++i) {
            const auto changes = of_year(year - 1 + i);
            all[2 * i] = changes[0];
            all[2 * i + 1] = changes[1];
        }
        std::sort(all.begin(), all.end(), by_time);
        return all;
    }

    /// The period holding `at`, from changes sorted in time.
    template <class It>
    OffsetPeriod period_in(It first, It last, std::int64_t at) const {
        const auto next = std::upper_bound(
            first, last, at,
            [](std::int64_t value, const Transition& tr) { return value < tr.at; });
        OffsetPeriod period;
        if (next == first) {
            period.offset = next->offset == standard_ ? *daylight_ : standard_;
        } else {
            period.offset = std::prev(next)->offset;
            period.begin = timestamp(std::prev(next)->at);
        }
        if (next != last) period.end = timestamp(next->at);
        return period;
    }

    static std::int64_t micros(std::int64_t day, seconds time_of_day) {
        return (day * seconds_per_day + time_of_day.count()) * micros_per_second;
    }

    seconds standard_;
    std::optional<seconds> daylight_;
    seconds start_time_{0};
    seconds end_time_{0};
    RuleDay start_day_;
    RuleDay end_day_;
    std::unique_ptr<boost::local_time::posix_time_zone> boost_;
    std::vector<Transition> table_;  ///< changes of the cached years, in time order
};

/// Offsets (standard and daylight saving) must be those of the world's zones, −12 to +14 hours
/// east, as for fixed offsets: the grammar alone would take ±24 hours.
bool offsets_in_range(const PosixSpec& spec) {
    const auto in_range = [](seconds offset) {
        return offset >= seconds{-12 * 3'600} && offset <= seconds{14 * 3'600};
    };
    return in_range(spec.standard) && (!spec.daylight || in_range(*spec.daylight));
}

}  // namespace

bool looks_like_posix_tz(std::string_view spec) {
    TzScanner in(spec);
    return in.name() && in.clock_time(167).has_value();
}

Result<ZoneRulesPtr> posix_zone_rules(std::string name, std::string_view spec) {
    const auto parsed = parse_posix(spec);
    std::string problem;
    if (parsed && !offsets_in_range(*parsed)) {
        return validation_error("time_zone",
                                "POSIX TZ string '" + std::string(spec) +
                                    "' has an offset outside -12:00 to +14:00 east of UTC "
                                    "(POSIX writes west as positive: 'CST-8' is +08:00)");
    }
    if (parsed) {
        try {
            return ZoneRulesPtr{std::make_shared<PosixRules>(std::move(name), *parsed)};
        } catch (const std::exception& e) {
            // Boost refuses offsets beyond -12…+14 hours and impossible rule dates.
            problem = std::string(": ") + e.what();
        }
    }
    return validation_error("time_zone",
                            "cannot read POSIX TZ string '" + std::string(spec) + "'" + problem +
                                " (expected std offset [dst [offset],start[/time],end[/time]], "
                                "e.g. 'CST-8' or 'EST5EDT,M3.2.0,M11.1.0')");
}

}  // namespace ticketflow::detail
