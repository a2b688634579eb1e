#pragma once
/// \file
/// A desk's own statuses inside the lifecycle's states: waiting for the customer, for a vendor,
/// for parts; diagnosing, on site. The state decides what may happen next (the table); the status
/// says more precisely where the ticket stands, and may decide which SLA clocks stand still.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <ticketflow/core/enums.hpp>
#include <ticketflow/core/result.hpp>
#include <ticketflow/core/state.hpp>

namespace ticketflow::lifecycle {

/// One status: an id, the state it belongs to, labels for people, and what it means for the SLA.
struct Status {
    std::string id;  ///< unique in its catalog, e.g. "waiting_vendor"
    TicketState state = TicketState::new_;
    std::map<std::string, std::string> labels;  ///< by locale: {"en": "Waiting for vendor"}
    /// The customer owes an answer: `request_info` goes to such a status unless told otherwise,
    /// `customer_replied` leaves it, and auto-close of unanswered waits watches it. Only for
    /// statuses of `waiting`.
    bool customer_wait = false;
    /// The SLA metrics that stand still in this status. None: the ticket's SLA policy decides by
    /// the state (its `pause` lists); an empty list: nothing stands still here.
    std::optional<std::vector<Metric>> sla_pauses;

    friend bool operator==(const Status& a, const Status& b) {
        return a.id == b.id && a.state == b.state && a.labels == b.labels &&
               a.customer_wait == b.customer_wait && a.sla_pauses == b.sla_pauses;
    }
};

/// The statuses a desk uses, at least one per state; the first listed for a state is where a
/// ticket lands when an event enters that state without naming a status.
///
///     auto catalog = StatusCatalog::make({{"new", TicketState::new_}, …}).value();
///     const Status& waiting = catalog.default_of(TicketState::waiting);
class StatusCatalog {
  public:
    /// The standard catalog.
    StatusCatalog();

    /// One status per state, named as the state, except `waiting`: waiting_customer (a customer
    /// wait, the default), waiting_vendor, waiting_problem, waiting_change and waiting_parts,
    /// which pause no SLA clock (the work is still the desk's to drive).
    static StatusCatalog standard();

    /// A catalog of `statuses`, or `validation_failed` naming the entry (`statuses[2].id`): ids
    /// must be non-empty, printable and unique; every state needs a status; `customer_wait` only
    /// in `waiting`, where at least one status must be a customer wait.
    static Result<StatusCatalog> make(std::vector<Status> statuses);

    const std::vector<Status>& statuses() const noexcept { return statuses_; }
    /// The status `id`, or null.
    const Status* find(std::string_view id) const noexcept;
    /// Where an event that enters `state` without naming a status lands.
    const Status& default_of(TicketState state) const noexcept;
    /// The first customer wait: where `request_info` lands.
    const Status& customer_wait() const noexcept;
    /// The first wait that is not a customer wait (where `hold` lands), or the customer wait when
    /// the desk has no other.
    const Status& other_wait() const noexcept;

    friend bool operator==(const StatusCatalog& a, const StatusCatalog& b) {
        return a.statuses_ == b.statuses_;
    }

  private:
    explicit StatusCatalog(std::vector<Status> statuses) : statuses_(std::move(statuses)) {}
    std::vector<Status> statuses_;
};

}  // namespace ticketflow::lifecycle
