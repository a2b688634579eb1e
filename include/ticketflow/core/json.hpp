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
/// - Every string must be valid UTF-8; invalid bytes are refused with `validation_failed` naming
///   the path, so whatever is read can be written again.
/// - `from_json_checked<T>()` returns the same failure as a `Result` instead of throwing.
/// - The `from_json` functions are nlohmann's adapters (`j.get<T>()`), and nlohmann reports
///   failure by exception: they throw `ticketflow::Exception`, never nlohmann's exceptions.
///   Everywhere else ticketflow returns `Result`; see docs/errors.md.

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
        // Only a conversion outside ticketflow's readers (a user's own type) gets here; it names
        // no path, so the document as a whole is refused.
        return validation_error("", e.what());
    }
}

namespace detail {
/// The plain value of a strong id, read with the checks every reader makes (type, range, UTF-8);
/// throws `Exception` with `validation_failed`.
void read_id(const nlohmann::json& j, std::string& out);
void read_id(const nlohmann::json& j, std::uint64_t& out);
}  // namespace detail

}  // namespace ticketflow

// Enumerations, timestamps and strong ids: names, ISO strings, and plain values.
namespace nlohmann {
template <class Tag, class Rep>
struct adl_serializer<ticketflow::StrongId<Tag, Rep>> {
    static void to_json(json& j, const ticketflow::StrongId<Tag, Rep>& id) { j = id.value(); }
    static void from_json(const json& j, ticketflow::StrongId<Tag, Rep>& id) {
        Rep value{};
        ticketflow::detail::read_id(j, value);
        id = ticketflow::StrongId<Tag, Rep>{std::move(value)};
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
    std::string name;
    detail::read_id(j, name);  // a string of valid UTF-8, or Exception
    const auto parsed = parse_enum<Enum>(name);
    if (!parsed) throw Exception(validation_error("", "unknown value '" + name + "'"));
    value = *parsed;
}
}  // namespace ticketflow
