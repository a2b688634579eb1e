#pragma once
// Building errors that name the ticket, its state and what was refused.

#include <string>

#include <ticketflow/core/error.hpp>
#include <ticketflow/core/ticket.hpp>

namespace ticketflow::detail {

/// Fills in which ticket, in which state, an error is about; keeps what the error already says.
inline Error about(Error error, const Ticket& ticket) {
    error.ticket = ticket.id;
    error.ticket_number = ticket.number;
    error.state = ticket.state;
    if (error.message.find(ticket.number) == std::string::npos) {
        error.message = "ticket " + ticket.number + " (" + std::string(to_string(ticket.state)) +
                        "): " + error.message;
    }
    return error;
}

/// A refusal of `code` about `ticket`, explained by `why`.
inline Error refusal(ErrorCode code, const Ticket& ticket, std::string why,
                     std::string field = {}) {
    Error error;
    error.code = code;
    error.field = std::move(field);
    error.message = std::move(why);
    return about(std::move(error), ticket);
}

}  // namespace ticketflow::detail
