/// \file
/// Status catalogs: the standard one, and the checks a desk's own must pass.

#include <algorithm>
#include <set>

#include <ticketflow/core/intake_policy.hpp>
#include <ticketflow/lifecycle/status.hpp>

namespace ticketflow::lifecycle {
namespace {

Status status(std::string id, TicketState state, std::string label) {
    Status s;
    s.id = std::move(id);
    s.state = state;
    s.labels["en"] = std::move(label);
    return s;
}

/// A wait the desk itself drives (a vendor, parts): the ticket's clocks keep running.
Status desk_wait(std::string id, std::string label) {
    Status s = status(std::move(id), TicketState::waiting, std::move(label));
    s.sla_pauses = std::vector<Metric>{};
    return s;
}

std::string at(std::size_t index, const char* part) {
    return "statuses[" + std::to_string(index) + "]." + part;
}

Result<void> check_entry(const Status& s, std::size_t index, std::set<std::string>& seen) {
    if (auto id = IntakePolicy{}.check_id(s.id, at(index, "id")); !id) return id;
    if (!seen.insert(s.id).second) {
        return validation_error(at(index, "id"), "status '" + s.id + "' is listed twice");
    }
    if (static_cast<std::size_t>(s.state) >= EnumNames<TicketState>::names.size()) {
        return validation_error(at(index, "state"), "not a lifecycle state");
    }
    if (s.customer_wait && s.state != TicketState::waiting) {
        return validation_error(at(index, "customer_wait"),
                                "only a status of 'waiting' can be a customer wait");
    }
    for (const auto& [locale, label] : s.labels) {
        const std::string field = at(index, "labels.") + locale;
        if (auto ok = IntakePolicy{}.check_line(locale, field, true); !ok) return ok;
        if (auto ok = IntakePolicy{}.check_line(label, field, true); !ok) return ok;
    }
    return {};
}

}  // namespace

StatusCatalog::StatusCatalog() : StatusCatalog(standard()) {}

StatusCatalog StatusCatalog::standard() {
    Status customer = status("waiting_customer", TicketState::waiting, "Waiting for customer");
    customer.customer_wait = true;
    return StatusCatalog{std::vector<Status>{
        status("new", TicketState::new_, "New"),
        status("assigned", TicketState::assigned, "Assigned"),
        status("in_progress", TicketState::in_progress, "In progress"),
        std::move(customer),
        desk_wait("waiting_vendor", "Waiting for vendor"),
        desk_wait("waiting_problem", "Waiting for problem record"),
        desk_wait("waiting_change", "Waiting for change"),
        desk_wait("waiting_parts", "Waiting for parts"),
        status("escalated", TicketState::escalated, "Escalated"),
        status("resolved", TicketState::resolved, "Resolved"),
        status("closed", TicketState::closed, "Closed"),
        status("cancelled", TicketState::cancelled, "Cancelled"),
    }};
}

Result<StatusCatalog> StatusCatalog::make(std::vector<Status> statuses) {
    std::set<std::string> seen;
    for (std::size_t i = 0; i < statuses.size(); ++i) {
        if (auto ok = check_entry(statuses[i], i, seen); !ok) return ok.error();
    }
    for (const auto state : all_values<TicketState>()) {
        const bool listed = std::any_of(statuses.begin(), statuses.end(),
                                        [&](const Status& s) { return s.state == state; });
        if (!listed) {
            return validation_error(
                "statuses", "no status for the state '" + std::string(to_string(state)) + "'");
        }
    }
    if (std::none_of(statuses.begin(), statuses.end(),
                     [](const Status& s) { return s.customer_wait; })) {
        return validation_error("statuses", "no status of 'waiting' is a customer wait");
    }
    return StatusCatalog{std::move(statuses)};
}

const Status* StatusCatalog::find(std::string_view id) const noexcept {
    for (const auto& s : statuses_) {
        if (s.id == id) return &s;
    }
    return nullptr;
}

// Every catalog has a status per state and a customer wait (standard() and make() see to it), so
// the searches below always find one.
const Status& StatusCatalog::default_of(TicketState state) const noexcept {
    const auto found = std::find_if(statuses_.begin(), statuses_.end(),
                                    [&](const Status& s) { return s.state == state; });
    return found != statuses_.end() ? *found : statuses_.front();
}

const Status& StatusCatalog::customer_wait() const noexcept {
    const auto found = std::find_if(statuses_.begin(), statuses_.end(),
                                    [](const Status& s) { return s.customer_wait; });
    return found != statuses_.end() ? *found : default_of(TicketState::waiting);
}

const Status& StatusCatalog::other_wait() const noexcept {
    const auto found = std::find_if(statuses_.begin(), statuses_.end(), [](const Status& s) {
        return s.state == TicketState::waiting && !s.customer_wait;
    });
    return found != statuses_.end() ? *found : customer_wait();
}

}  // namespace ticketflow::lifecycle
