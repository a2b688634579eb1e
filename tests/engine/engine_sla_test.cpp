// The engine keeps every ticket's SLA clocks in step with its commands, and `tick` turns due
// deadlines into audited warnings, breaches and escalation steps.

#include <chrono>
#include <thread>

#include <gtest/gtest.h>

#include <ticketflow/ticketflow.hpp>

#include "../sla/calendar_test_support.hpp"
#include "../support/engine_fixture.hpp"

namespace ticketflow {
namespace {

using namespace std::chrono_literals;
using sla::Metric;
using testing::EngineFixture;
using testing::kCustomer;
using testing::kOwner;
using testing::kSupervisor;

/// The SLA entries of a trail, as "action metric [step outcome]" lines.
std::vector<std::string> sla_entries(const std::vector<AuditEvent>& trail) {
    std::vector<std::string> lines;
    for (const AuditEvent& e : trail) {
        if (e.action.rfind("sla_", 0) != 0) continue;
        std::string line = e.action + " " + e.details.at("metric");
        if (e.details.count("step") != 0) {
            line += " " + e.details.at("step") + " " + e.details.at("outcome");
        }
        lines.push_back(line);
    }
    return lines;
}

class engine_sla : public EngineFixture {
  protected:
    Timestamp start = clock->now();

    const sla::MetricStatus metric(TicketId id, Metric m) {
        return engine.sla_status(id).value().metric(m);
    }
};

TEST_F(engine_sla, a_new_ticket_runs_under_the_standard_policy) {
    const Ticket t = open();
    const SlaStatus status = engine.sla_status(t.id).value();
    EXPECT_EQ(status.policy, "standard");
    EXPECT_EQ(status.calendar, "");
    EXPECT_FALSE(status.policy_pinned);
    EXPECT_EQ(status.metric(Metric::first_response).target, 4h);  // medium
    EXPECT_EQ(status.metric(Metric::first_response).due, start + 4h);
    EXPECT_EQ(status.metric(Metric::resolution).due, start + 72h);
    EXPECT_FALSE(status.metric(Metric::next_update).running);
    // The warning at 80 % of four hours comes first.
    EXPECT_EQ(status.next_deadline, start + 3h + 12min);
    EXPECT_EQ(engine.next_sla_deadline(), start + 3h + 12min);
}

TEST_F(engine_sla, tick_records_warning_breach_and_ladder_in_order_and_only_once) {
    const Ticket t = open();
    clock->advance(3h);
    EXPECT_TRUE(engine.tick().events.empty());

    clock->advance(13min);
    const TickReport warned = engine.tick();
    EXPECT_EQ(warned.tickets_due, 1u);
    ASSERT_EQ(warned.events.size(), 1u);
    EXPECT_EQ(warned.events[0].action, "sla_warning");
    EXPECT_EQ(warned.events[0].ticket, t.id);
    EXPECT_EQ(warned.events[0].actor, Actor::system());
    EXPECT_EQ(warned.events[0].details.at("at"), to_iso8601(start + 3h + 12min));

    clock->advance(5h);  // past the breach (4 h) and the first step; the second comes at 8 h
    engine.tick();
    EXPECT_TRUE(engine.tick().events.empty());  // nothing twice
    clock->advance(4h);
    engine.tick();

    const auto trail = engine.audit_trail(t.id).value();
    EXPECT_EQ(sla_entries(trail),
              (std::vector<std::string>{"sla_warning first_response", "sla_breach first_response",
                                        "sla_escalation first_response notify_supervisor recorded",
                                        "sla_escalation first_response raise_priority applied"}));
    EXPECT_EQ(trail.back().changes, (std::vector<FieldChange>{{"priority", "medium", "high"}}));
    EXPECT_EQ(trail.back().details.at("at"), to_iso8601(start + 8h));
    const Ticket raised = engine.get(t.id).value();
    EXPECT_EQ(raised.priority, Priority::high);
    // The raised priority retargets resolution to 48 h, keeping the time spent.
    EXPECT_EQ(metric(t.id, Metric::resolution).target, 48h);
    EXPECT_EQ(metric(t.id, Metric::resolution).elapsed, 12h + 13min);
}

TEST_F(engine_sla, a_customer_visible_staff_action_is_the_first_response) {
    const Ticket t = ticket_in(TicketState::assigned);
    clock->advance(1h);
    engine.add_note(t.id, kOwner, "internal only").value();
    EXPECT_TRUE(metric(t.id, Metric::first_response).running);
    engine.add_note(t.id, kOwner, "We are looking into it", Visibility::customer).value();
    const auto first = metric(t.id, Metric::first_response);
    EXPECT_FALSE(first.running);
    EXPECT_EQ(first.cycles, 1u);
    EXPECT_EQ(first.elapsed, 1h);
    // The next update is due 24 hours later.
    EXPECT_EQ(metric(t.id, Metric::next_update).due, clock->now() + 24h);
}

TEST_F(engine_sla, the_customer_speaking_is_not_a_response) {
    const Ticket t = open();
    engine.add_note(t.id, kCustomer, "any news?", Visibility::customer).value();
    EXPECT_TRUE(metric(t.id, Metric::first_response).running);
}

TEST_F(engine_sla, waiting_for_the_customer_pauses_resolution_and_keeps_its_time) {
    const Ticket t = ticket_in(TicketState::in_progress);
    clock->advance(2h);
    engine.request_info(t.id, kOwner, "Which firmware?").value();
    clock->advance(30h);
    auto resolution = metric(t.id, Metric::resolution);
    EXPECT_TRUE(resolution.paused);
    EXPECT_EQ(resolution.elapsed, 2h);
    engine.customer_replied(t.id, kCustomer, "2.1").value();
    clock->advance(1h);
    resolution = metric(t.id, Metric::resolution);
    EXPECT_TRUE(resolution.running);
    EXPECT_EQ(resolution.elapsed, 3h);
}

TEST_F(engine_sla, reject_and_reopen_resume_resolution_with_its_elapsed_time) {
    const Ticket t = ticket_in(TicketState::in_progress);
    clock->advance(5h);
    engine.resolve(t.id, kOwner, "Replaced the fuser").value();
    clock->advance(10h);  // awaiting confirmation: paused
    engine.reject(t.id, kCustomer, "still jams").value();
    clock->advance(1h);
    EXPECT_EQ(metric(t.id, Metric::resolution).elapsed, 6h);
    engine.resolve(t.id, kOwner, "Replaced the roller").value();
    engine.confirm(t.id, kCustomer, {5, "ok"}).value();
    clock->advance(3h);
    engine.reopen(t.id, kSupervisor, "jams again").value();
    clock->advance(1h);
    const auto resolution = metric(t.id, Metric::resolution);
    EXPECT_EQ(resolution.elapsed, 7h);
    EXPECT_EQ(resolution.cycles, 2u);
}

TEST_F(engine_sla, a_priority_change_retargets_and_keeps_elapsed_time) {
    const Ticket t = open();
    clock->advance(30min);
    engine.change_priority(t.id, kSupervisor, Priority::urgent, "line down").value();
    const auto first = metric(t.id, Metric::first_response);
    EXPECT_EQ(first.target, 15min);
    EXPECT_EQ(first.elapsed, 30min);
    // Already past the new target: the breach is due at once and is dated when it happened.
    clock->advance(1s);
    engine.tick();
    const auto trail = engine.audit_trail(t.id).value();
    ASSERT_GE(sla_entries(trail).size(), 2u);
    EXPECT_EQ(sla_entries(trail)[0], "sla_warning first_response");
    EXPECT_EQ(sla_entries(trail)[1], "sla_breach first_response");
}

TEST_F(engine_sla, a_command_after_a_missed_deadline_records_the_breach_first) {
    const Ticket t = ticket_in(TicketState::assigned);
    clock->advance(5h);  // no tick ran
    engine.start(t.id, kOwner).value();
    const auto trail = engine.audit_trail(t.id).value();
    ASSERT_GE(trail.size(), 4u);
    EXPECT_EQ(trail.back().action, "start");
    EXPECT_EQ(sla_entries(trail), (std::vector<std::string>{
                                      "sla_warning first_response", "sla_breach first_response",
                                      "sla_escalation first_response notify_supervisor recorded"}));
    // The start was the (late) response: no further first-response step is owed; the next
    // update, due 24 hours after it, is what comes next.
    EXPECT_EQ(engine.sla_status(t.id).value().next_deadline, clock->now() + 19h + 12min);
    clock->advance(20h);
    for (const AuditEvent& e : engine.tick().events) {
        EXPECT_EQ(e.details.at("metric"), "next_update") << e.reason;
    }
}

TEST_F(engine_sla, a_refused_command_records_no_sla_event_either) {
    const Ticket t = open();
    clock->advance(5h);
    EXPECT_FALSE(engine.confirm(t.id, kCustomer, {5, "done?"}));  // no such row from new
    EXPECT_EQ(engine.audit_trail(t.id).value().size(), 1u);
    EXPECT_EQ(engine.get(t.id).value(), t);
}

TEST_F(engine_sla, closing_stops_every_clock_and_the_queue_forgets_the_ticket) {
    const Ticket t = ticket_in(TicketState::closed);
    const SlaStatus status = engine.sla_status(t.id).value();
    for (const sla::MetricStatus& m : status.metrics) EXPECT_FALSE(m.running);
    EXPECT_FALSE(status.next_deadline);
    EXPECT_FALSE(engine.next_sla_deadline());
}

TEST_F(engine_sla, supervisors_pin_another_policy_and_agents_may_not) {
    sla::Policy gold = sla::Policy::standard();
    gold.name = "gold";
    gold.target(Priority::medium, Metric::first_response) = 2h;
    EngineConfig config;
    config.sla_policies =
        sla::PolicySet::make({sla::Policy::standard(), gold}, {}, "standard").value();
    Engine pinned_engine{store, clock, config};
    const Ticket t = pinned_engine.open(testing::sample_draft(), kCustomer).value();
    clock->advance(1h);

    const auto refused = pinned_engine.change_sla_policy(t.id, kOwner, "gold", "key account");
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::permission_denied);
    const auto unknown = pinned_engine.change_sla_policy(t.id, kSupervisor, "platinum", "x");
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().field, "policy");
    EXPECT_FALSE(pinned_engine.change_sla_policy(t.id, kSupervisor, "gold", ""));
    EXPECT_EQ(pinned_engine.get(t.id).value(), t);

    pinned_engine.change_sla_policy(t.id, kSupervisor, "gold", "key account").value();
    SlaStatus status = pinned_engine.sla_status(t.id).value();
    EXPECT_EQ(status.policy, "gold");
    EXPECT_TRUE(status.policy_pinned);
    EXPECT_EQ(status.metric(Metric::first_response).elapsed, 1h);
    EXPECT_EQ(status.metric(Metric::first_response).due, clock->now() + 1h);
    const AuditEvent changed = pinned_engine.audit_trail(t.id).value().back();
    EXPECT_EQ(changed.action, "change_sla_policy");
    EXPECT_EQ(changed.details,
              (std::map<std::string, std::string>{{"from", "standard"}, {"to", "gold"}}));
    pinned_engine.change_priority(t.id, kSupervisor, Priority::high, "keeps gold").value();
    EXPECT_EQ(pinned_engine.sla_status(t.id).value().policy, "gold");
}

TEST_F(engine_sla, rules_choose_the_policy_and_a_priority_change_chooses_again) {
    sla::Policy critical = sla::Policy::standard();
    critical.name = "critical";
    sla::Rule urgent_rule;
    urgent_rule.priorities = {Priority::urgent};
    urgent_rule.policy = "critical";
    EngineConfig config;
    config.sla_policies =
        sla::PolicySet::make({sla::Policy::standard(), critical}, {urgent_rule}, "standard")
            .value();
    Engine ruled{store, clock, config};
    const Ticket t = ruled.open(testing::sample_draft(), kCustomer).value();
    EXPECT_EQ(ruled.sla_status(t.id).value().policy, "standard");
    ruled.change_priority(t.id, kSupervisor, Priority::urgent, "line down").value();
    EXPECT_EQ(ruled.sla_status(t.id).value().policy, "critical");
}

TEST_F(engine_sla, an_escalation_step_the_state_refuses_is_recorded_as_refused) {
    sla::Policy policy = sla::Policy::standard();
    policy.ladder = {{0h, sla::EscalationAction::escalate, TeamId{"tier-2"}},
                     {1h, sla::EscalationAction::escalate, TeamId{"tier-3"}}};
    EngineConfig config;
    config.sla_policies = sla::PolicySet::make({policy}, {}, "standard").value();
    Engine escalating{store, clock, config};
    const Ticket t = escalating.open(testing::sample_draft(), kCustomer).value();
    escalating.assign(t.id, kSupervisor, AgentId{"agent-1"}).value();
    clock->advance(4h);
    escalating.tick();
    Ticket now = escalating.get(t.id).value();
    EXPECT_EQ(now.state, TicketState::escalated);
    EXPECT_EQ(now.team, TeamId{"tier-2"});

    clock->advance(1h);
    escalating.tick();
    // Escalated tickets cannot be escalated again: the step is on record, refused, and nothing
    // else changed.
    const auto trail = escalating.audit_trail(t.id).value();
    const std::string last = sla_entries(trail).back();
    EXPECT_EQ(last.rfind("sla_escalation first_response escalate refused: ", 0), 0u) << last;
    EXPECT_NE(last.find("cannot escalate as system: the event is not allowed in this state"),
              std::string::npos)
        << last;
    EXPECT_TRUE(trail.back().changes.empty());
    EXPECT_EQ(escalating.get(t.id).value().team, TeamId{"tier-2"});
}

TEST_F(engine_sla, an_engine_on_an_existing_store_carries_on_with_its_deadlines) {
    const Ticket t = open();
    {
        Engine restarted{store, clock};
        EXPECT_EQ(restarted.next_sla_deadline(), start + 3h + 12min);
        clock->advance(5h);
        EXPECT_EQ(sla_entries(restarted.tick().events).size(), 3u);
    }
    EXPECT_EQ(sla_entries(engine.audit_trail(t.id).value()).size(), 3u);
}

TEST_F(engine_sla, a_policy_naming_an_unknown_calendar_is_refused_at_construction) {
    sla::Policy policy = sla::Policy::standard();
    policy.calendar = "shanghai-office";
    EngineConfig config;
    config.sla_policies = sla::PolicySet::make({policy}, {}, "standard").value();
    const auto broken = Engine::create(store, clock, config);
    ASSERT_FALSE(broken) << "an engine with a dangling calendar name was built";
    EXPECT_EQ(broken.error().code, ErrorCode::validation_failed);
    EXPECT_EQ(broken.error().field, "sla_policies.policies[0].calendar");
}

TEST_F(engine_sla, unreadable_stored_clocks_are_a_storage_failure_that_changes_nothing) {
    const Ticket t = open();
    Ticket damaged = t;
    damaged.sla_clocks = R"({"clocks": "not clocks"})";  // JSON, but not an SLA record
    damaged.version = t.version + 1;
    store->update({damaged, t.version, {}}).value();
    const auto refused = engine.add_note(t.id, kOwner, "hello");
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::storage_failure);
    EXPECT_EQ(refused.error().field, "sla_clocks");
    EXPECT_EQ(engine.get(t.id).value(), damaged);
}

/// Business hours: the warning comes at 80 % of the target in business time, not wall time.
class engine_sla_calendar : public ::testing::Test {
  protected:
    sla::Calendar office = sla::testing_support::calendar(sla::testing_support::shanghai_office);
    std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>(
        sla::testing_support::local(office, "2024-09-30 17:00"));  // Monday, one hour to close
    std::shared_ptr<MemoryStore> store = std::make_shared<MemoryStore>();

    Engine make_engine() {
        sla::Policy policy = sla::Policy::standard();
        policy.calendar = "office";
        EngineConfig config;
        config.calendars.emplace("office", office);
        config.sla_policies = sla::PolicySet::make({policy}, {}, "standard").value();
        return Engine{store, clock, config};
    }
    std::string wall(Timestamp t) { return sla::testing_support::wall(office, t); }
};

TEST_F(engine_sla_calendar, warnings_and_breaches_fall_in_business_hours_across_a_holiday) {
    Engine engine = make_engine();
    const Ticket t = engine.open(testing::sample_draft(), kCustomer).value();
    // Four business hours from Monday 17:00: one hour on Monday, then the National Day week off,
    // then 09:00–12:00 on Tuesday 10-08. The warning at 3h12m lands at 11:12.
    const SlaStatus status = engine.sla_status(t.id).value();
    EXPECT_EQ(status.calendar, "office");
    EXPECT_EQ(wall(*status.metric(Metric::first_response).due), "2024-10-08 12:00:00");
    EXPECT_EQ(wall(*status.next_deadline), "2024-10-08 11:12:00");

    clock->set(sla::testing_support::local(office, "2024-10-05 12:00"));  // a holiday
    EXPECT_TRUE(engine.tick().events.empty());
    clock->set(sla::testing_support::local(office, "2024-10-08 13:00"));  // lunch
    auto events = engine.tick().events;
    ASSERT_EQ(sla_entries(events).size(), 2u);
    EXPECT_EQ(events[0].details.at("at"),
              to_iso8601(sla::testing_support::local(office, "2024-10-08 11:12")));
    EXPECT_EQ(events[1].details.at("at"),
              to_iso8601(sla::testing_support::local(office, "2024-10-08 12:00")));
    // "At the breach" is zero business time after it: when the office reopens after lunch.
    clock->set(sla::testing_support::local(office, "2024-10-08 13:30"));
    events = engine.tick().events;
    ASSERT_EQ(sla_entries(events),
              std::vector<std::string>{"sla_escalation first_response notify_supervisor recorded"});
    EXPECT_EQ(events[0].details.at("at"),
              to_iso8601(sla::testing_support::local(office, "2024-10-08 13:30")));
}

TEST_F(engine_sla, a_background_ticker_records_breaches_without_being_asked) {
    const Ticket t = open();
    clock->advance(5h);
    std::atomic<std::size_t> seen{0};
    {
        BackgroundTicker ticker{engine, 1ms, [&](const TickReport& r) { seen += r.events.size(); }};
        const auto give_up = std::chrono::steady_clock::now() + 10s;
        while (seen < 3 && std::chrono::steady_clock::now() < give_up) {
            std::this_thread::sleep_for(1ms);
        }
        ticker.stop();
        EXPECT_GE(ticker.ticks(), 1u);
    }
    EXPECT_EQ(seen.load(), 3u);
    EXPECT_EQ(sla_entries(engine.audit_trail(t.id).value()).size(), 3u);
}

TEST_F(engine_sla, ticks_and_commands_in_parallel_lose_and_repeat_nothing) {
    std::vector<TicketId> ids;
    for (int i = 0; i < 200; ++i) ids.push_back(open().id);
    std::atomic<bool> done{false};
    std::thread ticking([&] {
        while (!done) engine.tick();
    });
    for (int round = 0; round < 20; ++round) {
        clock->advance(15min);
        for (const TicketId id : ids) {
            engine.add_note(id, kOwner, "still looking").value();
        }
    }
    done = true;
    ticking.join();
    engine.tick();
    // 5 hours in: every ticket was warned, breached and its supervisor told, once each.
    for (const TicketId id : ids) {
        ASSERT_EQ(
            sla_entries(engine.audit_trail(id).value()),
            (std::vector<std::string>{"sla_warning first_response", "sla_breach first_response",
                                      "sla_escalation first_response notify_supervisor recorded"}))
            << id.value();
    }
}

}  // namespace
}  // namespace ticketflow
