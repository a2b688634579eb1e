#pragma once
/// \file
/// The transactional outbox: notifications written in the same unit of work as the change that
/// causes them, then delivered by a relay that leases, settles and retries them. Every Store keeps
/// one; see docs/storage.md ("Outbox").

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <ticketflow/core/enum_names.hpp>
#include <ticketflow/core/ids.hpp>
#include <ticketflow/core/time.hpp>

namespace ticketflow {

/// A notification to deliver, carried by a TicketCreation or TicketUpdate and stored with it.
struct OutboxMessage {
    /// Index, in the unit's `events`, of the audit event that causes the notification.
    std::size_t event = 0;
    std::string channel;    ///< which notifier delivers it: "email", "webhook", …; not empty
    std::string recipient;  ///< whom it is for, in the channel's terms; not empty
    std::string payload;    ///< what to deliver, as the channel expects it (JSON by convention)
    /// Held until then (quiet hours); none: deliverable from the causing event's time.
    std::optional<Timestamp> not_before;

    friend bool operator==(const OutboxMessage& a, const OutboxMessage& b) {
        return a.event == b.event && a.channel == b.channel && a.recipient == b.recipient &&
               a.payload == b.payload && a.not_before == b.not_before;
    }
};

/// Where an outbox entry is in its delivery.
enum class OutboxState : std::uint8_t {
    pending,    ///< waiting for (another) delivery attempt
    delivered,  ///< a notifier accepted it; never delivered again
    dead,       ///< given up on; stays visible until re-driven
};

template <>
struct EnumNames<OutboxState> {
    static constexpr std::array<std::string_view, 3> names{"pending", "delivered", "dead"};
};

/// The idempotency key of a notification: one per ticket, causing event, channel and recipient,
/// e.g. "HT202310010001/3/email/li@example.com". A store keeps at most one entry per key, and a
/// receiver that remembers the keys it has seen never acts twice on one notification.
inline std::string outbox_key(std::string_view ticket_number, std::uint64_t event_sequence,
                              std::string_view channel, std::string_view recipient) {
    std::string key;
    key.reserve(ticket_number.size() + channel.size() + recipient.size() + 24);
    key.append(ticket_number).append("/").append(std::to_string(event_sequence));
    key.append("/").append(channel).append("/").append(recipient);
    return key;
}

/// A stored notification and the record of its delivery.
struct OutboxEntry {
    std::uint64_t id = 0;  ///< assigned by the store, ascending in the order entries are written
    std::string key;       ///< the idempotency key (`outbox_key`)
    TicketId ticket;
    std::uint64_t event_sequence = 0;  ///< the causing audit event's `sequence`
    std::string channel;
    std::string recipient;
    std::string payload;
    OutboxState state = OutboxState::pending;
    Timestamp created_at{};      ///< the causing event's time
    Timestamp due_at{};          ///< not delivered before this: `not_before`, or the retry time
    std::uint32_t attempts = 0;  ///< delivery attempts settled so far
    std::string last_error;      ///< why the last attempt failed; empty after a success
    std::optional<Timestamp> settled_at;  ///< when it was delivered or given up on
    std::string lease_owner;              ///< the relay holding it; empty when none
    std::optional<Timestamp> lease_expires;

    friend bool operator==(const OutboxEntry& a, const OutboxEntry& b) {
        return a.id == b.id && a.key == b.key && a.ticket == b.ticket &&
               a.event_sequence == b.event_sequence && a.channel == b.channel &&
               a.recipient == b.recipient && a.payload == b.payload && a.state == b.state &&
               a.created_at == b.created_at && a.due_at == b.due_at && a.attempts == b.attempts &&
               a.last_error == b.last_error && a.settled_at == b.settled_at &&
               a.lease_owner == b.lease_owner && a.lease_expires == b.lease_expires;
    }
};

/// A relay's request for work: pending entries due at `now` that no live lease holds, oldest due
/// first, leased to `owner` until `now + duration`. Until then no other relay gets them.
struct OutboxLease {
    std::string owner;  ///< names the relay; not empty
    Timestamp now{};
    std::chrono::microseconds duration{std::chrono::seconds{30}};  ///< positive
    std::size_t limit = 16;  ///< at most this many entries, 1 to `max_limit`

    static constexpr std::size_t max_limit = 1000;

    friend bool operator==(const OutboxLease& a, const OutboxLease& b) {
        return a.owner == b.owner && a.now == b.now && a.duration == b.duration &&
               a.limit == b.limit;
    }
};

/// What became of one delivery attempt.
enum class OutboxOutcome : std::uint8_t {
    delivered,  ///< accepted by the notifier: the entry is done
    retry,      ///< failed; pending again from `retry_at`
    dead,       ///< failed for good: the entry waits for a re-drive
};

template <>
struct EnumNames<OutboxOutcome> {
    static constexpr std::array<std::string_view, 3> names{"delivered", "retry", "dead"};
};

/// The result of a delivery attempt, reported by the relay that holds the entry's lease.
struct OutboxAttempt {
    std::uint64_t entry = 0;
    std::string owner;  ///< must still hold the lease, else `version_conflict` and nothing changes
    Timestamp at{};     ///< when the attempt ended
    OutboxOutcome outcome = OutboxOutcome::delivered;
    std::string error;     ///< why it failed (retry and dead)
    Timestamp retry_at{};  ///< for `retry`: the next attempt's earliest time

    friend bool operator==(const OutboxAttempt& a, const OutboxAttempt& b) {
        return a.entry == b.entry && a.owner == b.owner && a.at == b.at && a.outcome == b.outcome &&
               a.error == b.error && a.retry_at == b.retry_at;
    }
};

/// Which outbox entries to list: ascending id, a page at a time (pass the last id as `after`).
struct OutboxQuery {
    std::optional<OutboxState> state;
    std::optional<TicketId> ticket;
    std::uint64_t after = 0;
    std::size_t limit = 50;  ///< 1 to `max_limit`

    static constexpr std::size_t max_limit = 1000;

    bool matches(const OutboxEntry& entry) const {
        return (!state || entry.state == *state) && (!ticket || entry.ticket == *ticket);
    }

    friend bool operator==(const OutboxQuery& a, const OutboxQuery& b) {
        return a.state == b.state && a.ticket == b.ticket && a.after == b.after &&
               a.limit == b.limit;
    }
};

}  // namespace ticketflow
