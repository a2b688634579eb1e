#pragma once
// What a command changed in a ticket, for the audit trail.

#include <vector>

#include <ticketflow/core/audit.hpp>
#include <ticketflow/core/ticket.hpp>

namespace ticketflow::detail {

/// The fields that differ between `before` and `after`, each rendered as text, in a fixed order.
/// Bookkeeping fields (version, updated_at) are left out: every change moves them.
std::vector<FieldChange> changed_fields(const Ticket& before, const Ticket& after);

}  // namespace ticketflow::detail
