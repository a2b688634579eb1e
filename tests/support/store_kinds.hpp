#pragma once
// Every Store implementation, for the typed suites that each of them must pass. A new backend
// joins every suite by adding its kind to StoreKinds.

#include <memory>
#include <string>

#include <gtest/gtest.h>

#include <ticketflow/storage/memory_store.hpp>
#include <ticketflow/storage/sqlite_store.hpp>

#include "support/sqlite_file.hpp"

namespace ticketflow::testing {

struct MemoryStoreKind {
    static constexpr const char* name = "MemoryStore";
    static std::shared_ptr<Store> make() { return std::make_shared<MemoryStore>(); }
};

// A fresh temporary file per test, removed afterwards.
struct SqliteStoreKind {
    static constexpr const char* name = "SqliteStore";
    static std::shared_ptr<Store> make() { return temporary_sqlite_store(); }
};

// The same, with group commit: concurrent writes share transactions.
struct SqliteGroupCommitStoreKind {
    static constexpr const char* name = "SqliteStoreGroupCommit";
    static std::shared_ptr<Store> make() {
        SqliteOptions options;
        options.group_commit = 64;
        return temporary_sqlite_store(options);
    }
};

using StoreKinds = ::testing::Types<MemoryStoreKind, SqliteStoreKind, SqliteGroupCommitStoreKind>;

// Test names say which store ran: store_conformance/SqliteStore.keeps_sequences_per_key.
struct StoreKindNames {
    template <class Kind>
    static std::string GetName(int) {
        return Kind::name;
    }
};

}  // namespace ticketflow::testing
