#pragma once
/// \file
/// nlohmann/json conversion for every public value type.
///
/// Conventions (see docs/json.md):
/// - Enumerations are their names (`"urgent"`), timestamps ISO 8601 UTC strings, dates
/// `YYYY-MM-DD`,
///   ids their plain value, absent optionals are `null` or left out.
/// - Reading is tolerant of *unknown* fields — they are ignored, so a newer writer's documents
///   still load — and strict about *known* ones: a wrong type or an unknown enumerator throws
///   `ticketflow::Exception` with `validation_failed` and the field's path. Missing fields take
///   their defaults, so a minimal draft is `{"title": …, "description": …, "customer": {"name":
///   …}}`.
/// - `from_json_checked<T>()` returns the same failure as a `Result` instead of throwing.

#include <nlohmann/json.hpp>

#include <ticketflow/core/audit.hpp>
#include <ticketflow/core/error.hpp>
#include <ticketflow/core/result.hpp>
#include <ticketflow/core/ticket.hpp>
#include <ticketflow/core/ticket_condition.hpp>

namespace ticketflow {

void to_json(nlohmann::json& j, const Date& v);
void from_json(const nlohmann::json& j, Date& v);
void to_json(nlohmann::json& j, const Customer& v);
void from_json(const nlohmann::json& j, Customer& v);
void to_json(nlohmann::json& j, const Product& v);
void from_json(const nlohmann::json& j, Product& v);
void to_json(nlohmann::json& j, const Attachment& v);
void from_json(const nlohmann::json& j, Attachment& v);
void to_json(nlohmann::json& j, const Satisfaction& v);
void from_json(const nlohmann::json& j, Satisfaction& v);
void to_json(nlohmann::json& j, const TicketDraft& v);
void from_json(const nlohmann::json& j, TicketDraft& v);
void to_json(nlohmann::json& j, const Ticket& v);
void from_json(const nlohmann::json& j, Ticket& v);
void to_json(nlohmann::json& j, const Actor& v);
void from_json(const nlohmann::json& j, Actor& v);
void to_json(nlohmann::json& j, const FieldChange& v);
void from_json(const nlohmann::json& j, FieldChange& v);
void to_json(nlohmann::json& j, const AuditEvent& v);
void from_json(const nlohmann::json& j, AuditEvent& v);
void to_json(nlohmann::json& j, const TicketCondition& v);
void from_json(const nlohmann::json& j, TicketCondition& v);
void to_json(nlohmann::json& j, const Error& v);
void from_json(const nlohmann::json& j, Error& v);

/// Parses `j` as a `T`, turning any type or value error into a `validation_failed` result.
template <class T>
Result<T> from_json_checked(const nlohmann::json& j) {
    try {
        return j.get<T>();
    } catch (const Exception& e) {
        return e.error();
    } catch (const nlohmann::json::exception& e) {
        return validation_error("", e.what());
    }
}

}  // namespace ticketflow

// Enumerations, timestamps and strong ids: names, ISO strings, and plain values.
namespace nlohmann {
template <class Tag, class Rep>
struct adl_serializer<ticketflow::StrongId<Tag, Rep>> {
    static void to_json(json& j, const ticketflow::StrongId<Tag, Rep>& id) { j = id.value(); }
    static void from_json(const json& j, ticketflow::StrongId<Tag, Rep>& id) {
        id = ticketflow::StrongId<Tag, Rep>{j.get<Rep>()};
    }
};
template <>
struct adl_serializer<ticketflow::Timestamp> {
    static void to_json(json& j, const ticketflow::Timestamp& t);
    static void from_json(const json& j, ticketflow::Timestamp& t);
};
}  // namespace nlohmann

namespace ticketflow {
/// Enumerations serialise as their names; an unknown name is a validation error.
template <class Enum, class = decltype(EnumNames<Enum>::names)>
void to_json(nlohmann::json& j, Enum value) {
    j = std::string(to_string(value));
}
template <class Enum, class = decltype(EnumNames<Enum>::names)>
void from_json(const nlohmann::json& j, Enum& value) {
    const auto parsed = parse_enum<Enum>(j.get<std::string>());
    if (!parsed)
        throw Exception(validation_error("", "unknown value '" + j.get<std::string>() + "'"));
    value = *parsed;
}
}  // namespace ticketflow
