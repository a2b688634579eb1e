#pragma once
/// \file
/// The private seam between the Boost.MSM machine (machine.cpp, the only translation unit that
/// includes Boost.MSM) and the rest of the lifecycle module. Nothing here includes Boost.

#include <vector>

#include <ticketflow/core/state.hpp>

namespace ticketflow::lifecycle::detail {

/// The shape of one row of the MSM transition table, without its guard.
struct TableRow {
    TicketState from = TicketState::new_;
    LifecycleEvent event = LifecycleEvent::assign;
    TicketState to = TicketState::new_;
};

/// The rows of the machine's transition table, in table order, read from the table's type.
std::vector<TableRow> table_rows();

}  // namespace ticketflow::lifecycle::detail
