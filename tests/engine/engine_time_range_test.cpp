// The engine stamps nothing outside the range of time, whatever its clock says: a change dated in
// the year 10000 would be stored in a form no reader accepts.
#include <atomic>

#include <gtest/gtest.h>

#include "support/engine_fixture.hpp"

namespace ticketflow::testing {
namespace {

/// An application's own clock, which may stray outside the range of time.
class StrayClock final : public Clock {
  public:
    explicit StrayClock(Timestamp start) : micros_(start.time_since_epoch().count()) {}
    Timestamp now() const override { return Timestamp{std::chrono::microseconds{micros_.load()}}; }
    void set(Timestamp t) { micros_.store(t.time_since_epoch().count()); }

  private:
    std::atomic<std::int64_t> micros_;
};

class engine_time_range : public ::testing::Test {
  protected:
    std::shared_ptr<StrayClock> clock = std::make_shared<StrayClock>(from_unix_seconds(1696118400));
    std::shared_ptr<MemoryStore> store = std::make_shared<MemoryStore>();
    Engine engine{store, clock};
};

TEST_F(engine_time_range, refuses_to_open_a_ticket_when_the_clock_is_past_the_year_9999) {
    clock->set(latest_timestamp + std::chrono::microseconds{1});
    const auto refused = engine.open(sample_draft(), kCustomer);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::validation_failed);
    EXPECT_EQ(refused.error().field, "clock");

    // Nothing was stored, and no number was drawn.
    clock->set(from_unix_seconds(1696118400));
    EXPECT_EQ(engine.open(sample_draft(), kCustomer).value().number, "HT202310010001");
}

TEST_F(engine_time_range, refuses_a_command_stamped_outside_the_range_and_changes_nothing) {
    const Ticket opened = engine.open(sample_draft(), kCustomer).value();
    clock->set(Timestamp::max());
    const auto refused = engine.add_note(opened.id, kCustomer, "still jams");
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().field, "clock");
    EXPECT_EQ(refused.error().code, ErrorCode::validation_failed);
    EXPECT_EQ(engine.get(opened.id).value(), opened);
    EXPECT_EQ(store->load(opened.id).value().version, 1u);
}

TEST_F(engine_time_range, a_tick_at_an_instant_outside_the_range_reports_it_and_does_nothing) {
    const Ticket opened = engine.open(sample_draft(), kCustomer).value();
    const TickReport report = engine.tick(Timestamp::max());
    ASSERT_EQ(report.failures.size(), 1u);
    EXPECT_EQ(report.failures[0].field, "now");
    EXPECT_EQ(report.tickets_due, 0u);
    EXPECT_EQ(engine.get(opened.id).value(), opened);
}

TEST_F(engine_time_range, sla_status_refuses_a_clock_outside_the_range) {
    const Ticket opened = engine.open(sample_draft(), kCustomer).value();
    clock->set(earliest_timestamp - std::chrono::seconds{1});
    const auto status = engine.sla_status(opened.id);
    ASSERT_FALSE(status);
    EXPECT_EQ(status.error().field, "clock");
}

}  // namespace
}  // namespace ticketflow::testing
