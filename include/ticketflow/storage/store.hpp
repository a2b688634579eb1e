#pragma once
/// \file
/// The storage interface. Every backend (memory, SQLite, PostgreSQL) implements it and passes the
/// same conformance suite; the engine talks to nothing else.

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <ticketflow/core/audit.hpp>
#include <ticketflow/core/enum_names.hpp>
#include <ticketflow/core/result.hpp>
#include <ticketflow/core/ticket.hpp>
#include <ticketflow/storage/outbox.hpp>

namespace ticketflow {

/// Which tickets a query wants. Unset filters match everything; set ones must all match.
/// Results come in ascending id order, a page at a time (keyset paging).
struct TicketQuery {
    std::optional<TicketState> state;
    std::optional<AgentId> owner;
    std::optional<TeamId> team;
    std::optional<Priority> priority;
    std::optional<CustomerId> customer;
    TicketId after{0};       ///< only tickets whose id is greater: the previous page's `next_after`
    std::size_t limit = 50;  ///< page size, 1 to `max_limit`

    static constexpr std::size_t max_limit = 1000;

    /// True when `ticket` passes every filter (paging aside).
    bool matches(const Ticket& ticket) const {
        return (!state || ticket.state == *state) && (!owner || ticket.owner == *owner) &&
               (!team || ticket.team == *team) && (!priority || ticket.priority == *priority) &&
               (!customer || ticket.customer.id == *customer);
    }

    friend bool operator==(const TicketQuery& a, const TicketQuery& b) {
        return a.state == b.state && a.owner == b.owner && a.team == b.team &&
               a.priority == b.priority && a.customer == b.customer && a.after == b.after &&
               a.limit == b.limit;
    }
};

/// One page of query results.
template <class T>
struct Page {
    std::vector<T> items;
    /// Pass as `TicketQuery::after` for the next page; empty on the last page.
    std::optional<TicketId> next_after;
    /// Tickets in this page's range whose stored record cannot be read back: left out of `items`
    /// so that one damaged row does not hide every other ticket, and named here so that the
    /// caller knows the page is incomplete. Empty for a healthy store (see `Store::verify`).
    std::vector<TicketId> damaged{};

    friend bool operator==(const Page& a, const Page& b) {
        return a.items == b.items && a.next_after == b.next_after && a.damaged == b.damaged;
    }
};

/// Which kind of stored record a `DamagedRecord` is.
enum class RecordKind : std::uint8_t {
    ticket,        ///< the ticket's own snapshot (its document)
    sla_record,    ///< the SLA clocks kept beside the snapshot (`Ticket::sla_clocks`)
    audit_event,   ///< one event of the ticket's audit trail
    outbox_entry,  ///< one notification of the outbox
};

template <>
struct EnumNames<RecordKind> {
    static constexpr std::array<std::string_view, 4> names{"ticket", "sla_record", "audit_event",
                                                           "outbox_entry"};
};

/// A stored record that cannot be read back, as `Store::verify` reports it. Reads of `ticket`
/// fail with `ErrorCode::corrupt` until the record is repaired (see docs/storage.md).
struct DamagedRecord {
    TicketId ticket;  ///< the ticket the record belongs to
    RecordKind kind = RecordKind::ticket;
    /// Which record of that kind: the audit event's sequence or the outbox entry's id; 0 for the
    /// ticket's own row.
    std::uint64_t row = 0;
    std::string what;  ///< why it cannot be read, e.g. the decoder's message

    friend bool operator==(const DamagedRecord& a, const DamagedRecord& b) {
        return a.ticket == b.ticket && a.kind == b.kind && a.row == b.row && a.what == b.what;
    }
};

/// Opening a ticket, as one atomic unit: allocate its number from a sequence, store it, and append
/// its first audit events. Nothing of it is visible until all of it is.
struct TicketCreation {
    Ticket ticket;  ///< `id` and `number` are assigned by the store; `version` must be 1
    std::vector<AuditEvent> events;  ///< the store fills in `ticket` and `sequence`
    std::string sequence_key;        ///< the counter the number draws from (see TicketNumberFormat)
    /// Turns the allocated sequence value into the ticket number; an error aborts the whole unit
    /// and leaves the sequence where it was.
    std::function<Result<std::string>(std::uint64_t)> number_for;
    /// Notifications the opening causes, stored with it (one entry per idempotency key).
    std::vector<OutboxMessage> outbox{};
    /// Notifications that quote what only the store decides (the ticket's number, as in an
    /// acknowledgement): called with the ticket once its id and number are assigned, inside the
    /// unit; its messages are stored with `outbox`. Optional.
    std::function<std::vector<OutboxMessage>(const Ticket& stored)> outbox_for{};
};

/// Changing a ticket, as one atomic unit: the new snapshot, saved only if nobody else changed the
/// ticket since it was read, plus the audit events that describe the change.
struct TicketUpdate {
    Ticket ticket;             ///< the new snapshot; its `version` must be `expected_version + 1`
    Version expected_version;  ///< the version the change was computed from
    std::vector<AuditEvent> events;  ///< the store fills in `ticket` and `sequence`
    /// Notifications the change causes, stored with it (one entry per idempotency key).
    std::vector<OutboxMessage> outbox{};
};

class StoreBatch;

/// What `Store::batch` and `Engine::batch` run: the units of work of one batch. Returning an
/// error (or throwing) abandons the whole batch.
using BatchWork = std::function<Result<void>()>;

/// Where tickets, their audit trails, their number sequences and the outbox live.
///
/// Every method is safe to call from several threads. Writes are atomic units: either everything in
/// a `TicketCreation` / `TicketUpdate` (outbox messages included) is stored, or nothing is and an
/// error says why. A message whose idempotency key is already stored is skipped, not an error.
/// Many units of one thread can share one transaction as a batch (`batch`).
///
/// Every method reports failure as a value, never by throwing: `storage_failure` when the store
/// cannot do the work (naming the operation), `corrupt` (naming the ticket) when a stored record
/// of that ticket cannot be read back. Damage stays with its ticket: other tickets read and change
/// as usual, lists leave damaged tickets out and name them, and `verify` lists every damaged
/// record.
class Store {
  public:
    virtual ~Store() = default;

    /// Runs `work` as one batch: every unit of work the calling thread writes to this store
    /// inside it goes into one transaction, committed when `work` returns. A unit that is
    /// refused (a version conflict, a failing `number_for`) changes nothing and the batch goes
    /// on; reads inside see the batch's own writes. Returns `work`'s error (an exception that
    /// leaves it becomes one: an `Exception`'s own error, anything else `storage_failure`) or
    /// the commit's, and then nothing of the batch is stored. Other threads' writes wait for the
    /// batch and commit separately. A batch inside a batch of the same thread is refused with
    /// `validation_failed` (field "batch"). A store that does not implement batches (the
    /// default) stores each unit on its own and undoes nothing. See docs/storage.md, "Batches".
    ///
    ///     auto imported = store.batch([&]() -> Result<void> {
    ///         for (const auto& row : rows) (void)store.create(opening_of(row));  // 1 commit
    ///         return {};
    ///     });
    Result<void> batch(const BatchWork& work);

    /// Stores a new ticket; returns it with its id and number.
    virtual Result<Ticket> create(const TicketCreation& creation) = 0;
    /// Saves a change; `version_conflict` (and nothing written) when the stored version differs
    /// from `expected_version`, `not_found` when there is no such ticket.
    virtual Result<void> update(const TicketUpdate& update) = 0;

    /// The ticket with this id, or `not_found`.
    virtual Result<Ticket> load(TicketId id) const = 0;
    /// The ticket with this human number, or `not_found`.
    virtual Result<Ticket> load_by_number(std::string_view number) const = 0;
    /// Tickets matching `query`, one page. A damaged ticket in the page's range is left out of
    /// `items` and listed in `damaged`.
    virtual Result<Page<Ticket>> find(const TicketQuery& query) const = 0;
    /// The ticket's audit events in sequence order; empty for an unknown ticket, `corrupt` when
    /// one of them cannot be read back.
    virtual Result<std::vector<AuditEvent>> audit_trail(TicketId id) const = 0;

    /// Advances the counter `key` and returns its new value (1 for a new key). Atomic: concurrent
    /// callers never see the same value, and values have no gaps.
    virtual Result<std::uint64_t> next_sequence(std::string_view key) = 0;

    /// Every stored record that cannot be read back, by ticket; empty for a healthy store. Reads
    /// the whole store: a maintenance call, not one for every request.
    virtual Result<std::vector<DamagedRecord>> verify() const = 0;

    /// Leases pending entries that are due at `lease.now` and not held by another live lease to
    /// `lease.owner`, oldest due first; nobody else gets them until the lease expires.
    virtual Result<std::vector<OutboxEntry>> lease_outbox(const OutboxLease& lease) = 0;
    /// Records a delivery attempt and releases the lease; returns the entry as now stored.
    /// `version_conflict` (nothing changed) when `attempt.owner` no longer holds the entry,
    /// `not_found` when there is no such entry.
    virtual Result<OutboxEntry> settle_outbox(const OutboxAttempt& attempt) = 0;
    /// Makes a dead entry pending again, due at `now`, with its attempts counted from zero.
    /// `invalid_transition` for an entry that is not dead, `not_found` when there is none.
    virtual Result<OutboxEntry> redrive_outbox(std::uint64_t entry, Timestamp now) = 0;
    /// Outbox entries matching `query`, in ascending id order, one page.
    virtual Result<std::vector<OutboxEntry>> outbox(const OutboxQuery& query) const = 0;

  protected:
    friend class StoreBatch;

    // The batch primitives a backend overrides to make batches atomic; callers use `batch` or
    // `StoreBatch`, which pair them on one thread. The defaults keep no batch: each unit of work
    // commits on its own. A store that wraps another one forwards them through a `StoreBatch` of
    // the inner store, made in `begin_batch` and ended in the other two.

    /// Starts a batch for the calling thread: its writes go into one transaction until
    /// `commit_batch` or `roll_back_batch` on the same thread. `validation_failed` when the
    /// thread has a batch open already, `storage_failure` when the transaction cannot begin.
    virtual Result<void> begin_batch() { return {}; }
    /// Commits the calling thread's batch; on an error nothing of it is stored (what an I/O
    /// error during the commit means is in docs/storage.md). Ends the batch either way.
    virtual Result<void> commit_batch() { return {}; }
    /// Abandons the calling thread's batch, if it has one: nothing of it is stored.
    virtual void roll_back_batch() noexcept {}
};

/// A batch under way on the calling thread, for code that cannot put its work in one function
/// (`Store::batch` is built on it): begun when made, committed by `commit`, rolled back when
/// destroyed before. Make it, write and end it on one thread.
///
///     StoreBatch batch{store};
///     if (!batch.began()) return batch.began().error();
///     (void)store.update(change);  // into the batch
///     return batch.commit();       // one transaction, one flush
class StoreBatch {
  public:
    explicit StoreBatch(Store& store);
    ~StoreBatch();
    StoreBatch(const StoreBatch&) = delete;
    StoreBatch& operator=(const StoreBatch&) = delete;

    /// Whether the batch began; if not, why (then writes commit one by one as usual).
    const Result<void>& began() const noexcept { return began_; }
    /// True from a successful start until `commit` or `roll_back`.
    bool active() const noexcept { return active_; }
    /// Commits every unit written since the batch began, as one transaction; the store's error
    /// when that fails, and then none of them is stored. Ends the batch either way.
    Result<void> commit();
    /// Abandons the batch: nothing written since it began is stored.
    void roll_back() noexcept;

  private:
    Store& store_;
    Result<void> began_;
    bool active_ = false;
};

}  // namespace ticketflow
