// The two real help desk logs beside the project (../shared/data), replayed with the shipped
// mappings on each store: how many cases pass through the engine without a refused command.

#include <iostream>
#include <ostream>
#include <string>

#include <gtest/gtest.h>

#include <ticketflow/importer.hpp>
#include <ticketflow/storage/memory_store.hpp>

#include "support/shared_data.hpp"
#include "support/sqlite_file.hpp"

namespace ticketflow::importer {
namespace {

// Under the standard workflow profile, with the shipped mappings, at least this share of the
// cases of each log replays without a refused command.
constexpr double required_share = 0.99;

// Under the sanitizers a replay runs 3 (ASan) to 10 (TSan) times slower, and the bigger log on
// SQLite already takes a minute and a half in the dev build. The replay is single-threaded, so
// ThreadSanitizer has nothing to find in it that the stores' own tests do not cover; under
// AddressSanitizer the smaller log still replays in memory through every engine path the logs
// reach, and the dev build replays all four.
#if defined(__SANITIZE_THREAD__)
constexpr bool under_thread_sanitizer = true;
#else
constexpr bool under_thread_sanitizer = false;
#endif
#if defined(__SANITIZE_ADDRESS__)
constexpr bool under_address_sanitizer = true;
#else
constexpr bool under_address_sanitizer = false;
#endif

struct SharedLog {
    const char* name;
    const char* data_file;
    const char* mapping;
};

constexpr SharedLog helpdesk{"helpdesk", "helpdesk-italian-software-company.csv",
                             "helpdesk.mapping.json"};
constexpr SharedLog bpi2013{"bpi2013", "bpi-challenge-2013-incidents-volvo-it.zip",
                            "bpi2013.mapping.json"};

enum class StoreKind { memory, sqlite };

struct Case {
    SharedLog log;
    StoreKind store;
};

/// ctest lists the log and the store rather than the bytes of the parameter.
void PrintTo(const Case& c, std::ostream* out) {
    *out << c.log.name << (c.store == StoreKind::memory ? " on MemoryStore" : " on SqliteStore");
}

std::string name_of(const ::testing::TestParamInfo<Case>& info) {
    return std::string(info.param.log.name) +
           (info.param.store == StoreKind::memory ? "_on_MemoryStore" : "_on_SqliteStore");
}

class import_shared_logs : public ::testing::TestWithParam<Case> {};

TEST_P(import_shared_logs, pass_through_the_engine_mostly_without_refusals) {
    const Case& c = GetParam();
    const bool smallest = c.store == StoreKind::memory && std::string(c.log.name) == "helpdesk";
    if (under_thread_sanitizer || (under_address_sanitizer && !smallest)) {
        GTEST_SKIP() << "too slow under this build's sanitizer (see the note at the top)";
    }
    TICKETFLOW_NEED_SHARED_DATA(c.log.data_file);
    auto mapping =
        read_mapping_file(std::string(TICKETFLOW_SOURCE_DIR) + "/examples/import/" + c.log.mapping);
    ASSERT_TRUE(mapping) << mapping.error().message;
    auto log = read_log(testing::shared_data_path(c.log.data_file), *mapping);
    ASSERT_TRUE(log) << log.error().message;

    std::shared_ptr<Store> store = std::make_shared<MemoryStore>();
    if (c.store == StoreKind::sqlite) {
        SqliteOptions options;
        options.synchronous = Durability::normal;  // a replay can run again; the disk may lag
        store = testing::temporary_sqlite_store(options);
    }
    auto report = replay(*log, *mapping, store);
    ASSERT_TRUE(report) << report.error().message;

    std::cout << c.log.name << ":\n" << summary(*report);
    RecordProperty("share_without_refusal", std::to_string(report->share_without_refusal()));
    RecordProperty("events_per_second", std::to_string(report->events_per_second()));
    EXPECT_EQ(report->rows, log->size());
    EXPECT_EQ(report->tickets_opened, report->cases) << "every case's first row opens a ticket";
    EXPECT_TRUE(report->unmapped.empty()) << "the mapping lists every activity of the log";
    EXPECT_EQ(report->rows_malformed, 0u);
    for (const auto& [activity, rows] : report->ignored) {
        const auto mapped = mapping->activities.find(activity);
        ASSERT_NE(mapped, mapping->activities.end()) << activity;
        EXPECT_EQ(mapped->second.command.kind, ActionKind::ignore)
            << activity << ": only the rows the mapping documents as junk are left out";
        EXPECT_GT(rows, 0u);
    }
    EXPECT_GE(report->share_without_refusal(), required_share);
}

INSTANTIATE_TEST_SUITE_P(, import_shared_logs,
                         ::testing::Values(Case{helpdesk, StoreKind::memory},
                                           Case{helpdesk, StoreKind::sqlite},
                                           Case{bpi2013, StoreKind::memory},
                                           Case{bpi2013, StoreKind::sqlite}),
                         name_of);

}  // namespace
}  // namespace ticketflow::importer
