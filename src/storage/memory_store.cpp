#include <algorithm>
#include <map>
#include <mutex>
#include <shared_mutex>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include <ticketflow/storage/memory_store.hpp>

#include "storage/outbox_rules.hpp"
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
    std::map<std::uint64_t, OutboxEntry> outbox;  // ordered: listed and leased by ascending id
    std::unordered_set<std::string> outbox_keys;
    std::uint64_t last_outbox_id = 0;

    /// Appends the events, then enqueues the messages they cause.
    void append(const Ticket& ticket, const std::vector<AuditEvent>& events,
                const std::vector<OutboxMessage>& messages) {
        auto& trail = audit[ticket.id.value()];
        std::vector<AuditEvent> stored;
        for (AuditEvent event : events) {
            event.ticket = ticket.id;
            event.sequence = trail.size() + 1;
            trail.push_back(event);
            stored.push_back(std::move(event));
        }
        for (const OutboxMessage& message : messages) {
            OutboxEntry entry = detail::new_outbox_entry(message, ticket, stored);
            if (!outbox_keys.insert(entry.key).second) continue;  // already queued: idempotent
            entry.id = ++last_outbox_id;
            outbox.emplace(entry.id, std::move(entry));
        }
    }

    /// Runs `change` on the entry with this id, returning the entry as changed.
    template <class Change>
    Result<OutboxEntry> change_entry(std::uint64_t id, Change&& change) {
        const auto found = outbox.find(id);
        if (found == outbox.end()) return detail::outbox_entry_not_found(id);
        OutboxEntry changed = found->second;  // a refused change leaves the stored entry alone
        if (auto done = change(changed); !done) return done.error();
        found->second = changed;
        return changed;
    }
};

MemoryStore::MemoryStore() : state_(std::make_unique<State>()) {}
MemoryStore::~MemoryStore() = default;

Result<Ticket> MemoryStore::create(const TicketCreation& creation) {
    if (auto invalid = detail::check_outbox(creation.outbox, creation.events.size())) {
        return *invalid;
    }
    if (auto invalid = detail::check_sla_record(creation.ticket); !invalid) return invalid.error();
    std::unique_lock lock(state_->mutex);
    // Format the number before touching anything, so a failure leaves the sequence unchanged.
    const auto current = state_->sequences.find(creation.sequence_key);
    const std::uint64_t sequence = current == state_->sequences.end() ? 1 : current->second + 1;
    auto number =
        detail::calling_back("create: number_for", [&] { return creation.number_for(sequence); });
    if (!number) return number.error();
    if (state_->id_by_number.count(*number) != 0) {
        return detail::number_taken(*number);
    }

    Ticket ticket = creation.ticket;
    ticket.id = TicketId{state_->last_id + 1};
    ticket.number = std::move(*number);
    const auto outbox = detail::calling_back(
        "create: outbox_for", [&] { return detail::creation_outbox(creation, ticket); });
    if (!outbox) return outbox.error();
    ++state_->last_id;
    state_->sequences[creation.sequence_key] = sequence;
    state_->id_by_number.emplace(ticket.number, ticket.id.value());
    state_->append(ticket, creation.events, *outbox);
    state_->tickets.emplace(ticket.id.value(), ticket);
    return ticket;
}

Result<void> MemoryStore::update(const TicketUpdate& update) {
    if (auto invalid = detail::check_outbox(update.outbox, update.events.size())) return *invalid;
    if (auto invalid = detail::check_sla_record(update.ticket); !invalid) return invalid;
    std::unique_lock lock(state_->mutex);
    const auto found = state_->tickets.find(update.ticket.id.value());
    if (found == state_->tickets.end()) return ticket_not_found(update.ticket.id);
    Ticket& stored = found->second;
    if (!detail::versions_match(stored.version, update.expected_version, update.ticket)) {
        return version_conflict(stored, update.expected_version);
    }
    stored = update.ticket;
    state_->append(stored, update.events, update.outbox);
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

Result<Page<Ticket>> MemoryStore::find(const TicketQuery& query) const {
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

Result<std::vector<AuditEvent>> MemoryStore::audit_trail(TicketId id) const {
    std::shared_lock lock(state_->mutex);
    const auto found = state_->audit.find(id.value());
    return found == state_->audit.end() ? std::vector<AuditEvent>{} : found->second;
}

Result<std::uint64_t> MemoryStore::next_sequence(std::string_view key) {
    std::unique_lock lock(state_->mutex);
    return ++state_->sequences[std::string(key)];
}

// Everything is kept as the values it was given, never as text to decode again, and writes refuse
// what could not be read back: nothing here can be damaged.
Result<std::vector<DamagedRecord>> MemoryStore::verify() const {
    return std::vector<DamagedRecord>{};
}

Result<std::vector<OutboxEntry>> MemoryStore::lease_outbox(const OutboxLease& lease) {
    if (auto invalid = detail::check_lease(lease)) return *invalid;
    std::unique_lock lock(state_->mutex);
    std::vector<OutboxEntry*> due;
    for (auto& [id, entry] : state_->outbox) {
        if (detail::leasable(entry, lease.now)) due.push_back(&entry);
    }
    const auto by_due_time = [](const OutboxEntry* a, const OutboxEntry* b) {
        return std::tie(a->due_at, a->id) < std::tie(b->due_at, b->id);
    };
    const std::size_t taken = std::min(lease.limit, due.size());
    std::partial_sort(due.begin(), due.begin() + static_cast<std::ptrdiff_t>(taken), due.end(),
                      by_due_time);
    std::vector<OutboxEntry> leased;
    for (std::size_t i = 0; i < taken; ++i) {
        detail::take_lease(*due[i], lease);
        leased.push_back(*due[i]);
    }
    return leased;
}

Result<OutboxEntry> MemoryStore::settle_outbox(const OutboxAttempt& attempt) {
    std::unique_lock lock(state_->mutex);
    return state_->change_entry(attempt.entry,
                                [&](OutboxEntry& entry) { return detail::settle(entry, attempt); });
}

Result<OutboxEntry> MemoryStore::redrive_outbox(std::uint64_t entry, Timestamp now) {
    std::unique_lock lock(state_->mutex);
    return state_->change_entry(entry,
                                [&](OutboxEntry& dead) { return detail::redrive(dead, now); });
}

Result<std::vector<OutboxEntry>> MemoryStore::outbox(const OutboxQuery& query) const {
    if (auto invalid = detail::check_query(query)) return *invalid;
    std::shared_lock lock(state_->mutex);
    std::vector<OutboxEntry> page;
    for (auto it = state_->outbox.upper_bound(query.after);
         it != state_->outbox.end() && page.size() < query.limit; ++it) {
        if (query.matches(it->second)) page.push_back(it->second);
    }
    return page;
}

}  // namespace ticketflow
