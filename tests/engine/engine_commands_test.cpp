// The engine's commands and queries, one behaviour per test.
#include <gtest/gtest.h>

#include "support/engine_fixture.hpp"

namespace ticketflow::testing {
namespace {

using std::chrono::minutes;

class engine_commands : public EngineFixture {
  protected:
    /// Whether `refused` is a validation error naming `field` that left the ticket as `before`:
    /// the same snapshot, and no audit event beyond one per version.
    ::testing::AssertionResult refused_unchanged(const Result<Ticket>& refused,
                                                 const std::string& field, const Ticket& before) {
        if (refused) return ::testing::AssertionFailure() << "accepted";
        const Error& error = refused.error();
        if (error.code != ErrorCode::validation_failed || error.field != field) {
            return ::testing::AssertionFailure()
                   << "refused as " << to_string(error.code) << " naming '" << error.field
                   << "': " << error.message;
        }
        if (engine.get(before.id).value() != before) {
            return ::testing::AssertionFailure() << "the ticket changed";
        }
        if (engine.audit_trail(before.id).value().size() != before.version) {
            return ::testing::AssertionFailure() << "an audit event was recorded";
        }
        return ::testing::AssertionSuccess();
    }
};

TEST_F(engine_commands, opens_a_ticket_with_a_number_version_and_audit_entry) {
    const Ticket t = open();
    EXPECT_EQ(t.number, "HT202310010001");
    EXPECT_EQ(t.state, TicketState::new_);
    EXPECT_EQ(t.priority, Priority::medium);
    EXPECT_EQ(t.version, 1u);
    EXPECT_EQ(t.created_at, clock->now());
    EXPECT_EQ(t.description, sample_draft().description);

    const auto trail = engine.audit_trail(t.id).value();
    ASSERT_EQ(trail.size(), 1u);
    EXPECT_EQ(trail[0].action, "open");
    EXPECT_EQ(trail[0].sequence, 1u);
    EXPECT_EQ(trail[0].actor, kCustomer);
    EXPECT_EQ(open("second").number, "HT202310010002");
}

TEST_F(engine_commands, refuses_an_invalid_draft_and_allocates_no_number) {
    TicketDraft draft = sample_draft();
    draft.customer.email = "not an address";
    const auto refused = engine.open(draft, kCustomer);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::validation_failed);
    EXPECT_EQ(refused.error().field, "customer.email");
    EXPECT_EQ(open().number, "HT202310010001");
}

TEST_F(engine_commands, refuses_an_actor_without_id) {
    const auto refused = engine.open(sample_draft(), Actor{ActorId{""}, Role::customer});
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().field, "actor.id");
}

/// A way intake must refuse a draft, and the field the refusal names.
struct BadDraft {
    const char* what;
    void (*spoil)(TicketDraft&);
    const char* field;
};

const BadDraft kBadDrafts[] = {
    {"empty customer id", [](TicketDraft& d) { d.customer.id = CustomerId{""}; }, "customer.id"},
    {"blank customer id", [](TicketDraft& d) { d.customer.id = CustomerId{" \t"}; }, "customer.id"},
    {"customer id with NUL",
     [](TicketDraft& d) { d.customer.id = CustomerId{std::string("c\0-1", 4)}; }, "customer.id"},
    {"10 MB customer id",
     [](TicketDraft& d) { d.customer.id = CustomerId{std::string(10u << 20, 'c')}; },
     "customer.id"},
    {"title with a line break", [](TicketDraft& d) { d.title = "Printer\njams"; }, "title"},
    {"description with an escape", [](TicketDraft& d) { d.description = "\x1b[2Jjams"; },
     "description"},
    {"javascript attachment",
     [](TicketDraft& d) {
         d.attachments = {{"a.png", "image/png", 10, "javascript:alert(1)"}};
     },
     "attachments[0].uri"},
    {"file attachment",
     [](TicketDraft& d) {
         d.attachments = {{"a.png", "image/png", 10, "file:///etc/passwd"}};
     },
     "attachments[0].uri"},
    {"purchase date in the future",
     [](TicketDraft& d) {
         d.product.purchase_date = Date{2030, 1, 1};
     },
     "product.purchase_date"},
    {"warranty end before year 1",
     [](TicketDraft& d) {
         d.product.warranty_end = Date{-44, 3, 15};
     },
     "product.warranty_end"},
    {"occurred_at at the end of the clock's type",
     [](TicketDraft& d) { d.occurred_at = Timestamp::max(); }, "occurred_at"},
    {"occurred_at in the year 10000",
     [](TicketDraft& d) { d.occurred_at = latest_timestamp + std::chrono::hours{4}; },
     "occurred_at"},
    {"occurred_at a week ahead",
     [](TicketDraft& d) { d.occurred_at = from_unix_seconds(1696118400 + 7 * 86400); },
     "occurred_at"},
};

TEST_F(engine_commands, refuses_bad_drafts_storing_nothing_and_using_no_number) {
    for (const BadDraft& bad : kBadDrafts) {
        TicketDraft draft = sample_draft();
        bad.spoil(draft);
        const auto refused = engine.open(draft, kCustomer);
        ASSERT_FALSE(refused) << bad.what;
        EXPECT_EQ(refused.error().code, ErrorCode::validation_failed) << bad.what;
        EXPECT_EQ(refused.error().field, bad.field) << bad.what;
    }
    EXPECT_TRUE(engine.find({})->items.empty());
    const Ticket first = open();
    EXPECT_EQ(first.number, "HT202310010001");
    EXPECT_EQ(engine.audit_trail(first.id).value().size(), 1u);
}

TEST_F(engine_commands, refuses_actors_with_malformed_ids) {
    const Ticket t = open();
    for (const std::string& id : {std::string("agent-1\n"), std::string("agent\0", 6),
                                  std::string(" agent-1"), std::string(129, 'a')}) {
        const auto opened = engine.open(sample_draft(), Actor::customer(id));
        ASSERT_FALSE(opened) << ::testing::PrintToString(id);
        EXPECT_EQ(opened.error().field, "actor.id");
        const auto noted = engine.add_note(t.id, Actor::agent(id), "checked");
        ASSERT_FALSE(noted) << ::testing::PrintToString(id);
        EXPECT_EQ(noted.error().field, "actor.id");
    }
    EXPECT_EQ(engine.find({})->items.size(), 1u);
    EXPECT_EQ(engine.audit_trail(t.id).value().size(), 1u);
}

TEST_F(engine_commands, refuses_to_start_with_an_empty_taxonomy) {
    EngineConfig config;
    config.intake.taxonomy.categories.clear();
    const auto refused = Engine::create(store, clock, config);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::validation_failed);
    EXPECT_EQ(refused.error().field, "intake.taxonomy.categories");
    EXPECT_EQ(refused.error().message.rfind("intake.taxonomy.categories: ", 0), 0u);
    EXPECT_TRUE(engine.find({})->items.empty());
}

TEST_F(engine_commands, refuses_control_characters_in_command_texts_changing_nothing) {
    const Ticket t = ticket_in(TicketState::in_progress);
    EXPECT_TRUE(refused_unchanged(engine.add_note(t.id, kOwner, "log:\x1b[2J"), "text", t));
    EXPECT_TRUE(
        refused_unchanged(engine.add_note(t.id, kOwner, std::string("a\0b", 3)), "text", t));
    EXPECT_TRUE(refused_unchanged(engine.resolve(t.id, kOwner, "fixed\a"), "solution", t));
    EXPECT_TRUE(
        refused_unchanged(engine.request_info(t.id, kOwner, "which\rversion?"), "message", t));
    EXPECT_TRUE(refused_unchanged(engine.escalate(t.id, kOwner, "tier 2\x7f"), "reason", t));
    EXPECT_TRUE(refused_unchanged(engine.change_priority(t.id, kOwner, Priority::high, "\x01"),
                                  "reason", t));
    EXPECT_TRUE(refused_unchanged(engine.cancel(t.id, kCustomer, "dup\u0085"), "reason", t));

    const Ticket waiting = engine.request_info(t.id, kOwner, "Which\tfirmware?\nPlease").value();
    EXPECT_TRUE(
        refused_unchanged(engine.customer_replied(t.id, kCustomer, "2.4\x1b"), "message", waiting));
}

TEST_F(engine_commands, refuses_malformed_agent_and_team_ids_changing_nothing) {
    const Ticket fresh = open();
    EXPECT_TRUE(refused_unchanged(engine.assign(fresh.id, kSupervisor, AgentId{"agent\n2"}),
                                  "assignee", fresh));
    EXPECT_TRUE(refused_unchanged(
        engine.assign(fresh.id, kSupervisor, AgentId{std::string(129, 'a')}), "assignee", fresh));
    EXPECT_TRUE(refused_unchanged(
        engine.assign(fresh.id, kSupervisor, AgentId{"agent-2"}, TeamId{"l1\t"}), "team", fresh));
    EXPECT_TRUE(refused_unchanged(engine.escalate(fresh.id, kOwner, "needs tier 2", TeamId{" l2"}),
                                  "team", fresh));

    const Ticket t = ticket_in(TicketState::in_progress);
    EXPECT_TRUE(refused_unchanged(
        engine.reassign(t.id, kSupervisor, AgentId{std::string("a\0", 2)}, "on leave"), "assignee",
        t));
    EXPECT_TRUE(
        refused_unchanged(engine.add_collaborator(t.id, kOwner, AgentId{"agent-2\r"}), "agent", t));
    EXPECT_TRUE(refused_unchanged(
        engine.add_collaborator(t.id, kOwner, AgentId{"agent-2"}, "parts\n"), "role", t));
}

TEST_F(engine_commands, refuses_a_malformed_approver_changing_nothing) {
    const Ticket closed = ticket_in(TicketState::closed);
    EXPECT_TRUE(refused_unchanged(
        engine.reopen(closed.id, kOwner, "fault is back", Actor::supervisor("lead-1\n")),
        "approved_by.id", closed));
    EXPECT_TRUE(engine.reopen(closed.id, kOwner, "fault is back", Actor::supervisor("lead-1")));
}

TEST_F(engine_commands, refuses_attachments_outside_the_uri_allow_list_changing_nothing) {
    const Ticket t = open();
    for (const char* uri : {"javascript:alert(1)", "file:///etc/passwd", "https://a b/c.png"}) {
        EXPECT_TRUE(
            refused_unchanged(engine.attach(t.id, kCustomer, {"a.png", "image/png", 10, uri}),
                              "attachments[0].uri", t));
    }
    EngineConfig config;
    config.intake.attachments.allowed_uri_schemes.push_back("minio");
    Engine own_storage{store, clock, config};
    EXPECT_TRUE(own_storage.attach(t.id, kCustomer, {"a.png", "image/png", 10, "minio://b/a.png"}));
}

TEST_F(engine_commands, keeps_line_breaks_and_tabs_in_multi_line_command_texts) {
    const Ticket t = ticket_in(TicketState::in_progress);
    const std::string note = "步骤:\n\t1. 重启\r\n\t2. 清理纸道";
    EXPECT_TRUE(engine.add_note(t.id, kOwner, note));
    EXPECT_EQ(engine.audit_trail(t.id).value().back().note, note);
    EXPECT_EQ(engine.resolve(t.id, kOwner, "Replaced:\n- fuser\n- roller")->solution,
              "Replaced:\n- fuser\n- roller");
}

TEST_F(engine_commands, numbers_tickets_by_the_local_date_of_its_time_zone) {
    EngineConfig config;
    config.number_format = TicketNumberFormat::parse("SN{yyyy}{MM}{dd}{seq:3}").value();
    config.time_zone = TimeZone::locate("Asia/Shanghai").value();
    clock->set(parse_iso8601("2024-04-30T15:59:59Z").value());  // 23:59:59 in Shanghai
    Engine shanghai{store, clock, config};
    EXPECT_EQ(shanghai.open(sample_draft(), kCustomer)->number, "SN20240430001");
    clock->advance(std::chrono::seconds{1});  // midnight, 1 May, in Shanghai
    EXPECT_EQ(shanghai.open(sample_draft(), kCustomer)->number, "SN20240501001");
}

TEST_F(engine_commands, exhausted_sequence_is_an_error_that_creates_nothing) {
    EngineConfig config;
    config.number_format = TicketNumberFormat::parse("T{yyyy}-{seq:1}").value();
    Engine small{store, clock, config};
    for (int i = 1; i <= 9; ++i) ASSERT_TRUE(small.open(sample_draft(), kCustomer));
    const auto refused = small.open(sample_draft(), kCustomer);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::sequence_exhausted);
    EXPECT_EQ(engine.find({})->items.size(), 9u);
}

TEST_F(engine_commands, records_the_whole_lifecycle_in_the_audit_trail) {
    const Ticket t = open();
    clock->advance(minutes{10});
    engine.assign(t.id, kSupervisor, owner_agent(), TeamId{"l1"}).value();
    engine.start(t.id, kOwner).value();
    engine.resolve(t.id, kOwner, "Replaced the fuser").value();
    const Ticket closed = engine.confirm(t.id, kCustomer, {5, "谢谢"}).value();

    EXPECT_EQ(closed.state, TicketState::closed);
    EXPECT_EQ(closed.owner, owner_agent());
    EXPECT_EQ(closed.team, TeamId{"l1"});
    EXPECT_EQ(closed.solution, "Replaced the fuser");
    EXPECT_EQ(closed.satisfaction, (Satisfaction{5, "谢谢"}));
    EXPECT_EQ(closed.version, 5u);

    const auto trail = engine.audit_trail(t.id).value();
    ASSERT_EQ(trail.size(), 5u);
    EXPECT_EQ(trail[1].action, "assign");
    EXPECT_EQ(trail[1].at, from_unix_seconds(1696118400 + 600));
    EXPECT_EQ(trail[1].changes[0], (FieldChange{"state", "new", "assigned"}));
    EXPECT_EQ(trail[4].action, "confirm");
    for (std::size_t i = 0; i < trail.size(); ++i) EXPECT_EQ(trail[i].sequence, i + 1);
}

TEST_F(engine_commands, claim_makes_the_acting_agent_the_owner) {
    const Ticket claimed = engine.claim(open().id, kOwner).value();
    EXPECT_EQ(claimed.state, TicketState::assigned);
    EXPECT_EQ(claimed.owner, owner_agent());
}

TEST_F(engine_commands, reassign_records_the_reason_and_drops_the_new_owner_from_collaborators) {
    const Ticket t = ticket_in(TicketState::in_progress);
    engine.add_collaborator(t.id, kOwner, AgentId{"agent-2"}, "parts").value();
    const Ticket moved = engine.reassign(t.id, kSupervisor, AgentId{"agent-2"}, "on leave").value();
    EXPECT_EQ(moved.state, TicketState::in_progress);
    EXPECT_EQ(moved.owner, AgentId{"agent-2"});
    EXPECT_TRUE(moved.collaborators.empty());
    EXPECT_TRUE(moved.collaborator_roles.empty());
    EXPECT_EQ(engine.audit_trail(t.id).value().back().reason, "on leave");
}

TEST_F(engine_commands, reject_sends_the_ticket_back_to_work_and_counts_it) {
    const Ticket rejected =
        engine.reject(ticket_in(TicketState::resolved).id, kCustomer, "still jams").value();
    EXPECT_EQ(rejected.state, TicketState::in_progress);
    EXPECT_EQ(rejected.reject_count, 1u);
    EXPECT_FALSE(rejected.resolved_at);
}

TEST_F(engine_commands, waiting_for_the_customer_and_their_reply_are_customer_visible) {
    const Ticket t = ticket_in(TicketState::waiting);
    const Ticket back = engine.customer_replied(t.id, kCustomer, "固件版本 2.4.0").value();
    EXPECT_EQ(back.state, TicketState::in_progress);
    const auto trail = engine.audit_trail(t.id).value();
    EXPECT_EQ(trail.back().note, "固件版本 2.4.0");
    EXPECT_EQ(trail.back().visibility, Visibility::customer);
}

TEST_F(engine_commands, adds_notes_customers_only_customer_visible_ones) {
    const Ticket t = open();
    EXPECT_TRUE(engine.add_note(t.id, kOwner, "checked logs"));
    EXPECT_TRUE(engine.add_note(t.id, kCustomer, "any news?", Visibility::customer));
    const auto internal = engine.add_note(t.id, kCustomer, "secret", Visibility::internal);
    ASSERT_FALSE(internal);
    EXPECT_EQ(internal.error().code, ErrorCode::permission_denied);
    const auto blank = engine.add_note(t.id, kOwner, "   ");
    ASSERT_FALSE(blank);
    EXPECT_EQ(blank.error().field, "text");
    EXPECT_EQ(engine.get(t.id)->version, 3u);
}

class engine_commands_documents : public DocumentsEngineFixture {};

// Under the standard profile notes and attachments go on closed tickets (engine_workflow_test).
TEST_F(engine_commands_documents, refuses_records_on_closed_tickets) {
    const Ticket closed = ticket_in(TicketState::closed);
    const auto note = engine.add_note(closed.id, kOwner, "late note");
    ASSERT_FALSE(note);
    EXPECT_EQ(note.error().code, ErrorCode::invalid_transition);
    EXPECT_EQ(note.error().state, TicketState::closed);
}

TEST_F(engine_commands, changes_priority_within_the_actors_authority) {
    const TicketId id = open().id;
    auto no_reason = engine.change_priority(id, kOwner, Priority::high, "");
    ASSERT_FALSE(no_reason);
    EXPECT_EQ(no_reason.error().field, "reason");

    EXPECT_EQ(engine.change_priority(id, kOwner, Priority::high, "line down")->priority,
              Priority::high);
    auto agent_urgent = engine.change_priority(id, kOwner, Priority::urgent, "line down");
    ASSERT_FALSE(agent_urgent);
    EXPECT_EQ(agent_urgent.error().code, ErrorCode::permission_denied);
    auto customer = engine.change_priority(id, kCustomer, Priority::low, "no rush");
    ASSERT_FALSE(customer);
    EXPECT_EQ(customer.error().code, ErrorCode::permission_denied);

    EXPECT_EQ(engine.change_priority(id, kSupervisor, Priority::urgent, "VIP")->priority,
              Priority::urgent);
    const auto entry = engine.audit_trail(id).value().back();
    EXPECT_EQ(entry.action, "change_priority");
    EXPECT_EQ(entry.reason, "VIP");
    EXPECT_EQ(entry.changes, (std::vector<FieldChange>{{"priority", "high", "urgent"}}));
}

TEST_F(engine_commands, manages_collaborators) {
    const TicketId id = ticket_in(TicketState::assigned).id;
    EXPECT_EQ(engine.add_collaborator(id, kOwner, AgentId{"agent-2"})->collaborators,
              std::vector<AgentId>{AgentId{"agent-2"}});
    EXPECT_FALSE(engine.add_collaborator(id, kOwner, AgentId{"agent-2"}));
    EXPECT_FALSE(engine.add_collaborator(id, kOwner, owner_agent()));
    EXPECT_FALSE(engine.add_collaborator(id, kCustomer, AgentId{"agent-3"}));
    EXPECT_TRUE(engine.remove_collaborator(id, kOwner, AgentId{"agent-2"})->collaborators.empty());
    EXPECT_FALSE(engine.remove_collaborator(id, kOwner, AgentId{"agent-2"}));

    // A collaborator may have a role: kept on the ticket, recorded in the audit entry.
    const Ticket helped = engine.add_collaborator(id, kOwner, AgentId{"agent-4"}, "备件").value();
    EXPECT_EQ(helped.collaborator_roles.at("agent-4"), "备件");
    EXPECT_EQ(engine.audit_trail(id).value().back().details.at("role"), "备件");
    EXPECT_EQ(engine.add_collaborator(id, kOwner, AgentId{"agent-5"}, "\xff").error().field,
              "role");
    EXPECT_TRUE(
        engine.remove_collaborator(id, kOwner, AgentId{"agent-4"})->collaborator_roles.empty());
}

TEST_F(engine_commands, attaches_allowed_files_only) {
    const TicketId id = open().id;
    const Attachment photo{"卡纸.jpg", "image/jpeg", 2'000'000, "s3://tickets/1/photo.jpg"};
    EXPECT_EQ(engine.attach(id, kCustomer, photo)->attachments.back(), photo);
    auto too_big = engine.attach(id, kCustomer, {"dump.zip", "application/zip", 21u << 20, "u"});
    ASSERT_FALSE(too_big);
    EXPECT_EQ(too_big.error().code, ErrorCode::validation_failed);
    auto exe = engine.attach(id, kCustomer, {"setup.exe", "application/x-msdownload", 10, "u"});
    ASSERT_FALSE(exe);
    EXPECT_EQ(engine.get(id)->attachments.size(), 1u);
}

TEST_F(engine_commands, reports_unknown_tickets_as_not_found) {
    EXPECT_EQ(engine.get(TicketId{42}).error().code, ErrorCode::not_found);
    EXPECT_EQ(engine.start(TicketId{42}, kOwner).error().code, ErrorCode::not_found);
    EXPECT_EQ(engine.find_by_number("HT000").error().code, ErrorCode::not_found);
}

TEST_F(engine_commands, finds_tickets_by_number_and_filters_with_paging) {
    for (int i = 0; i < 5; ++i) open("t" + std::to_string(i));
    const Ticket mine = ticket_in(TicketState::assigned);
    EXPECT_EQ(engine.find_by_number(mine.number)->id, mine.id);

    TicketQuery query;
    query.state = TicketState::new_;
    query.limit = 2;
    std::vector<std::string> titles;
    for (;;) {
        const auto page = engine.find(query).value();
        for (const auto& t : page.items) titles.push_back(t.title);
        if (!page.next_after) break;
        query.after = *page.next_after;
    }
    EXPECT_EQ(titles, (std::vector<std::string>{"t0", "t1", "t2", "t3", "t4"}));

    TicketQuery by_owner;
    by_owner.owner = owner_agent();
    EXPECT_EQ(engine.find(by_owner)->items, std::vector<Ticket>{mine});
    by_owner.limit = 0;
    EXPECT_EQ(engine.find(by_owner).error().field, "limit");
}

TEST_F(engine_commands, lists_the_events_an_actor_may_fire_now) {
    const Ticket assigned = ticket_in(TicketState::assigned);
    const auto mine = engine.allowed_events(assigned.id, kOwner).value();
    EXPECT_NE(std::find(mine.begin(), mine.end(), LifecycleEvent::start), mine.end());
    const auto other = engine.allowed_events(assigned.id, Actor::agent("agent-9")).value();
    EXPECT_EQ(std::find(other.begin(), other.end(), LifecycleEvent::start), other.end());
    const std::vector<LifecycleEvent> reopen{LifecycleEvent::reopen};
    EXPECT_EQ(engine.allowed_events(ticket_in(TicketState::cancelled).id, kSupervisor).value(),
              reopen);
}

}  // namespace
}  // namespace ticketflow::testing
