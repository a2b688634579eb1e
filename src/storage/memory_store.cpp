#include <algorithm>
#include <atomic>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <thread>
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
// a single lock makes every unit of work trivially atomic. A batch holds the lock exclusively
// from its start to its end, so its thread alone reads and writes meanwhile, and keeps an undo
// step for each change, which rolling back replays backwards.
struct MemoryStore::State {
    mutable std::shared_mutex mutex;
    std::atomic<std::thread::id> batch_owner{};  // the thread whose batch holds `mutex`, if any
    std::vector<std::function<void()>> undo;     // the batch's undo steps, oldest first
    std::map<std::uint64_t, Ticket> tickets;     // ordered: queries page by ascending id
    std::unordered_map<std::string, std::uint64_t> id_by_number;
    std::unordered_map<std::uint64_t, std::vector<AuditEvent>> audit;
    std::unordered_map<std::string, std::uint64_t> sequences;
    std::uint64_t last_id = 0;
    std::map<std::uint64_t, OutboxEntry> outbox;  // ordered: listed and leased by ascending id
    std::unordered_set<std::string> outbox_keys;
    std::uint64_t last_outbox_id = 0;

    bool batch_here() const noexcept { return batch_owner.load() == std::this_thread::get_id(); }

    // The locks a call takes; none on the batch's own thread, which holds `mutex` already.
    std::unique_lock<std::shared_mutex> writing() {
        if (batch_here()) return {};
        return std::unique_lock(mutex);
    }
    std::shared_lock<std::shared_mutex> reading() const {
        if (batch_here()) return {};
        return std::shared_lock(mutex);
    }

    /// Keeps `step` to undo a change if the batch it belongs to is rolled back. Called with the
    /// lock held: while a batch is open only its own thread gets here.
    void on_roll_back(std::function<void()> step) {
        if (batch_owner.load() != std::thread::id{}) undo.push_back(std::move(step));
    }

    /// Appends the events, then enqueues the messages they cause.
    void append(const Ticket& ticket, const std::vector<AuditEvent>& events,
                const std::vector<OutboxMessage>& messages) {
        const std::uint64_t id = ticket.id.value();
        const bool had_trail = audit.count(id) != 0;
        auto& trail = audit[id];
        const std::size_t trail_before = trail.size();
        const std::uint64_t last_outbox_before = last_outbox_id;
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
        on_roll_back([this, id, had_trail, trail_before, last_outbox_before] {
            auto& events_now = audit[id];
            events_now.erase(events_now.begin() + static_cast<std::ptrdiff_t>(trail_before),
                             events_now.end());
            if (!had_trail) audit.erase(id);
            for (auto it = outbox.upper_bound(last_outbox_before); it != outbox.end();) {
                outbox_keys.erase(it->second.key);
                it = outbox.erase(it);
            }
            last_outbox_id = last_outbox_before;
        });
    }

    /// Runs `change` on the entry with this id, returning the entry as changed.
    template <class Change>
    Result<OutboxEntry> change_entry(std::uint64_t id, Change&& change) {
        const auto found = outbox.find(id);
        if (found == outbox.end()) return detail::outbox_entry_not_found(id);
        OutboxEntry changed = found->second;  // a refused change leaves the stored entry alone
        if (auto done = change(changed); !done) return done.error();
        on_roll_back(
            [this, before = found->second]() mutable { outbox.at(before.id) = std::move(before); });
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
    const auto lock = state_->writing();
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
    state_->on_roll_back([state = state_.get(), id = ticket.id.value(), number = ticket.number,
                          key = creation.sequence_key, sequence] {
        state->tickets.erase(id);
        state->id_by_number.erase(number);
        state->last_id = id - 1;
        if (sequence == 1) {
            state->sequences.erase(key);
        } else {
            state->sequences[key] = sequence - 1;
        }
    });
    state_->append(ticket, creation.events, *outbox);
    state_->tickets.emplace(ticket.id.value(), ticket);
    return ticket;
}

Result<void> MemoryStore::update(const TicketUpdate& update) {
    if (auto invalid = detail::check_outbox(update.outbox, update.events.size())) return *invalid;
    if (auto invalid = detail::check_sla_record(update.ticket); !invalid) return invalid;
    const auto lock = state_->writing();
    const auto found = state_->tickets.find(update.ticket.id.value());
    if (found == state_->tickets.end()) return ticket_not_found(update.ticket.id);
    Ticket& stored = found->second;
    if (!detail::versions_match(stored.version, update.expected_version, update.ticket)) {
        return version_conflict(stored, update.expected_version);
    }
    state_->on_roll_back([&stored, before = stored]() mutable { stored = std::move(before); });
    stored = update.ticket;
    state_->append(stored, update.events, update.outbox);
    return {};
}

Result<Ticket> MemoryStore::load(TicketId id) const {
    const auto lock = state_->reading();
    const auto found = state_->tickets.find(id.value());
    if (found == state_->tickets.end()) return ticket_not_found(id);
    return found->second;
}

Result<Ticket> MemoryStore::load_by_number(std::string_view number) const {
    const auto lock = state_->reading();
    const auto found = state_->id_by_number.find(std::string(number));
    if (found == state_->id_by_number.end()) return number_not_found(number);
    return state_->tickets.at(found->second);
}

Result<Page<Ticket>> MemoryStore::find(const TicketQuery& query) const {
    const auto lock = state_->reading();
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
    const auto lock = state_->reading();
    const auto found = state_->audit.find(id.value());
    return found == state_->audit.end() ? std::vector<AuditEvent>{} : found->second;
}

Result<std::uint64_t> MemoryStore::next_sequence(std::string_view key) {
    const auto lock = state_->writing();
    const std::uint64_t value = ++state_->sequences[std::string(key)];
    state_->on_roll_back([state = state_.get(), key = std::string(key), value] {
        if (value == 1) {
            state->sequences.erase(key);
        } else {
            state->sequences[key] = value - 1;
        }
    });
    return value;
}

// Everything is kept as the values it was given, never as text to decode again, and writes refuse
// what could not be read back: nothing here can be damaged.
Result<std::vector<DamagedRecord>> MemoryStore::verify() const {
    return std::vector<DamagedRecord>{};
}

Result<std::vector<OutboxEntry>> MemoryStore::lease_outbox(const OutboxLease& lease) {
    if (auto invalid = detail::check_lease(lease)) return *invalid;
    const auto lock = state_->writing();
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
    std::vector<OutboxEntry> before;
    for (std::size_t i = 0; i < taken; ++i) {
        before.push_back(*due[i]);
        detail::take_lease(*due[i], lease);
        leased.push_back(*due[i]);
    }
    state_->on_roll_back([state = state_.get(), before = std::move(before)]() mutable {
        for (OutboxEntry& entry : before) state->outbox.at(entry.id) = std::move(entry);
    });
    return leased;
}

Result<OutboxEntry> MemoryStore::settle_outbox(const OutboxAttempt& attempt) {
    const auto lock = state_->writing();
    return state_->change_entry(attempt.entry,
                                [&](OutboxEntry& entry) { return detail::settle(entry, attempt); });
}

Result<OutboxEntry> MemoryStore::redrive_outbox(std::uint64_t entry, Timestamp now) {
    const auto lock = state_->writing();
    return state_->change_entry(entry,
                                [&](OutboxEntry& dead) { return detail::redrive(dead, now); });
}

// A batch takes the lock for its thread until it ends; rolling back undoes its changes newest
// first, so each step finds the store as it was just after the change it undoes.
Result<void> MemoryStore::begin_batch() {
    if (state_->batch_here()) return detail::nested_batch();
    state_->mutex.lock();
    state_->undo.clear();
    state_->batch_owner = std::this_thread::get_id();
    return {};
}

Result<void> MemoryStore::commit_batch() {
    if (!state_->batch_here()) return detail::no_batch_here();
    state_->undo.clear();
    state_->batch_owner = std::thread::id{};
    state_->mutex.unlock();
    return {};
}

void MemoryStore::roll_back_batch() noexcept {
    if (!state_->batch_here()) return;
    for (auto step = state_->undo.rbegin(); step != state_->undo.rend(); ++step) (*step)();
    state_->undo.clear();
    state_->batch_owner = std::thread::id{};
    state_->mutex.unlock();
}

Result<std::vector<OutboxEntry>> MemoryStore::outbox(const OutboxQuery& query) const {
    if (auto invalid = detail::check_query(query)) return *invalid;
    const auto lock = state_->reading();
    std::vector<OutboxEntry> page;
    for (auto it = state_->outbox.upper_bound(query.after);
         it != state_->outbox.end() && page.size() < query.limit; ++it) {
        if (query.matches(it->second)) page.push_back(it->second);
    }
    return page;
}

}  // namespace ticketflow
