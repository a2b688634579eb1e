#pragma once
// Tickets and audit events as the JSON documents the store keeps in its `document` columns.

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include <ticketflow/core/json.hpp>

#include "storage/sqlite/errors.hpp"

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

/// Parses a stored document; one that does not parse is a `storage_failure` naming `what`.
template <class T>
T decode(std::string_view text, const std::string& path, std::string_view what) {
    try {
        return nlohmann::json::parse(text).get<T>();
    } catch (const nlohmann::json::exception& e) {
        throw Exception(
            storage_error(path, "the stored " + std::string(what) + " is unreadable: " + e.what()));
    } catch (const Exception& e) {
        throw Exception(storage_error(
            path, "the stored " + std::string(what) + " is unreadable: " + e.error().message));
    }
}

}  // namespace ticketflow::detail::sqlite
