#pragma once
/// \file
/// The private seam between the Boost.MSM machine (machine.cpp, the only translation unit that
/// includes Boost.MSM) and the rest of the lifecycle module. Nothing here includes Boost.

#include <vector>

#include <ticketflow/core/state.hpp>
#include <ticketflow/lifecycle/profile.hpp>

namespace ticketflow::lifecycle::detail {

/// The shape of one row of the MSM transition table, with what its guard says about profiles.
struct TableRow {
    TicketState from = TicketState::new_;
    LifecycleEvent event = LifecycleEvent::assign;
    TicketState to = TicketState::new_;
    RoleMask roles = 0;         ///< the roles the table gives the row
    bool in_documents = false;  ///< the row belongs to the service documents' flow
};

/// The rows of the machine's transition table, in table order, read from the table's types.
const std::vector<TableRow>& table_rows();

}  // namespace ticketflow::lifecycle::detail
