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

// --- the sort key --------------------------------------------------------------------------
// Both queues order entries by one 64-bit word, followed in DeadlineQueue by a second one:
//   | deadline + 2^32 (33 bits) | rank (3 bits) | 28 bits that break ties |
// so that "due by now" is a single comparison of that word with a limit.

inline constexpr std::int64_t kDeadlineBias = std::int64_t{1} << 32;
inline constexpr unsigned kTieBits = 28;
inline constexpr unsigned kRankBits = 3;
inline constexpr unsigned kRankShift = kTieBits;
inline constexpr unsigned kDeadlineShift = kTieBits + kRankBits;
inline constexpr std::uint64_t kTieMask = (std::uint64_t{1} << kTieBits) - 1;
inline constexpr std::uint8_t kMaxRank = (1u << kRankBits) - 1;

/// The deadline and rank bits of the order word; throws for values the key cannot hold.
inline std::uint64_t pack_order(DeadlineTime deadline, std::uint8_t priority) {
    const std::int64_t seconds = deadline.time_since_epoch().count();
    if (seconds < -kDeadlineBias || seconds >= kDeadlineBias) {
        throw std::out_of_range("DeadlineQueue: deadline " + std::to_string(seconds) +
                                " s is outside 1833-11-24 .. 2106-02-07");
    }
    if (priority > kMaxRank) {
        throw std::out_of_range("DeadlineQueue: priority rank " + std::to_string(priority) +
                                " is above 7");
    }
    return static_cast<std::uint64_t>(seconds + kDeadlineBias) << kDeadlineShift |
           std::uint64_t{priority} << kRankShift;
}

/// The smallest order word whose deadline is after `now`: an entry is due when its word is
/// below it.
inline std::uint64_t due_limit(DeadlineTime now) noexcept {
    const std::int64_t seconds = now.time_since_epoch().count();
    if (seconds < -kDeadlineBias) return 0;
    if (seconds >= kDeadlineBias - 1) return std::numeric_limits<std::uint64_t>::max();
    return static_cast<std::uint64_t>(seconds + kDeadlineBias + 1) << kDeadlineShift;
}

inline DeadlineTime deadline_of(std::uint64_t order) noexcept {
    return DeadlineTime{
        std::chrono::seconds{static_cast<std::int64_t>(order >> kDeadlineShift) - kDeadlineBias}};
}
inline std::uint8_t rank_of(std::uint64_t order) noexcept {
    return static_cast<std::uint8_t>((order >> kRankShift) & kMaxRank);
}

inline bool entry_less(const DeadlineEntry& a, const DeadlineEntry& b) noexcept {
    if (a.deadline != b.deadline) return a.deadline < b.deadline;
    if (a.priority != b.priority) return a.priority < b.priority;
    if (a.ticket != b.ticket) return a.ticket < b.ticket;
    return a.handle.slot < b.handle.slot;
}

// --- layouts -------------------------------------------------------------------------------
// A layout says what a heap node holds, how two keys compare, and what the index (the table
// from handle to position) stores for a key at a position.

/// DeadlineQueue: a 96-bit key in a 12-byte node, compared as (high, low):
///   high: | deadline + 2^32 (33) | rank (3) | ticket bits 31..4 (28) |
///   low:  | ticket bits 3..0 (4) | handle slot (28) |
/// so that (high, low) compares (deadline, rank, ticket, slot). The index, by handle slot,
/// holds the 4-byte position.
struct SlotLayout {
    struct Key {
        std::uint64_t high;
        std::uint32_t low;
    };
    // 12 bytes with no padding; the high half at a 4-byte boundary.
    struct Node {
        std::uint32_t words[3];
    };
    using Index = std::uint32_t;

    static constexpr unsigned kSlotBits = kTieBits;
    static constexpr unsigned kTicketLowBits = 32 - kSlotBits;
    static constexpr std::uint32_t kSlotMask = (std::uint32_t{1} << kSlotBits) - 1;

    static Key make_key(std::uint64_t order, std::uint32_t ticket, std::uint32_t slot) noexcept {
        return Key{order | ticket >> kTicketLowBits,
                   (ticket << kSlotBits) | slot};  // the shift keeps the 4 low ticket bits
    }
    static std::uint64_t order(Key k) noexcept { return k.high; }
    // Branch-free: the halves are compared together, so the compiler can use conditional moves.
    static bool less(Key a, Key b) noexcept {
        return (a.high < b.high) | ((a.high == b.high) & (a.low < b.low));
    }
    static std::uint32_t index_of(Key k) noexcept { return k.low & kSlotMask; }
    static Index index_entry(Key, std::uint32_t position) noexcept { return position; }
    static std::uint32_t ticket_of(Key k) noexcept {
        return static_cast<std::uint32_t>(k.high & kTieMask) << kTicketLowBits | k.low >> kSlotBits;
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
    static DeadlineEntry entry_of(Key k) noexcept {
        return DeadlineEntry{deadline_of(k.high), ticket_of(k), rank_of(k.high),
                             DeadlineHandle{index_of(k)}};
    }
};

/// TicketDeadlineQueue: the ticket is the handle, so (deadline, rank, ticket) is a total order
/// in 64 bits: an 8-byte node | deadline + 2^32 (33) | rank (3) | ticket (28) |. The index, by
/// ticket, holds the key's order bits and the position + 1 (0: not queued), so that reading it
/// alone tells where an entry is and what it is.
struct TicketLayout {
    using Key = std::uint64_t;
    using Node = std::uint64_t;
    using Index = std::uint64_t;

    static Key make_key(std::uint64_t order, std::uint32_t ticket) noexcept {
        return order | ticket;
    }
    static std::uint64_t order(Key k) noexcept { return k; }
    static bool less(Key a, Key b) noexcept { return a < b; }
    static std::uint32_t index_of(Key k) noexcept {
        return static_cast<std::uint32_t>(k & kTieMask);
    }
    static Index index_entry(Key k, std::uint32_t position) noexcept {
        return (k & ~kTieMask) | (position + 1);
    }
    static std::uint32_t position_of(Index e) noexcept {
        return static_cast<std::uint32_t>(e & kTieMask) - 1;
    }
    static Key key_at(Index e, std::uint32_t ticket) noexcept { return (e & ~kTieMask) | ticket; }
    static Key key_of(Node n) noexcept { return n; }
    static Node node_of(Key k) noexcept { return k; }
    static DeadlineEntry entry_of(Key k) noexcept {
        return DeadlineEntry{deadline_of(k), index_of(k), rank_of(k), DeadlineHandle{index_of(k)}};
    }
};

// --- the heap ------------------------------------------------------------------------------
// The first Arity positions are the roots of a forest (children of a virtual root), and the
// children of i are Arity (i + 1) … Arity (i + 1) + Arity - 1: every group of siblings starts
// at a multiple of Arity, with no padding at the front of the array. The least root is first.

/// The arrays and the size as plain values. The sifting loops run on a copy held in
/// registers: through the members, every store of a position would make the compiler reload
/// the size and the pointers, which it cannot prove the store does not change.
template <class Layout, unsigned Arity>
struct HeapView {
    using Key = typename Layout::Key;
    using Node = typename Layout::Node;
    using Index = typename Layout::Index;

    Node* nodes;
    Index* index;
    std::uint32_t size;

    static std::uint32_t first_child(std::uint32_t i) noexcept { return Arity * (i + 1); }
    static std::uint32_t parent(std::uint32_t i) noexcept { return i / Arity - 1; }
    static bool less(Key a, Key b) noexcept { return Layout::less(a, b); }

    Key key(std::uint32_t i) const noexcept { return Layout::key_of(nodes[i]); }

    // The least of positions [first, end), by conditional moves.
    std::uint32_t min_of(std::uint32_t first, std::uint32_t end) const noexcept {
        Key least = key(first);
        std::uint32_t best = first;
        for (std::uint32_t j = first + 1; j < end; ++j) {
            const Key k = key(j);
            const bool smaller = less(k, least);
            best = smaller ? j : best;
            least = smaller ? k : least;
        }
        return best;
    }

    // The least of the N positions from `first` as a tournament: a chain of log2 N rounds of
    // conditional moves rather than N - 1, which matters with eight children.
    template <unsigned N>
    void least_of(std::uint32_t first, Key& least, std::uint32_t& best) const noexcept {
        if constexpr (N == 1) {
            least = key(first);
            best = first;
        } else {
            Key right;
            std::uint32_t right_best;
            least_of<N / 2>(first, least, best);
            least_of<N - N / 2>(first + N / 2, right, right_best);
            const bool smaller = less(right, least);
            best = smaller ? right_best : best;
            least = smaller ? right : least;
        }
    }

    std::uint32_t min_root() const noexcept {
        return min_of(0, std::min<std::uint32_t>(Arity, size));
    }

    // The least child of a node whose children start at `c`; a full group is the common case.
    std::uint32_t min_child(std::uint32_t c) const noexcept {
        if (c + Arity > size) return min_of(c, size);
        Key least;
        std::uint32_t best;
        least_of<Arity>(c, least, best);
        return best;
    }

    // Asks for nodes [first, first + count) ahead of their use, so that their cache misses
    // overlap with other work. Always inlined: GCC otherwise judges an out-of-line copy, whose
    // only effect is a prefetch, to do nothing, and drops the calls.
    [[gnu::always_inline]] void prefetch(std::uint32_t first, std::uint32_t count) const noexcept {
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
        nodes[i] = Layout::node_of(k);
        index[Layout::index_of(k)] = Layout::index_entry(k, i);
    }
    void move(std::uint32_t from, std::uint32_t to) noexcept {
        place(to, key(from));
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

    // Fills the hole left at `i` by the last entry. The hole first sinks to a leaf along the
    // least children, then the last entry rises from there: it almost always belongs near the
    // bottom, so this costs Arity - 1 comparisons a level instead of Arity.
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

/// Capacity after growing by half; throws at `limit`.
inline std::size_t grown(std::size_t capacity, std::size_t limit) {
    if (capacity >= limit) throw std::length_error("DeadlineQueue: more than max_size");
    return std::min(limit, std::max<std::size_t>(16, capacity + capacity / 2));
}

/// What both queues share: the heap array, the index, the size and the hole a pop leaves. The
/// queues own the index's meaning beyond a live entry's position (free list, tickets).
template <class Layout, unsigned Arity>
struct IndexedHeap {
    static_assert(Arity >= 2 && Arity <= 16, "a d-ary heap needs 2 to 16 children per node");

    using Key = typename Layout::Key;
    using Node = typename Layout::Node;
    using Index = typename Layout::Index;
    using View = HeapView<Layout, Arity>;

    /// The most entries a 28-bit position names.
    static constexpr std::size_t kMaxSize = (std::size_t{1} << kTieBits) - 1;
    // No pending hole: see pop_first().
    static constexpr std::uint32_t kNoHole = std::numeric_limits<std::uint32_t>::max();
    // How many positions ahead the sweeps ask for memory they will read.
    static constexpr std::ptrdiff_t kLookAhead = 8;

    LineArray<Node> nodes;  // keys in heap order
    LineArray<Index> index;
    std::uint32_t size = 0;        // positions in use, the hole included
    std::uint32_t index_used = 0;  // index entries handed out (slots, or tickets covered)
    std::uint32_t hole = kNoHole;  // a root left open by pop_first()

    IndexedHeap() = default;
    IndexedHeap(const IndexedHeap& other)
        : nodes(other.nodes, other.size),
          index(other.index, other.index_used),
          size(other.size),
          index_used(other.index_used),
          hole(other.hole) {}
    IndexedHeap(IndexedHeap&& other) noexcept { swap(other); }
    IndexedHeap& operator=(IndexedHeap other) noexcept {
        swap(other);
        return *this;
    }
    ~IndexedHeap() = default;

    void swap(IndexedHeap& other) noexcept {
        std::swap(nodes, other.nodes);
        std::swap(index, other.index);
        std::swap(size, other.size);
        std::swap(index_used, other.index_used);
        std::swap(hole, other.hole);
    }

    View view() const noexcept { return View{nodes.data(), index.data(), size}; }
    std::uint32_t live() const noexcept { return size - (hole != kNoHole ? 1 : 0); }
    Key key(std::uint32_t i) const noexcept { return Layout::key_of(nodes.data()[i]); }

    /// True when a push needs more room first.
    bool full() const noexcept { return hole == kNoHole && size == nodes.capacity(); }
    void grow() { nodes.reallocate(grown(nodes.capacity(), kMaxSize), size); }

    /// Queues `k`, whose index entry the caller has set aside; there must be room.
    void push(Key k) noexcept {
        if (hole != kNoHole) {
            // Replace-top: the pop's hole at a root is filled by sinking from there.
            view().sift_down(hole, k);
            hole = kNoHole;
            return;
        }
        view().sift_up(size, k);
        ++size;
    }

    /// Fills the hole a pop left, the usual way: it sinks to a leaf and the last entry moves in.
    void settle() noexcept {
        if (hole == kNoHole) return;
        View v = view();
        v.remove_at(hole);
        size = v.size;
        hole = kNoHole;
    }

    /// Gives the entry at `i` (settled) the key `k` in place of `old`.
    void change(std::uint32_t i, Key old, Key k) noexcept {
        if (Layout::less(k, old)) {
            view().sift_up(i, k);
        } else {
            view().sift_down(i, k);
        }
    }

    /// Removes the entry at `i` (settled).
    void remove(std::uint32_t i) noexcept {
        View v = view();
        v.remove_at(i);
        size = v.size;
    }

    /// Removes and returns the first entry (there must be one). The hole it leaves at the top
    /// stays open until the next operation: a push that follows fills it and sinks from there
    /// (the classic replace-top) instead of the hole sinking to the bottom now and the push
    /// climbing back up; anything else fills it first.
    Key pop_first() noexcept {
        settle();
        const std::uint32_t root = view().min_root();
        const Key first = key(root);
        if (root + 1 == size) {
            --size;
        } else {
            hole = root;
        }
        return first;
    }

    /// The first entry's position. With a hole open, the hole's children compete for first
    /// place with the other roots.
    std::uint32_t first_position() const noexcept {
        const View v = view();
        if (hole == kNoHole) return v.min_root();
        std::uint32_t best = kNoHole;
        const auto consider = [&](std::uint32_t j) {
            if (best == kNoHole || Layout::less(v.key(j), v.key(best))) best = j;
        };
        for (std::uint32_t r = 0; r < Arity && r < size; ++r) {
            if (r != hole) consider(r);
        }
        const std::uint32_t c = View::first_child(hole);
        for (std::uint32_t j = c; j < c + Arity && j < size; ++j) consider(j);
        return best;
    }

    // --- sweeps --------------------------------------------------------------------------

    /// Removes every entry whose order word is below `limit` (settled), calls `release(key)`
    /// for each, and returns their keys sorted. The due entries form the top of the heap (a
    /// due node's parent is due too), found breadth first in ascending positions. The holes
    /// they leave are filled with the entries past the new end, then repaired from the deepest
    /// up as in Floyd's heap construction: each refill sinks only through its own subtree,
    /// which is cheaper than k pops from the root.
    template <class Release>
    std::vector<Key> take_due(std::uint64_t limit, Release&& release) {
        const std::vector<std::uint32_t> holes = due_positions(limit);
        std::vector<Key> due(holes.size());
        for (std::size_t k = 0; k < holes.size(); ++k) due[k] = key(holes[k]);
        for (const Key& k : due) release(k);
        refill(holes);
        std::sort(due.begin(), due.end(), [](Key a, Key b) { return Layout::less(a, b); });
        return due;
    }

    std::vector<std::uint32_t> due_positions(std::uint64_t limit) const {
        std::vector<std::uint32_t> found;
        const View v = view();
        for (std::uint32_t root = 0; root < Arity && root < size; ++root) {
            if (Layout::order(v.key(root)) < limit) found.push_back(root);
        }
        for (std::size_t k = 0; k < found.size(); ++k) {
            const std::uint32_t c = View::first_child(found[k]);
            const std::uint32_t end = std::min<std::uint32_t>(c + Arity, size);
            for (std::uint32_t j = c; j < end; ++j) {
                if (Layout::order(v.key(j)) < limit) found.push_back(j);
            }
        }
        return found;
    }

    // `holes` ascending; their entries' index entries are already released.
    void refill(const std::vector<std::uint32_t>& holes) noexcept {
        View v = view();
        v.size = static_cast<std::uint32_t>(size - holes.size());
        const auto inside = std::lower_bound(holes.begin(), holes.end(), v.size);
        auto next_hole = holes.begin();
        auto removed = inside;  // holes past the new end: entries that are simply dropped
        for (std::uint32_t j = v.size; j < size; ++j) {
            if (removed != holes.end() && *removed == j) {
                ++removed;
            } else {
                v.move(j, *next_hole++);
            }
        }
        size = v.size;
        for (auto it = inside; it != holes.begin();) {
            --it;
            // The holes are repaired one after the other: ask early for a later one's children.
            if (it - holes.begin() >= kLookAhead) v.prefetch_children(*(it - kLookAhead));
            v.sift_down(*it, v.key(*it));
        }
    }

    /// Calls `visit(key)` for every entry whose order word is below `limit`, in heap order.
    template <class Visit>
    std::size_t visit_due(std::uint64_t limit, Visit&& visit) const {
        std::size_t count = 0;
        for (std::uint32_t root = 0; root < Arity && root < size; ++root) {
            if (root != hole) {
                count += visit_due_tree(root, limit, visit);
                continue;
            }
            const std::uint32_t c = View::first_child(root);  // the hole's children stand in
            for (std::uint32_t j = c; j < c + Arity && j < size; ++j) {
                count += visit_due_tree(j, limit, visit);
            }
        }
        return count;
    }

    // Depth-first walk of the due part of one root's subtree without a stack: down to the
    // first due child, else across to the next due sibling, else back up.
    template <class Visit>
    std::size_t visit_due_tree(std::uint32_t root, std::uint64_t limit, Visit& visit) const {
        const View v = view();
        if (Layout::order(v.key(root)) >= limit) return 0;
        std::size_t count = 0;
        std::uint32_t i = root;
        do {
            visit(v.key(i));
            ++count;
        } while (next_due(v, root, limit, i));
        return count;
    }

    // The due node after `i` in depth-first order under `root`; false when there is none.
    static bool next_due(const View& v, std::uint32_t root, std::uint64_t limit, std::uint32_t& i) {
        const std::uint32_t c = View::first_child(i);
        if (c >= v.size) return next_due_sibling(v, root, limit, i);
        i = c;
        return Layout::order(v.key(c)) < limit || next_due_sibling(v, root, limit, i);
    }

    // From `i`, the next due node to the right among its siblings or its ancestors' siblings,
    // staying under `root`; false when the walk is back at `root`.
    static bool next_due_sibling(const View& v, std::uint32_t root, std::uint64_t limit,
                                 std::uint32_t& i) {
        while (i != root) {
            if ((i + 1) % Arity != 0 && i + 1 < v.size) {
                ++i;
                if (Layout::order(v.key(i)) < limit) return true;
            } else {
                i = View::parent(i);
            }
        }
        return false;
    }

    // --- invariants ----------------------------------------------------------------------

    [[noreturn]] static void fault(const std::string& what) {
        throw std::logic_error("DeadlineQueue invariant: " + what);
    }

    /// Heap order, and that the index entry of every node's key names that node.
    void check_heap() const {
        const View v = view();
        for (std::uint32_t i = Arity; i < size; ++i) {
            if (View::parent(i) != hole && Layout::less(v.key(i), v.key(View::parent(i)))) {
                fault("position " + std::to_string(i) + " orders before its parent");
            }
        }
        for (std::uint32_t i = 0; i < size; ++i) {
            if (i == hole) continue;
            const Key k = v.key(i);
            const std::uint32_t at = Layout::index_of(k);
            if (at >= index_used || !(index.data()[at] == Layout::index_entry(k, i))) {
                fault("position " + std::to_string(i) + " holds index entry " + std::to_string(at) +
                      ", which does not point back to it");
            }
        }
    }
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
/// `shrink_to_fit` gives it back. When the caller's tickets are dense indexes, the faster
/// TicketDeadlineQueue needs no handles at all.
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
    using Layout = detail::SlotLayout;
    using Core = detail::IndexedHeap<Layout, Arity>;
    using Key = Layout::Key;

  public:
    using Time = DeadlineTime;
    using Ticket = std::uint32_t;
    using Rank = std::uint8_t;
    using Handle = DeadlineHandle;
    using Entry = DeadlineEntry;

    /// Children per node.
    static constexpr unsigned arity = Arity;
    /// The least urgent rank; 0 is the most urgent.
    static constexpr Rank max_rank = detail::kMaxRank;
    /// The most entries the packed handle field can name.
    static constexpr std::size_t max_size = Core::kMaxSize;
    /// The earliest and latest deadlines the packed key holds.
    static constexpr Time min_deadline() {
        return Time{std::chrono::seconds{-detail::kDeadlineBias}};
    }
    static constexpr Time max_deadline() {
        return Time{std::chrono::seconds{detail::kDeadlineBias - 1}};
    }

    BasicDeadlineQueue() = default;
    BasicDeadlineQueue(const BasicDeadlineQueue& other) = default;
    BasicDeadlineQueue(BasicDeadlineQueue&& other) noexcept { swap(other); }
    BasicDeadlineQueue& operator=(BasicDeadlineQueue other) noexcept {
        swap(other);
        return *this;
    }
    ~BasicDeadlineQueue() = default;

    void swap(BasicDeadlineQueue& other) noexcept {
        core_.swap(other.core_);
        std::swap(free_head_, other.free_head_);
    }

    /// Queues `ticket` due at `deadline` with priority rank `priority` (0 = most urgent) and
    /// returns the handle that names the entry until it is popped or erased.
    Handle push(Ticket ticket, Time deadline, Rank priority) {
        const std::uint64_t order = detail::pack_order(deadline, priority);  // throws first
        if (core_.full()) core_.grow();
        const std::uint32_t slot = acquire_slot();
        core_.push(Layout::make_key(order, ticket, slot));
        return Handle{slot};
    }

    /// Moves the entry to a new deadline and rank, earlier or later.
    void update(Handle h, Time deadline, Rank priority) {
        const std::uint64_t order = detail::pack_order(deadline, priority);
        core_.settle();
        const std::uint32_t i = position_of(h, "update");
        const Key old = core_.key(i);
        core_.change(i, old, Layout::make_key(order, Layout::ticket_of(old), h.slot));
    }

    /// Removes the entry; its handle's slot becomes free for reuse.
    void erase(Handle h) {
        core_.settle();
        const std::uint32_t i = position_of(h, "erase");
        release_slot(h.slot);
        core_.remove(i);
    }

    /// True while `h` names a queued entry (a reused slot names the newer entry).
    bool contains(Handle h) const noexcept {
        return h.slot < core_.index_used && (core_.index.data()[h.slot] & kFreeBit) == 0;
    }

    /// The entry `h` names.
    Entry get(Handle h) const { return Layout::entry_of(core_.key(position_of(h, "get"))); }

    /// The first entry in (deadline, rank, ticket) order. Throws on an empty queue.
    Entry top() const {
        if (empty()) throw std::out_of_range("DeadlineQueue::top: the queue is empty");
        return Layout::entry_of(core_.key(core_.first_position()));
    }

    /// Removes and returns the first entry. Throws on an empty queue. The work of filling its
    /// place waits for the next operation: a push that follows sinks from the top instead.
    Entry pop() {
        if (empty()) throw std::out_of_range("DeadlineQueue::pop: the queue is empty");
        const Key first = core_.pop_first();
        release_slot(Layout::index_of(first));
        return Layout::entry_of(first);
    }

    /// Removes every entry with deadline <= `now` and hands each to `visit(const Entry&)` in queue
    /// order, after all of them are out of the queue: `visit` may push, update or erase, and what
    /// it pushes is not part of this sweep. Returns how many were due.
    template <class Visit>
    std::size_t pop_due(Time now, Visit&& visit) {
        core_.settle();
        const std::vector<Key> due = core_.take_due(
            detail::due_limit(now), [this](Key k) { release_slot(Layout::index_of(k)); });
        for (const Key& k : due) visit(Layout::entry_of(k));
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
        return core_.visit_due(detail::due_limit(now),
                               [&visit](Key k) { visit(Layout::entry_of(k)); });
    }

    /// Appends every entry with deadline <= `now` to `out`, sorted in queue order, leaving them
    /// queued.
    std::size_t due_within(Time now, std::vector<Entry>& out) const {
        const auto first = static_cast<std::ptrdiff_t>(out.size());
        const std::size_t count = due_within(now, [&out](const Entry& e) { out.push_back(e); });
        std::sort(out.begin() + first, out.end(), detail::entry_less);
        return count;
    }

    std::size_t size() const noexcept { return core_.live(); }
    bool empty() const noexcept { return size() == 0; }
    /// Entries that fit without reallocating.
    std::size_t capacity() const noexcept {
        return std::min(core_.nodes.capacity(), core_.index.capacity());
    }

    /// Removes every entry; all handles become invalid. Keeps the memory.
    void clear() noexcept {
        core_.size = 0;
        core_.hole = Core::kNoHole;
        core_.index_used = 0;
        free_head_ = kNoSlot;
    }

    /// Makes room for `n` entries, so that n pushes allocate nothing and use exactly 16 n bytes.
    void reserve(std::size_t n) {
        if (n > max_size) throw std::length_error("DeadlineQueue::reserve: more than max_size");
        if (n > core_.nodes.capacity()) core_.nodes.reallocate(n, core_.size);
        if (n > core_.index.capacity()) core_.index.reallocate(n, core_.index_used);
    }

    /// Gives back the capacity beyond what the current entries and handle slots need.
    void shrink_to_fit() {
        if (core_.nodes.capacity() > core_.size) core_.nodes.reallocate(core_.size, core_.size);
        if (core_.index.capacity() > core_.index_used) {
            core_.index.reallocate(core_.index_used, core_.index_used);
        }
    }

    /// Bytes held on the heap, capacity included: 12 per heap node of capacity (the sort key)
    /// and 4 per handle slot of capacity (position or free-list link).
    std::size_t memory_bytes() const noexcept {
        return core_.nodes.capacity() * sizeof(typename Layout::Node) +
               core_.index.capacity() * sizeof(typename Layout::Index);
    }

    /// Verifies the heap order, that every handle's position names its entry, and the free
    /// list; throws `std::logic_error` describing the first fault. O(n): for tests.
    void check_invariants() const {
        core_.check_heap();
        std::size_t free = 0;
        for (std::uint32_t s = free_head_; s != kNoSlot; s = core_.index.data()[s] & ~kFreeBit) {
            if (s >= core_.index_used || (core_.index.data()[s] & kFreeBit) == 0 ||
                ++free > core_.index_used) {
                Core::fault("the free list reaches slot " + std::to_string(s) +
                            ", which is not free");
            }
        }
        if (free + size() != core_.index_used) {
            Core::fault(std::to_string(core_.index_used) + " handle slots but " +
                        std::to_string(size()) + " entries and " + std::to_string(free) + " free");
        }
    }

  private:
    // A free handle slot holds kFreeBit and the next free slot in place of a position: the free
    // list costs no memory of its own.
    static constexpr std::uint32_t kFreeBit = std::uint32_t{1} << 31;
    static constexpr std::uint32_t kNoSlot = Layout::kSlotMask;

    std::uint32_t acquire_slot() {
        if (free_head_ != kNoSlot) {
            const std::uint32_t slot = free_head_;
            free_head_ = core_.index.data()[slot] & ~kFreeBit;
            return slot;
        }
        if (core_.index_used == core_.index.capacity()) {
            core_.index.reallocate(detail::grown(core_.index_used, max_size), core_.index_used);
        }
        return core_.index_used++;
    }

    void release_slot(std::uint32_t slot) noexcept {
        core_.index.data()[slot] = kFreeBit | free_head_;
        free_head_ = slot;
    }

    std::uint32_t position_of(Handle h, const char* operation) const {
        if (!contains(h)) {
            throw std::invalid_argument(std::string("DeadlineQueue::") + operation + ": handle " +
                                        std::to_string(h.slot) + " names no queued entry");
        }
        return core_.index.data()[h.slot];
    }

    Core core_;
    std::uint32_t free_head_ = kNoSlot;
};

/// The deadline queue with four children per node: half as deep as a binary heap, and a group
/// of siblings (48 bytes) still comes in one or two cache lines, fetched one level ahead.
using DeadlineQueue = BasicDeadlineQueue<4>;

/// A deadline queue for callers whose tickets are dense indexes (0, 1, 2, … up to
/// `max_ticket`): the ticket is the handle, so there is no handle table to keep and one lookup
/// less on every update and erase. At most one entry per ticket.
///
/// The same operations and order as DeadlineQueue; the handle of ticket t is always
/// `DeadlineHandle{t}` (what push returns, and what entries report). Memory: an 8-byte heap
/// node per entry of capacity, (deadline, rank, ticket) in one word, and an 8-byte index entry
/// per ticket id up to the largest pushed (the position and the entry's deadline and rank, so
/// that an update knows where the entry is and which way it moves from one read): 16 bytes
/// per entry when the ids are dense, as after `reserve(n)` for tickets 0 … n-1.
///
///     ticketflow::sla::TicketDeadlineQueue q;
///     q.push(42, DeadlineTime{std::chrono::seconds{1'700'000'000}}, 0);
///     q.update(DeadlineHandle{42}, DeadlineTime{std::chrono::seconds{1'700'003'600}}, 1);
template <unsigned Arity = 8>
class BasicTicketDeadlineQueue {
    using Layout = detail::TicketLayout;
    using Core = detail::IndexedHeap<Layout, Arity>;
    using Key = Layout::Key;

  public:
    using Time = DeadlineTime;
    using Ticket = std::uint32_t;
    using Rank = std::uint8_t;
    using Handle = DeadlineHandle;
    using Entry = DeadlineEntry;

    /// Children per node.
    static constexpr unsigned arity = Arity;
    /// The least urgent rank; 0 is the most urgent.
    static constexpr Rank max_rank = detail::kMaxRank;
    /// The most entries the packed position can name.
    static constexpr std::size_t max_size = Core::kMaxSize;
    /// The largest ticket id (28 bits).
    static constexpr Ticket max_ticket = static_cast<Ticket>(detail::kTieMask);
    /// The earliest and latest deadlines the packed key holds.
    static constexpr Time min_deadline() {
        return Time{std::chrono::seconds{-detail::kDeadlineBias}};
    }
    static constexpr Time max_deadline() {
        return Time{std::chrono::seconds{detail::kDeadlineBias - 1}};
    }

    /// The handle of `ticket`'s entry.
    static constexpr Handle handle(Ticket ticket) noexcept { return Handle{ticket}; }

    /// Queues `ticket` due at `deadline` with priority rank `priority`; returns its handle,
    /// `DeadlineHandle{ticket}`. Throws `std::invalid_argument` if the ticket is queued already
    /// and `std::out_of_range` above `max_ticket`.
    Handle push(Ticket ticket, Time deadline, Rank priority) {
        const std::uint64_t order = detail::pack_order(deadline, priority);  // throws first
        if (ticket >= core_.index_used) {
            cover(ticket);  // a new ticket id: its index entry starts out "not queued"
        } else if (core_.index.data()[ticket] != 0) {
            throw std::invalid_argument("TicketDeadlineQueue::push: ticket " +
                                        std::to_string(ticket) + " is queued already");
        }
        if (core_.full()) core_.grow();
        core_.push(Layout::make_key(order, ticket));
        return Handle{ticket};
    }

    /// Moves the entry to a new deadline and rank, earlier or later.
    void update(Handle h, Time deadline, Rank priority) {
        const std::uint64_t order = detail::pack_order(deadline, priority);
        core_.settle();
        const Index e = entry_of(h, "update");
        core_.change(Layout::position_of(e), Layout::key_at(e, h.slot),
                     Layout::make_key(order, h.slot));
    }

    /// Removes the entry.
    void erase(Handle h) {
        core_.settle();
        const std::uint32_t i = Layout::position_of(entry_of(h, "erase"));
        core_.index.data()[h.slot] = 0;
        core_.remove(i);
    }

    /// True while ticket `h.slot` is queued.
    bool contains(Handle h) const noexcept {
        return h.slot < core_.index_used && core_.index.data()[h.slot] != 0;
    }

    /// The entry `h` names.
    Entry get(Handle h) const {
        return Layout::entry_of(Layout::key_at(entry_of(h, "get"), h.slot));
    }

    /// The first entry in (deadline, rank, ticket) order. Throws on an empty queue.
    Entry top() const {
        if (empty()) throw std::out_of_range("TicketDeadlineQueue::top: the queue is empty");
        return Layout::entry_of(core_.key(core_.first_position()));
    }

    /// Removes and returns the first entry. Throws on an empty queue. The work of filling its
    /// place waits for the next operation: a push that follows sinks from the top instead.
    Entry pop() {
        if (empty()) throw std::out_of_range("TicketDeadlineQueue::pop: the queue is empty");
        const Key first = core_.pop_first();
        core_.index.data()[Layout::index_of(first)] = 0;
        return Layout::entry_of(first);
    }

    /// As DeadlineQueue::pop_due: removes every entry with deadline <= `now` and hands each to
    /// `visit(const Entry&)` in queue order once all are out (so `visit` may change the queue).
    template <class Visit>
    std::size_t pop_due(Time now, Visit&& visit) {
        core_.settle();
        const std::vector<Key> due = core_.take_due(
            detail::due_limit(now), [this](Key k) { core_.index.data()[Layout::index_of(k)] = 0; });
        for (const Key& k : due) visit(Layout::entry_of(k));
        return due.size();
    }

    /// Removes every entry with deadline <= `now` and appends them to `out` in queue order.
    std::size_t pop_due(Time now, std::vector<Entry>& out) {
        return pop_due(now, [&out](const Entry& e) { out.push_back(e); });
    }

    /// As DeadlineQueue::due_within: every entry with deadline <= `now`, left queued, in heap
    /// order; `visit` must not change the queue.
    template <class Visit>
    std::size_t due_within(Time now, Visit&& visit) const {
        return core_.visit_due(detail::due_limit(now),
                               [&visit](Key k) { visit(Layout::entry_of(k)); });
    }

    /// Appends every entry with deadline <= `now` to `out`, sorted in queue order, leaving them
    /// queued.
    std::size_t due_within(Time now, std::vector<Entry>& out) const {
        const auto first = static_cast<std::ptrdiff_t>(out.size());
        const std::size_t count = due_within(now, [&out](const Entry& e) { out.push_back(e); });
        std::sort(out.begin() + first, out.end(), detail::entry_less);
        return count;
    }

    std::size_t size() const noexcept { return core_.live(); }
    bool empty() const noexcept { return size() == 0; }
    /// Entries that fit without reallocating.
    std::size_t capacity() const noexcept { return core_.nodes.capacity(); }

    /// Removes every entry. Keeps the memory; O(1) (the index is cleared as tickets return).
    void clear() noexcept {
        core_.size = 0;
        core_.hole = Core::kNoHole;
        core_.index_used = 0;
    }

    /// Makes room for `n` entries with tickets below `n`, so that pushing them allocates
    /// nothing and uses exactly 16 n bytes.
    void reserve(std::size_t n) {
        if (n > max_size)
            throw std::length_error("TicketDeadlineQueue::reserve: more than max_size");
        if (n > core_.nodes.capacity()) core_.nodes.reallocate(n, core_.size);
        if (n > core_.index.capacity()) core_.index.reallocate(n, core_.index_used);
    }

    /// Gives back the capacity beyond what the current entries and the largest ticket pushed
    /// since the last `clear` need.
    void shrink_to_fit() {
        if (core_.nodes.capacity() > core_.size) core_.nodes.reallocate(core_.size, core_.size);
        if (core_.index.capacity() > core_.index_used) {
            core_.index.reallocate(core_.index_used, core_.index_used);
        }
    }

    /// Bytes held on the heap, capacity included: 8 per heap node of capacity and 8 per ticket
    /// id of index capacity.
    std::size_t memory_bytes() const noexcept {
        return core_.nodes.capacity() * sizeof(typename Layout::Node) +
               core_.index.capacity() * sizeof(Index);
    }

    /// Verifies the heap order, that every queued ticket's index entry names its node, and that
    /// no other ticket claims one; throws `std::logic_error` describing the first fault. O(n +
    /// largest ticket): for tests.
    void check_invariants() const {
        core_.check_heap();
        std::size_t queued = 0;
        for (std::uint32_t t = 0; t < core_.index_used; ++t) {
            queued += core_.index.data()[t] != 0 ? 1 : 0;
        }
        if (queued != size()) {
            Core::fault(std::to_string(queued) + " tickets marked queued but " +
                        std::to_string(size()) + " entries");
        }
    }

  private:
    using Index = Layout::Index;

    // Makes the index reach `ticket`, zeroing (not queued) what it adds.
    void cover(Ticket ticket) {
        if (ticket > max_ticket) {
            throw std::out_of_range("TicketDeadlineQueue: ticket " + std::to_string(ticket) +
                                    " is above max_ticket");
        }
        const std::size_t need = std::size_t{ticket} + 1;
        if (need > core_.index.capacity()) {
            const std::size_t more = core_.index.capacity() + core_.index.capacity() / 2;
            core_.index.reallocate(std::min<std::size_t>(std::size_t{max_ticket} + 1,
                                                         std::max<std::size_t>({need, more, 16})),
                                   core_.index_used);
        }
        std::fill(core_.index.data() + core_.index_used, core_.index.data() + need, Index{0});
        core_.index_used = static_cast<std::uint32_t>(need);
    }

    Index entry_of(Handle h, const char* operation) const {
        if (!contains(h)) {
            throw std::invalid_argument(std::string("TicketDeadlineQueue::") + operation +
                                        ": ticket " + std::to_string(h.slot) + " is not queued");
        }
        return core_.index.data()[h.slot];
    }

    Core core_;
};

/// The ticket-indexed deadline queue with four children per node: a group of siblings (32
/// bytes) always lies in one cache line.
using TicketDeadlineQueue = BasicTicketDeadlineQueue<8>;

}  // namespace ticketflow::sla
