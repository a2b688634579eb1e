// The JSON of core values (core/json.hpp): tickets, drafts, audit events, errors, conditions,
// dates and timestamps. Each input is read as every type. A value read must be in the range of
// time, write to JSON, dump (valid UTF-8), and read back equal; a refusal must be a
// `ticketflow::Exception` with `validation_failed` (no nlohmann or std exception escapes).
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include <ticketflow/core/json.hpp>

#include "fuzz_support.hpp"

using namespace ticketflow;

namespace {

void check_times(const TicketDraft& draft) {
    fuzz::check_in_range(draft.occurred_at);
}

void check_times(const Ticket& ticket) {
    check_times(static_cast<const TicketDraft&>(ticket));
    fuzz::check_in_range(ticket.created_at);
    fuzz::check_in_range(ticket.updated_at);
    fuzz::check_in_range(ticket.resolved_at);
    fuzz::check_in_range(ticket.closed_at);
    if (const auto& d = ticket.product.purchase_date) TICKETFLOW_FUZZ_CHECK(d->valid());
    if (const auto& d = ticket.product.warranty_end) TICKETFLOW_FUZZ_CHECK(d->valid());
}

void check_times(const AuditEvent& event) {
    fuzz::check_in_range(event.at);
}
void check_times(const Timestamp& t) {
    fuzz::check_in_range(t);
}
void check_times(const Date& d) {
    TICKETFLOW_FUZZ_CHECK(d.valid());
}
template <class T>
void check_times(const T&) {}

template <class T>
void check_reader(const nlohmann::json& document) {
    const auto value = fuzz::read_as<T>(document);
    if (!value) return;
    check_times(*value);
    fuzz::check_round_trip(*value);
    // The checked reader agrees with the throwing one (Result<Error> cannot exist: a Result
    // holds an Error already).
    if constexpr (!std::is_same_v<T, Error>) {
        const auto checked = from_json_checked<T>(document);
        TICKETFLOW_FUZZ_CHECK(checked.has_value() && *checked == *value);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto document = fuzz::parse_json(data, size);
    if (!document) return 0;
    check_reader<TicketDraft>(*document);
    check_reader<Ticket>(*document);
    check_reader<AuditEvent>(*document);
    check_reader<Actor>(*document);
    check_reader<Error>(*document);
    check_reader<TicketCondition>(*document);
    check_reader<Date>(*document);
    check_reader<Timestamp>(*document);
    return 0;
}
