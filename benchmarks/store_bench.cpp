// store_bench: durable commands per second through the engine on the SQLite store, against a raw
// SQLite loop that writes the same rows in the same kind of transaction with the same settings.
//
// The command is a note on one of 1,000 open tickets: the engine loads the ticket, brings its SLA
// clocks up to date, appends the note's audit event and saves the new snapshot, in one
// `BEGIN IMMEDIATE` transaction. The raw loop does what any hand-written SQLite code would do for
// the same change: select the ticket's document and last audit sequence, update the ticket row
// (the same columns, documents of the same size) and insert the audit row, in one
// `BEGIN IMMEDIATE` transaction. The argument is the durability: 0 = synchronous FULL (the
// default; a commit waits for the disk), 1 = NORMAL (a commit waits for nothing).
//
// It also weighs `Store::verify`, which decodes every record of the file, against reading every
// ticket through `find` (items = tickets in both), and an import's commands one by one against the
// same commands in batches (`Engine::batch`: one transaction and one flush per batch).
#include <array>
#include <filesystem>
#include <optional>
#include <random>
#include <sqlite3.h>
#include <string>
#include <unistd.h>
#include <vector>

#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>

#include <ticketflow/storage/sqlite_store.hpp>
#include <ticketflow/ticketflow.hpp>

namespace {

using namespace ticketflow;

constexpr int kTickets = 1000;

Durability durability(const benchmark::State& state) {
    return state.range(0) == 0 ? Durability::full : Durability::normal;
}

/// A fresh database file beside the others in the temporary directory, removed afterwards.
class ScratchFile {
  public:
    ScratchFile()
        : path_(std::filesystem::temp_directory_path() /
                ("ticketflow-store-bench-" + std::to_string(::getpid()) + ".db")) {
        remove();
    }
    ~ScratchFile() { remove(); }
    const std::filesystem::path& path() const { return path_; }

  private:
    void remove() const {
        for (const char* suffix : {"", "-wal", "-shm"}) {
            std::filesystem::remove(path_.string() + suffix);
        }
    }
    std::filesystem::path path_;
};

TicketDraft draft(int n) {
    TicketDraft d;
    d.customer.id = CustomerId{"cust-" + std::to_string(n % 50)};
    d.customer.name = "华东精密制造有限公司";
    d.title = "Printer jams #" + std::to_string(n);
    d.description = "打印机卡纸，已尝试重启。Paper jams after the firmware update.";
    d.category = "hardware_fault";
    d.customer.email = "cust-" + std::to_string(n % 50) + "@example.com";
    return d;
}

/// An engine on a new SQLite file with kTickets open tickets.
struct EngineSetup {
    ScratchFile file;
    std::shared_ptr<ManualClock> clock =
        std::make_shared<ManualClock>(from_unix_seconds(1'727'740'800));
    std::unique_ptr<Engine> engine;

    explicit EngineSetup(Durability synchronous, EngineConfig config = {}) {
        SqliteOptions options;
        options.path = file.path();
        options.synchronous = synchronous;
        engine =
            Engine::create(SqliteStore::open(options).value(), clock, std::move(config)).value();
        // One batch: the setup takes one flush, not a thousand.
        engine
            ->batch([&]() -> Result<void> {
                for (int i = 0; i < kTickets; ++i) {
                    engine->open(draft(i), Actor::agent("intake")).value();
                }
                return {};
            })
            .value();
    }
};

void BM_engine_command(benchmark::State& state) {
    EngineSetup setup(durability(state));
    std::mt19937 rng(1);
    const Actor agent = Actor::agent("agent-1");
    for (auto _ : state) {
        setup.clock->advance(std::chrono::seconds{1});
        const TicketId id{1 + rng() % kTickets};
        auto noted = setup.engine->add_note(id, agent, "Checked the fuser; ordering a part.");
        if (!noted) state.SkipWithError(noted.error().message.c_str());
    }
    state.SetItemsProcessed(state.iterations());
}

/// The same commands as BM_engine_command, but customer-visible under the standard notification
/// rules: each one also renders a progress update and stores it in the outbox.
void BM_engine_notifying_command(benchmark::State& state) {
    EngineConfig config;
    config.notifications = notify::Rules::standard();
    EngineSetup setup(durability(state), config);
    std::mt19937 rng(1);
    const Actor agent = Actor::agent("agent-1");
    for (auto _ : state) {
        setup.clock->advance(std::chrono::seconds{1});
        const TicketId id{1 + rng() % kTickets};
        auto noted = setup.engine->add_note(id, agent, "Checked the fuser; ordering a part.",
                                            Visibility::customer);
        if (!noted) state.SkipWithError(noted.error().message.c_str());
    }
    state.SetItemsProcessed(state.iterations());
}

// ---------------------------------------------------------------------------------------------
// The raw loop, on a file the store created (so the schema, indexes and triggers are the same).

class RawConnection {
  public:
    RawConnection(const std::filesystem::path& path, Durability synchronous) {
        sqlite3_open(path.c_str(), &db_);
        sqlite3_busy_timeout(db_, 5000);
        exec("PRAGMA journal_mode = WAL");
        exec(synchronous == Durability::full ? "PRAGMA synchronous = FULL"
                                             : "PRAGMA synchronous = NORMAL");
        exec("PRAGMA foreign_keys = ON");
        prepare(select_ticket_,
                "SELECT version, document, number, state, owner, team, priority, customer_id, "
                "sla_clocks FROM tickets WHERE id = ?1");
        prepare(last_sequence_,
                "SELECT coalesce(max(sequence), 0) FROM audit_events WHERE ticket_id = ?1");
        prepare(update_ticket_,
                "UPDATE tickets SET number = ?2, version = ?3, state = ?4, owner = ?5, team = ?6, "
                "priority = ?7, customer_id = ?8, document = ?9, sla_clocks = ?10 WHERE id = ?1");
        prepare(insert_audit_,
                "INSERT INTO audit_events (ticket_id, sequence, at, document) "
                "VALUES (?1, ?2, ?3, ?4)");
    }
    ~RawConnection() {
        for (sqlite3_stmt* s : {select_ticket_, last_sequence_, update_ticket_, insert_audit_}) {
            sqlite3_finalize(s);
        }
        sqlite3_close(db_);
    }

    /// One note on ticket `id`: the same rows the engine writes for it.
    bool note(std::int64_t id, std::int64_t at, const std::string& audit_document) {
        exec("BEGIN IMMEDIATE");
        sqlite3_bind_int64(select_ticket_, 1, id);
        if (sqlite3_step(select_ticket_) != SQLITE_ROW) return rollback();
        const std::int64_t version = sqlite3_column_int64(select_ticket_, 0);
        for (int column = 1; column < 9; ++column) {
            columns_[column] =
                reinterpret_cast<const char*>(sqlite3_column_text(select_ticket_, column));
        }
        sqlite3_reset(select_ticket_);
        sqlite3_bind_int64(last_sequence_, 1, id);
        sqlite3_step(last_sequence_);
        const std::int64_t sequence = sqlite3_column_int64(last_sequence_, 0);
        sqlite3_reset(last_sequence_);

        // The ticket's columns as they were (a note changes none of them), the version bumped.
        sqlite3_bind_int64(update_ticket_, 1, id);
        bind_text(update_ticket_, 2, columns_[2]);
        sqlite3_bind_int64(update_ticket_, 3, version + 1);
        for (int column = 3; column < 8; ++column)
            bind_text(update_ticket_, column + 1, columns_[column]);
        bind_text(update_ticket_, 9, columns_[1]);
        bind_text(update_ticket_, 10, columns_[8]);
        if (!run(update_ticket_)) return rollback();
        sqlite3_bind_int64(insert_audit_, 1, id);
        sqlite3_bind_int64(insert_audit_, 2, sequence + 1);
        sqlite3_bind_int64(insert_audit_, 3, at);
        bind_text(insert_audit_, 4, audit_document);
        if (!run(insert_audit_)) return rollback();
        return exec("COMMIT");
    }

  private:
    bool exec(const char* sql) { return sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) == 0; }
    bool rollback() {
        exec("ROLLBACK");
        return false;
    }
    void prepare(sqlite3_stmt*& statement, const char* sql) {
        sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, nullptr);
    }
    static void bind_text(sqlite3_stmt* s, int column, const std::string& text) {
        sqlite3_bind_text(s, column, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
    }
    static bool run(sqlite3_stmt* s) {
        const bool done = sqlite3_step(s) == SQLITE_DONE;
        sqlite3_reset(s);
        return done;
    }

    sqlite3* db_ = nullptr;
    sqlite3_stmt* select_ticket_ = nullptr;
    sqlite3_stmt* last_sequence_ = nullptr;
    sqlite3_stmt* update_ticket_ = nullptr;
    sqlite3_stmt* insert_audit_ = nullptr;
    std::array<std::string, 9>
        columns_;  // 1: document, 2: number, 3–7: state … customer_id, 8: SLA
};

void BM_raw_sqlite_command(benchmark::State& state) {
    EngineSetup setup(durability(state));  // the same file, tickets and schema
    RawConnection raw(setup.file.path(), durability(state));
    AuditEvent note;
    note.actor = Actor::agent("agent-1");
    note.action = "add_note";
    note.note = "Checked the fuser; ordering a part.";
    const std::string audit_document = nlohmann::json(note).dump();
    std::mt19937 rng(1);
    std::int64_t at = 1'727'740'800'000'000;
    for (auto _ : state) {
        if (!raw.note(1 + rng() % kTickets, at += 1'000'000, audit_document)) {
            state.SkipWithError("the raw transaction failed");
        }
    }
    state.SetItemsProcessed(state.iterations());
}

// ---------------------------------------------------------------------------------------------
// Group commit: many threads writing at once, durably (synchronous FULL). The argument is
// SqliteOptions::group_commit: 1 commits every write alone, 64 lets up to 64 share a commit.

/// One store for all the benchmark's threads, set up by thread 0 before they start.
struct SharedSetup {
    ScratchFile file;
    std::shared_ptr<ManualClock> clock =
        std::make_shared<ManualClock>(from_unix_seconds(1'727'740'800));
    std::shared_ptr<SqliteStore> store;
    std::unique_ptr<Engine> engine;
    std::vector<Ticket> tickets;

    explicit SharedSetup(std::size_t group_commit) {
        SqliteOptions options;
        options.path = file.path();
        options.group_commit = group_commit;
        store = SqliteStore::open(options).value();
        engine = Engine::create(store, clock).value();
        for (int i = 0; i < kTickets; ++i) {
            tickets.push_back(engine->open(draft(i), Actor::agent("intake")).value());
        }
    }
};
std::unique_ptr<SharedSetup> shared;

// Google Benchmark starts every thread's loop together, after thread 0 has set up, and ends them
// together before thread 0 tears down.
void set_up_shared(const benchmark::State& state) {
    if (state.thread_index() == 0) shared = std::make_unique<SharedSetup>(state.range(0));
}
void tear_down_shared(const benchmark::State& state) {
    if (state.thread_index() == 0) shared.reset();
}

// Each thread notes its own tickets through the engine: no two threads touch one ticket.
void BM_engine_concurrent_commands(benchmark::State& state) {
    set_up_shared(state);
    const auto thread = static_cast<std::size_t>(state.thread_index());
    const auto threads = static_cast<std::size_t>(state.threads());
    const Actor agent = Actor::agent("agent-1");
    std::size_t n = 0;
    for (auto _ : state) {
        const Ticket& ticket = shared->tickets[(thread + threads * n++) % shared->tickets.size()];
        auto noted = shared->engine->add_note(ticket.id, agent, "Checked the fuser.");
        if (!noted) state.SkipWithError(noted.error().message.c_str());
    }
    state.SetItemsProcessed(state.iterations());
    tear_down_shared(state);
}

// The same change straight through the store, from a snapshot each thread keeps of its own
// ticket: what the store alone can commit.
void BM_store_concurrent_updates(benchmark::State& state) {
    set_up_shared(state);
    std::optional<Ticket> ticket;  // taken inside the loop: only then is the setup done
    AuditEvent note;
    note.actor = Actor::agent("agent-1");
    note.action = "add_note";
    note.note = "Checked the fuser.";
    for (auto _ : state) {
        if (!ticket) ticket = shared->tickets[static_cast<std::size_t>(state.thread_index())];
        TicketUpdate update{*ticket, ticket->version, {note}};
        update.ticket.version = ticket->version + 1;
        if (!shared->store->update(update)) state.SkipWithError("the update failed");
        ticket->version += 1;
    }
    state.SetItemsProcessed(state.iterations());
    tear_down_shared(state);
}

// ---------------------------------------------------------------------------------------------
// Batches: an import replaying an event log through the engine. Every fifth command opens a
// ticket, the others add a note to one of the open tickets. Arguments: the batch size (1: every
// command commits on its own, as without batches; 100 and 1000: that many commands share one
// `Engine::batch`), and the durability (0 = synchronous FULL, 1 = NORMAL). Items are commands.

void BM_import_in_batches(benchmark::State& state) {
    EngineSetup setup(state.range(1) == 0 ? Durability::full : Durability::normal);
    const auto batch_size = static_cast<std::size_t>(state.range(0));
    std::mt19937 rng(1);
    std::size_t command = 0;
    int opened = kTickets;
    const Actor agent = Actor::agent("agent-1");
    const auto next_command = [&]() -> Result<void> {
        setup.clock->advance(std::chrono::seconds{1});
        if (command++ % 5 == 0) {
            auto ticket = setup.engine->open(draft(opened++), Actor::agent("intake"));
            if (!ticket) return ticket.error();
            return {};
        }
        const TicketId id{1 + rng() % kTickets};
        auto noted = setup.engine->add_note(id, agent, "Imported: checked the fuser.");
        if (!noted) return noted.error();
        return {};
    };
    for (auto _ : state) {
        Result<void> done;
        if (batch_size == 1) {
            done = next_command();
        } else {
            done = setup.engine->batch([&]() -> Result<void> {
                for (std::size_t i = 0; i < batch_size; ++i) {
                    if (auto ran = next_command(); !ran) return ran;
                }
                return {};
            });
        }
        if (!done) return state.SkipWithError(done.error().message.c_str());
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(batch_size));
    state.SetLabel(batch_size == 1 ? "one by one" : "batches of " + std::to_string(batch_size));
}

/// Reading every ticket page by page with `find`: what `verify` is compared with.
void BM_find_every_ticket(benchmark::State& state) {
    EngineSetup setup(Durability::normal);
    auto store = SqliteStore::open({setup.file.path()}).value();
    for (auto _ : state) {
        TicketQuery query;
        query.limit = TicketQuery::max_limit;
        for (;;) {
            const auto page = store->find(query);
            if (!page) return state.SkipWithError(page.error().message.c_str());
            benchmark::DoNotOptimize(page->items.data());
            if (!page->next_after) break;
            query.after = *page->next_after;
        }
    }
    state.SetItemsProcessed(state.iterations() * kTickets);
}

/// `verify` over the same file: it also decodes each SLA record, audit event and outbox entry, so
/// it costs a multiple of `find`; a maintenance job's call, not a request's.
void BM_verify_every_record(benchmark::State& state) {
    EngineSetup setup(Durability::normal);
    auto store = SqliteStore::open({setup.file.path()}).value();
    for (auto _ : state) {
        const auto damaged = store->verify();
        if (!damaged) return state.SkipWithError(damaged.error().message.c_str());
        if (!damaged->empty()) return state.SkipWithError(damaged->front().what.c_str());
    }
    state.SetItemsProcessed(state.iterations() * kTickets);
}

}  // namespace

// Commits alone and grouped, by 16 and by 128 threads.
static void concurrent_writers(benchmark::internal::Benchmark* b) {
    b->Arg(1)->Arg(256)->Threads(16)->Threads(128)->Unit(benchmark::kMicrosecond)->UseRealTime();
}
BENCHMARK(BM_engine_concurrent_commands)->Apply(concurrent_writers);
BENCHMARK(BM_store_concurrent_updates)->Apply(concurrent_writers);
BENCHMARK(BM_engine_command)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond)->UseRealTime();
BENCHMARK(BM_engine_notifying_command)
    ->Arg(0)
    ->Arg(1)
    ->Unit(benchmark::kMicrosecond)
    ->UseRealTime();
BENCHMARK(BM_raw_sqlite_command)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond)->UseRealTime();
BENCHMARK(BM_import_in_batches)
    ->ArgNames({"batch", "normal"})
    ->ArgsProduct({{1, 100, 1000}, {0, 1}})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_find_every_ticket)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_verify_every_record)->Unit(benchmark::kMillisecond)->UseRealTime();

BENCHMARK_MAIN();
