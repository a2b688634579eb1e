// Engine::batch: the commands of one thread saved in one store transaction. A batch that stores
// nothing leaves the engine agreeing with the store again: the deadlines it scheduled, the tickets
// it cached and the agents' loads it counted from the batch's commands are taken back.
#include <atomic>
#include <chrono>
#include <memory>
#include <thread>

#include <gtest/gtest.h>

#include <ticketflow/storage/sqlite_store.hpp>
#include <ticketflow/ticketflow.hpp>

#include "support/engine_fixture.hpp"
#include "support/faulty_vfs.hpp"
#include "support/sqlite_file.hpp"

namespace ticketflow::testing {
namespace {

const AgentId kLi{"agent-1"};  // kOwner
const AgentId kWang{"agent-2"};

EngineConfig two_agents() {
    EngineConfig config;
    for (const AgentId& id : {kLi, kWang}) {
        dispatch::Agent agent;
        agent.id = id;
        EXPECT_TRUE(config.directory.put_agent(agent));
    }
    return config;
}

class engine_batch : public ::testing::Test {
  protected:
    FaultyVfs vfs{"ticketflow-engine-batch"};  // first: it outlives the stores opened through it
    TempDatabase file;
    std::shared_ptr<ManualClock> clock =
        std::make_shared<ManualClock>(from_unix_seconds(1696118400));
    std::shared_ptr<Store> store;
    std::unique_ptr<Engine> engine;

    void start_on(std::shared_ptr<Store> on) {
        store = std::move(on);
        engine = Engine::create(store, clock, two_agents()).value();
    }
    void start_on_memory() { start_on(std::make_shared<MemoryStore>()); }
    void start_on_sqlite() {
        SqliteOptions options;
        options.path = file.path();
        options.vfs = vfs.name();
        start_on(std::shared_ptr<Store>(SqliteStore::open(options).value()));
    }

    Ticket open(std::string title = "Printer jams") {
        return engine->open(sample_draft(std::move(title)), kCustomer).value();
    }

    /// A ticket under way, owned by agent-1, ten minutes before the batches of the tests.
    Ticket in_progress() {
        const Ticket t = open();
        engine->assign(t.id, kSupervisor, kLi).value();
        const Ticket started = engine->start(t.id, kOwner).value();
        clock->advance(std::chrono::minutes{10});
        return started;
    }

    /// Resolves `t` (agent-1's load goes), opens a ticket and gives it to agent-2 (whose load
    /// comes), all inside the batch under way.
    Ticket change_everything(const Ticket& t) {
        EXPECT_TRUE(engine->resolve(t.id, kOwner, "Replaced the fuser"));
        const Ticket opened = open("Scanner streaks");
        EXPECT_TRUE(engine->assign(opened.id, kSupervisor, kWang));
        return opened;
    }

    /// The engine's deadlines and loads are what an engine started afresh on the store finds.
    void expect_engine_agrees_with_the_store() const {
        const auto fresh = Engine::create(store, clock, two_agents()).value();
        EXPECT_EQ(engine->next_sla_deadline(), fresh->next_sla_deadline());
        for (const AgentId& agent : {kLi, kWang}) {
            EXPECT_EQ(engine->directory().load(agent), fresh->directory().load(agent))
                << agent.value();
        }
    }

    /// After a batch that stored nothing: as before it, and commands go on from there.
    void expect_as_before(const Ticket& t, const Ticket& unsaved,
                          std::optional<Timestamp> deadline) {
        EXPECT_EQ(engine->next_sla_deadline(), deadline);
        EXPECT_EQ(engine->directory().load(kLi), 1u);
        EXPECT_EQ(engine->directory().load(kWang), 0u);
        EXPECT_EQ(engine->get(unsaved.id).error().code, ErrorCode::not_found);
        expect_engine_agrees_with_the_store();
        const Ticket noted = engine->add_note(t.id, kOwner, "still on it").value();
        EXPECT_EQ(noted.state, TicketState::in_progress);
        EXPECT_EQ(noted.version, t.version + 1);
        const Ticket next = open("Scanner streaks");
        EXPECT_EQ(next.id, unsaved.id);
        EXPECT_EQ(next.number, unsaved.number);
        expect_engine_agrees_with_the_store();
    }
};

TEST_F(engine_batch, saves_every_command_of_the_batch_together) {
    start_on_sqlite();
    const Ticket t = in_progress();
    Ticket opened;
    const auto saved = engine->batch([&]() -> Result<void> {
        opened = change_everything(t);
        return {};
    });
    ASSERT_TRUE(saved) << saved.error().message;
    EXPECT_EQ(engine->get(t.id)->state, TicketState::resolved);
    EXPECT_EQ(engine->get(opened.id)->owner, kWang);
    EXPECT_EQ(engine->directory().load(kLi), 0u);
    EXPECT_EQ(engine->directory().load(kWang), 1u);
    expect_engine_agrees_with_the_store();
}

TEST_F(engine_batch, a_refused_command_in_a_batch_changes_nothing_and_the_rest_is_saved) {
    start_on_memory();
    const auto saved = engine->batch([&]() -> Result<void> {
        const Ticket first = open();
        EXPECT_EQ(engine->confirm(first.id, kCustomer, {5, ""}).error().code,
                  ErrorCode::invalid_transition);  // nothing to confirm yet
        EXPECT_TRUE(engine->assign(first.id, kSupervisor, kLi));
        open("Scanner streaks");
        return {};
    });
    ASSERT_TRUE(saved) << saved.error().message;
    EXPECT_EQ(engine->find({}).value().items.size(), 2u);
    EXPECT_EQ(engine->audit_trail(TicketId{1}).value().size(), 2u);  // open, assign
    expect_engine_agrees_with_the_store();
}

TEST_F(engine_batch, a_batch_whose_work_fails_leaves_the_engine_as_the_store_is) {
    start_on_memory();
    const Ticket t = in_progress();
    const auto deadline = engine->next_sla_deadline();
    ASSERT_TRUE(deadline);
    Ticket unsaved;
    const auto abandoned = engine->batch([&]() -> Result<void> {
        unsaved = change_everything(t);
        EXPECT_NE(engine->next_sla_deadline(), deadline);  // the engine did follow the batch
        EXPECT_EQ(engine->directory().load(kWang), 1u);
        return validation_error("import", "row 3 is malformed");
    });
    ASSERT_FALSE(abandoned);
    EXPECT_EQ(abandoned.error().field, "import");
    expect_as_before(t, unsaved, deadline);
}

TEST_F(engine_batch, a_batch_whose_commit_fails_leaves_the_engine_as_the_store_is) {
    start_on_sqlite();
    const Ticket t = in_progress();
    const auto deadline = engine->next_sla_deadline();
    Ticket unsaved;
    const auto failed = engine->batch([&]() -> Result<void> {
        unsaved = change_everything(t);
        vfs.fail_writes_after(0);  // the commit cannot write the WAL
        return {};
    });
    vfs.heal();
    ASSERT_FALSE(failed);
    EXPECT_EQ(failed.error().code, ErrorCode::storage_failure);
    expect_as_before(t, unsaved, deadline);
}

TEST_F(engine_batch, a_batch_inside_a_batch_is_refused) {
    start_on_memory();
    const auto saved = engine->batch([&]() -> Result<void> {
        open();
        const auto inner = engine->batch([] { return Result<void>{}; });
        EXPECT_EQ(inner.error().field, "batch");
        StoreBatch store_batch{*store};  // nor a store batch inside the engine's
        EXPECT_EQ(store_batch.began().error().field, "batch");
        return {};
    });
    ASSERT_TRUE(saved) << saved.error().message;
    EXPECT_EQ(engine->find({}).value().items.size(), 1u);
}

TEST_F(engine_batch, an_engine_batch_ends_by_commit_or_rolls_back) {
    start_on_sqlite();
    {
        EngineBatch batch{*engine};
        ASSERT_TRUE(batch.began());
        open();
    }  // never committed
    EXPECT_TRUE(engine->find({}).value().items.empty());
    expect_engine_agrees_with_the_store();
    EngineBatch batch{*engine};
    const Ticket kept = open();
    ASSERT_TRUE(batch.commit());
    EXPECT_FALSE(batch.active());
    EXPECT_EQ(engine->get(kept.id).value(), kept);
}

// A command of another thread waits for the batch (rather than hold a stripe the batch needs) and
// is saved on its own, though the batch is abandoned.
TEST_F(engine_batch, another_threads_command_waits_for_the_batch_and_is_saved_apart) {
    start_on_sqlite();
    const Ticket t = in_progress();
    std::atomic<bool> other_done{false};
    std::thread other;
    Result<Ticket> noted = Error{};
    const auto abandoned = engine->batch([&]() -> Result<void> {
        EXPECT_TRUE(engine->add_note(t.id, kOwner, "in the batch"));
        other = std::thread([&] {
            noted = engine->add_note(t.id, kOwner, "from another thread");
            other_done = true;
        });
        std::this_thread::sleep_for(std::chrono::milliseconds(30));
        EXPECT_FALSE(other_done.load());
        open();
        return validation_error("import", "abandoned");
    });
    other.join();
    ASSERT_FALSE(abandoned);
    ASSERT_TRUE(noted) << noted.error().message;
    const auto trail = engine->audit_trail(t.id).value();
    EXPECT_EQ(trail.back().note, "from another thread");
    EXPECT_EQ(noted->version, t.version + 1);
    EXPECT_EQ(engine->find({}).value().items.size(), 1u);
    expect_engine_agrees_with_the_store();
}

}  // namespace
}  // namespace ticketflow::testing
