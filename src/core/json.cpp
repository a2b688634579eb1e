#include <limits>
#include <type_traits>

#include <ticketflow/core/json.hpp>

namespace ticketflow {
namespace {

using nlohmann::json;

/// Throws the `validation_failed` error every reading mistake becomes.
[[noreturn]] void fail(const std::string& path, const std::string& what) {
    Error error = validation_error(path, what);
    if (path.empty()) error.message = what;  // the document itself is wrong: no "field: " prefix
    throw Exception(std::move(error));
}

std::string got(const json& j) {
    return std::string(", got ") + j.type_name();
}

class Reader;

// Every reader is declared before any template uses it: the templates call each other for
// nested values, and unqualified lookup only sees what is declared above the template.
void read_value(const json& j, const std::string& path, std::string& out);
void read_value(const json& j, const std::string& path, Timestamp& out);
void read_value(const json& j, const std::string& path, Date& out);
template <class Int, std::enable_if_t<std::is_integral_v<Int>, int> = 0>
void read_value(const json& j, const std::string& path, Int& out);
template <class Enum, class = decltype(EnumNames<Enum>::names)>
void read_value(const json& j, const std::string& path, Enum& out);
template <class Tag, class Rep>
void read_value(const json& j, const std::string& path, StrongId<Tag, Rep>& out);
template <class T>
void read_value(const json& j, const std::string& path, std::optional<T>& out);
template <class T>
void read_value(const json& j, const std::string& path, std::vector<T>& out);
template <class T>
auto read_value(const json& j, const std::string& path, T& out)
    -> decltype(fields(std::declval<const Reader&>(), out));

/// One JSON object being read, and where it sits in the document ("customer",
/// "attachments[1]"), so errors name the full path of the offending field.
class Reader {
  public:
    Reader(const json& j, std::string path) : json_(j), path_(std::move(path)) {
        if (!j.is_object()) fail(path_, "expected an object" + got(j));
    }

    /// Reads member `name` into `member`; a missing member keeps its current (default) value.
    template <class T>
    void get(const char* name, T& member) const {
        const auto it = json_.find(name);
        if (it == json_.end()) return;
        read_value(*it, path_.empty() ? std::string(name) : path_ + "." + name, member);
    }

  private:
    const json& json_;
    std::string path_;
};

void fields(const Reader& r, Customer& v) {
    r.get("id", v.id);
    r.get("name", v.name);
    r.get("contact_person", v.contact_person);
    r.get("phone", v.phone);
    r.get("email", v.email);
    r.get("tier", v.tier);
    r.get("tags", v.tags);
}

void fields(const Reader& r, Product& v) {
    r.get("model", v.model);
    r.get("serial_number", v.serial_number);
    r.get("contract_number", v.contract_number);
    r.get("purchase_date", v.purchase_date);
    r.get("warranty_end", v.warranty_end);
}

void fields(const Reader& r, Attachment& v) {
    r.get("name", v.name);
    r.get("media_type", v.media_type);
    r.get("size_bytes", v.size_bytes);
    r.get("uri", v.uri);
}

void fields(const Reader& r, Satisfaction& v) {
    r.get("score", v.score);
    r.get("comment", v.comment);
}

void fields(const Reader& r, TicketDraft& v) {
    r.get("customer", v.customer);
    r.get("product", v.product);
    r.get("channel", v.channel);
    r.get("title", v.title);
    r.get("description", v.description);
    r.get("occurred_at", v.occurred_at);
    r.get("environment", v.environment);
    r.get("steps_tried", v.steps_tried);
    r.get("category", v.category);
    r.get("keywords", v.keywords);
    r.get("priority", v.priority);
    r.get("requested_outcome", v.requested_outcome);
    r.get("attachments", v.attachments);
}

void fields(const Reader& r, Ticket& v) {
    fields(r, static_cast<TicketDraft&>(v));  // a ticket document is flat: draft fields first
    r.get("id", v.id);
    r.get("number", v.number);
    r.get("state", v.state);
    r.get("team", v.team);
    r.get("owner", v.owner);
    r.get("collaborators", v.collaborators);
    r.get("created_at", v.created_at);
    r.get("updated_at", v.updated_at);
    r.get("resolved_at", v.resolved_at);
    r.get("closed_at", v.closed_at);
    r.get("solution", v.solution);
    r.get("satisfaction", v.satisfaction);
    r.get("reject_count", v.reject_count);
    r.get("reopen_count", v.reopen_count);
    r.get("version", v.version);
}

void fields(const Reader& r, Actor& v) {
    r.get("id", v.id);
    r.get("role", v.role);
}

void fields(const Reader& r, FieldChange& v) {
    r.get("field", v.field);
    r.get("before", v.before);
    r.get("after", v.after);
}

void fields(const Reader& r, AuditEvent& v) {
    r.get("ticket", v.ticket);
    r.get("sequence", v.sequence);
    r.get("at", v.at);
    r.get("actor", v.actor);
    r.get("action", v.action);
    r.get("changes", v.changes);
    r.get("reason", v.reason);
    r.get("note", v.note);
    r.get("visibility", v.visibility);
}

void fields(const Reader& r, Error& v) {
    r.get("code", v.code);
    r.get("message", v.message);
    r.get("field", v.field);
    r.get("ticket", v.ticket);
    r.get("ticket_number", v.ticket_number);
    r.get("state", v.state);
    r.get("event", v.event);
}

void read_value(const json& j, const std::string& path, std::string& out) {
    if (!j.is_string()) fail(path, "expected a string" + got(j));
    out = j.get<std::string>();
}

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

template <class Int>
bool fits(const json& j) {
    if (j.is_number_unsigned()) {
        return j.get<std::uint64_t>() <=
               static_cast<std::uint64_t>(std::numeric_limits<Int>::max());
    }
    const auto value = j.get<std::int64_t>();
    if (value < 0) {
        return std::is_signed_v<Int> &&
               value >= static_cast<std::int64_t>(std::numeric_limits<Int>::min());
    }
    return static_cast<std::uint64_t>(value) <=
           static_cast<std::uint64_t>(std::numeric_limits<Int>::max());
}

template <class Int, std::enable_if_t<std::is_integral_v<Int>, int>>
void read_value(const json& j, const std::string& path, Int& out) {
    // Floats are refused even when whole: a count or a size is never 3.5, and 3.0 hints at a bug.
    if (!j.is_number_integer()) fail(path, "expected an integer" + got(j));
    if (!fits<Int>(j)) fail(path, "integer " + j.dump() + " is out of range");
    out = j.get<Int>();
}

template <class Enum, class>
void read_value(const json& j, const std::string& path, Enum& out) {
    std::string name;
    read_value(j, path, name);
    const auto parsed = parse_enum<Enum>(name);
    if (!parsed) {
        std::string known;
        for (const auto candidate : EnumNames<Enum>::names) {
            known += (known.empty() ? "" : ", ") + std::string(candidate);
        }
        fail(path, "unknown value '" + name + "' (expected one of: " + known + ")");
    }
    out = *parsed;
}

template <class Tag, class Rep>
void read_value(const json& j, const std::string& path, StrongId<Tag, Rep>& out) {
    Rep value{};
    read_value(j, path, value);
    out = StrongId<Tag, Rep>{std::move(value)};
}

template <class T>
void read_value(const json& j, const std::string& path, std::optional<T>& out) {
    if (j.is_null()) {
        out.reset();
        return;
    }
    T value{};
    read_value(j, path, value);
    out = std::move(value);
}

template <class T>
void read_value(const json& j, const std::string& path, std::vector<T>& out) {
    if (!j.is_array()) fail(path, "expected an array" + got(j));
    std::vector<T> values(j.size());
    for (std::size_t i = 0; i < values.size(); ++i) {
        read_value(j[i], path + "[" + std::to_string(i) + "]", values[i]);
    }
    out = std::move(values);
}

template <class T>
auto read_value(const json& j, const std::string& path, T& out)
    -> decltype(fields(std::declval<const Reader&>(), out)) {
    fields(Reader{j, path}, out);
}

/// Reads a whole document into `out`; on failure `out` is left unchanged.
template <class T>
void read_document(const json& j, T& out) {
    T value{};
    read_value(j, "", value);
    out = std::move(value);
}

/// `null` for an empty optional, the value otherwise.
template <class T>
json or_null(const std::optional<T>& value) {
    return value ? json(*value) : json(nullptr);
}

}  // namespace

void to_json(json& j, const Date& v) {
    j = to_string(v);
}
void from_json(const json& j, Date& v) {
    read_document(j, v);
}

void to_json(json& j, const Customer& v) {
    j = json{
        {"id", v.id},       {"name", v.name},   {"contact_person", v.contact_person},
        {"phone", v.phone}, {"email", v.email}, {"tier", v.tier},
        {"tags", v.tags},
    };
}
void from_json(const json& j, Customer& v) {
    read_document(j, v);
}

void to_json(json& j, const Product& v) {
    j = json{{"model", v.model},
             {"serial_number", v.serial_number},
             {"contract_number", v.contract_number},
             {"purchase_date", or_null(v.purchase_date)},
             {"warranty_end", or_null(v.warranty_end)}};
}
void from_json(const json& j, Product& v) {
    read_document(j, v);
}

void to_json(json& j, const Attachment& v) {
    j = json{{"name", v.name},
             {"media_type", v.media_type},
             {"size_bytes", v.size_bytes},
             {"uri", v.uri}};
}
void from_json(const json& j, Attachment& v) {
    read_document(j, v);
}

void to_json(json& j, const Satisfaction& v) {
    j = json{{"score", v.score}, {"comment", v.comment}};
}
void from_json(const json& j, Satisfaction& v) {
    read_document(j, v);
}

void to_json(json& j, const TicketDraft& v) {
    j = json{{"customer", v.customer},       {"product", v.product},
             {"channel", v.channel},         {"title", v.title},
             {"description", v.description}, {"occurred_at", or_null(v.occurred_at)},
             {"environment", v.environment}, {"steps_tried", v.steps_tried},
             {"category", v.category},       {"keywords", v.keywords},
             {"priority", v.priority},       {"requested_outcome", v.requested_outcome},
             {"attachments", v.attachments}};
}
void from_json(const json& j, TicketDraft& v) {
    read_document(j, v);
}

void to_json(json& j, const Ticket& v) {
    to_json(j, static_cast<const TicketDraft&>(v));
    j["id"] = v.id;
    j["number"] = v.number;
    j["state"] = v.state;
    j["team"] = v.team;
    j["owner"] = v.owner;
    j["collaborators"] = v.collaborators;
    j["created_at"] = v.created_at;
    j["updated_at"] = v.updated_at;
    j["resolved_at"] = or_null(v.resolved_at);
    j["closed_at"] = or_null(v.closed_at);
    j["solution"] = v.solution;
    j["satisfaction"] = or_null(v.satisfaction);
    j["reject_count"] = v.reject_count;
    j["reopen_count"] = v.reopen_count;
    j["version"] = v.version;
}
void from_json(const json& j, Ticket& v) {
    read_document(j, v);
}

void to_json(json& j, const Actor& v) {
    j = json{{"id", v.id}, {"role", v.role}};
}
void from_json(const json& j, Actor& v) {
    read_document(j, v);
}

void to_json(json& j, const FieldChange& v) {
    j = json{{"field", v.field}, {"before", v.before}, {"after", v.after}};
}
void from_json(const json& j, FieldChange& v) {
    read_document(j, v);
}

void to_json(json& j, const AuditEvent& v) {
    j = json{
        {"ticket", v.ticket}, {"sequence", v.sequence}, {"at", v.at},
        {"actor", v.actor},   {"action", v.action},     {"changes", v.changes},
        {"reason", v.reason}, {"note", v.note},         {"visibility", v.visibility},
    };
}
void from_json(const json& j, AuditEvent& v) {
    read_document(j, v);
}

void to_json(json& j, const Error& v) {
    j = json{{"code", v.code},
             {"message", v.message},
             {"field", v.field},
             {"ticket", or_null(v.ticket)},
             {"ticket_number", v.ticket_number},
             {"state", or_null(v.state)},
             {"event", or_null(v.event)}};
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
    ticketflow::read_document(j, t);
}

}  // namespace nlohmann
