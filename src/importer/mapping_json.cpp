// Reading a mapping from JSON, strictly: see docs/import.md for every key.
#include <fstream>
#include <sstream>

#include <ticketflow/importer/mapping.hpp>

#include "importer/open_file.hpp"
#include "importer/strict_json.hpp"

namespace ticketflow::importer {
namespace {

using detail::fail;
using detail::json;
using detail::Object;

std::vector<std::string> read_notes(const json& j, const std::string& path) {
    if (j.is_string()) return {detail::text(j, path)};
    if (!j.is_array())
        fail(path, std::string("expected a string or an array of strings, got ") + j.type_name());
    std::vector<std::string> notes;
    for (std::size_t i = 0; i < j.size(); ++i) {
        notes.push_back(detail::text(j[i], path + "[" + std::to_string(i) + "]"));
    }
    return notes;
}

// A text: a template string, or an object with column, template, values and default.
TextSource read_text(const json& j, const std::string& path) {
    TextSource source;
    if (j.is_string()) {
        source.template_text = detail::text(j, path);
        return source;
    }
    const Object o(j, path, {"column", "template", "values", "default"});
    o.read("column", source.column);
    o.read("template", source.template_text);
    if (const json* values = o.find("values")) {
        if (!values->is_object()) fail(o.at("values"), "expected an object of value: text");
        for (const auto& item : values->items()) {
            const std::string at = detail::join(o.at("values"), item.key());
            source.values[item.key()] = detail::text(item.value(), at);
        }
    }
    if (const json* d = o.find("default")) source.fallback = detail::text(*d, o.at("default"));
    if (!source.column.empty() && !source.template_text.empty()) {
        fail(path, "give a column or a template, not both");
    }
    if (source.column.empty() && source.template_text.empty() && !source.fallback) {
        fail(path, "give a column, a template or a default");
    }
    return source;
}

PrioritySource read_priority(const json& j, const std::string& path) {
    PrioritySource source;
    const Object o(j, path, {"column", "values", "default"});
    source.column = o.column("column");
    if (const json* values = o.find("values")) {
        if (!values->is_object()) fail(o.at("values"), "expected an object of value: priority");
        for (const auto& item : values->items()) {
            const std::string at = detail::join(o.at("values"), item.key());
            source.values[item.key()] = detail::enumerator<Priority>(item.value(), at, "priority");
        }
    }
    if (const json* d = o.find("default")) {
        if (d->is_null()) {
            source.fallback.reset();
        } else {
            source.fallback = detail::enumerator<Priority>(*d, o.at("default"), "priority");
        }
    }
    return source;
}

DraftSource read_draft(const json& j, const std::string& path) {
    DraftSource draft;
    const Object o(j, path,
                   {"title", "description", "category", "customer_id", "customer_name",
                    "product_model", "channel"});
    const std::pair<const char*, TextSource*> texts[] = {
        {"title", &draft.title},
        {"description", &draft.description},
        {"category", &draft.category},
        {"customer_id", &draft.customer_id},
        {"customer_name", &draft.customer_name},
        {"product_model", &draft.product_model},
    };
    for (const auto& [key, target] : texts) {
        if (const json* value = o.find(key)) *target = read_text(*value, o.at(key));
    }
    o.read_enum("channel", draft.channel, "channel");
    return draft;
}

// The keys of which exactly one says what kind of command it is.
constexpr std::string_view kind_keys[] = {"event", "note",   "set_priority",
                                          "open",  "ignore", "follow"};

Command read_command(const Object& o) {
    Command command;
    int kinds = 0;
    for (const auto key : kind_keys) kinds += o.has(key) ? 1 : 0;
    if (kinds != 1) {
        fail(o.path(), "give exactly one of event, note, set_priority, open, ignore, follow");
    }
    if (const json* e = o.find("event")) {
        command.kind = ActionKind::event;
        command.event = detail::enumerator<LifecycleEvent>(*e, o.at("event"), "lifecycle event");
    } else if (const json* n = o.find("note")) {
        command.kind = ActionKind::note;
        command.message = detail::text(*n, o.at("note"));
    } else if (const json* p = o.find("set_priority")) {
        command.kind = ActionKind::priority;
        // true: the row's priority column decides; a name: that priority.
        if (!p->is_boolean() || !p->get<bool>()) {
            command.priority = detail::enumerator<Priority>(*p, o.at("set_priority"), "priority");
        }
    } else {
        const char* key = o.has("open") ? "open" : o.has("ignore") ? "ignore" : "follow";
        if (!detail::boolean(*o.find(key), o.at(key))) fail(o.at(key), "may only be true");
        command.kind = o.has("open")     ? ActionKind::open
                       : o.has("ignore") ? ActionKind::ignore
                                         : ActionKind::follow;
    }
    o.read_enum("role", command.role, "role");
    o.read("reason", command.reason);
    o.read("message", command.message);
    o.read("solution", command.solution);
    o.read("status", command.status);
    o.read("closure_code", command.closure_code);
    if (const json* s = o.find("satisfaction")) {
        if (!s->is_number_integer() || s->get<std::int64_t>() < 1 || s->get<std::int64_t>() > 5) {
            fail(o.at("satisfaction"), "expected a score from 1 to 5");
        }
        command.satisfaction = s->get<int>();
    }
    o.read("team_from_row", command.team_from_row);
    o.read("follow_team", command.follow_team);
    o.read("follow_owner", command.follow_owner);
    o.read("follow_after", command.follow_after);
    return command;
}

#define TICKETFLOW_COMMAND_KEYS                                                               \
    "event", "note", "set_priority", "open", "ignore", "follow", "role", "reason", "message", \
        "solution", "status", "closure_code", "satisfaction", "team_from_row", "follow_team", \
        "follow_owner", "follow_after"

Activity read_activity(const json& j, const std::string& path) {
    const Object o(j, path, {TICKETFLOW_COMMAND_KEYS, "when"});
    Activity activity;
    activity.command = read_command(o);
    if (const json* when = o.find("when")) {
        const std::string at = o.at("when");
        if (!when->is_object()) fail(at, "expected an object of state: command");
        for (const auto& item : when->items()) {
            const std::string state_path = detail::join(at, item.key());
            const auto state = parse_enum<TicketState>(item.key());
            if (!state) {
                fail(state_path, "unknown state '" + item.key() + "' (expected one of: " +
                                     detail::names_of<TicketState>() + ")");
            }
            const Object command(item.value(), state_path, {TICKETFLOW_COMMAND_KEYS});
            activity.when[*state] = read_command(command);
        }
    }
    return activity;
}

void read_activities(const json& j, const std::string& path, Mapping& mapping) {
    if (!j.is_object()) fail(path, "expected an object of activity: command");
    if (j.empty()) fail(path, "lists no activity");
    for (const auto& item : j.items()) {
        const std::string at = detail::join(path, item.key());
        if (!is_valid_utf8(item.key())) fail(at, "is not valid UTF-8 text");
        mapping.activities[item.key()] = read_activity(item.value(), at);
    }
}

void read_activity_columns(const json& j, const std::string& path, Mapping& mapping) {
    if (j.is_string()) {
        mapping.activity_columns = {detail::text(j, path)};
        return;
    }
    const Object o(j, path, {"columns", "separator"});
    const json* columns = o.find("columns");
    if (!columns || !columns->is_array() || columns->empty()) {
        fail(o.at("columns"), "expected a non-empty array of column names");
    }
    for (std::size_t i = 0; i < columns->size(); ++i) {
        mapping.activity_columns.push_back(
            detail::text((*columns)[i], o.at("columns") + "[" + std::to_string(i) + "]"));
    }
    o.read("separator", mapping.activity_separator);
}

void read_timestamp(const json& j, const std::string& path, Mapping& mapping) {
    const Object o(j, path, {"column", "format", "zone"});
    mapping.timestamp_column = o.column("column");
    std::string format = "iso8601";
    std::string zone = "UTC";
    o.read("format", format);
    o.read("zone", zone);
    auto located = TimeZone::locate(zone);
    if (!located) fail(o.at("zone"), located.error().message);
    auto made = TimestampFormat::make(format, *located);
    if (!made) fail(o.at("format"), made.error().message);
    mapping.timestamp = *made;
}

void read_follow(const json& j, const std::string& path, FollowOptions& follow) {
    const Object o(j, path,
                   {"team", "owner", "team_event", "team_role", "team_reason", "owner_reason"});
    o.read("team", follow.team);
    o.read("owner", follow.owner);
    o.read_enum("team_event", follow.team_event, "lifecycle event");
    o.read_enum("team_role", follow.team_role, "role");
    o.read("team_reason", follow.team_reason);
    o.read("owner_reason", follow.owner_reason);
}

void read_source(const json& j, const std::string& path, Mapping& mapping) {
    const Object o(j, path, {"zip_member", "delimiter", "quote"});
    o.read("zip_member", mapping.zip_member);
    const std::pair<const char*, char*> chars[] = {{"delimiter", &mapping.csv.delimiter},
                                                   {"quote", &mapping.csv.quote}};
    for (const auto& [key, target] : chars) {
        std::string value(1, *target);
        o.read(key, value);
        if (value.size() != 1) fail(o.at(key), "expected one character");
        *target = value[0];
    }
}

Mapping read_document(const json& j) {
    const Object o(j, "",
                   {"notes", "_comment", "source", "case", "timestamp", "activity", "resource",
                    "team", "priority", "draft", "opened_by", "activities", "follow",
                    "when_already_there", "unmapped", "default_actor", "engine"});
    Mapping mapping;
    for (const char* key : {"notes", "_comment"}) {
        if (const json* notes = o.find(key)) {
            for (auto& note : read_notes(*notes, key)) mapping.notes.push_back(std::move(note));
        }
    }
    if (const json* source = o.find("source")) read_source(*source, "source", mapping);
    mapping.case_column = o.column("case");
    const json* timestamp = o.find("timestamp");
    if (!timestamp) fail("timestamp", "is required: the column and format of event times");
    read_timestamp(*timestamp, "timestamp", mapping);
    const json* activity = o.find("activity");
    if (!activity) fail("activity", "is required: the column (or columns) naming the activity");
    read_activity_columns(*activity, "activity", mapping);
    o.read("resource", mapping.resource_column);
    o.read("team", mapping.team_column);
    if (const json* priority = o.find("priority")) {
        mapping.priority = read_priority(*priority, "priority");
    }
    if (const json* draft = o.find("draft")) mapping.draft = read_draft(*draft, "draft");
    o.read_enum("opened_by", mapping.opened_by, "role");
    const json* activities = o.find("activities");
    if (!activities) fail("activities", "is required: what each activity does");
    read_activities(*activities, "activities", mapping);
    if (const json* follow = o.find("follow")) read_follow(*follow, "follow", mapping.follow);
    o.read_enum("when_already_there", mapping.when_already_there, "choice");
    o.read_enum("unmapped", mapping.unmapped, "choice");
    o.read("default_actor", mapping.default_actor);
    if (mapping.default_actor.empty()) fail("default_actor", "may not be empty");
    if (const json* engine = o.find("engine")) {
        if (!engine->is_object()) fail("engine", "expected an object");
        mapping.engine = *engine;
    }
    if (mapping.follow.team && mapping.team_column.empty()) {
        fail("follow.team", "following teams needs the `team` column");
    }
    if (mapping.follow.owner && mapping.resource_column.empty()) {
        fail("follow.owner", "following owners needs the `resource` column");
    }
    return mapping;
}

}  // namespace

Result<Mapping> read_mapping(const nlohmann::json& document) {
    try {
        return read_document(document);
    } catch (const Exception& e) {
        return e.error();
    }
}

Result<Mapping> parse_mapping(std::string_view json_text) {
    // Comments are not JSON; a mapping explains itself in `notes`.
    json document;
    try {
        document = json::parse(json_text);
    } catch (const json::exception& e) {  // a syntax error, or a number too large (406)
        return validation_error("", std::string("the mapping is not valid JSON: ") + e.what());
    }
    return read_mapping(document);
}

Result<Mapping> read_mapping_file(const std::filesystem::path& path) {
    auto in = detail::open_file(path);
    if (!in) return in.error();
    std::ostringstream text;
    text << in->rdbuf();
    return parse_mapping(text.str());
}

}  // namespace ticketflow::importer
