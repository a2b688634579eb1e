// import_bench: events per second of a help desk log replayed through the engine, into a
// MemoryStore (goal ≥ 50,000 events/s on one core) and into SQLite (goal ≥ 20,000 events/s).
//
// The logs are the two beside the project (../shared/data: the Italian help desk's CSV and the BPI
// Challenge 2013 incidents inside their zip) with the shipped mappings; where they are missing the
// benchmark says so and skips them. A synthetic log generated here (4,000 cases of six rows:
// open, take in charge, ask the customer, answer, resolve, close) runs everywhere. Each log is
// replayed with the engine's SLA ticks between events and without them, which shows what the SLA
// costs. The log is read once, outside the timing; BM_read_log times reading alone.
#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <unistd.h>

#include <benchmark/benchmark.h>

#include <ticketflow/importer.hpp>
#include <ticketflow/storage/memory_store.hpp>
#include <ticketflow/storage/sqlite_store.hpp>

namespace {

using namespace ticketflow;

enum LogId { synthetic = 0, helpdesk = 1, bpi2013 = 2 };

struct Loaded {
    std::string missing;  // why the log is not there, when it is not
    importer::Mapping mapping;
    importer::CsvTable table;
};

constexpr const char* synthetic_mapping = R"({
    "notes": "The synthetic log of import_bench: six rows per case, all allowed by the lifecycle.",
    "case": "case",
    "timestamp": {"column": "time", "format": "iso8601"},
    "activity": "activity",
    "resource": "agent",
    "priority": {"column": "priority", "values": {"P2": "high", "P3": "medium", "P4": "low"}},
    "follow": {"owner": true},
    "activities": {
        "Opened": {"open": true},
        "Taken": {"event": "start"},
        "Asked": {"event": "request_info", "message": "which version?", "follow_owner": false},
        "Answered": {"event": "customer_replied", "role": "customer", "follow_owner": false},
        "Resolved": {"event": "resolve", "solution": "patched"},
        "Closed": {"event": "auto_close", "role": "system", "follow_owner": false}
    }
})";

// Cases start a few minutes apart and overlap, so the replay interleaves them like a real desk.
std::string synthetic_log() {
    constexpr int cases = 4000;
    const char* steps[] = {"Opened", "Taken", "Asked", "Answered", "Resolved", "Closed"};
    const int minutes_after[] = {0, 20, 90, 600, 900, 900 + 3 * 24 * 60};
    const char* priorities[] = {"P2", "P3", "P3", "P4"};
    std::string text = "case,time,activity,agent,priority\n";
    const Timestamp start = parse_iso8601("2024-01-01T08:00:00Z").value();
    for (int c = 0; c < cases; ++c) {
        for (int s = 0; s < 6; ++s) {
            const auto at = start + std::chrono::minutes{c * 7 + minutes_after[s]};
            text += "C" + std::to_string(c) + "," + to_iso8601(at) + "," + steps[s] + ",agent-" +
                    std::to_string(c % 40) + "," + priorities[c % 4] + "\n";
        }
    }
    return text;
}

std::filesystem::path data_dir() {
    if (const char* dir = std::getenv("TICKETFLOW_SHARED_DATA_DIR")) return dir;
    return std::filesystem::path(TICKETFLOW_SOURCE_DIR) / ".." / "shared" / "data";
}

Loaded load(LogId id) {
    Loaded loaded;
    if (id == synthetic) {
        loaded.mapping = importer::parse_mapping(synthetic_mapping).value();
        loaded.table = importer::parse_csv(synthetic_log()).value();
        return loaded;
    }
    const char* mapping = id == helpdesk ? "helpdesk.mapping.json" : "bpi2013.mapping.json";
    const char* file = id == helpdesk ? "helpdesk-italian-software-company.csv"
                                      : "bpi-challenge-2013-incidents-volvo-it.zip";
    const auto path = data_dir() / file;
    if (!std::filesystem::exists(path)) {
        loaded.missing = path.string() + " is missing (set TICKETFLOW_SHARED_DATA_DIR)";
        return loaded;
    }
    loaded.mapping = importer::read_mapping_file(std::filesystem::path(TICKETFLOW_SOURCE_DIR) /
                                                 "examples" / "import" / mapping)
                         .value();
    loaded.table = importer::read_log(path, loaded.mapping).value();
    return loaded;
}

const Loaded& log_of(LogId id) {
    static std::map<LogId, Loaded> logs;
    auto found = logs.find(id);
    if (found == logs.end()) found = logs.emplace(id, load(id)).first;
    return found->second;
}

/// A fresh SQLite file per iteration, removed afterwards.
class ScratchDatabase {
  public:
    ScratchDatabase()
        : path_(std::filesystem::temp_directory_path() /
                ("ticketflow-import-bench-" + std::to_string(::getpid()) + ".db")) {
        remove();
    }
    ~ScratchDatabase() { remove(); }
    std::shared_ptr<Store> open(Durability durability) const {
        SqliteOptions options;
        options.path = path_;
        options.synchronous = durability;
        return SqliteStore::open(options).value();
    }

  private:
    void remove() const {
        std::error_code ignored;
        for (const char* suffix : {"", "-wal", "-shm"}) {
            std::filesystem::remove(path_.string() + suffix, ignored);
        }
    }
    std::filesystem::path path_;
};

struct InMemory {
    std::shared_ptr<Store> make() { return std::make_shared<MemoryStore>(); }
};
struct InSqlite {
    ScratchDatabase file;
    // A replay can run again after a crash: commits need not wait for the disk.
    std::shared_ptr<Store> make() { return file.open(Durability::normal); }
};

// Arguments: the log (LogId) and whether the SLA ticks between events (1) or not (0).
template <class Target>
void BM_import(benchmark::State& state) {
    const Loaded& log = log_of(static_cast<LogId>(state.range(0)));
    if (!log.missing.empty()) return state.SkipWithError(log.missing.c_str());
    importer::ReplayOptions options;
    options.tick = state.range(1) != 0;
    double share = 0;
    for (auto _ : state) {
        state.PauseTiming();
        auto target = std::make_unique<Target>();
        auto store = target->make();
        state.ResumeTiming();
        auto report = importer::replay(log.table, log.mapping, store, options);
        if (!report) return state.SkipWithError(report.error().message.c_str());
        share = report->share_without_refusal();
        state.PauseTiming();
        store.reset();
        target.reset();
        state.ResumeTiming();
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(log.table.size()));
    state.counters["share_without_refusal"] = share;
}

void BM_read_log(benchmark::State& state) {
    const auto id = static_cast<LogId>(state.range(0));
    const Loaded& log = log_of(id);
    if (!log.missing.empty()) return state.SkipWithError(log.missing.c_str());
    const std::string text = id == synthetic ? synthetic_log() : std::string();
    for (auto _ : state) {
        auto read = id == synthetic ? importer::parse_csv(text) : load(id).table;
        benchmark::DoNotOptimize(read);
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(log.table.size()));
}

void logs_and_ticks(benchmark::internal::Benchmark* b) {
    for (const int log : {synthetic, helpdesk, bpi2013}) {
        for (const int tick : {1, 0}) b->Args({log, tick});
    }
    b->ArgNames({"log", "tick"})->Unit(benchmark::kMillisecond)->UseRealTime();
}

}  // namespace

BENCHMARK_TEMPLATE(BM_import, InMemory)->Apply(logs_and_ticks);
BENCHMARK_TEMPLATE(BM_import, InSqlite)->Apply(logs_and_ticks);
BENCHMARK(BM_read_log)
    ->Arg(synthetic)
    ->Arg(helpdesk)
    ->Arg(bpi2013)
    ->ArgName("log")
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

BENCHMARK_MAIN();
