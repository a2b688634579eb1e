// Engine::create: a configuration the engine cannot work with is an error value naming the field;
// the constructor, for code that wants an engine by value, throws that same error.
#include <gtest/gtest.h>

#include <ticketflow/engine.hpp>
#include <ticketflow/storage/memory_store.hpp>
#include <ticketflow/storage/sqlite_store.hpp>

#include "support/engine_fixture.hpp"
#include "support/faulty_vfs.hpp"
#include "support/sqlite_file.hpp"

namespace ticketflow::testing {
namespace {

std::shared_ptr<Store> memory() {
    return std::make_shared<MemoryStore>();
}

std::shared_ptr<ManualClock> manual_clock() {
    return std::make_shared<ManualClock>(from_unix_seconds(1696118400));
}

EngineConfig policy_in_unknown_calendar() {
    sla::Policy policy = sla::Policy::standard();
    policy.calendar = "shanghai-office";
    EngineConfig config;
    config.sla_policies = sla::PolicySet::make({policy}, {}, "standard").value();
    return config;
}

TEST(engine_create, builds_a_working_engine) {
    auto created = Engine::create(memory(), manual_clock());
    ASSERT_TRUE(created) << created.error().message;
    Engine& engine = **created;
    EXPECT_TRUE(engine.open(sample_draft(), kCustomer));
}

TEST(engine_create, names_the_policy_calendar_the_configuration_lacks) {
    const auto created = Engine::create(memory(), manual_clock(), policy_in_unknown_calendar());
    ASSERT_FALSE(created);
    EXPECT_EQ(created.error().code, ErrorCode::validation_failed);
    EXPECT_EQ(created.error().field, "sla_policies.policies[0].calendar");
    EXPECT_NE(created.error().message.find("'shanghai-office'"), std::string::npos);
}

TEST(engine_create, names_the_agent_calendar_the_configuration_lacks) {
    EngineConfig config;
    dispatch::Agent li;
    li.id = AgentId{"li"};
    li.calendar = "day-shift";
    ASSERT_TRUE(config.directory.put_agent(li));
    const auto created = Engine::create(memory(), manual_clock(), config);
    ASSERT_FALSE(created);
    EXPECT_EQ(created.error().field, "directory.agents[0].calendar");
}

TEST(engine_create, names_a_missing_store_or_clock) {
    const auto storeless = Engine::create(nullptr, manual_clock());
    ASSERT_FALSE(storeless);
    EXPECT_EQ(storeless.error().field, "store");
    const auto clockless = Engine::create(memory(), nullptr);
    ASSERT_FALSE(clockless);
    EXPECT_EQ(clockless.error().field, "clock");
}

TEST(engine_create, the_constructor_throws_the_error_create_returns) {
    const auto created = Engine::create(memory(), manual_clock(), policy_in_unknown_calendar());
    ASSERT_FALSE(created);
    try {
        Engine engine{memory(), manual_clock(), policy_in_unknown_calendar()};
        FAIL() << "an engine with a dangling calendar name was built";
    } catch (const Exception& e) {
        EXPECT_EQ(e.error(), created.error());
    }
}

TEST(engine_create, a_message_quoting_invalid_utf8_is_escaped) {
    sla::Policy policy = sla::Policy::standard();
    policy.calendar = "office-\xFF";
    EngineConfig config;
    config.sla_policies = sla::PolicySet::make({policy}, {}, "standard").value();
    const auto created = Engine::create(memory(), manual_clock(), config);
    ASSERT_FALSE(created);
    EXPECT_TRUE(is_valid_utf8(created.error().message));
    EXPECT_NE(created.error().message.find("'office-\\xff'"), std::string::npos);
}

// Start-up reads every stored ticket; a store that cannot be read makes `create` return its
// error rather than throw.
TEST(engine_create, returns_the_store_error_when_start_up_cannot_read_the_store) {
    FaultyVfs vfs{"ticketflow-faulty-create"};
    TempDatabase file;
    SqliteOptions options;
    options.path = file.path();
    options.vfs = vfs.name();
    {
        auto engine = Engine::create(SqliteStore::open(options).value(), manual_clock()).value();
        engine->open(sample_draft(), kCustomer).value();
    }
    auto store = SqliteStore::open(options).value();
    vfs.fail_reads_after(0);
    const auto created = Engine::create(std::move(store), manual_clock());
    vfs.heal();
    ASSERT_FALSE(created);
    EXPECT_EQ(created.error().code, ErrorCode::storage_failure);
}

}  // namespace
}  // namespace ticketflow::testing
