#pragma once
/// \file
/// Replaying an external help desk's event log through an engine: each case becomes a ticket,
/// each row a command, in the order the rows happened, on a clock that follows the log.

#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <ticketflow/core/clock.hpp>
#include <ticketflow/core/result.hpp>
#include <ticketflow/engine.hpp>
#include <ticketflow/importer/csv.hpp>
#include <ticketflow/importer/mapping.hpp>
#include <ticketflow/storage/store.hpp>

namespace ticketflow::importer {

/// How a replay runs.
struct ReplayOptions {
    /// Called with (rows done, rows in all) every `progress_every` rows and once at the end.
    std::function<void(std::size_t done, std::size_t total)> progress;
    std::size_t progress_every = 1000;
    /// Run the engine's SLA `tick(now)` before each row, so warnings, breaches and escalation
    /// steps fall between the log's events as they would have.
    bool tick = true;
    /// How many example case ids each kind of refusal keeps.
    std::size_t examples_per_refusal = 5;
    /// Rows whose case id or timestamp cannot be read are skipped and counted
    /// (`ReplayReport::rows_malformed`) instead of stopping the replay before it starts.
    bool skip_malformed_rows = false;
    /// The commands of this many rows (with their ticks) are saved in one batch of the store
    /// (`Engine::batch`): one transaction instead of one per command on SQLite. Each command is
    /// still all or nothing; a batch whose commit fails ends the replay with the store's error.
    /// 0 or 1: every command commits on its own.
    std::size_t batch_rows = 1000;
};

/// One kind of refusal: commands refused from the same state, for the same event, with the same
/// error code and reason.
struct RefusalKind {
    std::optional<TicketState> state;  ///< the ticket's state; none when it was not opened
    std::string event;  ///< a lifecycle event's name, or "open", "add_note", "change_priority",
                        ///< "unmapped_activity"
    ErrorCode code = ErrorCode::invalid_transition;
    std::string reason;  ///< the error's message without the ticket number
    std::size_t count = 0;
    std::vector<std::string> example_cases;  ///< case ids of the log, at most
                                             ///< `ReplayOptions::examples_per_refusal`

    friend bool operator==(const RefusalKind& a, const RefusalKind& b) {
        return a.state == b.state && a.event == b.event && a.code == b.code &&
               a.reason == b.reason && a.count == b.count && a.example_cases == b.example_cases;
    }
};

/// What a replay did.
struct ReplayReport {
    std::size_t cases = 0;  ///< distinct case ids
    std::size_t rows = 0;   ///< the log's events (data rows)
    std::size_t tickets_opened = 0;
    std::size_t commands_fired = 0;    ///< commands the engine accepted, opens included
    std::size_t commands_refused = 0;  ///< commands the engine refused (and unmapped rows)
    std::size_t commands_skipped = 0;  ///< commands not fired: the ticket was already there
    std::size_t rows_malformed = 0;    ///< with `skip_malformed_rows`
    std::size_t rows_reordered = 0;    ///< rows dated before an earlier row of their case: they
                                       ///< keep their case's order, at that earlier time
    std::size_t cases_with_refusal = 0;
    std::map<std::string, std::size_t> ignored;   ///< rows ignored, by activity
    std::map<std::string, std::size_t> unmapped;  ///< rows of activities the mapping lacks
    std::vector<RefusalKind> refusals;            ///< most frequent first
    std::size_t sla_events = 0;                   ///< recorded by the engine's ticks
    std::chrono::microseconds elapsed{0};         ///< the replay's own duration (not the log's)
    std::optional<Timestamp> first_event;
    std::optional<Timestamp> last_event;

    /// Rows replayed per second of `elapsed`.
    double events_per_second() const noexcept;
    /// The share of cases none of whose commands was refused (1 when there are none).
    double share_without_refusal() const noexcept;

    friend bool operator==(const ReplayReport& a, const ReplayReport& b) {
        return a.cases == b.cases && a.rows == b.rows && a.tickets_opened == b.tickets_opened &&
               a.commands_fired == b.commands_fired && a.commands_refused == b.commands_refused &&
               a.commands_skipped == b.commands_skipped && a.rows_malformed == b.rows_malformed &&
               a.rows_reordered == b.rows_reordered &&
               a.cases_with_refusal == b.cases_with_refusal && a.ignored == b.ignored &&
               a.unmapped == b.unmapped && a.refusals == b.refusals &&
               a.sla_events == b.sla_events && a.elapsed == b.elapsed &&
               a.first_event == b.first_event && a.last_event == b.last_event;
    }
};

/// The report as text for people: counts, the share of cases without a refusal, speed, and the
/// `top` most frequent refusals with example cases.
std::string summary(const ReplayReport& report, std::size_t top = 10);
/// The report as JSON (every field; refusals as objects with state, event, code, reason, count,
/// examples).
void to_json(nlohmann::json& j, const ReplayReport& report);

/// Replays `log` through `engine`, whose clock must be `clock`: the rows are sorted by time
/// (stably, each case keeping its own order), the clock is set to each row's time, the first
/// row of a case opens its ticket, and each row's command follows. A refused command is counted
/// and skipped; it never stops the replay. Errors stop it before any command when the mapping
/// and the log do not fit: a column the mapping names is not in the header (field: the mapping's
/// path, e.g. "timestamp.column"), or a row's case id, timestamp or priority cannot be read
/// (field "line 12, column 3").
///
///     auto clock = std::make_shared<ManualClock>();
///     auto engine = Engine::create(store, clock).value();
///     auto report = importer::replay(table, mapping, *engine, *clock).value();
///     std::cout << importer::summary(report);
Result<ReplayReport> replay(const CsvTable& log, const Mapping& mapping, Engine& engine,
                            ManualClock& clock, const ReplayOptions& options = {});

/// The same on an engine the importer builds on `store`, with a `ManualClock` and the
/// configuration `engine_config(mapping)` gives.
Result<ReplayReport> replay(const CsvTable& log, const Mapping& mapping,
                            std::shared_ptr<Store> store, const ReplayOptions& options = {});

/// The engine configuration of a mapping's `engine` section. Known today: `time_zone` (where
/// ticket numbers take their date) and `sla_policies` (a policy set as docs/sla-policies.md
/// writes it). Any other key is refused naming its path, so that a setting is never silently
/// dropped.
Result<EngineConfig> engine_config(const Mapping& mapping);

/// Reads the log a mapping describes: `path` as CSV, or, when the mapping names a
/// `source.zip_member`, that member of the zip archive at `path`.
Result<CsvTable> read_log(const std::filesystem::path& path, const Mapping& mapping);

}  // namespace ticketflow::importer
