#pragma once
// Checks of who a command names, shared by every command: the acting actor and the approver.
// Ids follow the intake policy's rules (docs/intake.md), so an id the engine stores in an audit
// event is as well-formed as one intake stores in a ticket.

#include <string>

#include <ticketflow/core/audit.hpp>
#include <ticketflow/core/intake_policy.hpp>
#include <ticketflow/core/result.hpp>

namespace ticketflow::detail {

/// An actor with a well-formed id and a known role; `field` names it ("actor", "approved_by").
inline Result<void> check_actor(const Actor& actor, const IntakePolicy& policy,
                                const std::string& field = "actor") {
    if (auto id = policy.check_id(actor.id.value(), field + ".id"); !id) return id;
    if (to_string(actor.role) == "?") return validation_error(field + ".role", "is not a role");
    return {};
}

}  // namespace ticketflow::detail
