// The SQLite store's row decoder (src/storage/sqlite/documents.hpp, rows.hpp): a ticket row's
// `document` and `sla_clocks` columns, and an audit row's `document`, decoded as the store
// decodes them. Input: the document, a NUL byte, then the SLA column (all document when there is
// no NUL). A damaged row is a `corrupt` error naming its ticket, with a UTF-8 message, never
// another library's exception; a row that decodes is in the range of time
// and is stored again as a document that decodes to the same ticket or event.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "fuzz_support.hpp"
#include "storage/sqlite/documents.hpp"
#include "storage/sqlite/rows.hpp"

using namespace ticketflow;
namespace sqlite = ticketflow::detail::sqlite;

namespace {

const TicketId row_ticket{7};

template <class T>
std::optional<T> decode_row(std::string_view document, std::string_view what) {
    auto decoded = sqlite::decode<T>(document, row_ticket, what);
    if (decoded) return std::move(decoded).value();
    fuzz::check_error(decoded.error());
    // A damaged row is corrupt for its own ticket, and for nothing else.
    TICKETFLOW_FUZZ_CHECK(decoded.error().code == ErrorCode::corrupt);
    TICKETFLOW_FUZZ_CHECK(decoded.error().ticket == row_ticket);
    return std::nullopt;
}

void check_ticket(std::string_view document, std::string_view sla_column) {
    auto ticket = decode_row<Ticket>(document, "ticket");
    if (!ticket) return;
    ticket->sla_clocks = std::string(sla_column);  // as ticket_of in rows.cpp
    fuzz::check_in_range(ticket->created_at);
    fuzz::check_in_range(ticket->updated_at);
    fuzz::check_in_range(ticket->resolved_at);
    fuzz::check_in_range(ticket->closed_at);
    fuzz::check_in_range(ticket->occurred_at);
    // What was read is written back by the next save of the ticket: it must encode and decode.
    auto again = decode_row<Ticket>(sqlite::ticket_document(*ticket), "ticket");
    TICKETFLOW_FUZZ_CHECK(again.has_value());
    again->sla_clocks = ticket->sla_clocks;
    TICKETFLOW_FUZZ_CHECK(*again == *ticket);
}

void check_audit_event(std::string_view document) {
    const auto event = decode_row<AuditEvent>(document, "audit event");
    if (!event) return;
    fuzz::check_in_range(event->at);
    auto again = decode_row<AuditEvent>(sqlite::audit_documents({*event}).front(), "audit event");
    TICKETFLOW_FUZZ_CHECK(again.has_value());
    // `ticket` and `sequence` are columns of their own, filled in from the row.
    again->ticket = event->ticket;
    again->sequence = event->sequence;
    TICKETFLOW_FUZZ_CHECK(*again == *event);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto input = fuzz::as_text(data, size);
    const auto nul = input.find('\0');
    const auto document = input.substr(0, nul);
    const auto sla_column =
        nul == std::string_view::npos ? std::string_view{} : input.substr(nul + 1);
    check_ticket(document, sla_column);
    check_audit_event(document);
    return 0;
}
