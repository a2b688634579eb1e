#pragma once
/// \file
/// Human-readable ticket numbers from a pattern: `HT{yyyy}{MM}{dd}{seq:4}` gives `HT202310010001`.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <ticketflow/core/result.hpp>
#include <ticketflow/core/time.hpp>

namespace ticketflow {

/// A parsed ticket-number pattern.
///
/// Tokens: `{yyyy}` four-digit year, `{yy}` two-digit year, `{MM}` month, `{dd}` day, and exactly
/// one
/// `{seq:N}` — the sequence, zero-padded to N digits (1–18). Everything else is literal text; `{{`
/// and
/// `}}` stand for braces. The sequence restarts at 1 whenever the smallest date unit in the pattern
/// changes (daily for `{dd}`, monthly for `{MM}`, yearly for a year token, never without one).
/// When a period uses up all N digits, the next number is a `sequence_exhausted` error: numbers
/// never silently grow wider, so they sort and compare as the pattern promises. A pattern is one
/// line of valid UTF-8 without control characters, at most 64 code points long.
///
///     auto format = TicketNumberFormat::parse("{yyyy}{MM}-{seq:3}").value();
///     format.format(Date{2024, 5, 7}, 1).value();  // "202405-001"
///     format.sequence_key(Date{2024, 5, 7});         // "{yyyy}{MM}-{seq:3}@202405"
class TicketNumberFormat {
  public:
    /// The pattern of the first service document: `HT{yyyy}{MM}{dd}{seq:4}`.
    TicketNumberFormat();

    /// Parses `pattern`; a malformed one (including control characters, line breaks, or more than
    /// 64 code points) is a validation error naming field "number_pattern".
    static Result<TicketNumberFormat> parse(std::string_view pattern);

    const std::string& pattern() const noexcept { return pattern_; }
    /// Digits of the sequence, N in `{seq:N}`.
    unsigned sequence_digits() const noexcept { return sequence_digits_; }
    /// The largest sequence number that fits (9999 for `{seq:4}`).
    std::uint64_t max_sequence() const noexcept;

    /// The counter a number on `local_date` draws from: equal keys share one sequence, and the key
    /// changes exactly when the pattern's smallest date unit does.
    std::string sequence_key(const Date& local_date) const;

    /// The number for `sequence` (1-based) on `local_date`; `sequence_exhausted` when it does not
    /// fit.
    Result<std::string> format(const Date& local_date, std::uint64_t sequence) const;

    friend bool operator==(const TicketNumberFormat& a, const TicketNumberFormat& b) {
        return a.pattern_ == b.pattern_;
    }

  private:
    enum class TokenKind : std::uint8_t { literal, year4, year2, month, day, sequence };
    struct Token {
        TokenKind kind;
        std::string text;  // literal text, for literal tokens
    };

    std::string pattern_;
    std::vector<Token> tokens_;
    unsigned sequence_digits_ = 4;
};

}  // namespace ticketflow
