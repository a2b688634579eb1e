#pragma once
/// \file
/// How an event log writes its timestamps, and reading them as instants.

#include <memory>
#include <string>
#include <string_view>

#include <ticketflow/core/result.hpp>
#include <ticketflow/core/time.hpp>
#include <ticketflow/core/time_zone.hpp>

namespace ticketflow::importer {

/// A timestamp format: `"iso8601"` (`2010-03-31T15:59:42+01:00`, `2010-03-31 15:59:42`, with or
/// without fractions and offset), or a strftime-like pattern of `%Y` (four digits), `%m`, `%d`,
/// `%H`, `%M`, `%S` (one or two digits each; `%S` may be followed by fractions such as `.250`),
/// `%f` (fraction digits alone), `%z` (`Z`, `+01:00`, `+0100`, `+01`), `%F` (`%Y-%m-%d`), `%T`
/// (`%H:%M:%S`), `%%`, and literal characters. A stamp without an offset is wall-clock time in
/// `zone`.
///
///     auto format = TimestampFormat::make("%Y/%m/%d %H:%M:%S",
///                                         TimeZone::locate("Europe/Rome").value()).value();
///     Timestamp t = format.parse("2012/10/09 14:50:17.000").value();
class TimestampFormat {
  public:
    /// `"iso8601"` in UTC.
    TimestampFormat() : TimestampFormat("iso8601", "I", TimeZone{}) {}
    /// The format of `pattern`; an unknown `%` directive, or a pattern that sets a field twice or
    /// lacks the year, month or day, is `validation_failed` naming field `format`.
    static Result<TimestampFormat> make(std::string pattern, TimeZone zone = {});

    /// The instant `text` denotes, or `validation_failed` saying where it departs from the format
    /// (an impossible date, an hour past 23, an offset beyond ±14:00, an instant outside the
    /// range of time). The error's field is empty: the caller knows where the text came from.
    Result<Timestamp> parse(std::string_view text) const;

    const std::string& pattern() const noexcept { return pattern_; }
    const TimeZone& zone() const noexcept { return zone_; }

    friend bool operator==(const TimestampFormat& a, const TimestampFormat& b) {
        return a.pattern_ == b.pattern_ && a.zone_ == b.zone_;
    }

  private:
    TimestampFormat(std::string pattern, std::string compiled, TimeZone zone)
        : pattern_(std::move(pattern)), compiled_(std::move(compiled)), zone_(std::move(zone)) {}

    std::string pattern_;
    std::string compiled_;  // directives as single letters after '%', literals as they are
    TimeZone zone_;
};

}  // namespace ticketflow::importer
