#pragma once
/// \file
/// The SLA deadline queue: an indexed d-ary min-heap of (deadline, priority rank, ticket) with
/// stable handles, pop-min, updates in both directions, erase and sweeps of everything due.
///
/// This header depends on the standard library only, so products that need nothing else of
/// ticketflow can take it alone. See docs/deadline_queue.md for the design and its trade-offs.

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <new>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace ticketflow::sla {

/// A deadline: whole seconds since 1970-01-01T00:00:00Z (UTC), as `std::chrono::sys_seconds` is
/// in C++20. Round finer timestamps up with `std::chrono::ceil` so that "due" never comes early.
using DeadlineTime = std::chrono::time_point<std::chrono::system_clock, std::chrono::seconds>;

/// Names one entry of a DeadlineQueue from `push` until the entry is popped or erased. Its slot is
/// then reused by a later `push`, so drop a handle when its entry goes.
struct DeadlineHandle {
    std::uint32_t slot = std::numeric_limits<std::uint32_t>::max();  ///< default: names nothing

    friend bool operator==(DeadlineHandle a, DeadlineHandle b) { return a.slot == b.slot; }
    friend bool operator!=(DeadlineHandle a, DeadlineHandle b) { return a.slot != b.slot; }
};

/// One queued deadline as the queue reports it.
struct DeadlineEntry {
    DeadlineTime deadline{};
    std::uint32_t ticket = 0;   ///< the caller's 32-bit ticket id; breaks ties after the rank
    std::uint8_t priority = 0;  ///< rank: 0 is the most urgent (ticketflow::Priority::urgent)
    DeadlineHandle handle{};    ///< no longer valid once the entry has been popped

    friend bool operator==(const DeadlineEntry& a, const DeadlineEntry& b) {
        return a.deadline == b.deadline && a.ticket == b.ticket && a.priority == b.priority &&
               a.handle == b.handle;
    }
    friend bool operator!=(const DeadlineEntry& a, const DeadlineEntry& b) { return !(a == b); }
};

namespace detail {

/// Uninitialised storage for trivially copyable T, starting on a cache-line boundary so that
/// how groups of sibling nodes fall across cache lines does not depend on the allocator.
template <class T>
class LineArray {
  public:
    static constexpr std::align_val_t kAlign{64};

    LineArray() = default;
    explicit LineArray(std::size_t capacity)
        : data_(capacity == 0 ? nullptr
                              : static_cast<T*>(::operator new(capacity * sizeof(T), kAlign))),
          capacity_(capacity) {}
    LineArray(const LineArray& other, std::size_t used) : LineArray(other.capacity_) {
        if (used != 0) std::memcpy(data_, other.data_, used * sizeof(T));
    }
    LineArray(LineArray&& other) noexcept
        : data_(std::exchange(other.data_, nullptr)),
          capacity_(std::exchange(other.capacity_, 0)) {}
    LineArray& operator=(LineArray&& other) noexcept {
        std::swap(data_, other.data_);
        std::swap(capacity_, other.capacity_);
        return *this;
    }
    LineArray(const LineArray&) = delete;
    LineArray& operator=(const LineArray&) = delete;
    ~LineArray() {
        if (data_ != nullptr) ::operator delete(data_, kAlign);
    }

    // A plain pointer rather than a unique_ptr: debug builds, where the tests run a million
    // operations, do not pay for the accessor layers.
    T* data() const noexcept { return data_; }
    std::size_t capacity() const noexcept { return capacity_; }

    /// Moves to a new block of `capacity` elements keeping the first `used`.
    void reallocate(std::size_t capacity, std::size_t used) {
        LineArray other(capacity);
        if (used != 0) std::memcpy(other.data_, data_, used * sizeof(T));
        *this = std::move(other);
    }

  private:
    T* data_ = nullptr;
    std::size_t capacity_ = 0;
};

}  // namespace detail

/// An indexed d-ary min-heap of SLA deadlines with stable handles.
///
/// Entries are ordered by (deadline, priority rank, ticket): the earliest deadline first, ties
/// broken by the more urgent rank, then by the smaller ticket id (then by handle, so that the
/// order is total even for duplicate tickets). push, update, erase and pop cost O(log n); the
/// sweeps O(k log n) for the k entries due, never a scan of the whole queue.
///
/// Memory: 16 bytes per entry of capacity — a 12-byte heap node holding the whole sort key
/// (deadline, rank, ticket, handle) and the handle's 4-byte position — so `reserve(n)` followed
/// by n pushes uses exactly 16 n bytes. Growth without `reserve` adds up to 50 %;
/// `shrink_to_fit` gives it back.
///
/// Limits: deadlines from 1833-11-24 to 2106-02-07 (33 bits of seconds), ranks 0–7, and at most
/// 268,435,455 entries; beyond them the queue throws `std::out_of_range` or `std::length_error`.
/// Programming errors (a handle that names nothing, `top` of an empty queue) throw too. Not
/// thread-safe: one writer at a time, as with standard containers.
///
///     ticketflow::sla::DeadlineQueue q;
///     auto h = q.push(42, DeadlineTime{std::chrono::seconds{1'700'000'000}}, 0);
///     q.update(h, DeadlineTime{std::chrono::seconds{1'700'003'600}}, 1);
template <unsigned Arity = 4>
class BasicDeadlineQueue {
    static_assert(Arity >= 2 && Arity <= 16, "a d-ary heap needs 2 to 16 children per node");

  public:
    using Time = DeadlineTime;
    using Ticket = std::uint32_t;
    using Rank = std::uint8_t;
    using Handle = DeadlineHandle;
    using Entry = DeadlineEntry;

    /// Children per node.
    static constexpr unsigned arity = Arity;
    /// The least urgent rank; 0 is the most urgent.
    static constexpr Rank max_rank = 7;
    /// The most entries the packed handle field can name.
    static constexpr std::size_t max_size = (std::size_t{1} << 28) - 1;
    /// The earliest and latest deadlines the packed key holds.
    static constexpr Time min_deadline() { return Time{std::chrono::seconds{-kDeadlineBias}}; }
    static constexpr Time max_deadline() { return Time{std::chrono::seconds{kDeadlineBias - 1}}; }

    BasicDeadlineQueue() = default;
    BasicDeadlineQueue(const BasicDeadlineQueue& other)
        : nodes_(other.nodes_, other.size_),
          slots_(other.slots_, other.slot_count_),
          size_(other.size_),
          slot_count_(other.slot_count_),
          free_head_(other.free_head_),
          hole_(other.hole_) {}
    BasicDeadlineQueue(BasicDeadlineQueue&& other) noexcept { swap(other); }
    BasicDeadlineQueue& operator=(BasicDeadlineQueue other) noexcept {
        swap(other);
        return *this;
    }
    ~BasicDeadlineQueue() = default;

    void swap(BasicDeadlineQueue& other) noexcept {
        std::swap(nodes_, other.nodes_);
        std::swap(slots_, other.slots_);
        std::swap(size_, other.size_);
        std::swap(slot_count_, other.slot_count_);
        std::swap(free_head_, other.free_head_);
        std::swap(hole_, other.hole_);
    }

    /// Queues `ticket` due at `deadline` with priority rank `priority` (0 = most urgent) and
    /// returns the handle that names the entry until it is popped or erased.
    Handle push(Ticket ticket, Time deadline, Rank priority) {
        const std::uint64_t high = pack(deadline, priority);  // throws before anything changes
        if (hole_ != kNoHole) return push_into_hole(high, ticket);
        if (size_ == nodes_.capacity()) grow_heap();
        const std::uint32_t slot = acquire_slot();
        heap().sift_up(size_, make_key(high, ticket, slot));
        ++size_;
        return Handle{slot};
    }

    /// Moves the entry to a new deadline and rank, earlier or later.
    void update(Handle h, Time deadline, Rank priority) {
        settle();
        const std::uint32_t i = position_of(h, "update");
        const std::uint64_t high = pack(deadline, priority);
        Heap heap = this->heap();
        const Key old = heap.key(i);
        const Key key = make_key(high, ticket_of(old), h.slot);
        if (less(key, old)) {
            heap.sift_up(i, key);
        } else {
            heap.sift_down(i, key);
        }
    }

    /// Removes the entry; its handle's slot becomes free for reuse.
    void erase(Handle h) {
        settle();
        const std::uint32_t i = position_of(h, "erase");
        release_slot(h.slot);
        Heap heap = this->heap();
        heap.remove_at(i);
        size_ = heap.size;
    }

    /// True while `h` names a queued entry (a reused slot names the newer entry).
    bool contains(Handle h) const noexcept {
        return h.slot < slot_count_ && (slots_.data()[h.slot] & kFreeBit) == 0;
    }

    /// The entry `h` names.
    Entry get(Handle h) const { return entry_of(heap().key(position_of(h, "get"))); }

    /// The first entry in (deadline, rank, ticket) order. Throws on an empty queue.
    Entry top() const {
        if (empty()) throw std::out_of_range("DeadlineQueue::top: the queue is empty");
        return entry_of(heap().key(first_position()));
    }

    /// Removes and returns the first entry. Throws on an empty queue.
    ///
    /// The hole the entry leaves at the top stays open until the next operation. A push that
    /// follows fills it and sinks from there (the classic replace-top) instead of the hole
    /// sinking to the bottom now and the push climbing back up; anything else fills it first.
    Entry pop() {
        if (empty()) throw std::out_of_range("DeadlineQueue::pop: the queue is empty");
        settle();
        const std::uint32_t root = heap().min_root();
        const Key first = heap().key(root);
        release_slot(slot_of(first));
        if (root + 1 == size_) {
            --size_;
        } else {
            hole_ = root;
        }
        return entry_of(first);
    }

    /// Removes every entry with deadline <= `now` and hands each to `visit(const Entry&)` in queue
    /// order, after all of them are out of the queue: `visit` may push, update or erase, and what
    /// it pushes is not part of this sweep. Returns how many were due.
    template <class Visit>
    std::size_t pop_due(Time now, Visit&& visit) {
        settle();
        const std::vector<Key> due = take_due(now);
        for (const Key& key : due) visit(entry_of(key));
        return due.size();
    }

    /// Removes every entry with deadline <= `now` and appends them to `out` in queue order.
    std::size_t pop_due(Time now, std::vector<Entry>& out) {
        return pop_due(now, [&out](const Entry& e) { out.push_back(e); });
    }

    /// Calls `visit(const Entry&)` for every entry with deadline <= `now`, leaving them queued, in
    /// heap order (not sorted). Only the entries due and their children are read, never the
    /// whole heap. `visit` must not change the queue.
    template <class Visit>
    std::size_t due_within(Time now, Visit&& visit) const {
        const std::uint64_t limit = due_limit(now);
        std::size_t count = 0;
        for (std::uint32_t root = 0; root < Arity && root < size_; ++root) {
            if (root != hole_) {
                count += visit_due_tree(root, limit, visit);
                continue;
            }
            const std::uint32_t c = first_child(root);  // the hole's children stand in for it
            for (std::uint32_t j = c; j < c + Arity && j < size_; ++j) {
                count += visit_due_tree(j, limit, visit);
            }
        }
        return count;
    }

    /// Appends every entry with deadline <= `now` to `out`, sorted in queue order, leaving them
    /// queued.
    std::size_t due_within(Time now, std::vector<Entry>& out) const {
        const auto first = static_cast<std::ptrdiff_t>(out.size());
        const std::size_t count = due_within(now, [&out](const Entry& e) { out.push_back(e); });
        std::sort(out.begin() + first, out.end(), entry_less);
        return count;
    }

    std::size_t size() const noexcept { return size_ - (hole_ != kNoHole ? 1 : 0); }
    bool empty() const noexcept { return size() == 0; }
    /// Entries that fit without reallocating.
    std::size_t capacity() const noexcept { return std::min(nodes_.capacity(), slots_.capacity()); }

    /// Removes every entry; all handles become invalid. Keeps the memory.
    void clear() noexcept {
        size_ = 0;
        hole_ = kNoHole;
        slot_count_ = 0;
        free_head_ = kNoSlot;
    }

    /// Makes room for `n` entries, so that n pushes allocate nothing and use exactly 16 n bytes.
    void reserve(std::size_t n) {
        if (n > max_size) throw std::length_error("DeadlineQueue::reserve: more than max_size");
        if (n > nodes_.capacity()) nodes_.reallocate(n, size_);
        if (n > slots_.capacity()) slots_.reallocate(n, slot_count_);
    }

    /// Gives back the capacity beyond what the current entries and handle slots need.
    void shrink_to_fit() {
        if (nodes_.capacity() > size_) nodes_.reallocate(size_, size_);
        if (slots_.capacity() > slot_count_) slots_.reallocate(slot_count_, slot_count_);
    }

    /// Bytes held on the heap, capacity included: 12 per heap node of capacity (the sort key)
    /// and 4 per handle slot of capacity (position or free-list link).
    std::size_t memory_bytes() const noexcept {
        return nodes_.capacity() * sizeof(Node) + slots_.capacity() * sizeof(std::uint32_t);
    }

    /// Verifies the heap order, that every handle's position names its entry, and the free
    /// list; throws `std::logic_error` describing the first fault. O(n): for tests.
    void check_invariants() const {
        check_heap_order();
        check_live_slots();
        check_free_list();
    }

  private:
    // The sort key is 96 bits, compared as (high, low):
    //   high: | deadline + 2^32 (33 bits) | rank (3 bits) | ticket bits 31..4 (28 bits) |
    //   low:  | ticket bits 3..0 (4 bits) | handle slot (28 bits) |
    // so comparing (high, low) compares (deadline, rank, ticket, slot) exactly, and high alone
    // decides unless two entries share deadline, rank and all but the last 4 ticket bits.
    static constexpr unsigned kSlotBits = 28;
    static constexpr unsigned kTicketLowBits = 4;
    static constexpr unsigned kRankBits = 3;
    static constexpr unsigned kRankShift = 32 - kTicketLowBits;
    static constexpr unsigned kDeadlineShift = kRankShift + kRankBits;
    static constexpr std::int64_t kDeadlineBias = std::int64_t{1} << 32;
    static constexpr std::uint32_t kSlotMask = (std::uint32_t{1} << kSlotBits) - 1;
    static constexpr std::uint64_t kTicketHighMask = (std::uint64_t{1} << kRankShift) - 1;
    // A free handle slot holds kFreeBit and the next free slot in place of a position: the free
    // list costs no memory of its own.
    static constexpr std::uint32_t kFreeBit = std::uint32_t{1} << 31;
    static constexpr std::uint32_t kNoSlot = kSlotMask;
    // No pending hole: see pop().
    static constexpr std::uint32_t kNoHole = std::numeric_limits<std::uint32_t>::max();
    // How many positions ahead the sweeps ask for memory they will read.
    static constexpr std::ptrdiff_t kLookAhead = 8;

    struct Key {
        std::uint64_t high;
        std::uint32_t low;
    };

    // A heap node: the key's high half in words 0–1 and its low half in word 2, 12 bytes with
    // no padding. The handle's slot holds only the node's position, which sifting writes
    // anyway; everything a comparison or a popped entry needs is in the node.
    struct Node {
        std::uint32_t words[3];
    };

    // --- keys -------------------------------------------------------------------------------

    // The deadline and rank part of the high half; throws for values the key cannot hold.
    static std::uint64_t pack(Time deadline, Rank priority) {
        const std::int64_t seconds = deadline.time_since_epoch().count();
        if (seconds < -kDeadlineBias || seconds >= kDeadlineBias) {
            throw std::out_of_range("DeadlineQueue: deadline " + std::to_string(seconds) +
                                    " s is outside 1833-11-24 .. 2106-02-07");
        }
        if (priority > max_rank) {
            throw std::out_of_range("DeadlineQueue: priority rank " + std::to_string(priority) +
                                    " is above 7");
        }
        return static_cast<std::uint64_t>(seconds + kDeadlineBias) << kDeadlineShift |
               std::uint64_t{priority} << kRankShift;
    }

    static Key make_key(std::uint64_t deadline_and_rank, std::uint32_t ticket,
                        std::uint32_t slot) noexcept {
        return Key{deadline_and_rank | ticket >> kTicketLowBits,
                   (ticket << kSlotBits) | slot};  // the shift keeps the 4 low ticket bits
    }

    static std::uint32_t slot_of(Key k) noexcept { return k.low & kSlotMask; }
    static std::uint32_t ticket_of(Key k) noexcept {
        return static_cast<std::uint32_t>(k.high & kTicketHighMask) << kTicketLowBits |
               k.low >> kSlotBits;
    }

    // Branch-free (high, low) order: the halves are compared together rather than one after
    // the other, so that the compiler can use conditional moves.
    static bool less(Key a, Key b) noexcept {
        return (a.high < b.high) | ((a.high == b.high) & (a.low < b.low));
    }

    // The smallest high half whose deadline is after `now`: an entry is due when its high half
    // is below it.
    static std::uint64_t due_limit(Time now) noexcept {
        const std::int64_t seconds = now.time_since_epoch().count();
        if (seconds < -kDeadlineBias) return 0;
        if (seconds >= kDeadlineBias - 1) return std::numeric_limits<std::uint64_t>::max();
        return static_cast<std::uint64_t>(seconds + kDeadlineBias + 1) << kDeadlineShift;
    }

    static Key key_of(const Node& node) noexcept {
        Key k;
        std::memcpy(&k.high, node.words, sizeof k.high);  // 8 bytes at a 4-byte boundary
        k.low = node.words[2];
        return k;
    }
    static Node node_of(Key k) noexcept {
        Node node;
        std::memcpy(node.words, &k.high, sizeof k.high);
        node.words[2] = k.low;
        return node;
    }

    static Entry entry_of(Key k) noexcept {
        Entry e;
        e.deadline = Time{std::chrono::seconds{static_cast<std::int64_t>(k.high >> kDeadlineShift) -
                                               kDeadlineBias}};
        e.priority = static_cast<Rank>((k.high >> kRankShift) & ((1u << kRankBits) - 1));
        e.ticket = ticket_of(k);
        e.handle = Handle{slot_of(k)};
        return e;
    }

    static bool entry_less(const Entry& a, const Entry& b) noexcept {
        if (a.deadline != b.deadline) return a.deadline < b.deadline;
        if (a.priority != b.priority) return a.priority < b.priority;
        if (a.ticket != b.ticket) return a.ticket < b.ticket;
        return a.handle.slot < b.handle.slot;
    }

    // --- the heap ---------------------------------------------------------------------------
    // The first Arity positions are the roots of a forest (children of a virtual root), and
    // the children of i are Arity (i + 1) … Arity (i + 1) + Arity - 1: every group of siblings
    // starts at a multiple of Arity, with no padding at the front of the array. top() is the
    // least of the roots.

    static std::uint32_t first_child(std::uint32_t i) noexcept { return Arity * (i + 1); }
    static std::uint32_t parent(std::uint32_t i) noexcept { return i / Arity - 1; }

    // The arrays and the size as plain values. The sifting loops run on a copy held in
    // registers: through the members, every store of a position (a uint32_t) would make the
    // compiler reload size_ (a uint32_t it cannot prove is not aliased) and the pointers.
    struct Heap {
        Node* nodes;
        std::uint32_t* slots;
        std::uint32_t size;

        Key key(std::uint32_t i) const noexcept { return key_of(nodes[i]); }

        // The least of positions [first, end), by conditional moves.
        std::uint32_t min_of(std::uint32_t first, std::uint32_t end) const noexcept {
            Key least = key(first);
            std::uint32_t best = first;
            for (std::uint32_t j = first + 1; j < end; ++j) {
                const Key k = key(j);
                const bool smaller = less(k, least);
                best = smaller ? j : best;
                least.high = smaller ? k.high : least.high;
                least.low = smaller ? k.low : least.low;
            }
            return best;
        }

        std::uint32_t min_root() const noexcept {
            return min_of(0, std::min<std::uint32_t>(Arity, size));
        }

        // The least child of a node whose children start at `c`; a full group, the common
        // case, has a constant trip count that the compiler unrolls.
        std::uint32_t min_child(std::uint32_t c) const noexcept {
            return c + Arity <= size ? min_of(c, c + Arity) : min_of(c, size);
        }

        // Asks for nodes [first, first + count) ahead of their use, so that their cache misses
        // overlap with other work. Always inlined: GCC otherwise judges an out-of-line copy,
        // whose only effect is a prefetch, to do nothing, and drops the calls.
        [[gnu::always_inline]] void prefetch(std::uint32_t first,
                                             std::uint32_t count) const noexcept {
#if defined(__GNUC__)
            if (first >= size) return;
            const std::uint32_t end = std::min(first + count, size);
            const char* from = reinterpret_cast<const char*>(nodes + first);
            const char* last = reinterpret_cast<const char*>(nodes + end) - 1;
            for (const char* at = from; at <= last; at += 64) __builtin_prefetch(at);
            __builtin_prefetch(last);
#else
            (void)first;
            (void)count;
#endif
        }
        [[gnu::always_inline]] void prefetch_children(std::uint32_t i) const noexcept {
            prefetch(first_child(i), Arity);
        }
        // The grandchildren of a node whose children start at `c`: fetched while this level
        // compares, the next level's cache misses overlap with this level's work.
        [[gnu::always_inline]] void prefetch_below(std::uint32_t c) const noexcept {
            prefetch(first_child(c), Arity * Arity);
        }

        void place(std::uint32_t i, Key k) noexcept {
            nodes[i] = node_of(k);
            slots[slot_of(k)] = i;
        }
        void move(std::uint32_t from, std::uint32_t to) noexcept {
            nodes[to] = nodes[from];
            slots[nodes[to].words[2] & kSlotMask] = to;
        }

        // Moves the hole at `i` up past every parent after `k`, then fills it.
        void sift_up(std::uint32_t i, Key k) noexcept {
            while (i >= Arity) {
                const std::uint32_t p = parent(i);
                if (!less(k, key(p))) break;
                move(p, i);
                i = p;
            }
            place(i, k);
        }

        // Moves the hole at `i` down past every child before `k`, then fills it.
        void sift_down(std::uint32_t i, Key k) noexcept {
            for (std::uint32_t c = first_child(i); c < size; c = first_child(i)) {
                prefetch_below(c);
                const std::uint32_t m = min_child(c);
                if (less(k, key(m))) break;
                move(m, i);
                i = m;
            }
            place(i, k);
        }

        // Fills the hole left at `i` by the last entry. The hole first sinks to a leaf along
        // the least children, then the last entry rises from there: it almost always belongs
        // near the bottom, so this costs Arity - 1 comparisons a level instead of Arity.
        void remove_at(std::uint32_t i) noexcept {
            const std::uint32_t last = --size;
            if (i == last) return;
            for (std::uint32_t c = first_child(i); c < size; c = first_child(i)) {
                prefetch_below(c);
                const std::uint32_t m = min_child(c);
                move(m, i);
                i = m;
            }
            sift_up(i, key(last));
        }
    };

    Heap heap() const noexcept {
        return Heap{nodes_.data(), slots_.data(), size_};
    }

    // --- the hole a pop leaves ------------------------------------------------------------

    // Fills the hole a pop left, the usual way: it sinks to a leaf and the last entry moves in.
    void settle() noexcept {
        if (hole_ == kNoHole) return;
        Heap heap = this->heap();
        heap.remove_at(hole_);
        size_ = heap.size;
        hole_ = kNoHole;
    }

    Handle push_into_hole(std::uint64_t high, Ticket ticket) {
        const std::uint32_t slot = acquire_slot();
        heap().sift_down(hole_, make_key(high, ticket, slot));
        hole_ = kNoHole;
        return Handle{slot};
    }

    // The first entry's position. With a hole open, the hole's children compete for first
    // place with the other roots.
    std::uint32_t first_position() const noexcept {
        const Heap heap = this->heap();
        if (hole_ == kNoHole) return heap.min_root();
        std::uint32_t best = kNoHole;
        const auto consider = [&](std::uint32_t j) {
            if (best == kNoHole || less(heap.key(j), heap.key(best))) best = j;
        };
        for (std::uint32_t r = 0; r < Arity && r < size_; ++r) {
            if (r != hole_) consider(r);
        }
        const std::uint32_t c = first_child(hole_);
        for (std::uint32_t j = c; j < c + Arity && j < size_; ++j) consider(j);
        return best;
    }

    // --- handle slots -----------------------------------------------------------------------

    std::uint32_t acquire_slot() {
        if (free_head_ != kNoSlot) {
            const std::uint32_t slot = free_head_;
            free_head_ = slots_.data()[slot] & ~kFreeBit;
            return slot;
        }
        if (slot_count_ == slots_.capacity()) slots_.reallocate(grown(slot_count_), slot_count_);
        return slot_count_++;
    }

    void release_slot(std::uint32_t slot) noexcept {
        slots_.data()[slot] = kFreeBit | free_head_;
        free_head_ = slot;
    }

    std::uint32_t position_of(Handle h, const char* operation) const {
        if (!contains(h)) {
            throw std::invalid_argument(std::string("DeadlineQueue::") + operation + ": handle " +
                                        std::to_string(h.slot) + " names no queued entry");
        }
        return slots_.data()[h.slot];
    }

    // --- capacity ---------------------------------------------------------------------------

    static std::size_t grown(std::size_t capacity) {
        if (capacity >= max_size) throw std::length_error("DeadlineQueue: more than max_size");
        return std::min(max_size, std::max<std::size_t>(16, capacity + capacity / 2));
    }

    void grow_heap() {
        nodes_.reallocate(grown(nodes_.capacity()), size_);
    }

    // --- sweeps -----------------------------------------------------------------------------

    // Removes every due entry and returns their keys sorted. The due entries form the top of
    // the heap (a due node's parent is due too), found breadth first in ascending positions.
    // The holes they leave are filled with the entries past the new end, then repaired from
    // the deepest up as in Floyd's heap construction: each refill sinks only through its own
    // subtree, which is cheaper than k pops from the root.
    std::vector<Key> take_due(Time now) {
        const std::vector<std::uint32_t> holes = due_positions(due_limit(now));
        std::vector<Key> due(holes.size());
        const Heap heap = this->heap();
        for (std::size_t k = 0; k < holes.size(); ++k) due[k] = heap.key(holes[k]);
        for (const Key& key : due) release_slot(slot_of(key));
        refill(holes);
        std::sort(due.begin(), due.end(), [](Key a, Key b) { return less(a, b); });
        return due;
    }

    std::vector<std::uint32_t> due_positions(std::uint64_t limit) const {
        std::vector<std::uint32_t> found;
        const Heap heap = this->heap();
        for (std::uint32_t root = 0; root < Arity && root < size_; ++root) {
            if (heap.key(root).high < limit) found.push_back(root);
        }
        for (std::size_t k = 0; k < found.size(); ++k) {
            const std::uint32_t c = first_child(found[k]);
            const std::uint32_t end = std::min<std::uint32_t>(c + Arity, size_);
            for (std::uint32_t j = c; j < end; ++j) {
                if (heap.key(j).high < limit) found.push_back(j);
            }
        }
        return found;
    }

    // `holes` ascending; their entries' slots are already released.
    void refill(const std::vector<std::uint32_t>& holes) noexcept {
        Heap heap = this->heap();
        heap.size = static_cast<std::uint32_t>(size_ - holes.size());
        const auto inside = std::lower_bound(holes.begin(), holes.end(), heap.size);
        auto next_hole = holes.begin();
        auto removed = inside;  // holes past the new end: entries that are simply dropped
        for (std::uint32_t j = heap.size; j < size_; ++j) {
            if (removed != holes.end() && *removed == j) {
                ++removed;
            } else {
                heap.move(j, *next_hole++);
            }
        }
        size_ = heap.size;
        for (auto it = inside; it != holes.begin();) {
            --it;
            // The holes are repaired one after the other: ask early for a later one's children.
            if (it - holes.begin() >= kLookAhead) heap.prefetch_children(*(it - kLookAhead));
            heap.sift_down(*it, heap.key(*it));
        }
    }

    // Depth-first walk of the due part of one root's subtree without a stack: down to the
    // first due child, else across to the next due sibling, else back up.
    template <class Visit>
    std::size_t visit_due_tree(std::uint32_t root, std::uint64_t limit, Visit& visit) const {
        const Heap heap = this->heap();
        if (heap.key(root).high >= limit) return 0;
        std::size_t count = 0;
        std::uint32_t i = root;
        do {
            visit(entry_of(heap.key(i)));
            ++count;
        } while (next_due(heap, root, limit, i));
        return count;
    }

    // The due node after `i` in depth-first order under `root`; false when there is none.
    static bool next_due(const Heap& heap, std::uint32_t root, std::uint64_t limit,
                         std::uint32_t& i) {
        const std::uint32_t c = first_child(i);
        if (c >= heap.size) return next_due_sibling(heap, root, limit, i);
        i = c;
        return heap.key(c).high < limit || next_due_sibling(heap, root, limit, i);
    }

    // From `i`, the next due node to the right among its siblings or its ancestors' siblings,
    // staying under `root`; false when the walk is back at `root`.
    static bool next_due_sibling(const Heap& heap, std::uint32_t root, std::uint64_t limit,
                                 std::uint32_t& i) {
        while (i != root) {
            if ((i + 1) % Arity != 0 && i + 1 < heap.size) {
                ++i;
                if (heap.key(i).high < limit) return true;
            } else {
                i = parent(i);
            }
        }
        return false;
    }

    // --- invariants -------------------------------------------------------------------------

    [[noreturn]] static void fault(const std::string& what) {
        throw std::logic_error("DeadlineQueue invariant: " + what);
    }

    void check_heap_order() const {
        const Heap heap = this->heap();
        for (std::uint32_t i = Arity; i < size_; ++i) {
            if (parent(i) != hole_ && less(heap.key(i), heap.key(parent(i)))) {
                fault("position " + std::to_string(i) + " orders before its parent");
            }
        }
    }

    void check_live_slots() const {
        const Heap heap = this->heap();
        for (std::uint32_t i = 0; i < size_; ++i) {
            if (i == hole_) continue;
            const std::uint32_t slot = slot_of(heap.key(i));
            if (slot >= slot_count_ || slots_.data()[slot] != i) {
                fault("position " + std::to_string(i) + " holds handle " + std::to_string(slot) +
                      ", which does not point back to it");
            }
        }
    }

    void check_free_list() const {
        std::size_t free = 0;
        for (std::uint32_t s = free_head_; s != kNoSlot; s = slots_.data()[s] & ~kFreeBit) {
            if (s >= slot_count_ || (slots_.data()[s] & kFreeBit) == 0 || ++free > slot_count_) {
                fault("the free list reaches slot " + std::to_string(s) + ", which is not free");
            }
        }
        if (free + size() != slot_count_) {
            fault(std::to_string(slot_count_) + " handle slots but " + std::to_string(size()) +
                  " entries and " + std::to_string(free) + " free");
        }
    }

    detail::LineArray<Node> nodes_;           // sort keys in heap order
    detail::LineArray<std::uint32_t> slots_;  // by handle slot: position, or free-list link
    std::uint32_t size_ = 0;
    std::uint32_t slot_count_ = 0;  // slots handed out since the last clear()
    std::uint32_t free_head_ = kNoSlot;
    std::uint32_t hole_ = kNoHole;  // a root left open by pop(); size_ counts it
};

/// The deadline queue with four children per node: half as deep as a binary heap, and a group
/// of siblings (48 bytes) still comes in one or two cache lines, fetched one level ahead.
using DeadlineQueue = BasicDeadlineQueue<4>;

}  // namespace ticketflow::sla
