#include <algorithm>
#include <cstdio>
#include <iterator>

#include <ticketflow/core/intake_policy.hpp>
#include <ticketflow/core/ticket_number.hpp>

namespace ticketflow {
namespace {

constexpr std::string_view default_pattern = "HT{yyyy}{MM}{dd}{seq:4}";
constexpr unsigned max_sequence_digits = 18;  // 10^18 - 1 still fits in 64 bits
// Numbers are ids people read, type and search for; 64 code points of pattern is plenty.
constexpr std::size_t max_pattern_chars = 64;

Error pattern_error(std::string_view pattern, const std::string& what) {
    return validation_error("number_pattern", "'" + std::string(pattern) + "': " + what);
}

/// One piece of a pattern: literal text (braces unescaped) or the inside of a `{…}` token.
struct Lexeme {
    bool is_token = false;
    std::string text;
    std::size_t next = 0;  ///< where the following lexeme starts
};

Result<Lexeme> next_lexeme(std::string_view pattern, std::size_t pos) {
    const char c = pattern[pos];
    const bool doubled = pos + 1 < pattern.size() && pattern[pos + 1] == c;
    if ((c == '{' || c == '}') && doubled) return Lexeme{false, std::string(1, c), pos + 2};
    if (c == '}') {
        return pattern_error(pattern, "unbalanced brace: '}' at offset " + std::to_string(pos) +
                                          " closes nothing (write '}}' for a literal brace)");
    }
    if (c != '{') {
        const auto end = pattern.find_first_of("{}", pos);
        const auto stop = end == std::string_view::npos ? pattern.size() : end;
        return Lexeme{false, std::string(pattern.substr(pos, stop - pos)), stop};
    }
    const auto close = pattern.find_first_of("{}", pos + 1);
    if (close == std::string_view::npos || pattern[close] != '}') {
        return pattern_error(pattern, "unbalanced brace: '{' at offset " + std::to_string(pos) +
                                          " is never closed (write '{{' for a literal brace)");
    }
    return Lexeme{true, std::string(pattern.substr(pos + 1, close - pos - 1)), close + 1};
}

/// The N of a `{seq:N}` token body ("seq:4"), or an error saying what is wrong with it.
Result<unsigned> sequence_width(std::string_view pattern, std::string_view body) {
    const auto digits = body.substr(body.find(':') == std::string_view::npos ? body.size() : 4);
    unsigned width = 0;
    bool numeric = !digits.empty() && digits.size() <= 2;
    for (const char c : digits) {
        numeric = numeric && c >= '0' && c <= '9';
        width = width * 10 + static_cast<unsigned>(c - '0');
    }
    if (!numeric || width < 1 || width > max_sequence_digits) {
        return pattern_error(pattern, "bad sequence width in '{" + std::string(body) +
                                          "}': write {seq:N} with N from 1 to 18");
    }
    return width;
}

bool is_sequence_token(std::string_view body) {
    return body == "seq" || body.substr(0, 4) == "seq:";
}

/// The smallest date unit a pattern shows, which decides when its sequence restarts.
enum class Period { none, year, month, day };

std::string render_number(long long value, int width) {
    char text[32];
    const int length = std::snprintf(text, sizeof text, "%0*lld", width, value);
    return std::string(text, static_cast<std::size_t>(length));
}

std::string render_period(const Date& d, Period period) {
    switch (period) {
        case Period::none:
            return {};
        case Period::year:
            return render_number(d.year, 4);
        case Period::month:
            return render_number(d.year, 4) + render_number(d.month, 2);
        case Period::day:
            return render_number(d.year, 4) + render_number(d.month, 2) + render_number(d.day, 2);
    }
    return {};
}

Error exhausted_error(const std::string& pattern, const std::string& period, std::uint64_t sequence,
                      std::uint64_t max) {
    Error e;
    e.code = ErrorCode::sequence_exhausted;
    const auto when = period.empty()
                          ? std::string("(the pattern has no date, so it never restarts)")
                          : "in period " + period;
    e.message = "ticket number pattern '" + pattern + "' has no number left " + when +
                ": sequence " + std::to_string(sequence) + " exceeds " + std::to_string(max);
    return e;
}

}  // namespace

TicketNumberFormat::TicketNumberFormat()
    : pattern_(default_pattern),
      tokens_{{TokenKind::literal, "HT"},
              {TokenKind::year4, {}},
              {TokenKind::month, {}},
              {TokenKind::day, {}},
              {TokenKind::sequence, {}}},
      sequence_digits_(4) {}

Result<TicketNumberFormat> TicketNumberFormat::parse(std::string_view pattern) {
    static constexpr std::pair<std::string_view, TokenKind> date_tokens[] = {
        {"yyyy", TokenKind::year4},
        {"yy", TokenKind::year2},
        {"MM", TokenKind::month},
        {"dd", TokenKind::day}};
    if (!is_valid_utf8(pattern)) return validation_error("number_pattern", "is not valid UTF-8");
    // Not quoted back: a line break or an escape sequence in an error message misleads its reader.
    if (has_control_characters(pattern, false)) {
        return validation_error("number_pattern", "holds a control character or a line break");
    }
    if (utf8_length(pattern) > max_pattern_chars) {
        return validation_error(
            "number_pattern",
            "is longer than " + std::to_string(max_pattern_chars) + " characters");
    }
    TicketNumberFormat format;
    format.pattern_.assign(pattern);
    format.tokens_.clear();
    bool has_sequence = false;
    for (std::size_t pos = 0; pos < pattern.size();) {
        auto lexeme = next_lexeme(pattern, pos);
        if (!lexeme) return lexeme.error();
        pos = lexeme->next;
        if (!lexeme->is_token) {
            if (format.tokens_.empty() || format.tokens_.back().kind != TokenKind::literal) {
                format.tokens_.push_back({TokenKind::literal, {}});
            }
            format.tokens_.back().text += lexeme->text;
        } else if (is_sequence_token(lexeme->text)) {
            if (has_sequence) return pattern_error(pattern, "more than one {seq:N} token");
            const auto width = sequence_width(pattern, lexeme->text);
            if (!width) return width.error();
            format.sequence_digits_ = *width;
            format.tokens_.push_back({TokenKind::sequence, {}});
            has_sequence = true;
        } else {
            const auto* const known =
                std::find_if(std::begin(date_tokens), std::end(date_tokens),
                             [&](const auto& token) { return token.first == lexeme->text; });
            if (known == std::end(date_tokens)) {
                return pattern_error(pattern, "unknown token '{" + lexeme->text +
                                                  "}' (known: {yyyy} {yy} {MM} {dd} {seq:N})");
            }
            format.tokens_.push_back({known->second, {}});
        }
    }
    if (!has_sequence) return pattern_error(pattern, "no {seq:N} token");
    return format;
}

std::uint64_t TicketNumberFormat::max_sequence() const noexcept {
    std::uint64_t max = 1;
    for (unsigned i = 0; i < sequence_digits_; ++i) max *= 10;
    return max - 1;
}

std::string TicketNumberFormat::sequence_key(const Date& local_date) const {
    auto period = Period::none;
    for (const auto& token : tokens_) {
        if (token.kind == TokenKind::day) {
            period = Period::day;
        } else if (token.kind == TokenKind::month && period != Period::day) {
            period = Period::month;
        } else if ((token.kind == TokenKind::year4 || token.kind == TokenKind::year2) &&
                   period == Period::none) {
            // Even a {yy} pattern keys by the full year, so 2000 and 2100 do not share a counter.
            period = Period::year;
        }
    }
    if (period == Period::none) return pattern_;
    return pattern_ + "@" + render_period(local_date, period);
}

Result<std::string> TicketNumberFormat::format(const Date& local_date,
                                               std::uint64_t sequence) const {
    if (sequence == 0) return validation_error("sequence", "ticket sequences start at 1, not 0");
    if (!local_date.valid()) {
        return validation_error("date", "'" + to_string(local_date) + "' is not a calendar date");
    }
    if (sequence > max_sequence()) {
        const auto key = sequence_key(local_date);
        const auto period = key.size() > pattern_.size() ? key.substr(pattern_.size() + 1) : "";
        return exhausted_error(pattern_, period, sequence, max_sequence());
    }
    std::string number;
    for (const auto& token : tokens_) {
        switch (token.kind) {
            case TokenKind::literal:
                number += token.text;
                break;
            case TokenKind::year4:
                number += render_number(local_date.year, 4);
                break;
            case TokenKind::year2:
                number += render_number((local_date.year % 100 + 100) % 100, 2);
                break;
            case TokenKind::month:
                number += render_number(local_date.month, 2);
                break;
            case TokenKind::day:
                number += render_number(local_date.day, 2);
                break;
            case TokenKind::sequence:
                number += render_number(static_cast<long long>(sequence),
                                        static_cast<int>(sequence_digits_));
                break;
        }
    }
    return number;
}

}  // namespace ticketflow
