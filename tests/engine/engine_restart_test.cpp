// An engine reopened on a SQLite file carries on exactly where the last one stopped: the same
// commands and ticks against two files, one engine kept running and one closed and reopened
// after every day, leave identical tickets, audit trails, SLA clocks and deadlines.

#include <memory>
#include <random>

#include <gtest/gtest.h>

#include <ticketflow/storage/sqlite_store.hpp>
#include <ticketflow/ticketflow.hpp>

#include "sla/calendar_test_support.hpp"
#include "support/engine_fixture.hpp"
#include "support/sqlite_file.hpp"

namespace ticketflow {
namespace {

using namespace std::chrono_literals;
namespace cal = sla::testing_support;

EngineConfig office_hours_config() {
    sla::Policy policy = sla::Policy::standard();
    policy.calendar = "office";
    EngineConfig config;
    config.calendars.emplace("office", cal::calendar(cal::shanghai_office));
    config.sla_policies = sla::PolicySet::make({policy}, {}, "standard").value();
    return config;
}

std::unique_ptr<Engine> engine_on(const testing::TempDatabase& file,
                                  const std::shared_ptr<ManualClock>& clock) {
    return Engine::create(SqliteStore::open({file.path()}).value(), clock, office_hours_config())
        .value();
}

/// The next step of a ticket's life from where it stands, as the same command on any engine.
Result<Ticket> next_step(Engine& engine, const Ticket& ticket, std::mt19937& rng) {
    const Actor& agent = testing::kOwner;
    switch (ticket.state) {
        case TicketState::new_:
            return engine.assign(ticket.id, testing::kSupervisor, AgentId{agent.id.value()});
        case TicketState::assigned:
            return engine.start(ticket.id, agent);
        case TicketState::in_progress:
            return rng() % 3 == 0 ? engine.request_info(ticket.id, agent, "Which firmware?")
                                  : engine.resolve(ticket.id, agent, "Replaced the fuser");
        case TicketState::waiting:
            return engine.customer_replied(ticket.id, testing::kCustomer, "2.1");
        case TicketState::resolved:
            return rng() % 4 == 0 ? engine.reject(ticket.id, testing::kCustomer, "still jams")
                                  : engine.confirm(ticket.id, testing::kCustomer, {4, ""});
        default:
            return engine.add_note(ticket.id, agent, "closed; nothing to do");
    }
}

void expect_same_state(const Engine& a, const Engine& b, const std::vector<TicketId>& ids) {
    EXPECT_EQ(a.next_sla_deadline(), b.next_sla_deadline());
    for (const TicketId id : ids) {
        ASSERT_EQ(a.get(id).value(), b.get(id).value()) << "ticket #" << id.value();
        ASSERT_EQ(a.audit_trail(id).value(), b.audit_trail(id).value()) << "ticket #" << id.value();
        ASSERT_EQ(a.sla_status(id).value(), b.sla_status(id).value()) << "ticket #" << id.value();
    }
}

TEST(engine_restart, an_engine_reopened_every_day_behaves_as_one_that_never_stopped) {
    testing::TempDatabase steady_file;
    testing::TempDatabase restarted_file;
    auto clock = std::make_shared<ManualClock>(
        cal::local(cal::calendar(cal::shanghai_office), "2024-09-26 08:00"));
    auto steady = engine_on(steady_file, clock);
    auto restarted = engine_on(restarted_file, clock);
    std::mt19937 rng_steady(7);
    std::mt19937 rng_restarted(7);
    std::vector<TicketId> ids;
    std::size_t sla_events = 0;

    for (int day = 0; day < 14; ++day) {  // across the National Day holiday
        for (int hour = 0; hour < 24; ++hour) {
            clock->advance(1h);
            if (hour % 3 == 0) {
                const auto a = steady->open(testing::sample_draft("day " + std::to_string(day)),
                                            testing::kCustomer);
                const auto b = restarted->open(testing::sample_draft("day " + std::to_string(day)),
                                               testing::kCustomer);
                ASSERT_EQ(a.value(), b.value());
                ids.push_back(a->id);
            }
            const TicketId id = ids[rng_steady() % ids.size()];
            rng_restarted();
            const auto a = next_step(*steady, steady->get(id).value(), rng_steady);
            const auto b = next_step(*restarted, restarted->get(id).value(), rng_restarted);
            ASSERT_EQ(a.has_value(), b.has_value());
            if (a) {
                ASSERT_EQ(*a, *b);
            }
            const TickReport ticked = steady->tick();
            ASSERT_EQ(ticked.events, restarted->tick().events);
            sla_events += ticked.events.size();
        }
        restarted.reset();  // closes the file
        restarted = engine_on(restarted_file, clock);
        expect_same_state(*steady, *restarted, ids);
        if (::testing::Test::HasFatalFailure()) return;
    }
    EXPECT_GT(sla_events, 20u) << "the script should miss some deadlines";
}

}  // namespace
}  // namespace ticketflow
