#pragma once
/// \file
/// The one error type of ticketflow and the exception that carries it.

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include <ticketflow/core/enum_names.hpp>
#include <ticketflow/core/ids.hpp>
#include <ticketflow/core/state.hpp>

namespace ticketflow {

/// What went wrong, for programs to branch on.
enum class ErrorCode : std::uint8_t {
    invalid_transition,  ///< the event is not allowed in the ticket's current state
    permission_denied,   ///< the actor's role (or missing approval / ownership) forbids it
    validation_failed,   ///< input is missing or malformed; `field` names it
    version_conflict,    ///< someone else changed the ticket since it was read
    not_found,           ///< no such ticket
    sequence_exhausted,  ///< a ticket-number pattern ran out of digits for the period
    storage_failure,     ///< the store could not complete the unit of work
    corrupt,             ///< a stored record cannot be read back; `ticket` names it (see verify)
};

template <>
struct EnumNames<ErrorCode> {
    static constexpr std::array<std::string_view, 8> names{
        "invalid_transition", "permission_denied",  "validation_failed", "version_conflict",
        "not_found",          "sequence_exhausted", "storage_failure",   "corrupt"};
};

/// An expected failure: a machine-readable code, a message for people, and the context that
/// explains it (which ticket, in which state, which event, which field).
struct Error {
    ErrorCode code = ErrorCode::validation_failed;
    std::string message;
    std::string field;                    ///< offending input, e.g. "customer.email"; may be empty
    std::optional<TicketId> ticket;       ///< the ticket concerned, when there is one
    std::string ticket_number;            ///< its human number, when known
    std::optional<TicketState> state;     ///< its state when the command was refused
    std::optional<LifecycleEvent> event;  ///< the refused lifecycle event

    friend bool operator==(const Error& a, const Error& b) {
        return a.code == b.code && a.message == b.message && a.field == b.field &&
               a.ticket == b.ticket && a.ticket_number == b.ticket_number && a.state == b.state &&
               a.event == b.event;
    }
};

/// `text` with every byte that is not part of well-formed UTF-8 written as `\xHH`, so a message
/// that quotes input is always valid UTF-8 (and converts to a Python `str`). Valid text comes
/// back unchanged.
///
///     escape_invalid_utf8("caf\xC3") == "caf\\xc3"
std::string escape_invalid_utf8(std::string_view text);

/// `error` with its message, field and ticket number made valid UTF-8 (see escape_invalid_utf8).
Error with_valid_text(Error error);

/// A validation error naming the offending field; the message names it too. Invalid UTF-8 the
/// message or field quotes is escaped.
inline Error validation_error(std::string field, std::string message) {
    Error e;
    e.code = ErrorCode::validation_failed;
    e.field = escape_invalid_utf8(field);
    message = escape_invalid_utf8(message);
    e.message = e.field.empty() ? std::move(message) : e.field + ": " + std::move(message);
    return e;
}

/// The validation error for a time outside the range of time (years 1–9999 in UTC; see
/// `Timestamp` in time.hpp).
inline Error outside_the_range_of_time(std::string field) {
    return validation_error(std::move(field),
                            "outside the range of time (0001-01-01T00:00:00Z to "
                            "9999-12-31T23:59:59.999999Z)");
}

/// Thrown by `Result::value()` on a failed result, and by the constructors documented to throw.
/// Its error's text is always valid UTF-8.
class Exception : public std::runtime_error {
  public:
    explicit Exception(Error error)
        : Exception(with_valid_text(std::move(error)), valid_text_tag{}) {}

    const Error& error() const noexcept { return error_; }
    ErrorCode code() const noexcept { return error_.code; }

  private:
    struct valid_text_tag {};
    Exception(Error error, valid_text_tag)
        : std::runtime_error(error.message), error_(std::move(error)) {}

    Error error_;
};

}  // namespace ticketflow
