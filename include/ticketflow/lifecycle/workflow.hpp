#pragma once
/// \file
/// A desk's workflow: its profile (which rows of the lifecycle table), its statuses, its closure
/// codes, and when tickets nobody answers close by themselves.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <ticketflow/core/result.hpp>
#include <ticketflow/lifecycle/profile.hpp>
#include <ticketflow/lifecycle/status.hpp>

namespace ticketflow::lifecycle {

/// Closing by the clock, done by the engine's `tick` (docs/lifecycle.md "Auto-close").
struct AutoClose {
    /// Business time a ticket may wait in a customer-wait status before it closes; none: never.
    std::optional<std::chrono::seconds> waiting;
    /// Business time the customer has to confirm or reject a resolution; none: never.
    std::optional<std::chrono::seconds> resolved;
    /// Whose business hours count (one of the engine's calendars); empty: around the clock.
    std::string calendar;
    std::string waiting_code = "no_response";   ///< closure code of a closed unanswered wait
    std::string resolved_code = "unconfirmed";  ///< closure code of a closed unconfirmed resolve

    friend bool operator==(const AutoClose& a, const AutoClose& b) {
        return a.waiting == b.waiting && a.resolved == b.resolved && a.calendar == b.calendar &&
               a.waiting_code == b.waiting_code && a.resolved_code == b.resolved_code;
    }
};

/// Everything about a desk's lifecycle that is configuration rather than code.
struct Workflow {
    Profile profile = Profile::standard();
    StatusCatalog statuses = StatusCatalog::standard();
    /// The codes a close, auto-close or cancel may carry; empty: any code.
    std::vector<std::string> closure_codes = default_closure_codes();
    AutoClose auto_close;

    /// solved, solved_by_caller, workaround, no_response, unconfirmed, duplicate, referred,
    /// withdrawn, not_reproducible, invalid.
    static std::vector<std::string> default_closure_codes();
    /// The service documents' workflow: the `documents` profile, no auto-close.
    static Workflow documents();

    /// Whether `code` may be given (any code when the list is empty).
    bool knows_closure_code(std::string_view code) const;
    /// `validation_failed` naming the field when the auto-close codes are not closure codes or a
    /// duration is not positive. (The calendar is checked by the engine, which has them.)
    Result<void> check() const;

    friend bool operator==(const Workflow& a, const Workflow& b) {
        return a.profile == b.profile && a.statuses == b.statuses &&
               a.closure_codes == b.closure_codes && a.auto_close == b.auto_close;
    }
};

}  // namespace ticketflow::lifecycle
