// Replaying a tiny, hand-written log: order across cases, opens, follows, skips, refusals counted
// and grouped, and logs that do not fit the mapping refused before any command.

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <ticketflow/importer/replay.hpp>
#include <ticketflow/storage/memory_store.hpp>

namespace ticketflow::importer {
namespace {

using nlohmann::json;

constexpr const char* log_text =
    "case,time,activity,who,team,impact\n"
    "A,2024-03-01 09:00:00,Insert,,,Low\n"
    "B,2024-03-01 08:30:00,Work,ann,l1,High\n"  // before A's first row: B opens first
    "A,2024-03-01 09:10:00,Work,bob,l1,Low\n"
    "A,2024-03-01 09:20:00,Resolve,bob,l1,Low\n"
    "B,2024-03-01 09:05:00,Junk,ann,l1,High\n"
    "A,2024-03-01 09:30:00,Resolve,bob,l1,Low\n"  // already resolved: skipped
    "B,2024-03-01 09:40:00,Close,ann,l1,High\n"   // in progress: refused
    "C,2024-03-01 10:00:00,Mystery,cid,l1,Low\n"  // not in the mapping: refused
    "B,2024-03-01 10:10:00,Work,cid,l1,High\n";   // taken over by cid

json mapping_json() {
    return json::parse(R"({
        "case": "case",
        "timestamp": {"column": "time", "format": "%Y-%m-%d %H:%M:%S", "zone": "UTC"},
        "activity": "activity",
        "resource": "who",
        "priority": {"column": "impact", "values": {"Low": "low", "High": "high"}},
        "draft": {"title": "Case {case}", "category": {"default": "software_bug"}},
        "follow": {"owner": true},
        "activities": {
            "Insert": {"open": true},
            "Work": {"event": "start"},
            "Resolve": {"event": "resolve", "solution": "fixed by {who}"},
            "Close": {"event": "close", "reason": "done"},
            "Junk": {"ignore": true}
        }
    })");
}

/// The strict documents' workflow, whose refusals these small logs are written to provoke (an
/// agent closing a ticket in progress, a second resolve); the shared logs replay under standard.
EngineConfig strict() {
    EngineConfig config;
    config.workflow = lifecycle::Workflow::documents();
    return config;
}

struct Replayed {
    std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>();
    std::unique_ptr<Engine> engine =
        Engine::create(std::make_shared<MemoryStore>(), clock, strict()).value();
};

Result<ReplayReport> run(Replayed& target, std::string_view text, const json& mapping,
                         const ReplayOptions& options = {}) {
    auto log = parse_csv(text);
    EXPECT_TRUE(log) << log.error().message;
    auto read = read_mapping(mapping);
    EXPECT_TRUE(read) << read.error().message;
    if (!log || !read) return Error{};
    return replay(*log, *read, *target.engine, *target.clock, options);
}

Ticket by_title(const Engine& engine, const std::string& title) {
    TicketQuery query;
    query.limit = 100;
    for (const Ticket& t : engine.find(query).value().items) {
        if (t.title == title) return t;
    }
    ADD_FAILURE() << "no ticket " << title;
    return {};
}

TEST(import_replay, opens_each_case_in_time_order_and_fires_its_commands) {
    Replayed target;
    std::vector<std::pair<std::size_t, std::size_t>> progress;
    ReplayOptions options;
    options.progress_every = 4;
    options.progress = [&](std::size_t done, std::size_t total) {
        progress.emplace_back(done, total);
    };
    auto report = run(target, log_text, mapping_json(), options);
    ASSERT_TRUE(report) << report.error().message;

    EXPECT_EQ(report->cases, 3u);
    EXPECT_EQ(report->rows, 9u);
    EXPECT_EQ(report->tickets_opened, 2u);  // C's only row is unmapped: never opened
    EXPECT_EQ(report->ignored.at("Junk"), 1u);
    EXPECT_EQ(report->unmapped.at("Mystery"), 1u);
    EXPECT_EQ(report->commands_skipped, 2u);  // A resolved again, B started again by cid
    EXPECT_EQ(report->commands_refused, 2u);  // B's close, C's unmapped row
    EXPECT_EQ(report->cases_with_refusal, 2u);
    EXPECT_DOUBLE_EQ(report->share_without_refusal(), 1.0 / 3.0);
    EXPECT_EQ(report->first_event, parse_iso8601("2024-03-01T08:30:00Z"));
    EXPECT_EQ(report->last_event, parse_iso8601("2024-03-01T10:10:00Z"));
    EXPECT_EQ(progress, (std::vector<std::pair<std::size_t, std::size_t>>{{4, 9}, {8, 9}, {9, 9}}));

    const Ticket a = by_title(*target.engine, "Case A");
    const Ticket b = by_title(*target.engine, "Case B");
    EXPECT_LT(b.id.value(), a.id.value()) << "B's first row is earlier";
    EXPECT_EQ(a.state, TicketState::resolved);
    EXPECT_EQ(a.solution, "fixed by bob");
    EXPECT_EQ(a.owner, AgentId{"bob"});
    EXPECT_EQ(a.priority, Priority::low);
    EXPECT_EQ(a.created_at, parse_iso8601("2024-03-01T09:00:00Z"));
    EXPECT_EQ(a.resolved_at, parse_iso8601("2024-03-01T09:20:00Z"));
    EXPECT_EQ(b.state, TicketState::in_progress);
    EXPECT_EQ(b.owner, AgentId{"cid"});  // reassigned from ann when cid took it over
    EXPECT_EQ(b.priority, Priority::high);
}

TEST(import_replay, groups_refusals_by_state_event_and_reason_with_example_cases) {
    Replayed target;
    auto report = run(target, log_text, mapping_json());
    ASSERT_TRUE(report);
    ASSERT_EQ(report->refusals.size(), 2u);
    const RefusalKind* close = nullptr;
    const RefusalKind* unmapped = nullptr;
    for (const auto& kind : report->refusals) {
        (kind.event == "close" ? close : unmapped) = &kind;
    }
    ASSERT_TRUE(close && unmapped);
    EXPECT_EQ(close->state, TicketState::in_progress);
    EXPECT_EQ(close->code, ErrorCode::invalid_transition);
    EXPECT_EQ(close->reason.find("ticket "), std::string::npos) << "no ticket number in the key";
    EXPECT_EQ(close->example_cases, std::vector<std::string>{"B"});
    EXPECT_EQ(unmapped->event, "unmapped_activity");
    EXPECT_FALSE(unmapped->state);
    EXPECT_EQ(unmapped->example_cases, std::vector<std::string>{"C"});
}

TEST(import_replay, fires_what_is_already_there_when_told_and_ignores_unmapped_rows) {
    json mapping = mapping_json();
    mapping["when_already_there"] = "fire";
    mapping["unmapped"] = "ignore";
    Replayed target;
    auto report = run(target, log_text, mapping);
    ASSERT_TRUE(report);
    EXPECT_EQ(report->commands_skipped, 0u);
    EXPECT_EQ(report->unmapped.at("Mystery"), 1u);
    bool resolve_refused = false;
    for (const auto& kind : report->refusals) {
        EXPECT_NE(kind.event, "unmapped_activity");
        resolve_refused =
            resolve_refused || (kind.event == "resolve" && kind.state == TicketState::resolved);
    }
    EXPECT_TRUE(resolve_refused);
}

TEST(import_replay, keeps_a_cases_order_when_its_times_go_backwards) {
    constexpr const char* text =
        "case,time,activity,who,team,impact\n"
        "A,2024-03-01 09:00:00,Work,bob,l1,Low\n"
        "A,2024-03-01 08:00:00,Resolve,bob,l1,Low\n";  // dated before the row above it
    Replayed target;
    auto report = run(target, text, mapping_json());
    ASSERT_TRUE(report);
    EXPECT_EQ(report->rows_reordered, 1u);
    EXPECT_EQ(report->commands_refused, 0u);
    EXPECT_EQ(by_title(*target.engine, "Case A").resolved_at,
              parse_iso8601("2024-03-01T09:00:00Z"));
}

TEST(import_replay, runs_the_sla_between_events) {
    // A high ticket's first response is due within the hour (the standard policy); the log's
    // next row comes a day later, so the tick before it records the breach.
    constexpr const char* text =
        "case,time,activity,who,team,impact\n"
        "A,2024-03-01 09:00:00,Insert,,,High\n"
        "A,2024-03-02 09:00:00,Work,bob,l1,High\n";
    Replayed target;
    auto report = run(target, text, mapping_json());
    ASSERT_TRUE(report);
    EXPECT_GT(report->sla_events, 0u);
    ReplayOptions quiet;
    quiet.tick = false;
    Replayed untimed;
    auto without = run(untimed, text, mapping_json(), quiet);
    ASSERT_TRUE(without);
    EXPECT_EQ(without->sla_events, 0u);
}

TEST(import_replay, refuses_a_row_whose_timestamp_or_case_cannot_be_read_naming_line_and_column) {
    Replayed target;
    auto bad_time = run(target,
                        "case,time,activity,who,team,impact\n"
                        "A,2024-03-01 09:00:00,Work,bob,l1,Low\n"
                        "A,01/03/2024,Work,bob,l1,Low\n",
                        mapping_json());
    ASSERT_FALSE(bad_time);
    EXPECT_EQ(bad_time.error().code, ErrorCode::validation_failed);
    EXPECT_EQ(bad_time.error().field, "line 3, column 2");
    EXPECT_NE(bad_time.error().message.find("column 'time'"), std::string::npos);
    EXPECT_NE(bad_time.error().message.find("01/03/2024"), std::string::npos);

    auto no_case = run(target,
                       "case,time,activity,who,team,impact\n"
                       ",2024-03-01 09:00:00,Work,bob,l1,Low\n",
                       mapping_json());
    ASSERT_FALSE(no_case);
    EXPECT_EQ(no_case.error().field, "line 2, column 1");

    ReplayOptions skipping;
    skipping.skip_malformed_rows = true;
    auto skipped = run(target,
                       "case,time,activity,who,team,impact\n"
                       "A,2024-03-01 09:00:00,Work,bob,l1,Low\n"
                       "A,yesterday,Work,bob,l1,Low\n",
                       mapping_json(), skipping);
    ASSERT_TRUE(skipped);
    EXPECT_EQ(skipped->rows_malformed, 1u);
}

TEST(import_replay, refuses_a_mapping_that_names_what_the_log_lacks) {
    Replayed target;
    json timestamp = mapping_json();
    timestamp["timestamp"]["column"] = "when";
    auto missing = run(target, log_text, timestamp);
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().field, "timestamp.column");
    EXPECT_NE(missing.error().message.find("'when'"), std::string::npos);

    json placeholder = mapping_json();
    placeholder["activities"]["Resolve"]["solution"] = "fixed by {nobody}";
    auto unknown = run(target, log_text, placeholder);
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().field, "activities.Resolve.solution");

    json priority = mapping_json();
    priority["priority"]["column"] = "urgency";
    EXPECT_EQ(run(target, log_text, priority).error().field, "priority.column");
}

TEST(import_replay, counts_a_priority_value_the_mapping_lacks_as_a_refused_open) {
    json mapping = mapping_json();
    mapping["priority"]["default"] = nullptr;
    Replayed target;
    auto report = run(target,
                      "case,time,activity,who,team,impact\n"
                      "A,2024-03-01 09:00:00,Work,bob,l1,Severe\n",
                      mapping);
    ASSERT_TRUE(report);
    ASSERT_EQ(report->refusals.size(), 1u);
    EXPECT_EQ(report->refusals[0].event, "open");
    EXPECT_NE(report->refusals[0].reason.find("'Severe'"), std::string::npos);
    EXPECT_NE(report->refusals[0].reason.find("line 2, column 6"), std::string::npos);
}

TEST(import_replay, builds_its_own_engine_on_a_store_from_the_mapping_engine_section) {
    auto log = parse_csv(log_text).value();
    json with_zone = mapping_json();
    with_zone["engine"] = {{"time_zone", "Asia/Shanghai"}};
    auto store = std::make_shared<MemoryStore>();
    auto report = replay(log, read_mapping(with_zone).value(), store);
    ASSERT_TRUE(report) << report.error().message;
    EXPECT_EQ(report->tickets_opened, 2u);

    json documents = mapping_json();
    documents["engine"] = {{"workflow", {{"profile", "documents"}}}};
    auto strict_report = replay(log, read_mapping(documents).value(), store);
    ASSERT_TRUE(strict_report) << strict_report.error().message;
    EXPECT_EQ(strict_report->commands_refused, 2u);  // close in progress is not the documents'

    json wrong = mapping_json();
    wrong["engine"] = {{"workflow", {{"auto_close", {{"waiting", "-1h"}}}}}};
    auto refused = replay(log, read_mapping(wrong).value(), store);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().field, "engine.workflow.auto_close.waiting");

    json unknown = mapping_json();
    unknown["engine"] = {{"queue", "fast"}};
    EXPECT_EQ(replay(log, read_mapping(unknown).value(), store).error().field, "engine.queue");
}

TEST(import_replay, summarises_as_text_and_json) {
    Replayed target;
    auto report = run(target, log_text, mapping_json());
    ASSERT_TRUE(report);
    const std::string text = summary(*report);
    EXPECT_NE(text.find("cases without a refusal 1 of 3"), std::string::npos) << text;
    EXPECT_NE(text.find("in_progress / close / invalid_transition"), std::string::npos) << text;
    EXPECT_NE(text.find("(e.g. B)"), std::string::npos) << text;
    json j = *report;
    EXPECT_EQ(j.at("cases"), 3);
    EXPECT_EQ(j.at("ignored").at("Junk"), 1);
    EXPECT_EQ(j.at("refusals").size(), 2u);
    EXPECT_EQ(j.at("first_event"), "2024-03-01T08:30:00Z");
    EXPECT_TRUE(j.at("events_per_second").is_number());
}

}  // namespace
}  // namespace ticketflow::importer
