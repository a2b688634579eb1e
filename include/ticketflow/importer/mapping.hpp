#pragma once
/// \file
/// How an external help desk's event log maps onto tickets: which columns hold the case, the
/// time, the activity, the people and the teams, and what each activity does to a ticket. Read
/// from JSON (docs/import.md); every key is checked, and a mistake names its JSON path.

#include <array>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include <ticketflow/core/enums.hpp>
#include <ticketflow/core/result.hpp>
#include <ticketflow/core/state.hpp>
#include <ticketflow/importer/csv.hpp>
#include <ticketflow/importer/timestamp_format.hpp>

namespace ticketflow::importer {

/// A text taken from the case's rows: a `template` with `{Column name}` placeholders
/// (`"VINST {SR Number}"`; `{{` and `}}` are braces), or a `column`'s value, looked up in `values`
/// when that is given; `default` when the column is empty (or its value is not in `values`).
struct TextSource {
    std::string column;
    std::string template_text;  ///< JSON `template`
    std::map<std::string, std::string> values;
    std::optional<std::string> fallback;  ///< JSON `default`

    friend bool operator==(const TextSource& a, const TextSource& b) {
        return a.column == b.column && a.template_text == b.template_text && a.values == b.values &&
               a.fallback == b.fallback;
    }
};

/// The priority: a column whose values map to priorities, and the priority of an empty or
/// unlisted value (none: such a row is refused).
struct PrioritySource {
    std::string column;
    std::map<std::string, Priority> values;
    std::optional<Priority> fallback = Priority::medium;  ///< JSON `default`

    friend bool operator==(const PrioritySource& a, const PrioritySource& b) {
        return a.column == b.column && a.values == b.values && a.fallback == b.fallback;
    }
};

/// The fields of the draft a case's first row opens. Each must satisfy the engine's
/// `IntakePolicy` (title, description, customer id and name required; a category of its
/// taxonomy), so each has a default.
struct DraftSource {
    TextSource title{{}, "{case}", {}, std::nullopt};
    TextSource description{{}, "Imported case {case}", {}, std::nullopt};
    TextSource category{{}, {}, {}, std::string("other")};
    TextSource customer_id{{}, {}, {}, std::string("imported")};
    TextSource customer_name{{}, {}, {}, std::string("Imported customer")};
    TextSource product_model;
    Channel channel = Channel::other;

    friend bool operator==(const DraftSource& a, const DraftSource& b) {
        return a.title == b.title && a.description == b.description && a.category == b.category &&
               a.customer_id == b.customer_id && a.customer_name == b.customer_name &&
               a.product_model == b.product_model && a.channel == b.channel;
    }
};

/// What an activity does to the ticket.
enum class ActionKind : std::uint8_t {
    event,     ///< fires `Command::event`
    note,      ///< adds an internal note (`message`)
    priority,  ///< sets the priority from the row's priority column (or `Command::priority`)
    open,      ///< nothing beyond opening the ticket (the activity that creates it)
    follow,    ///< nothing but following the row's team and resource
    ignore,    ///< documented junk: the row is counted and skipped
};

/// One thing the importer does for a row. Texts are templates like `TextSource::template_text`
/// over the row's columns (`"{Sub Status}"`).
struct Command {
    ActionKind kind = ActionKind::event;
    LifecycleEvent event = LifecycleEvent::start;  ///< when `kind` is `event`
    Role role = Role::agent;  ///< the actor's role; its id is the row's resource
    std::string reason;
    std::string message;   ///< request_info's question, customer_replied's reply, a note's text
    std::string solution;  ///< resolve
    /// The desk's own name for the state it enters ("Wait - Vendor"). Until the lifecycle carries
    /// statuses it is recorded in the command's message (see docs/import.md).
    std::string status;
    /// Why a ticket closed, in the desk's words ("duplicate"); recorded in the reason until the
    /// lifecycle carries closure codes.
    std::string closure_code;
    std::optional<int> satisfaction;   ///< confirm: the score 1–5
    std::optional<Priority> priority;  ///< for `priority`: a fixed one instead of the column's
    bool team_from_row = false;        ///< the command's team is the row's team
    std::optional<bool> follow_team;   ///< overrides `FollowOptions::team` for this activity
    std::optional<bool> follow_owner;  ///< overrides `FollowOptions::owner` for this activity
    /// Follow the team and owner after the command instead of before it: e.g. a waiting ticket
    /// taken in charge by someone else is first resumed (`customer_replied`), then reassigned.
    bool follow_after = false;

    friend bool operator==(const Command& a, const Command& b) {
        return a.kind == b.kind && a.event == b.event && a.role == b.role && a.reason == b.reason &&
               a.message == b.message && a.solution == b.solution && a.status == b.status &&
               a.closure_code == b.closure_code && a.satisfaction == b.satisfaction &&
               a.priority == b.priority && a.team_from_row == b.team_from_row &&
               a.follow_team == b.follow_team && a.follow_owner == b.follow_owner &&
               a.follow_after == b.follow_after;
    }
};

/// What an activity value does: a command, and other commands for some current states
/// (JSON `when`: `{"waiting_customer": {"event": "customer_replied"}}`).
struct Activity {
    Command command;
    std::map<TicketState, Command> when;

    /// The command for a ticket in `state`.
    const Command& for_state(TicketState state) const {
        const auto found = when.find(state);
        return found == when.end() ? command : found->second;
    }

    friend bool operator==(const Activity& a, const Activity& b) {
        return a.command == b.command && a.when == b.when;
    }
};

/// Following the log's team and resource columns: before a row's command, a ticket whose team
/// differs from the row's is moved (`team_event`, with the row's team), and one whose owner
/// differs from the row's resource is taken over: `claim` by the resource where the lifecycle
/// table allows a claim from the ticket's state, else `reassign` to the resource.
struct FollowOptions {
    bool team = false;
    bool owner = false;
    LifecycleEvent team_event = LifecycleEvent::escalate;
    Role team_role = Role::agent;
    std::string team_reason = "moved to team {team}";       ///< `{team}`: the row's team
    std::string owner_reason = "taken over by {resource}";  ///< `{resource}`: the row's resource

    friend bool operator==(const FollowOptions& a, const FollowOptions& b) {
        return a.team == b.team && a.owner == b.owner && a.team_event == b.team_event &&
               a.team_role == b.team_role && a.team_reason == b.team_reason &&
               a.owner_reason == b.owner_reason;
    }
};

/// What to do with a command that would not move the ticket because it is already where the
/// command leads (a second "Resolve" of a resolved ticket, "In Progress" of one in progress).
enum class WhenAlreadyThere : std::uint8_t {
    skip,  ///< count it as skipped, fire nothing (the default)
    fire,  ///< fire it anyway; the engine refuses it and the refusal is counted
};

/// Rows whose activity the mapping does not list.
enum class UnmappedActivity : std::uint8_t {
    refuse,  ///< counted as refused commands (the default: a gap in the mapping shows)
    ignore,  ///< counted as ignored rows
};

/// A whole mapping: read it with `read_mapping`.
struct Mapping {
    std::vector<std::string> notes;  ///< JSON `notes`/`_comment`: why it maps as it does
    std::string zip_member;          ///< JSON `source.zip_member`: the CSV inside a zip archive
    CsvOptions csv;                  ///< JSON `source.delimiter`, `source.quote`
    std::string case_column;         ///< JSON `case`
    std::string timestamp_column;    ///< JSON `timestamp.column`
    TimestampFormat timestamp;       ///< JSON `timestamp.format` and `timestamp.zone`
    std::vector<std::string> activity_columns;  ///< JSON `activity` (a name or `columns`)
    std::string activity_separator = "-";       ///< joins several activity columns
    std::string resource_column;                ///< JSON `resource`: the agent id
    std::string team_column;                    ///< JSON `team`
    PrioritySource priority;
    DraftSource draft;
    Role opened_by = Role::customer;  ///< JSON `opened_by`: the role that opens (id: customer id)
    std::map<std::string, Activity> activities;
    FollowOptions follow;
    WhenAlreadyThere when_already_there = WhenAlreadyThere::skip;
    UnmappedActivity unmapped = UnmappedActivity::refuse;
    std::string default_actor = "importer";  ///< actor id for rows without a resource
    /// JSON `engine`: the engine's configuration for an import that builds its own engine. Kept
    /// as written; `engine_config` (replay.hpp) reads it.
    nlohmann::json engine = nlohmann::json::object();

    friend bool operator==(const Mapping& a, const Mapping& b) {
        return a.notes == b.notes && a.zip_member == b.zip_member && a.csv == b.csv &&
               a.case_column == b.case_column && a.timestamp_column == b.timestamp_column &&
               a.timestamp == b.timestamp && a.activity_columns == b.activity_columns &&
               a.activity_separator == b.activity_separator &&
               a.resource_column == b.resource_column && a.team_column == b.team_column &&
               a.priority == b.priority && a.draft == b.draft && a.opened_by == b.opened_by &&
               a.activities == b.activities && a.follow == b.follow &&
               a.when_already_there == b.when_already_there && a.unmapped == b.unmapped &&
               a.default_actor == b.default_actor && a.engine == b.engine;
    }
};

/// Reads a mapping from JSON text. Strict: an unknown key, a wrong type, an unknown lifecycle
/// event, state, role or priority name, a bad time zone or timestamp format is
/// `validation_failed` whose field is the JSON path (`activities.Closed.event`).
Result<Mapping> parse_mapping(std::string_view json_text);
/// The same, from a parsed document.
Result<Mapping> read_mapping(const nlohmann::json& document);
/// The same, from a file; a file that cannot be read is `not_found` naming field `path`.
Result<Mapping> read_mapping_file(const std::filesystem::path& path);

}  // namespace ticketflow::importer

namespace ticketflow {
template <>
struct EnumNames<importer::WhenAlreadyThere> {
    static constexpr std::array<std::string_view, 2> names{"skip", "fire"};
};
template <>
struct EnumNames<importer::UnmappedActivity> {
    static constexpr std::array<std::string_view, 2> names{"refuse", "ignore"};
};
}  // namespace ticketflow
