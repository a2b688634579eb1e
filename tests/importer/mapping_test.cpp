// Mappings from JSON: what they hold, and every mistake refused with its JSON path.

#include <string>

#include <gtest/gtest.h>

#include <ticketflow/importer/mapping.hpp>

namespace ticketflow::importer {
namespace {

using nlohmann::json;

json minimal() {
    return json::parse(R"({
        "case": "case",
        "timestamp": {"column": "time", "format": "%Y-%m-%d %H:%M:%S", "zone": "Europe/Rome"},
        "activity": "activity",
        "activities": {"Start": {"event": "start"}}
    })");
}

Error refusal(const json& document) {
    auto mapping = read_mapping(document);
    EXPECT_FALSE(mapping);
    return mapping ? Error{} : mapping.error();
}

TEST(import_mapping, reads_a_minimal_mapping_with_defaults) {
    auto mapping = read_mapping(minimal());
    ASSERT_TRUE(mapping) << mapping.error().message;
    EXPECT_EQ(mapping->case_column, "case");
    EXPECT_EQ(mapping->timestamp_column, "time");
    EXPECT_EQ(mapping->timestamp.zone().name(), "Europe/Rome");
    EXPECT_EQ(mapping->activity_columns, std::vector<std::string>{"activity"});
    EXPECT_EQ(mapping->activities.at("Start").command.event, LifecycleEvent::start);
    EXPECT_EQ(mapping->when_already_there, WhenAlreadyThere::skip);
    EXPECT_EQ(mapping->unmapped, UnmappedActivity::refuse);
    EXPECT_EQ(mapping->draft.category.fallback, "other");
}

TEST(import_mapping, reads_commands_of_every_kind_and_overrides_by_state) {
    json j = minimal();
    j["activity"] = {{"columns", {"Status", "Sub"}}, {"separator", " / "}};
    j["priority"] = {{"column", "impact"}, {"values", {{"Major", "urgent"}}}, {"default", nullptr}};
    j["activities"] = json::parse(R"({
        "Wait": {"event": "request_info", "status": "Wait - Vendor", "message": "asked {case}"},
        "Note": {"note": "see {activity}", "role": "supervisor"},
        "Seriousness": {"set_priority": true},
        "Raise": {"set_priority": "high", "reason": "raised"},
        "Insert": {"open": true},
        "Junk": {"ignore": true},
        "Assigned": {"follow": true, "follow_owner": true, "follow_after": true},
        "Work": {"event": "start", "when": {"resolved": {"event": "reject", "reason": "again"}}}
    })");
    auto mapping = read_mapping(j);
    ASSERT_TRUE(mapping) << mapping.error().message;
    const auto& activities = mapping->activities;
    EXPECT_EQ(mapping->activity_separator, " / ");
    EXPECT_EQ(mapping->priority.values.at("Major"), Priority::urgent);
    EXPECT_FALSE(mapping->priority.fallback);
    EXPECT_EQ(activities.at("Wait").command.status, "Wait - Vendor");
    EXPECT_EQ(activities.at("Note").command.kind, ActionKind::note);
    EXPECT_EQ(activities.at("Note").command.role, Role::supervisor);
    EXPECT_EQ(activities.at("Seriousness").command.kind, ActionKind::priority);
    EXPECT_FALSE(activities.at("Seriousness").command.priority);
    EXPECT_EQ(activities.at("Raise").command.priority, Priority::high);
    EXPECT_EQ(activities.at("Insert").command.kind, ActionKind::open);
    EXPECT_EQ(activities.at("Junk").command.kind, ActionKind::ignore);
    EXPECT_TRUE(activities.at("Assigned").command.follow_after);
    const Activity& work = activities.at("Work");
    EXPECT_EQ(work.for_state(TicketState::resolved).event, LifecycleEvent::reject);
    EXPECT_EQ(work.for_state(TicketState::in_progress).event, LifecycleEvent::start);
}

TEST(import_mapping, refuses_unknown_keys_naming_their_path) {
    json top = minimal();
    top["cases"] = "typo";
    EXPECT_EQ(refusal(top).field, "cases");
    json nested = minimal();
    nested["activities"]["Start"]["evnt"] = "start";
    EXPECT_EQ(refusal(nested).field, "activities.Start.evnt");
    json in_state = minimal();
    in_state["activities"]["Start"]["when"] = {{"resolved", {{"event", "reject"}, {"x", 1}}}};
    EXPECT_EQ(refusal(in_state).field, "activities.Start.when.resolved.x");
    json follow = minimal();
    follow["follow"] = {{"teams", true}};
    EXPECT_EQ(refusal(follow).field, "follow.teams");
}

TEST(import_mapping, refuses_unknown_names_of_events_states_roles_and_priorities) {
    json event = minimal();
    event["activities"]["Start"]["event"] = "teleport";
    const Error e = refusal(event);
    EXPECT_EQ(e.field, "activities.Start.event");
    EXPECT_NE(e.message.find("unknown lifecycle event 'teleport'"), std::string::npos);
    EXPECT_NE(e.message.find("customer_replied"), std::string::npos) << "lists the known ones";

    json state = minimal();
    state["activities"]["Start"]["when"] = {{"limbo", {{"event", "start"}}}};
    EXPECT_EQ(refusal(state).field, "activities.Start.when.limbo");
    json role = minimal();
    role["activities"]["Start"]["role"] = "boss";
    EXPECT_EQ(refusal(role).field, "activities.Start.role");
    json priority = minimal();
    priority["priority"] = {{"column", "impact"}, {"values", {{"Major", "critical"}}}};
    EXPECT_EQ(refusal(priority).field, "priority.values.Major");
    json team_event = minimal();
    team_event["follow"] = {{"team_event", "beam"}};
    EXPECT_EQ(refusal(team_event).field, "follow.team_event");
}

TEST(import_mapping, refuses_commands_that_say_two_things_or_nothing) {
    json both = minimal();
    both["activities"]["Start"] = {{"event", "start"}, {"note", "x"}};
    EXPECT_EQ(refusal(both).field, "activities.Start");
    json none = minimal();
    none["activities"]["Start"] = {{"role", "agent"}};
    EXPECT_EQ(refusal(none).field, "activities.Start");
    json ignore_false = minimal();
    ignore_false["activities"]["Start"] = {{"ignore", false}};
    EXPECT_EQ(refusal(ignore_false).field, "activities.Start.ignore");
    json score = minimal();
    score["activities"]["Start"] = {{"event", "confirm"}, {"satisfaction", 6}};
    EXPECT_EQ(refusal(score).field, "activities.Start.satisfaction");
}

TEST(import_mapping, refuses_missing_parts_wrong_types_and_bad_zones_or_formats) {
    json no_case = minimal();
    no_case.erase("case");
    EXPECT_EQ(refusal(no_case).field, "case");
    json no_activities = minimal();
    no_activities.erase("activities");
    EXPECT_EQ(refusal(no_activities).field, "activities");
    json empty_activities = minimal();
    empty_activities["activities"] = json::object();
    EXPECT_EQ(refusal(empty_activities).field, "activities");
    json zone = minimal();
    zone["timestamp"]["zone"] = "Mars/Olympus";
    EXPECT_EQ(refusal(zone).field, "timestamp.zone");
    json format = minimal();
    format["timestamp"]["format"] = "%Y %q";
    EXPECT_EQ(refusal(format).field, "timestamp.format");
    json type = minimal();
    type["resource"] = 7;
    EXPECT_EQ(refusal(type).field, "resource");
    json delimiter = minimal();
    delimiter["source"] = {{"delimiter", ";;"}};
    EXPECT_EQ(refusal(delimiter).field, "source.delimiter");
    json following = minimal();
    following["follow"] = {{"team", true}};
    EXPECT_EQ(refusal(following).field, "follow.team");
    json text = minimal();
    text["draft"] = {{"title", {{"column", "a"}, {"template", "b"}}}};
    EXPECT_EQ(refusal(text).field, "draft.title");
}

TEST(import_mapping, refuses_text_that_is_not_json_or_not_utf8) {
    auto broken = parse_mapping("{\"case\": ");
    ASSERT_FALSE(broken);
    EXPECT_EQ(broken.error().code, ErrorCode::validation_failed);
    EXPECT_NE(broken.error().message.find("not valid JSON"), std::string::npos);
    json bytes = minimal();
    bytes["case"] = std::string("caf\xE9");
    EXPECT_EQ(refusal(bytes).field, "case");
}

TEST(import_mapping, keeps_notes_and_the_engine_section) {
    json j = minimal();
    j["notes"] = {"one", "two"};
    j["_comment"] = "three";
    j["engine"] = {{"time_zone", "Europe/Rome"}};
    auto mapping = read_mapping(j);
    ASSERT_TRUE(mapping);
    EXPECT_EQ(mapping->notes, (std::vector<std::string>{"one", "two", "three"}));
    EXPECT_EQ(mapping->engine.at("time_zone"), "Europe/Rome");
}

TEST(import_mapping, loads_the_shipped_example_mappings) {
    for (const char* name : {"helpdesk", "bpi2013"}) {
        const std::string path =
            std::string(TICKETFLOW_SOURCE_DIR) + "/examples/import/" + name + ".mapping.json";
        auto mapping = read_mapping_file(path);
        ASSERT_TRUE(mapping) << name << ": " << mapping.error().message;
        EXPECT_FALSE(mapping->notes.empty()) << name << " explains itself";
    }
    auto missing = read_mapping_file("/nonexistent/mapping.json");
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, ErrorCode::not_found);
}

}  // namespace
}  // namespace ticketflow::importer
