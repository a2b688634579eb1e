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
    void field(const char* name, T& member) const {
        const auto it = json_.find(name);
        if (it == json_.end()) return;
        read_value(*it, path_.empty() ? std::string(name) : path_ + "." + name, member);
    }

  private:
    const json& json_;
    std::string path_;
};

/// Restricts a `fields` overload to `Type`, whether it is read (mutable) or written (const).
template <class Self, class Type>
using For = std::enable_if_t<std::is_same_v<std::remove_const_t<Self>, Type>>;

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
    r.field("team", v.team);
    r.field("owner", v.owner);
    r.field("collaborators", v.collaborators);
    r.field("created_at", v.created_at);
    r.field("updated_at", v.updated_at);
    r.field("resolved_at", v.resolved_at);
    r.field("closed_at", v.closed_at);
    r.field("solution", v.solution);
    r.field("satisfaction", v.satisfaction);
    r.field("reject_count", v.reject_count);
    r.field("reopen_count", v.reopen_count);
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

/// One JSON object being written: the same `fields` lists drive reading and writing, so a
/// field's name is spelled once. Empty optionals are written as null.
class Writer {
  public:
    explicit Writer(json& j) : json_(j) { json_ = json::object(); }

    template <class T>
    void field(const char* name, const T& member) const {
        json_[name] = member;
    }
    template <class T>
    void field(const char* name, const std::optional<T>& member) const {
        json_[name] = member ? json(*member) : json(nullptr);
    }

  private:
    json& json_;
};

/// Writes `value` as an object with the members its `fields` list names.
template <class T>
void write_document(json& j, const T& value) {
    fields(Writer{j}, value);
}

}  // namespace

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
    ticketflow::read_document(j, t);
}

}  // namespace nlohmann
