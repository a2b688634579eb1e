#pragma once
// The errors every Store reports the same way, whatever keeps the tickets.

#include <exception>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include <ticketflow/core/error.hpp>
#include <ticketflow/core/result.hpp>
#include <ticketflow/core/ticket.hpp>

namespace ticketflow::detail {

inline Error ticket_not_found(TicketId id) {
    Error e;
    e.code = ErrorCode::not_found;
    e.ticket = id;
    e.message = "ticket #" + std::to_string(id.value()) + " does not exist";
    return e;
}

inline Error number_not_found(std::string_view number) {
    Error e;
    e.code = ErrorCode::not_found;
    e.ticket_number = std::string(number);
    e.message = "no ticket has the number " + e.ticket_number;
    return e;
}

inline Error version_conflict(const Ticket& stored, Version expected) {
    Error e;
    e.code = ErrorCode::version_conflict;
    e.ticket = stored.id;
    e.ticket_number = stored.number;
    e.state = stored.state;
    e.message = "ticket " + stored.number + " was changed concurrently: expected version " +
                std::to_string(expected) + ", stored version is " + std::to_string(stored.version);
    return e;
}

/// True when `update` may replace `stored`: same version as read, and exactly one step on.
inline bool versions_match(Version stored, Version expected, const Ticket& changed) {
    return stored == expected && changed.version == expected + 1;
}

/// A stored ticket (or one of its records) that cannot be read back: `what` says which part and
/// why. Only that ticket is affected; `verify` lists every such record.
inline Error corrupt_ticket(TicketId id, std::string_view what) {
    Error e;
    e.code = ErrorCode::corrupt;
    e.ticket = id;
    // `what` may quote the damaged bytes themselves (a parser's message): escaped, so that the
    // message stays valid UTF-8.
    e.message = "ticket #" + std::to_string(id.value()) +
                " is damaged in storage: " + escape_invalid_utf8(what);
    return e;
}

/// Refuses a snapshot whose SLA record (kept verbatim, see `Ticket::sla_clocks`) is neither empty
/// nor JSON: a store keeps only what it can read back.
inline Result<void> check_sla_record(const Ticket& ticket) {
    if (ticket.sla_clocks.empty() || nlohmann::json::accept(ticket.sla_clocks)) return {};
    return validation_error("sla_clocks", "the SLA record is not a JSON document");
}

/// Runs a caller's callback inside a unit of work (`number_for`, `outbox_for`): an exception it
/// throws becomes a `storage_failure` naming `operation`, so that nothing thrown leaves a Store
/// method and the unit is abandoned like any other failure.
template <class Callback>
auto calling_back(std::string_view operation, Callback&& callback) -> decltype(callback()) {
    try {
        return callback();
    } catch (const std::exception& e) {
        Error error;
        error.code = ErrorCode::storage_failure;
        error.message = std::string(operation) + " failed: " + e.what();
        return error;
    }
}

inline Error number_taken(const std::string& number) {
    return validation_error("number", "ticket number " + number + " is already taken");
}

/// A batch begun on a thread that has one open already: batches do not nest.
inline Error nested_batch() {
    return validation_error("batch",
                            "a batch is already under way on this thread; batches do not nest, "
                            "so write inside the one that is open");
}

/// Ending a batch on a thread that has none open (or one begun on another thread).
inline Error no_batch_here() {
    return validation_error("batch", "no batch is under way on this thread");
}

/// The error an exception thrown inside a batch's work stands for: an `Exception`'s own error,
/// anything else a `storage_failure` naming `operation`. Call it inside a catch block only.
inline Error error_of_current_exception(std::string_view operation) {
    Error error;
    error.code = ErrorCode::storage_failure;
    try {
        throw;
    } catch (const Exception& e) {
        return e.error();
    } catch (const std::exception& e) {
        error.message = std::string(operation) + " failed: " + e.what();
    } catch (...) {
        error.message = std::string(operation) + " failed: an exception of unknown type";
    }
    return with_valid_text(std::move(error));
}

/// Runs a batch's work: what it returns, or the error of what it throws.
template <class Work>
Result<void> running_work(std::string_view operation, const Work& work) noexcept {
    try {
        return work();
    } catch (...) {
        return error_of_current_exception(operation);
    }
}

}  // namespace ticketflow::detail
