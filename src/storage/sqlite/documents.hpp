#pragma once
// Tickets and audit events as the JSON documents the store keeps in its `document` columns.

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include <ticketflow/core/json.hpp>

#include "storage/sqlite/errors.hpp"

namespace ticketflow::detail::sqlite {

/// The JSON text of `value`; text that is not valid UTF-8 is a `validation_failed` error.
template <class T>
std::string encode(const T& value) {
    try {
        return nlohmann::json(value).dump();
    } catch (const nlohmann::json::exception& e) {
        throw Exception(
            validation_error("", std::string("cannot store the document: ") + e.what()));
    }
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
