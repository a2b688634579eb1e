#pragma once
/// \file
/// What the engine reports about SLAs: one ticket's clocks, and what one tick did.

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <ticketflow/core/audit.hpp>
#include <ticketflow/core/error.hpp>
#include <ticketflow/core/ids.hpp>
#include <ticketflow/core/time.hpp>
#include <ticketflow/sla/ticket_clocks.hpp>

namespace ticketflow {

/// A ticket's SLA as the engine tracks it, for people and reports.
struct SlaStatus {
    TicketId ticket;
    std::string policy;    ///< the policy whose targets apply
    std::string calendar;  ///< the business calendar they are counted in; "" = around the clock
    bool policy_pinned = false;  ///< set by `change_sla_policy`: priority changes keep the policy
    std::array<sla::MetricStatus, 3> metrics{};  ///< by sla::Metric
    std::optional<Timestamp> next_deadline;      ///< the next warning, breach or escalation step

    const sla::MetricStatus& metric(sla::Metric m) const {
        return metrics[static_cast<std::size_t>(m)];
    }

    friend bool operator==(const SlaStatus& a, const SlaStatus& b) {
        return a.ticket == b.ticket && a.policy == b.policy && a.calendar == b.calendar &&
               a.policy_pinned == b.policy_pinned && a.metrics == b.metrics &&
               a.next_deadline == b.next_deadline;
    }
};

/// What one `Engine::tick` did.
struct TickReport {
    Timestamp now{};              ///< deadlines due by this instant were processed
    std::size_t tickets_due = 0;  ///< tickets whose deadline had come
    std::vector<AuditEvent>
        events;  ///< the SLA events recorded, in order (`sequence` is the store's)
    /// Tickets that could not be brought up to date (e.g. the store failed); they stay due and
    /// the next tick tries again.
    std::vector<Error> failures;

    friend bool operator==(const TickReport& a, const TickReport& b) {
        return a.now == b.now && a.tickets_due == b.tickets_due && a.events == b.events &&
               a.failures == b.failures;
    }
};

}  // namespace ticketflow
