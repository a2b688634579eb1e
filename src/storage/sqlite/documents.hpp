#pragma once
// Tickets and audit events as the JSON documents the store keeps in its `document` columns.

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include <ticketflow/core/json.hpp>
#include <ticketflow/core/result.hpp>

#include "storage/sqlite/errors.hpp"
#include "storage/store_errors.hpp"

namespace ticketflow::detail::sqlite {

/// The text of `document`; text that is not valid UTF-8 is a `validation_failed` error.
inline std::string encode(const nlohmann::json& document) {
    try {
        return document.dump();
    } catch (const nlohmann::json::exception& e) {
        throw Exception(
            validation_error("", std::string("cannot store the document: ") + e.what()));
    }
}

/// The JSON text of `value`.
template <class T>
std::string encode(const T& value) {
    return encode(nlohmann::json(value));
}

/// Parses a stored document of `ticket`; one that cannot be read (malformed JSON, a missing or
/// mistyped field, a time outside the range of time) is `corrupt` for that ticket, naming `what`.
/// Never throws, so that one damaged row is reported for its ticket alone.
template <class T>
Result<T> decode(std::string_view text, TicketId ticket, std::string_view what) {
    const auto unreadable = [&](std::string_view why) {
        return corrupt_ticket(ticket, std::string(what) + " is unreadable: " + std::string(why));
    };
    try {
        return nlohmann::json::parse(text).get<T>();
    } catch (const nlohmann::json::exception& e) {
        return unreadable(e.what());
    } catch (const Exception& e) {
        return unreadable(e.error().message);
    }
}

}  // namespace ticketflow::detail::sqlite
