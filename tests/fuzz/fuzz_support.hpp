#pragma once
// Shared checks of the fuzz targets. An invariant that does not hold ends the process with
// `__builtin_trap()`, which libFuzzer reports as a crash and the corpus replay as a failed test;
// `TICKETFLOW_FUZZ_CHECK` prints the condition first so that a replay failure says what broke.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include <ticketflow/core/error.hpp>
#include <ticketflow/core/time.hpp>

#define TICKETFLOW_FUZZ_CHECK(condition)                                                \
    do {                                                                                \
        if (!(condition)) {                                                             \
            std::fprintf(stderr, "%s:%d: invariant violated: %s\n", __FILE__, __LINE__, \
                         #condition);                                                   \
            __builtin_trap();                                                           \
        }                                                                               \
    } while (false)

namespace ticketflow::fuzz {

/// The input as text (it may hold any bytes, including invalid UTF-8 and NULs).
inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

/// True when `text` is well-formed UTF-8 (no overlong forms, surrogates or code points past
/// U+10FFFF): what every message must be so that it can be written as JSON and shown to people.
inline bool valid_utf8(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        const auto lead = static_cast<unsigned char>(text[i]);
        std::size_t length = 0;
        std::uint32_t code = 0;
        if (lead < 0x80) {
            ++i;
            continue;
        }
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2, code = lead & 0x1Fu;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3, code = lead & 0x0Fu;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4, code = lead & 0x07u;
        } else {
            return false;
        }
        if (i + length > text.size()) return false;
        for (std::size_t k = 1; k < length; ++k) {
            const auto next = static_cast<unsigned char>(text[i + k]);
            if ((next & 0xC0u) != 0x80u) return false;
            code = (code << 6) | (next & 0x3Fu);
        }
        const bool overlong = (length == 3 && code < 0x800) || (length == 4 && code < 0x10000);
        if (overlong || (code >= 0xD800 && code <= 0xDFFF) || code > 0x10FFFF) return false;
        i += length;
    }
    return true;
}

/// An error a reader returns must be one callers can branch on and show: a known code, a
/// non-empty UTF-8 message and field, and it must be writable as JSON.
inline void check_error(const Error& error) {
    TICKETFLOW_FUZZ_CHECK(static_cast<std::size_t>(error.code) <
                          EnumNames<ErrorCode>::names.size());
    TICKETFLOW_FUZZ_CHECK(!error.message.empty());
    // A reader that quotes invalid input in its message is a known, frequent finding; while it is
    // open, a long run may set TICKETFLOW_FUZZ_MASK_UTF8_MESSAGES=1 so that it does not hide
    // everything else. The replay never sets it.
    static const bool masked = std::getenv("TICKETFLOW_FUZZ_MASK_UTF8_MESSAGES") != nullptr;
    if (!masked) {
        TICKETFLOW_FUZZ_CHECK(valid_utf8(error.message));
        TICKETFLOW_FUZZ_CHECK(valid_utf8(error.field));
    }
}

/// As `check_error`, for errors of bad input: they must say `validation_failed`.
inline void check_validation_error(const Error& error) {
    check_error(error);
    TICKETFLOW_FUZZ_CHECK(error.code == ErrorCode::validation_failed);
}

/// A timestamp a reader accepted must lie in the range of time (years 1-9999 UTC).
inline void check_in_range(Timestamp t) {
    TICKETFLOW_FUZZ_CHECK(in_range(t));
}
inline void check_in_range(const std::optional<Timestamp>& t) {
    if (t) check_in_range(*t);
}

/// The input parsed as JSON, or nothing when it is not JSON (the parser is nlohmann's, not ours).
inline std::optional<nlohmann::json> parse_json(const std::uint8_t* data, std::size_t size) {
    nlohmann::json document = nlohmann::json::parse(data, data + size, nullptr, false);
    if (document.is_discarded()) return std::nullopt;
    return document;
}

/// The JSON text of `document`. A document a reader produced must dump: a `type_error` here (316,
/// invalid UTF-8) would fail later in a store or a Python caller instead.
inline std::string dump_or_trap(const nlohmann::json& document) {
    try {
        return document.dump();
    } catch (const nlohmann::json::exception& e) {
        std::fprintf(stderr, "dump() threw: %s\n", e.what());
        __builtin_trap();
    }
}

/// Reads `document` as a `T` with the reader's contract: a value, or `ticketflow::Exception` with
/// `validation_failed`. Any other exception escaping is a violation (none may cross the API).
template <class T>
std::optional<T> read_as(const nlohmann::json& document) {
    try {
        return document.get<T>();
    } catch (const Exception& e) {
        check_validation_error(e.error());
        return std::nullopt;
    }
}

/// What every value a JSON reader accepted must do: write to JSON, dump, and read back equal.
template <class T>
void check_round_trip(const T& value) {
    const nlohmann::json written = value;
    const std::string text = dump_or_trap(written);
    std::optional<T> again;
    try {
        again = nlohmann::json::parse(text).get<T>();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "reading back what was written threw: %s\n%s\n", e.what(),
                     text.c_str());
        __builtin_trap();
    }
    TICKETFLOW_FUZZ_CHECK(*again == value);
}

}  // namespace ticketflow::fuzz
