// A ticket's SLA clocks: pausing, resuming, rejecting, reopening and retargeting keep the business
// time already spent; warnings, breaches and escalation steps come due in business time.
#include <gtest/gtest.h>

#include <ticketflow/sla/calendar_time.hpp>
#include <ticketflow/sla/ticket_clocks.hpp>

#include "support/engine_fixture.hpp"

namespace ticketflow::sla {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

const Timestamp kMonday9 = parse_iso8601("2024-05-06T09:00:00Z").value();

/// A test calendar: open 09:00–17:00 UTC every day, walked an hour at a time (slow and obvious,
/// which is what a test double should be).
class OfficeHours final : public BusinessTime {
  public:
    Result<Timestamp> add(Timestamp start, BusinessDuration d) const override {
        Timestamp t = start;
        while (d.count() > 0) {
            if (!open(t)) {
                t = next_open(t);
                continue;
            }
            const auto left_today = closing(t) - t;
            const auto step =
                std::min<BusinessDuration>(d, std::chrono::duration_cast<seconds>(left_today));
            t += step;
            d -= step;
        }
        return t;
    }
    Result<BusinessDuration> elapsed(Timestamp from, Timestamp to) const override {
        BusinessDuration total{0};
        for (Timestamp t = from; t < to;) {
            if (!open(t)) {
                t = std::min(next_open(t), to);
                continue;
            }
            const Timestamp stop = std::min(closing(t), to);
            total += std::chrono::duration_cast<seconds>(stop - t);
            t = stop;
        }
        return total;
    }

  private:
    static std::int64_t second_of_day(Timestamp t) {
        return std::chrono::duration_cast<seconds>(t.time_since_epoch()).count() % 86'400;
    }
    static Timestamp midnight(Timestamp t) { return t - seconds{second_of_day(t)}; }
    static bool open(Timestamp t) {
        return second_of_day(t) >= 9 * 3600 && second_of_day(t) < 17 * 3600;
    }
    static Timestamp closing(Timestamp t) { return midnight(t) + hours{17}; }
    static Timestamp next_open(Timestamp t) {
        return second_of_day(t) < 9 * 3600 ? midnight(t) + hours{9} : midnight(t) + hours{24 + 9};
    }
};

Ticket ticket(Priority priority) {
    Ticket t;
    static_cast<TicketDraft&>(t) = testing::sample_draft();
    t.priority = priority;
    return t;
}

class ticket_clocks : public ::testing::Test {
  protected:
    AroundTheClock wall;
    Policy policy = Policy::standard();
};

TEST_F(ticket_clocks, start_runs_first_response_and_resolution_only) {
    const auto clocks = TicketClocks::start(policy, ticket(Priority::high), kMonday9, wall);
    EXPECT_TRUE(clocks.status(Metric::first_response, kMonday9, wall).running);
    EXPECT_TRUE(clocks.status(Metric::resolution, kMonday9, wall).running);
    EXPECT_FALSE(clocks.clock(Metric::next_update).armed);
    EXPECT_EQ(clocks.status(Metric::first_response, kMonday9, wall).due, kMonday9 + hours{1});
    EXPECT_EQ(clocks.next_deadline(wall), kMonday9 + minutes{48}) << "80 % of one hour";
}

// The calendar refuses to place these instants (an answer past 9999, an instant before 1400):
// the clocks neither fail nor invent a deadline.
TEST_F(ticket_clocks, never_fall_due_where_the_business_time_cannot_place_the_deadline) {
    const Timestamp near_the_end = parse_iso8601("9999-12-31T00:00:00Z").value();
    const auto clocks = TicketClocks::start(policy, ticket(Priority::high), near_the_end, wall);
    const auto resolution = clocks.status(Metric::resolution, near_the_end + hours{2}, wall);
    EXPECT_TRUE(resolution.running);
    EXPECT_EQ(resolution.elapsed, hours{2});
    EXPECT_EQ(resolution.due, std::nullopt) << "48 h after the start lies past 9999";
    EXPECT_EQ(clocks.next_deadline(wall), near_the_end + minutes{48}) << "first response fits";
}

TEST_F(ticket_clocks, count_no_business_time_where_the_calendar_cannot_place_the_instant) {
    const CalendarTime office{Calendar{}};
    const Timestamp medieval = parse_iso8601("1300-01-01T00:00:00Z").value();
    auto clocks = TicketClocks::start(policy, ticket(Priority::high), medieval, office);
    const auto status = clocks.status(Metric::first_response, medieval + hours{3}, office);
    EXPECT_EQ(status.elapsed, hours{0});
    EXPECT_EQ(status.due, std::nullopt);
    EXPECT_TRUE(clocks.signals_due(medieval + hours{3}, office).empty());
}

TEST_F(ticket_clocks, warns_then_breaches_then_climbs_the_ladder_in_order) {
    auto clocks = TicketClocks::start(policy, ticket(Priority::urgent), kMonday9, wall);
    EXPECT_TRUE(clocks.signals_due(kMonday9 + minutes{11}, wall).empty());
    const auto due = clocks.signals_due(kMonday9 + hours{5}, wall);
    const std::vector<Signal> expected{
        {Metric::first_response, SignalKind::warning, kMonday9 + minutes{12}, std::nullopt},
        {Metric::first_response, SignalKind::breach, kMonday9 + minutes{15}, std::nullopt},
        {Metric::first_response, SignalKind::escalation, kMonday9 + minutes{15}, policy.ladder[0]},
        {Metric::first_response, SignalKind::escalation, kMonday9 + minutes{15} + hours{4},
         policy.ladder[1]},
    };
    EXPECT_EQ(due, expected);
    EXPECT_TRUE(clocks.signals_due(kMonday9 + hours{5}, wall).empty()) << "each signal once";
}

TEST_F(ticket_clocks, waiting_for_the_customer_pauses_resolution_and_keeps_its_time) {
    auto clocks = TicketClocks::start(policy, ticket(Priority::medium), kMonday9, wall);
    clocks.on_state(TicketState::in_progress, kMonday9, wall);
    clocks.on_state(TicketState::waiting, kMonday9 + hours{1}, wall);
    const auto paused = clocks.status(Metric::resolution, kMonday9 + hours{30}, wall);
    EXPECT_TRUE(paused.paused);
    EXPECT_EQ(paused.elapsed, hours{1});
    EXPECT_FALSE(paused.due);
    clocks.on_state(TicketState::in_progress, kMonday9 + hours{30}, wall);
    const auto resumed = clocks.status(Metric::resolution, kMonday9 + hours{32}, wall);
    EXPECT_EQ(resumed.elapsed, hours{3});
    EXPECT_EQ(resumed.due, kMonday9 + hours{30} + hours{71});
}

TEST_F(ticket_clocks, reject_and_reopen_resume_resolution_with_the_time_kept) {
    auto clocks = TicketClocks::start(policy, ticket(Priority::medium), kMonday9, wall);
    clocks.on_resolved(kMonday9 + hours{10}, wall);
    EXPECT_FALSE(clocks.status(Metric::resolution, kMonday9 + hours{20}, wall).running);
    clocks.on_state(TicketState::in_progress, kMonday9 + hours{20}, wall);  // rejected
    EXPECT_EQ(clocks.status(Metric::resolution, kMonday9 + hours{25}, wall).elapsed, hours{15});
    clocks.on_resolved(kMonday9 + hours{26}, wall);
    clocks.on_state(TicketState::closed, kMonday9 + hours{27}, wall);
    EXPECT_FALSE(clocks.signals_due(kMonday9 + hours{27}, wall).empty()) << "first response owed";
    EXPECT_FALSE(clocks.next_deadline(wall)) << "closed: nothing more to come";
    clocks.on_state(TicketState::in_progress, kMonday9 + hours{100}, wall);  // reopened
    const auto reopened = clocks.status(Metric::resolution, kMonday9 + hours{101}, wall);
    EXPECT_EQ(reopened.elapsed, hours{17});
    EXPECT_EQ(reopened.cycles, 2u);
}

TEST_F(ticket_clocks, customer_updates_stop_first_response_and_rearm_next_update) {
    auto clocks = TicketClocks::start(policy, ticket(Priority::high), kMonday9, wall);
    clocks.on_state(TicketState::in_progress, kMonday9, wall);
    clocks.on_customer_update(kMonday9 + minutes{30}, wall);
    EXPECT_EQ(clocks.clock(Metric::first_response).cycles, 1u);
    EXPECT_FALSE(clocks.status(Metric::first_response, kMonday9 + hours{2}, wall).running);
    EXPECT_EQ(clocks.status(Metric::next_update, kMonday9 + hours{2}, wall).due,
              kMonday9 + minutes{30} + hours{24});

    const auto late = clocks.signals_due(kMonday9 + hours{25}, wall);
    ASSERT_FALSE(late.empty());
    EXPECT_EQ(late[1].kind, SignalKind::breach);
    EXPECT_EQ(late[1].metric, Metric::next_update);
    clocks.on_customer_update(kMonday9 + hours{26}, wall);  // a new cycle, the breach is history
    const auto fresh = clocks.status(Metric::next_update, kMonday9 + hours{26}, wall);
    EXPECT_FALSE(fresh.breached_at);
    EXPECT_EQ(fresh.cycles, 1u);
    EXPECT_EQ(fresh.elapsed, seconds{0});
}

TEST_F(ticket_clocks, retargeting_keeps_the_time_spent) {
    auto clocks = TicketClocks::start(policy, ticket(Priority::low), kMonday9, wall);
    clocks.retarget(policy, Priority::urgent, kMonday9 + hours{2}, wall);
    const auto urgent = clocks.status(Metric::first_response, kMonday9 + hours{2}, wall);
    EXPECT_EQ(urgent.elapsed, hours{2});
    EXPECT_EQ(urgent.target, minutes{15});
    const auto due = clocks.signals_due(kMonday9 + hours{2}, wall);
    ASSERT_GE(due.size(), 2u);
    EXPECT_EQ(due[0].kind, SignalKind::warning);
    EXPECT_EQ(due[1].kind, SignalKind::breach) << "already past the new target";
    EXPECT_EQ(due[1].at, kMonday9 + hours{2}) << "due the moment the target changed";

    clocks.retarget(policy, Priority::low, kMonday9 + hours{3}, wall);
    const auto low = clocks.status(Metric::first_response, kMonday9 + hours{3}, wall);
    EXPECT_FALSE(low.breached_at) << "under the later target there is no breach yet";
    EXPECT_EQ(low.elapsed, hours{3});
    EXPECT_EQ(low.due, kMonday9 + hours{8});
}

TEST_F(ticket_clocks, warnings_fire_in_business_time_not_wall_time) {
    const OfficeHours office;
    const Timestamp monday16 = kMonday9 + hours{7};
    auto clocks = TicketClocks::start(policy, ticket(Priority::medium), monday16, office);
    // 80 % of 4 business hours is 3 h 12 min: one hour on Monday, 2 h 12 min on Tuesday.
    EXPECT_EQ(clocks.next_deadline(office), kMonday9 + hours{24} + hours{2} + minutes{12});
    const auto due = clocks.signals_due(kMonday9 + hours{24 + 3}, office);
    ASSERT_EQ(due.size(), 3u);
    EXPECT_EQ(due[0].kind, SignalKind::warning);
    EXPECT_EQ(due[1].kind, SignalKind::breach);
    EXPECT_EQ(due[1].at, kMonday9 + hours{24 + 3}) << "breach at 4 business hours";
    EXPECT_EQ(due[2].kind, SignalKind::escalation) << "the ladder's first step is at the breach";
    // The next step comes 4 business hours after the breach: 16:00 on Tuesday, not 16:00 wall.
    EXPECT_EQ(clocks.next_deadline(office), kMonday9 + hours{24 + 7});
}

TEST_F(ticket_clocks, signals_keep_the_instant_a_threshold_was_crossed_however_late_asked) {
    auto clocks = TicketClocks::start(policy, ticket(Priority::urgent), kMonday9, wall);
    clocks.on_state(TicketState::in_progress, kMonday9 + hours{1}, wall);  // banks 1 hour
    clocks.on_customer_update(kMonday9 + hours{2}, wall);  // the response came far too late
    const auto due = clocks.signals_due(kMonday9 + hours{3}, wall);
    ASSERT_GE(due.size(), 2u);
    EXPECT_EQ(due[0], (Signal{Metric::first_response, SignalKind::warning, kMonday9 + minutes{12},
                              std::nullopt}));
    EXPECT_EQ(due[1], (Signal{Metric::first_response, SignalKind::breach, kMonday9 + minutes{15},
                              std::nullopt}));
    EXPECT_EQ(clocks.clock(Metric::first_response).cycles, 1u);
}

TEST_F(ticket_clocks, a_zero_target_is_not_tracked_and_cancel_stops_everything) {
    policy.target(Priority::low, Metric::first_response) = seconds{0};
    auto clocks = TicketClocks::start(policy, ticket(Priority::low), kMonday9, wall);
    EXPECT_FALSE(clocks.status(Metric::first_response, kMonday9, wall).running);
    clocks.on_state(TicketState::cancelled, kMonday9 + hours{1}, wall);
    EXPECT_FALSE(clocks.next_deadline(wall));
    EXPECT_TRUE(clocks.signals_due(kMonday9 + hours{1000}, wall).empty());
}

}  // namespace
}  // namespace ticketflow::sla
