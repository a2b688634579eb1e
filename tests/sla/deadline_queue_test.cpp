// The conformance suite of the SLA deadline queues. Every queue implementation runs it: a new one
// joins by adding its type to QueueKinds and, if its handles are not free-list slots or it limits
// tickets, a QueueTraits. What it needs of a queue: Handle, Entry, Time, push, update, erase,
// contains, get, top, pop, both forms of pop_due and due_within, size, empty, clear, reserve and
// check_invariants (which throws on a fault).
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <random>
#include <set>
#include <stdexcept>
#include <tuple>
#include <unordered_set>
#include <vector>

#include <gtest/gtest.h>

#include <ticketflow/sla/deadline_queue.hpp>

namespace ticketflow::sla {
namespace {

using std::chrono::seconds;

constexpr std::int64_t kBase = 1'767'225'600;  // 2026-01-01T00:00:00Z

DeadlineTime at(std::int64_t offset) {
    return DeadlineTime{seconds{kBase + offset}};
}

using QueueKinds =
    ::testing::Types<BasicDeadlineQueue<4>, BasicDeadlineQueue<2>, BasicDeadlineQueue<8>,
                     BasicTicketDeadlineQueue<8>, BasicTicketDeadlineQueue<4>>;

/// What the suite must know of a queue beyond its interface.
template <class Queue>
struct QueueTraits {
    /// Handles are slots from a free list (else: the handle of ticket t is DeadlineHandle{t}).
    static constexpr bool slot_handles = true;
    /// The largest ticket the tests push: any 32-bit id for DeadlineQueue.
    static constexpr std::uint32_t top_ticket = 0xFFFF'FFFFu;
    /// The largest tickets the randomised test pushes while it checks everything after each
    /// step, and later.
    static constexpr std::uint32_t small_top_ticket = 0xFFFF'FFFFu;
    static constexpr std::uint32_t large_top_ticket = 0xFFFF'FFFFu;
};
template <unsigned Arity>
struct QueueTraits<BasicTicketDeadlineQueue<Arity>> {
    static constexpr bool slot_handles = false;
    // Ticket ids index a table, so the tests keep them moderate (max_ticket would take 2 GB).
    static constexpr std::uint32_t top_ticket = (1u << 20) - 1;
    static constexpr std::uint32_t small_top_ticket = 1'050;
    static constexpr std::uint32_t large_top_ticket = 20'050;
};

template <class Queue>
class deadline_queue : public ::testing::Test {
  protected:
    using Handle = typename Queue::Handle;
    using Entry = typename Queue::Entry;

    Queue queue;

    std::vector<Entry> drain() {
        std::vector<Entry> out;
        while (!queue.empty()) out.push_back(queue.pop());
        return out;
    }
};

TYPED_TEST_SUITE(deadline_queue, QueueKinds);

TYPED_TEST(deadline_queue, starts_empty_and_refuses_top_and_pop) {
    EXPECT_TRUE(this->queue.empty());
    EXPECT_EQ(this->queue.size(), 0u);
    EXPECT_THROW(this->queue.top(), std::out_of_range);
    EXPECT_THROW(this->queue.pop(), std::out_of_range);
    std::vector<DeadlineEntry> out;
    EXPECT_EQ(this->queue.pop_due(at(1'000'000), out), 0u);
    EXPECT_EQ(this->queue.due_within(at(1'000'000), out), 0u);
    EXPECT_TRUE(out.empty());
    EXPECT_FALSE(this->queue.contains(DeadlineHandle{}));
    EXPECT_FALSE(this->queue.contains(DeadlineHandle{0}));
    EXPECT_NO_THROW(this->queue.check_invariants());
}

TYPED_TEST(deadline_queue, holds_a_single_entry_through_updates_and_pop) {
    const auto h = this->queue.push(7, at(100), 2);
    this->queue.check_invariants();
    EXPECT_TRUE(this->queue.contains(h));
    EXPECT_EQ(this->queue.size(), 1u);
    EXPECT_EQ(this->queue.top(), (DeadlineEntry{at(100), 7, 2, h}));
    this->queue.update(h, at(50), 3);
    EXPECT_EQ(this->queue.get(h), (DeadlineEntry{at(50), 7, 3, h}));
    this->queue.update(h, at(500), 0);
    EXPECT_EQ(this->queue.top(), (DeadlineEntry{at(500), 7, 0, h}));
    EXPECT_EQ(this->queue.pop(), (DeadlineEntry{at(500), 7, 0, h}));
    EXPECT_TRUE(this->queue.empty());
    EXPECT_FALSE(this->queue.contains(h));
    EXPECT_THROW(this->queue.update(h, at(1), 0), std::invalid_argument);
    EXPECT_THROW(this->queue.erase(h), std::invalid_argument);
    this->queue.check_invariants();
}

TYPED_TEST(deadline_queue, breaks_deadline_ties_by_priority_then_ticket) {
    // Pushed in an order that is wrong on every count.
    this->queue.push(9, at(20), 0);
    this->queue.push(5, at(10), 3);
    this->queue.push(4, at(10), 3);
    this->queue.push(8, at(10), 1);
    constexpr std::uint32_t top = QueueTraits<TypeParam>::top_ticket;
    this->queue.push(top, at(10), 0);
    this->queue.push(1, at(10), 0);
    this->queue.check_invariants();
    std::vector<std::uint32_t> tickets;
    for (const auto& e : this->drain()) tickets.push_back(e.ticket);
    EXPECT_EQ(tickets, (std::vector<std::uint32_t>{1, top, 8, 4, 5, 9}));
}

TYPED_TEST(deadline_queue, reuses_the_handles_of_erased_and_popped_entries) {
    const auto a = this->queue.push(1, at(1), 0);
    const auto b = this->queue.push(2, at(2), 0);
    const auto c = this->queue.push(3, at(3), 0);
    EXPECT_NE(a, b);
    EXPECT_NE(b, c);
    this->queue.erase(b);
    EXPECT_FALSE(this->queue.contains(b));
    EXPECT_TRUE(this->queue.contains(a));
    EXPECT_TRUE(this->queue.contains(c));
    // A slot queue hands the freed slot out again; a ticket queue's handle is the ticket.
    constexpr bool slots = QueueTraits<TypeParam>::slot_handles;
    const auto d = this->queue.push(slots ? 4 : 2, at(4), 0);
    EXPECT_EQ(d, b) << "the freed handle is handed out again";
    EXPECT_EQ(this->queue.get(d).ticket, slots ? 4u : 2u);
    EXPECT_EQ(this->queue.pop().handle, a);
    const auto e = this->queue.push(slots ? 5 : 1, at(5), 0);
    EXPECT_EQ(e, a);
    const auto f = this->queue.push(6, at(6), 0);
    EXPECT_NE(f, a);
    EXPECT_NE(f, c);
    EXPECT_NE(f, d);
    this->queue.check_invariants();
}

TYPED_TEST(deadline_queue, updates_move_entries_earlier_and_later) {
    std::vector<DeadlineHandle> handles;
    for (std::uint32_t t = 0; t < 100; ++t) {
        handles.push_back(this->queue.push(t, at(10 * static_cast<std::int64_t>(t)), 0));
    }
    this->queue.update(handles[99], at(-1), 0);
    EXPECT_EQ(this->queue.top().ticket, 99u);
    this->queue.update(handles[99], at(5000), 0);
    this->queue.update(handles[0], at(4000), 0);
    this->queue.check_invariants();
    EXPECT_EQ(this->queue.top().ticket, 1u);
    const auto all = this->drain();
    EXPECT_EQ(all[97].ticket, 98u);
    EXPECT_EQ(all[98].ticket, 0u);
    EXPECT_EQ(all[99].ticket, 99u);
}

TYPED_TEST(deadline_queue, erases_from_any_position) {
    std::vector<DeadlineHandle> handles;
    for (std::uint32_t t = 0; t < 200; ++t) {
        handles.push_back(this->queue.push(t, at((t * 7919) % 200), t % 4));
    }
    for (std::uint32_t t = 0; t < 200; t += 3) {
        this->queue.erase(handles[t]);
        this->queue.check_invariants();
    }
    std::vector<DeadlineEntry> rest = this->drain();
    EXPECT_EQ(rest.size(), 200u - 67u);
    for (const auto& e : rest) EXPECT_NE(e.ticket % 3, 0u);
    EXPECT_TRUE(std::is_sorted(rest.begin(), rest.end(), [](const auto& a, const auto& b) {
        return std::tie(a.deadline, a.priority, a.ticket) <
               std::tie(b.deadline, b.priority, b.ticket);
    }));
}

TYPED_TEST(deadline_queue, pop_due_takes_exactly_the_entries_due_in_order) {
    for (std::uint32_t t = 0; t < 50; ++t) this->queue.push(t, at(t % 10), (t / 10) % 3);
    std::vector<DeadlineEntry> due;
    EXPECT_EQ(this->queue.pop_due(at(-1), due), 0u);
    EXPECT_EQ(this->queue.pop_due(at(3), due), 20u) << "deadline == now is due";
    this->queue.check_invariants();
    for (std::size_t k = 1; k < due.size(); ++k) {
        EXPECT_LT(std::tie(due[k - 1].deadline, due[k - 1].priority, due[k - 1].ticket),
                  std::tie(due[k].deadline, due[k].priority, due[k].ticket));
    }
    for (const auto& e : due) {
        EXPECT_LE(e.deadline, at(3));
        EXPECT_FALSE(this->queue.contains(e.handle));
    }
    EXPECT_EQ(this->queue.size(), 30u);
    EXPECT_EQ(this->queue.top().deadline, at(4));
}

TYPED_TEST(deadline_queue, pop_due_callback_may_push_without_joining_the_sweep) {
    for (std::uint32_t t = 0; t < 10; ++t) this->queue.push(t, at(t), 0);
    std::vector<std::uint32_t> seen;
    const auto count = this->queue.pop_due(at(4), [&](const DeadlineEntry& e) {
        seen.push_back(e.ticket);
        this->queue.push(e.ticket + 100, at(0), 0);  // due, but after the sweep began
    });
    EXPECT_EQ(count, 5u);
    EXPECT_EQ(seen, (std::vector<std::uint32_t>{0, 1, 2, 3, 4}));
    EXPECT_EQ(this->queue.size(), 10u);
    EXPECT_EQ(this->queue.top().ticket, 100u);
    this->queue.check_invariants();
}

TYPED_TEST(deadline_queue, due_within_reports_without_removing) {
    std::vector<DeadlineHandle> handles;
    for (std::uint32_t t = 0; t < 300; ++t) {
        handles.push_back(this->queue.push(t, at((t * 37) % 300), 0));
    }
    std::vector<DeadlineEntry> due;
    EXPECT_EQ(this->queue.due_within(at(29), due), 30u);
    EXPECT_EQ(this->queue.size(), 300u);
    for (std::size_t k = 0; k < due.size(); ++k) {
        EXPECT_EQ(due[k].deadline, at(static_cast<std::int64_t>(k)));
        EXPECT_EQ(this->queue.get(due[k].handle), due[k]);
    }
    std::size_t visited = 0;
    this->queue.due_within(at(299), [&](const DeadlineEntry&) { ++visited; });
    EXPECT_EQ(visited, 300u);
    EXPECT_EQ(this->queue.due_within(at(-1), due), 0u);
}

TYPED_TEST(deadline_queue, accepts_the_extremes_and_refuses_beyond_them) {
    using Queue = TypeParam;
    const auto late = this->queue.push(1, Queue::max_deadline(), Queue::max_rank);
    const auto early = this->queue.push(2, Queue::min_deadline(), 0);
    EXPECT_EQ(this->queue.top().handle, early);
    EXPECT_THROW(this->queue.push(3, Queue::max_deadline() + seconds{1}, 0), std::out_of_range);
    EXPECT_THROW(this->queue.push(3, Queue::min_deadline() - seconds{1}, 0), std::out_of_range);
    EXPECT_THROW(this->queue.push(3, at(0), Queue::max_rank + 1), std::out_of_range);
    EXPECT_THROW(this->queue.update(late, at(0), Queue::max_rank + 1), std::out_of_range);
    EXPECT_EQ(this->queue.size(), 2u);
    std::vector<DeadlineEntry> due;
    EXPECT_EQ(this->queue.due_within(Queue::max_deadline(), due), 2u);
    EXPECT_EQ(this->queue.pop_due(DeadlineTime::max(), due), 2u);
    EXPECT_EQ(due[3].handle, late);
    this->queue.check_invariants();
}

TYPED_TEST(deadline_queue, clear_forgets_every_handle) {
    const auto h = this->queue.push(1, at(1), 0);
    this->queue.reserve(1000);
    this->queue.clear();
    EXPECT_TRUE(this->queue.empty());
    EXPECT_FALSE(this->queue.contains(h));
    this->queue.check_invariants();
    this->queue.push(2, at(2), 0);
    EXPECT_EQ(this->queue.top().ticket, 2u);
}

TYPED_TEST(deadline_queue, reads_and_changes_right_after_a_pop) {
    // A pop may leave work for later (DeadlineQueue fills the hole at the top on the next
    // operation); every operation that follows must see a proper queue.
    std::vector<DeadlineHandle> handles;
    for (std::uint32_t t = 0; t < 40; ++t) {
        handles.push_back(this->queue.push(t, at((t * 17) % 40), 0));
    }
    EXPECT_EQ(this->queue.pop().ticket, 0u);  // deadline 0
    EXPECT_EQ(this->queue.size(), 39u);
    EXPECT_EQ(this->queue.top().ticket, 33u);  // 33 * 17 % 40 = 1
    EXPECT_EQ(this->queue.get(handles[33]).deadline, at(1));
    std::vector<DeadlineEntry> due;
    EXPECT_EQ(this->queue.due_within(at(2), due), 2u);
    this->queue.check_invariants();

    this->queue.pop();
    this->queue.push(100, at(-5), 0);  // belongs at the very top
    EXPECT_EQ(this->queue.top().ticket, 100u);
    this->queue.pop();
    this->queue.pop();
    this->queue.push(101, at(1000), 0);  // belongs at the bottom
    this->queue.pop();
    this->queue.update(handles[39], at(-1), 0);  // 39 * 17 % 40 = 23
    this->queue.pop();
    this->queue.erase(handles[20]);  // 20 * 17 % 40 = 20
    this->queue.pop();
    EXPECT_EQ(this->queue.pop_due(at(10), due), 6u);
    this->queue.check_invariants();
    std::vector<std::int64_t> rest;
    for (const auto& e : this->drain()) {
        rest.push_back(e.deadline.time_since_epoch().count() - kBase);
    }
    std::vector<std::int64_t> expected;
    for (std::int64_t d = 11; d < 40; ++d) {
        if (d != 20 && d != 23) expected.push_back(d);
    }
    expected.push_back(1000);
    EXPECT_EQ(rest, expected);
}

TYPED_TEST(deadline_queue, copies_are_independent) {
    const auto h = this->queue.push(1, at(1), 0);
    TypeParam copy = this->queue;
    copy.update(h, at(9), 0);
    copy.push(2, at(2), 0);
    EXPECT_EQ(this->queue.get(h).deadline, at(1));
    EXPECT_EQ(copy.get(h).deadline, at(9));
    TypeParam moved = std::move(copy);
    EXPECT_EQ(moved.size(), 2u);
    moved.check_invariants();
    this->queue.check_invariants();
}

// ----------------------------------------------------------------------------------------------
// The randomised model tests: a million mixed operations against std::set with heaps of up to 300
// entries, comparing every entry and the invariants after every step; and a quarter as many with
// heaps of thousands, compared in full every 500th step.

// A plain struct rather than std::tuple: the debug and sanitizer builds compare millions of them.
struct ModelKey {
    std::int64_t deadline;
    int rank;
    std::uint32_t ticket;

    friend bool operator<(const ModelKey& a, const ModelKey& b) {
        if (a.deadline != b.deadline) return a.deadline < b.deadline;
        if (a.rank != b.rank) return a.rank < b.rank;
        return a.ticket < b.ticket;
    }
    friend bool operator==(const ModelKey& a, const ModelKey& b) {
        return a.deadline == b.deadline && a.rank == b.rank && a.ticket == b.ticket;
    }
    friend bool operator!=(const ModelKey& a, const ModelKey& b) { return !(a == b); }
};

template <class Queue>
class Model {
  public:
    explicit Model(Queue& queue) : queue_(queue) {}

    std::size_t size() const { return keys_.size(); }

    void push(std::uint32_t ticket, std::int64_t deadline, int rank) {
        const auto h = queue_.push(ticket, at(deadline), static_cast<std::uint8_t>(rank));
        add(h, ModelKey{deadline, rank, ticket});
    }

    void update(std::size_t pick, std::int64_t deadline, int rank) {
        Slot& slot = slots_[live_[pick]];
        queue_.update(DeadlineHandle{live_[pick]}, at(deadline), static_cast<std::uint8_t>(rank));
        keys_.erase(slot.key);
        slot.key = ModelKey{deadline, rank, slot.key.ticket};
        keys_.insert(slot.key);
    }

    void erase(std::size_t pick) {
        const DeadlineHandle h{live_[pick]};
        queue_.erase(h);
        remove(h);
    }

    ::testing::AssertionResult pop() {
        const auto expected = *keys_.begin();
        const DeadlineEntry e = queue_.pop();
        if (key_of(e) != expected) return ::testing::AssertionFailure() << "pop out of order";
        remove(e.handle);
        return ::testing::AssertionSuccess();
    }

    ::testing::AssertionResult pop_due(std::int64_t now) {
        std::vector<DeadlineEntry> due;
        queue_.pop_due(at(now), due);
        if (auto differs = same_prefix(due, now, "pop_due"); !differs) return differs;
        for (const auto& e : due) remove(e.handle);
        return ::testing::AssertionSuccess();
    }

    ::testing::AssertionResult due_within(std::int64_t now) const {
        std::vector<DeadlineEntry> due;
        queue_.due_within(at(now), due);
        return same_prefix(due, now, "due_within");
    }

    ::testing::AssertionResult same_top_and_size() const {
        if (queue_.size() != keys_.size()) {
            return ::testing::AssertionFailure()
                   << "size " << queue_.size() << ", model " << keys_.size();
        }
        if (!keys_.empty() && key_of(queue_.top()) != *keys_.begin()) {
            return ::testing::AssertionFailure() << "top differs";
        }
        return ::testing::AssertionSuccess();
    }

    // Every handle ever handed out: live ones name their entry, freed ones name nothing.
    ::testing::AssertionResult same_everything() const {
        queue_.check_invariants();
        for (std::uint32_t s = 0; s < slots_.size(); ++s) {
            const bool live = slots_[s].live;
            if (queue_.contains(DeadlineHandle{s}) != live) {
                return ::testing::AssertionFailure() << "handle " << s << " live: " << live;
            }
            if (live && key_of(queue_.get(DeadlineHandle{s})) != slots_[s].key) {
                return ::testing::AssertionFailure() << "handle " << s << " differs";
            }
        }
        return same_top_and_size();
    }

    bool has_ticket(std::uint32_t ticket) const { return tickets_.count(ticket) != 0; }
    std::int64_t first_deadline() const { return keys_.begin()->deadline; }

  private:
    struct Slot {
        bool live = false;
        ModelKey key{};
        std::size_t index = 0;  // place in live_
    };

    static ModelKey key_of(const DeadlineEntry& e) {
        return ModelKey{e.deadline.time_since_epoch().count() - kBase, e.priority, e.ticket};
    }

    // `due` must be the model's first entries, and every entry after them must not be due.
    ::testing::AssertionResult same_prefix(const std::vector<DeadlineEntry>& due, std::int64_t now,
                                           const char* what) const {
        auto expected = keys_.begin();
        for (const auto& e : due) {
            if (expected == keys_.end() || key_of(e) != *expected++) {
                return ::testing::AssertionFailure() << what << " differs at " << now;
            }
        }
        if (expected != keys_.end() && expected->deadline <= now) {
            return ::testing::AssertionFailure() << what << " missed an entry due at " << now;
        }
        return ::testing::AssertionSuccess();
    }

    void add(DeadlineHandle h, const ModelKey& key) {
        if (h.slot >= slots_.size()) slots_.resize(h.slot + 1);
        ASSERT_FALSE(slots_[h.slot].live) << "handle " << h.slot << " handed out twice";
        slots_[h.slot] = Slot{true, key, live_.size()};
        keys_.insert(key);
        tickets_.insert(key.ticket);
        live_.push_back(h.slot);
    }

    void remove(DeadlineHandle h) {
        Slot& slot = slots_[h.slot];
        keys_.erase(slot.key);
        tickets_.erase(slot.key.ticket);
        live_[slot.index] = live_.back();
        slots_[live_[slot.index]].index = slot.index;
        live_.pop_back();
        slot.live = false;
    }

    Queue& queue_;
    std::set<ModelKey> keys_;
    std::vector<Slot> slots_;          // by handle slot
    std::vector<std::uint32_t> live_;  // live handle slots, to pick from
    std::unordered_set<std::uint32_t> tickets_;
};

// Deadlines cluster in a window of a few hundred seconds so that ties on deadline, and on
// deadline and rank, are common; now and then one sits at an end of the representable range.
class Workload {
  public:
    explicit Workload(std::uint64_t seed) : rng_(seed) {}

    std::int64_t deadline() {
        const int roll = uniform(0, 999);
        if (roll == 0) return DeadlineQueue::min_deadline().time_since_epoch().count() - kBase;
        if (roll == 1) return DeadlineQueue::max_deadline().time_since_epoch().count() - kBase;
        return clock_ + uniform(-20, 300);
    }
    int rank() { return uniform(0, 7); }
    // Tickets below 1,000 while heaps are small (and everything is compared after each step),
    // below 20,000 later; one in ten near `top`.
    std::uint32_t ticket(bool small, std::uint32_t top) {
        if (uniform(0, 9) == 0) return top - static_cast<std::uint32_t>(uniform(0, 50));
        return static_cast<std::uint32_t>(uniform(0, small ? 999 : 20'000));
    }
    int uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
    std::size_t pick(std::size_t n) {
        return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng_);
    }
    void advance() { clock_ += uniform(0, 3); }

  private:
    std::mt19937_64 rng_;
    std::int64_t clock_ = 0;
};

// A queue gets a million steps. The other arities of a queue share every line with its default
// but the shape of the tree, so fewer steps cover them and keep the sanitizer build fast.
template <class Queue>
constexpr std::size_t kModelSteps = 1'000'000;
template <>
constexpr std::size_t kModelSteps<BasicDeadlineQueue<2>> = 300'000;
template <>
constexpr std::size_t kModelSteps<BasicDeadlineQueue<8>> = 300'000;
template <>
constexpr std::size_t kModelSteps<BasicTicketDeadlineQueue<4>> = 300'000;

template <class Queue>
::testing::AssertionResult random_step(Model<Queue>& model, Workload& w, std::size_t target,
                                       bool small) {
    const bool grow = model.size() < target;
    const int roll = w.uniform(0, 99);
    if (model.size() == 0 || roll < (grow ? 45 : 20)) {
        const std::uint32_t top =
            small ? QueueTraits<Queue>::small_top_ticket : QueueTraits<Queue>::large_top_ticket;
        std::uint32_t ticket = w.ticket(small, top);
        while (model.has_ticket(ticket)) ticket = w.ticket(small, top);
        model.push(ticket, w.deadline(), w.rank());
    } else if (roll < 55) {
        model.update(w.pick(model.size()), w.deadline(), w.rank());  // earlier or later
    } else if (roll < 70) {
        model.erase(w.pick(model.size()));
    } else if (roll < 82) {
        return model.pop();
    } else if (roll < 90) {
        w.advance();
        return model.pop_due(model.first_deadline() + w.uniform(-2, 4));
    } else {
        return model.due_within(model.first_deadline() + w.uniform(-2, 30));
    }
    return ::testing::AssertionSuccess();
}

TYPED_TEST(deadline_queue, matches_an_ordered_set_over_a_million_random_operations) {
    Model<TypeParam> model(this->queue);
    Workload workload(20240611);
    for (std::size_t step = 0; step < kModelSteps<TypeParam>; ++step) {
        // Heaps of 4 to 300 entries, so that comparing everything after every step stays
        // affordable in debug builds; edges near the root and the leaves come often.
        const std::size_t target = 4 + (step / 997) % 300;
        ASSERT_TRUE(random_step(model, workload, target, true)) << "step " << step;
        ASSERT_TRUE(model.same_everything()) << "step " << step;
    }
}

TYPED_TEST(deadline_queue, matches_an_ordered_set_in_deep_trees) {
    Model<TypeParam> model(this->queue);
    Workload workload(20241124);
    for (std::size_t step = 0; step < kModelSteps<TypeParam> / 4; ++step) {
        // Up to 6,000 entries: trees five to seven levels deep. Top and size are compared after
        // every step, everything after every 500th.
        const std::size_t target = 200 + (step / 20'000) * 700 % 6000;
        ASSERT_TRUE(random_step(model, workload, target, false)) << "step " << step;
        ASSERT_TRUE(model.same_top_and_size()) << "step " << step;
        if (step % 500 == 0) {
            ASSERT_TRUE(model.same_everything()) << "step " << step;
        }
    }
}

// ----------------------------------------------------------------------------------------------
// Properties of the implementations rather than of the interface.

TEST(ticket_deadline_queue, names_each_entry_by_its_ticket_and_queues_a_ticket_once) {
    TicketDeadlineQueue queue;
    EXPECT_EQ(queue.push(5, at(50), 1), TicketDeadlineQueue::handle(5));
    EXPECT_EQ(queue.push(3, at(60), 0), DeadlineHandle{3});
    EXPECT_THROW(queue.push(5, at(10), 0), std::invalid_argument);
    EXPECT_EQ(queue.size(), 2u);
    EXPECT_EQ(queue.get(DeadlineHandle{5}), (DeadlineEntry{at(50), 5, 1, DeadlineHandle{5}}));
    EXPECT_FALSE(queue.contains(DeadlineHandle{4}));
    EXPECT_FALSE(queue.contains(DeadlineHandle{1'000'000}));
    EXPECT_THROW(queue.update(DeadlineHandle{4}, at(1), 0), std::invalid_argument);
    EXPECT_THROW(queue.erase(DeadlineHandle{1'000'000}), std::invalid_argument);
    EXPECT_EQ(queue.pop().ticket, 5u);
    EXPECT_EQ(queue.push(5, at(70), 2), DeadlineHandle{5}) << "queued again once popped";
    queue.erase(DeadlineHandle{3});
    EXPECT_EQ(queue.push(3, at(80), 2), DeadlineHandle{3}) << "queued again once erased";
    queue.check_invariants();
    EXPECT_EQ(queue.top().ticket, 5u);
}

TEST(ticket_deadline_queue, refuses_tickets_above_max_ticket) {
    TicketDeadlineQueue queue;
    queue.push(1, at(1), 0);
    EXPECT_THROW(queue.push(TicketDeadlineQueue::max_ticket + 1, at(1), 0), std::out_of_range);
    EXPECT_THROW(queue.push(0xFFFF'FFFFu, at(1), 0), std::out_of_range);
    EXPECT_EQ(queue.size(), 1u);
    queue.check_invariants();
}

TEST(ticket_deadline_queue, reserve_then_push_costs_sixteen_bytes_per_entry) {
    constexpr std::uint32_t kEntries = 100'000;
    TicketDeadlineQueue queue;
    queue.reserve(kEntries);
    EXPECT_EQ(queue.memory_bytes(), std::size_t{16} * kEntries);
    for (std::uint32_t t = kEntries; t-- > 0;) queue.push(t, at((t * 7919) % 86'400), t % 4);
    EXPECT_EQ(queue.memory_bytes(), std::size_t{16} * kEntries) << "no reallocation";
    queue.check_invariants();
}

TEST(ticket_deadline_queue, grows_its_index_to_the_largest_ticket_and_clears_in_constant_time) {
    TicketDeadlineQueue queue;
    queue.push(10'000, at(2), 0);
    EXPECT_GE(queue.memory_bytes(), std::size_t{8} * 10'001);
    queue.push(7, at(1), 0);
    queue.clear();
    EXPECT_FALSE(queue.contains(DeadlineHandle{10'000}));
    EXPECT_FALSE(queue.contains(DeadlineHandle{7}));
    queue.push(9'999, at(3), 0);  // behind the cleared index: must read as not queued
    EXPECT_FALSE(queue.contains(DeadlineHandle{10'000}));
    queue.push(10'000, at(4), 0);
    queue.check_invariants();
    queue.shrink_to_fit();
    EXPECT_EQ(queue.memory_bytes(), std::size_t{8} * 2 + std::size_t{8} * 10'001);
    EXPECT_EQ(queue.pop().ticket, 9'999u);
    EXPECT_EQ(queue.pop().ticket, 10'000u);
}

TEST(deadline_queue_memory, reserve_then_push_costs_sixteen_bytes_per_entry) {
    constexpr std::uint32_t kEntries = 100'000;
    DeadlineQueue queue;
    queue.reserve(kEntries);
    EXPECT_EQ(queue.memory_bytes(), std::size_t{16} * kEntries);
    for (std::uint32_t t = 0; t < kEntries; ++t) queue.push(t, at((t * 7919) % 86'400), t % 4);
    EXPECT_EQ(queue.memory_bytes(), std::size_t{16} * kEntries) << "no reallocation";
    queue.check_invariants();
}

TEST(deadline_queue_memory, growth_without_reserve_is_given_back_by_shrink_to_fit) {
    DeadlineQueue queue;
    for (std::uint32_t t = 0; t < 1000; ++t) queue.push(t, at(t), 0);
    EXPECT_GE(queue.memory_bytes(), std::size_t{16} * 1000);
    EXPECT_LE(queue.memory_bytes(), std::size_t{24} * 1000);
    queue.shrink_to_fit();
    EXPECT_EQ(queue.memory_bytes(), std::size_t{16} * 1000);
    queue.check_invariants();
    EXPECT_EQ(queue.pop().ticket, 0u);
}

TEST(deadline_queue_memory, refuses_to_reserve_more_than_the_handle_bits_name) {
    DeadlineQueue queue;
    EXPECT_THROW(queue.reserve(DeadlineQueue::max_size + 1), std::length_error);
}

}  // namespace
}  // namespace ticketflow::sla
