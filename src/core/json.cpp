#include <ticketflow/core/json.hpp>

#include "core/condition_fields.hpp"
#include "core/json_reader.hpp"

namespace ticketflow {

using detail::For;
using detail::read_document;
using detail::write_document;
using nlohmann::json;

/// The TicketDraft part of a Ticket, keeping its constness.
template <class Self>
auto& draft_of(Self& ticket) {
    using Draft = std::conditional_t<std::is_const_v<Self>, const TicketDraft, TicketDraft>;
    return static_cast<Draft&>(ticket);
}

template <class Visitor, class Self>
For<Self, Customer> fields(const Visitor& r, Self& v) {
    r.field("id", v.id);
    r.field("name", v.name);
    r.field("contact_person", v.contact_person);
    r.field("phone", v.phone);
    r.field("email", v.email);
    r.field("tier", v.tier);
    r.field("tags", v.tags);
}

template <class Visitor, class Self>
For<Self, Product> fields(const Visitor& r, Self& v) {
    r.field("model", v.model);
    r.field("serial_number", v.serial_number);
    r.field("contract_number", v.contract_number);
    r.field("purchase_date", v.purchase_date);
    r.field("warranty_end", v.warranty_end);
}

template <class Visitor, class Self>
For<Self, Attachment> fields(const Visitor& r, Self& v) {
    r.field("name", v.name);
    r.field("media_type", v.media_type);
    r.field("size_bytes", v.size_bytes);
    r.field("uri", v.uri);
}

template <class Visitor, class Self>
For<Self, Satisfaction> fields(const Visitor& r, Self& v) {
    r.field("score", v.score);
    r.field("comment", v.comment);
}

template <class Visitor, class Self>
For<Self, TicketDraft> fields(const Visitor& r, Self& v) {
    r.field("customer", v.customer);
    r.field("product", v.product);
    r.field("channel", v.channel);
    r.field("title", v.title);
    r.field("description", v.description);
    r.field("occurred_at", v.occurred_at);
    r.field("environment", v.environment);
    r.field("steps_tried", v.steps_tried);
    r.field("region", v.region);
    r.field("category", v.category);
    r.field("keywords", v.keywords);
    r.field("priority", v.priority);
    r.field("requested_outcome", v.requested_outcome);
    r.field("attachments", v.attachments);
}

template <class Visitor, class Self>
For<Self, Ticket> fields(const Visitor& r, Self& v) {
    fields(r, draft_of(v));  // a ticket document is flat: draft fields first
    r.field("id", v.id);
    r.field("number", v.number);
    r.field("state", v.state);
    r.field("status", v.status);
    r.field("status_since", v.status_since);
    r.field("team", v.team);
    r.field("owner", v.owner);
    r.field("collaborators", v.collaborators);
    r.field("collaborator_roles", v.collaborator_roles);
    r.field("tags", v.tags);
    r.field("created_at", v.created_at);
    r.field("updated_at", v.updated_at);
    r.field("resolved_at", v.resolved_at);
    r.field("closed_at", v.closed_at);
    r.field("solution", v.solution);
    r.field("closure_code", v.closure_code);
    r.field("satisfaction", v.satisfaction);
    r.field("reject_count", v.reject_count);
    r.field("reopen_count", v.reopen_count);
    r.field("sla_clocks", v.sla_clocks);
    r.field("version", v.version);
}

template <class Visitor, class Self>
For<Self, Actor> fields(const Visitor& r, Self& v) {
    r.field("id", v.id);
    r.field("role", v.role);
}

template <class Visitor, class Self>
For<Self, FieldChange> fields(const Visitor& r, Self& v) {
    r.field("field", v.field);
    r.field("before", v.before);
    r.field("after", v.after);
}

template <class Visitor, class Self>
For<Self, AuditEvent> fields(const Visitor& r, Self& v) {
    r.field("ticket", v.ticket);
    r.field("sequence", v.sequence);
    r.field("at", v.at);
    r.field("actor", v.actor);
    r.field("action", v.action);
    r.field("changes", v.changes);
    r.field("reason", v.reason);
    r.field("note", v.note);
    r.field("visibility", v.visibility);
    r.field("details", v.details);
}

template <class Visitor, class Self>
For<Self, Error> fields(const Visitor& r, Self& v) {
    r.field("code", v.code);
    r.field("message", v.message);
    r.field("field", v.field);
    r.field("ticket", v.ticket);
    r.field("ticket_number", v.ticket_number);
    r.field("state", v.state);
    r.field("event", v.event);
}

namespace detail {

void read_value(const json& j, const std::string& path, Timestamp& out) {
    std::string text;
    read_value(j, path, text);
    const auto parsed = parse_iso8601(text);
    if (!parsed) {
        fail(path,
             "'" + text + "' is not an ISO 8601 time with an offset, e.g. 2023-10-01T08:30:00Z");
    }
    out = *parsed;
}

void read_value(const json& j, const std::string& path, Date& out) {
    std::string text;
    read_value(j, path, text);
    const auto parsed = parse_date(text);
    if (!parsed) fail(path, "'" + text + "' is not a calendar date YYYY-MM-DD");
    out = *parsed;
}

void read_value(const json& j, const std::string& path, std::chrono::seconds& out) {
    if (j.is_number_integer()) {
        out = std::chrono::seconds{j.get<std::int64_t>()};
        return;
    }
    std::string text;
    read_value(j, path, text);
    const auto parsed = parse_duration(text);
    if (!parsed) fail(path, "'" + text + "' is not a duration such as 90s, 15m, 4h, 7d or 1h30m");
    out = *parsed;
}

void read_id(const json& j, std::string& out) {
    read_document(j, out);
}

void read_id(const json& j, std::uint64_t& out) {
    read_document(j, out);
}

}  // namespace detail

void to_json(json& j, const Date& v) {
    j = to_string(v);
}
void from_json(const json& j, Date& v) {
    read_document(j, v);
}

void to_json(json& j, const Customer& v) {
    write_document(j, v);
}
void from_json(const json& j, Customer& v) {
    read_document(j, v);
}

void to_json(json& j, const Product& v) {
    write_document(j, v);
}
void from_json(const json& j, Product& v) {
    read_document(j, v);
}

void to_json(json& j, const Attachment& v) {
    write_document(j, v);
}
void from_json(const json& j, Attachment& v) {
    read_document(j, v);
}

void to_json(json& j, const Satisfaction& v) {
    write_document(j, v);
}
void from_json(const json& j, Satisfaction& v) {
    read_document(j, v);
}

void to_json(json& j, const TicketDraft& v) {
    write_document(j, v);
}
void from_json(const json& j, TicketDraft& v) {
    read_document(j, v);
}

void to_json(json& j, const Ticket& v) {
    write_document(j, v);
}
void from_json(const json& j, Ticket& v) {
    read_document(j, v);
}

void to_json(json& j, const Actor& v) {
    write_document(j, v);
}
void from_json(const json& j, Actor& v) {
    read_document(j, v);
}

void to_json(json& j, const FieldChange& v) {
    write_document(j, v);
}
void from_json(const json& j, FieldChange& v) {
    read_document(j, v);
}

void to_json(json& j, const AuditEvent& v) {
    write_document(j, v);
}
void from_json(const json& j, AuditEvent& v) {
    read_document(j, v);
}

void to_json(json& j, const TicketCondition& v) {
    write_document(j, v);
}
void from_json(const json& j, TicketCondition& v) {
    read_document(j, v);
}

void to_json(json& j, const Error& v) {
    write_document(j, v);
}
void from_json(const json& j, Error& v) {
    read_document(j, v);
}

}  // namespace ticketflow

namespace nlohmann {

void adl_serializer<ticketflow::Timestamp>::to_json(json& j, const ticketflow::Timestamp& t) {
    j = ticketflow::to_iso8601(t);
}

void adl_serializer<ticketflow::Timestamp>::from_json(const json& j, ticketflow::Timestamp& t) {
    ticketflow::detail::read_document(j, t);
}

}  // namespace nlohmann
