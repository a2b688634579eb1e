#include <algorithm>
#include <map>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>

#include <ticketflow/storage/memory_store.hpp>

#include "storage/store_errors.hpp"

namespace ticketflow {

using detail::number_not_found;
using detail::ticket_not_found;
using detail::version_conflict;

// One reader-writer lock over everything: writes are short (a map insert and a vector append), and
// a single lock makes every unit of work trivially atomic.
struct MemoryStore::State {
    mutable std::shared_mutex mutex;
    std::map<std::uint64_t, Ticket> tickets;  // ordered: queries page by ascending id
    std::unordered_map<std::string, std::uint64_t> id_by_number;
    std::unordered_map<std::uint64_t, std::vector<AuditEvent>> audit;
    std::unordered_map<std::string, std::uint64_t> sequences;
    std::uint64_t last_id = 0;

    void append_audit(TicketId id, const std::vector<AuditEvent>& events) {
        auto& trail = audit[id.value()];
        for (AuditEvent event : events) {
            event.ticket = id;
            event.sequence = trail.size() + 1;
            trail.push_back(std::move(event));
        }
    }
};

MemoryStore::MemoryStore() : state_(std::make_unique<State>()) {}
MemoryStore::~MemoryStore() = default;

Result<Ticket> MemoryStore::create(const TicketCreation& creation) {
    std::unique_lock lock(state_->mutex);
    // Format the number before touching anything, so a failure leaves the sequence unchanged.
    const auto current = state_->sequences.find(creation.sequence_key);
    const std::uint64_t sequence = current == state_->sequences.end() ? 1 : current->second + 1;
    auto number = creation.number_for(sequence);
    if (!number) return number.error();
    if (state_->id_by_number.count(*number) != 0) {
        return detail::number_taken(*number);
    }

    Ticket ticket = creation.ticket;
    ticket.id = TicketId{++state_->last_id};
    ticket.number = std::move(*number);
    state_->sequences[creation.sequence_key] = sequence;
    state_->id_by_number.emplace(ticket.number, ticket.id.value());
    state_->append_audit(ticket.id, creation.events);
    state_->tickets.emplace(ticket.id.value(), ticket);
    return ticket;
}

Result<void> MemoryStore::update(const TicketUpdate& update) {
    std::unique_lock lock(state_->mutex);
    const auto found = state_->tickets.find(update.ticket.id.value());
    if (found == state_->tickets.end()) return ticket_not_found(update.ticket.id);
    Ticket& stored = found->second;
    if (!detail::versions_match(stored.version, update.expected_version, update.ticket)) {
        return version_conflict(stored, update.expected_version);
    }
    stored = update.ticket;
    state_->append_audit(stored.id, update.events);
    return {};
}

Result<Ticket> MemoryStore::load(TicketId id) const {
    std::shared_lock lock(state_->mutex);
    const auto found = state_->tickets.find(id.value());
    if (found == state_->tickets.end()) return ticket_not_found(id);
    return found->second;
}

Result<Ticket> MemoryStore::load_by_number(std::string_view number) const {
    std::shared_lock lock(state_->mutex);
    const auto found = state_->id_by_number.find(std::string(number));
    if (found == state_->id_by_number.end()) return number_not_found(number);
    return state_->tickets.at(found->second);
}

Page<Ticket> MemoryStore::find(const TicketQuery& query) const {
    std::shared_lock lock(state_->mutex);
    Page<Ticket> page;
    const std::size_t limit = std::clamp<std::size_t>(query.limit, 1, TicketQuery::max_limit);
    for (auto it = state_->tickets.upper_bound(query.after.value()); it != state_->tickets.end();
         ++it) {
        if (!query.matches(it->second)) continue;
        if (page.items.size() == limit) {
            page.next_after = page.items.back().id;
            break;
        }
        page.items.push_back(it->second);
    }
    return page;
}

std::vector<AuditEvent> MemoryStore::audit_trail(TicketId id) const {
    std::shared_lock lock(state_->mutex);
    const auto found = state_->audit.find(id.value());
    return found == state_->audit.end() ? std::vector<AuditEvent>{} : found->second;
}

std::uint64_t MemoryStore::next_sequence(std::string_view key) {
    std::unique_lock lock(state_->mutex);
    return ++state_->sequences[std::string(key)];
}

}  // namespace ticketflow
