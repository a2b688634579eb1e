// deadline_queue_bench: the SLA deadline queue against the containers one would otherwise use.
//
// Six containers hold one entry per ticket, ordered by (deadline, priority rank, ticket), and do
// the same work in the same run: ticketflow's DeadlineQueue (handles) and TicketDeadlineQueue
// (the ticket is the handle); boost::heap::d_ary_heap (arity 4, mutable, with handles);
// boost::heap::pairing_heap; std::priority_queue with lazy deletion (a generation per ticket,
// stale entries skipped on pop); and std::set (iterators as handles). Every baseline allocates
// through CountingAllocator, so bytes_per_entry is what each asks the allocator for (malloc's own
// overhead per block not included); ours report their exact memory_bytes(). Before anything is
// timed, the six are run side by side on a small workload and the program stops if any of them
// pops differently.
#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <numeric>
#include <queue>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>
#include <boost/heap/d_ary_heap.hpp>
#include <boost/heap/pairing_heap.hpp>

#include <ticketflow/sla/deadline_queue.hpp>

namespace {

using ticketflow::sla::DeadlineQueue;
using ticketflow::sla::DeadlineTime;
using ticketflow::sla::TicketDeadlineQueue;

// ---------------------------------------------------------------------------------------------
// Counting what the baselines allocate

/// Bytes currently allocated through CountingAllocator (the benchmark is single-threaded).
std::size_t g_counted_bytes = 0;

template <class T>
struct CountingAllocator {
    using value_type = T;

    CountingAllocator() = default;
    template <class U>
    CountingAllocator(const CountingAllocator<U>&) noexcept {}

    T* allocate(std::size_t n) {
        g_counted_bytes += n * sizeof(T);
        return std::allocator<T>{}.allocate(n);
    }
    void deallocate(T* p, std::size_t n) noexcept {
        g_counted_bytes -= n * sizeof(T);
        std::allocator<T>{}.deallocate(p, n);
    }

    friend bool operator==(const CountingAllocator&, const CountingAllocator&) { return true; }
    friend bool operator!=(const CountingAllocator&, const CountingAllocator&) { return false; }
};

// ---------------------------------------------------------------------------------------------
// Deadlines as a support desk produces them

constexpr std::int64_t kStart = 1'793'577'600;  // Monday 2026-11-02T00:00:00Z
constexpr std::int64_t kHour = 3'600;
constexpr std::int64_t kDay = 24 * kHour;
constexpr std::int64_t kSpan = 30 * kDay;

/// Deadlines spread over 30 days: weekdays carry five times the weekend's share; within a day,
/// 60 % fall in working hours to the second, 25 % exactly on the instants business-hour targets
/// land on for tickets opened out of hours (08:00, 12:00, 17:00, 18:00), 15 % any time. The exact
/// instants make ties on (deadline, rank) common, as they are in a real queue.
class DeadlineMaker {
  public:
    explicit DeadlineMaker(std::uint64_t seed) : rng_(seed) {}

    std::int64_t deadline(std::int64_t from) {
        std::int64_t day = 0;
        do {
            day = std::uniform_int_distribution<std::int64_t>(0, 29)(rng_);
        } while ((day % 7) >= 5 && uniform(5) != 0);
        return from + day * kDay + time_of_day();
    }

    /// urgent 5 %, high 20 %, medium 50 %, low 25 %.
    int rank() { return rank_(rng_); }

    /// A re-armed "next update" target after a deadline passes: 4 h to 3 days by rank, to the
    /// second two times in three, else exactly.
    std::int64_t rearm(int rank) {
        static constexpr std::array<std::int64_t, 4> target{4 * kHour, 8 * kHour, kDay, 3 * kDay};
        return target[static_cast<std::size_t>(rank)] + (uniform(3) == 0 ? 0 : uniform(kHour));
    }

    std::int64_t uniform(std::int64_t n) {
        return std::uniform_int_distribution<std::int64_t>(0, n - 1)(rng_);
    }
    std::mt19937_64& rng() { return rng_; }

  private:
    std::int64_t time_of_day() {
        static constexpr std::array<std::int64_t, 4> exact{8 * kHour, 12 * kHour, 17 * kHour,
                                                           18 * kHour};
        const auto roll = uniform(100);
        if (roll < 60) return 8 * kHour + uniform(10 * kHour);
        if (roll < 85) return exact[static_cast<std::size_t>(uniform(4))];
        return uniform(kDay);
    }

    std::mt19937_64 rng_;
    std::discrete_distribution<int> rank_{5, 20, 50, 25};
};

/// What every container reports for a popped entry.
struct Popped {
    std::int64_t deadline;
    std::uint32_t ticket;
    int rank;
};

// ---------------------------------------------------------------------------------------------
// The six containers behind one small interface. Tickets are 0 … n-1; each adapter keeps the
// caller's ticket -> handle table (not counted: any caller of a handle-based container needs one;
// TicketDeadlineQueue needs none), the rest is counted.

/// The baselines' element: (deadline * 8 + rank, ticket) compared as a pair — as compact and
/// cheap to compare as a baseline can be made. `gen` (lazy deletion only) fills the padding.
struct Node {
    std::int64_t key;
    std::uint32_t ticket;
    std::uint32_t gen;
};

constexpr std::int64_t node_key(std::int64_t deadline, int rank) {
    return deadline * 8 + rank;
}
Popped popped(const Node& n) {
    return {n.key >> 3, n.ticket, static_cast<int>(n.key & 7)};
}

struct NodeLess {
    bool operator()(const Node& a, const Node& b) const {
        return a.key != b.key ? a.key < b.key : a.ticket < b.ticket;
    }
};
// boost::heap and std::priority_queue put the greatest element on top: they get the reverse.
struct NodeGreater {
    bool operator()(const Node& a, const Node& b) const { return NodeLess{}(b, a); }
};

DeadlineTime at(std::int64_t s) {
    return DeadlineTime{std::chrono::seconds{s}};
}
Popped popped(const ticketflow::sla::DeadlineEntry& e) {
    return {e.deadline.time_since_epoch().count(), e.ticket, e.priority};
}

/// DeadlineQueue, with the caller's ticket -> handle table that any handle-based container needs.
class Ours {
  public:
    static constexpr const char* name = "deadline_queue";

    void reserve(std::size_t n) {
        q_.reserve(n);
        handles_.resize(n);
    }
    void push(std::uint32_t t, std::int64_t deadline, int rank) {
        handles_[t] = q_.push(t, at(deadline), static_cast<std::uint8_t>(rank));
    }
    void update(std::uint32_t t, std::int64_t deadline, int rank) {
        q_.update(handles_[t], at(deadline), static_cast<std::uint8_t>(rank));
    }
    void erase(std::uint32_t t) { q_.erase(handles_[t]); }
    Popped pop() { return popped(q_.pop()); }
    std::int64_t top_deadline() { return q_.top().deadline.time_since_epoch().count(); }
    void pop_due(std::int64_t now, std::vector<Popped>& out) {
        q_.pop_due(at(now), [&out](const auto& e) { out.push_back(popped(e)); });
    }
    std::size_t size() const { return q_.size(); }
    std::size_t bytes() const { return q_.memory_bytes(); }

  private:
    DeadlineQueue q_;
    std::vector<ticketflow::sla::DeadlineHandle> handles_;
};

/// TicketDeadlineQueue: the tickets 0 … n-1 are its handles, so the caller keeps no table.
class OursByTicket {
  public:
    static constexpr const char* name = "ticket_deadline_queue";

    void reserve(std::size_t n) { q_.reserve(n); }
    void push(std::uint32_t t, std::int64_t deadline, int rank) {
        q_.push(t, at(deadline), static_cast<std::uint8_t>(rank));
    }
    void update(std::uint32_t t, std::int64_t deadline, int rank) {
        q_.update(TicketDeadlineQueue::handle(t), at(deadline), static_cast<std::uint8_t>(rank));
    }
    void erase(std::uint32_t t) { q_.erase(TicketDeadlineQueue::handle(t)); }
    Popped pop() { return popped(q_.pop()); }
    std::int64_t top_deadline() { return q_.top().deadline.time_since_epoch().count(); }
    void pop_due(std::int64_t now, std::vector<Popped>& out) {
        q_.pop_due(at(now), [&out](const auto& e) { out.push_back(popped(e)); });
    }
    std::size_t size() const { return q_.size(); }
    std::size_t bytes() const { return q_.memory_bytes(); }

  private:
    TicketDeadlineQueue q_;
};

/// Shared by the two boost heaps: handles, update by increase/decrease when the direction is
/// known, as boost recommends.
template <class Heap>
class BoostAdapter {
  public:
    void push(std::uint32_t t, std::int64_t deadline, int rank) {
        handles_[t] = heap_.push(Node{node_key(deadline, rank), t, 0});
    }
    void update(std::uint32_t t, std::int64_t deadline, int rank) {
        const auto h = handles_[t];
        const Node next{node_key(deadline, rank), t, 0};
        if (NodeLess{}(next, *h)) {
            heap_.increase(h, next);  // nearer the top of a min-ordered heap
        } else {
            heap_.decrease(h, next);
        }
    }
    void erase(std::uint32_t t) { heap_.erase(handles_[t]); }
    Popped pop() {
        const Popped p = popped(heap_.top());
        heap_.pop();
        return p;
    }
    std::int64_t top_deadline() { return heap_.top().key >> 3; }
    void pop_due(std::int64_t now, std::vector<Popped>& out) {
        while (!heap_.empty() && (heap_.top().key >> 3) <= now) out.push_back(pop());
    }
    std::size_t size() const { return heap_.size(); }
    std::size_t bytes() const { return g_counted_bytes - counted_before_; }

  protected:
    std::size_t counted_before_ = g_counted_bytes;
    Heap heap_;
    std::vector<typename Heap::handle_type> handles_;
};

using BoostDary = boost::heap::d_ary_heap<Node, boost::heap::arity<4>, boost::heap::mutable_<true>,
                                          boost::heap::compare<NodeGreater>,
                                          boost::heap::allocator<CountingAllocator<Node>>>;

class BoostDaryAdapter : public BoostAdapter<BoostDary> {
  public:
    static constexpr const char* name = "boost_d_ary";
    void reserve(std::size_t n) {
        heap_.reserve(n);
        handles_.resize(n);
    }
};

using BoostPairing = boost::heap::pairing_heap<Node, boost::heap::compare<NodeGreater>,
                                               boost::heap::allocator<CountingAllocator<Node>>>;

class BoostPairingAdapter : public BoostAdapter<BoostPairing> {
  public:
    static constexpr const char* name = "boost_pairing";
    void reserve(std::size_t n) { handles_.resize(n); }  // node-based: nothing to reserve
};

/// std::priority_queue with lazy deletion: update and erase bump the ticket's generation and
/// leave the old entry in place; pop skips entries whose generation is stale. When stale
/// entries outnumber live ones the heap is rebuilt, as a real implementation must.
class LazyPriorityQueue {
  public:
    static constexpr const char* name = "lazy_priority_queue";

    void reserve(std::size_t n) {
        heap_.reserve(n);
        gen_.assign(n, 0);
    }
    void push(std::uint32_t t, std::int64_t deadline, int rank) {
        heap_.push(Node{node_key(deadline, rank), t, gen_[t]});
        ++live_;
    }
    void update(std::uint32_t t, std::int64_t deadline, int rank) {
        heap_.push(Node{node_key(deadline, rank), t, ++gen_[t]});
        note_stale();
    }
    void erase(std::uint32_t t) {
        ++gen_[t];
        --live_;
        note_stale();
    }
    Popped pop() {
        skip_stale();
        const Popped p = popped(heap_.top());
        heap_.pop();
        --live_;
        return p;
    }
    std::int64_t top_deadline() {
        skip_stale();
        return heap_.top().key >> 3;
    }
    void pop_due(std::int64_t now, std::vector<Popped>& out) {
        while (live_ != 0 && top_deadline() <= now) out.push_back(pop());
    }
    std::size_t size() const { return live_; }
    std::size_t bytes() const { return g_counted_bytes - counted_before_; }

  private:
    /// std::priority_queue, opened up for reserve and for the rebuild.
    struct Heap
        : std::priority_queue<Node, std::vector<Node, CountingAllocator<Node>>, NodeGreater> {
        void reserve(std::size_t n) { c.reserve(n); }
        template <class Live>
        void rebuild(Live live) {
            c.erase(std::remove_if(c.begin(), c.end(), [&](const Node& n) { return !live(n); }),
                    c.end());
            std::make_heap(c.begin(), c.end(), comp);
        }
    };

    bool is_live(const Node& n) const { return gen_[n.ticket] == n.gen; }

    void skip_stale() {
        while (!is_live(heap_.top())) heap_.pop();
    }

    void note_stale() {
        if (heap_.size() > 2 * live_ + 1024) {
            heap_.rebuild([this](const Node& n) { return is_live(n); });
        }
    }

    std::size_t counted_before_ = g_counted_bytes;
    Heap heap_;
    std::vector<std::uint32_t, CountingAllocator<std::uint32_t>> gen_;
    std::size_t live_ = 0;
};

/// std::set with iterators as handles; updates move the node (extract, change, insert) without
/// allocating, and a sweep erases the due range in one call.
class StdSet {
  public:
    static constexpr const char* name = "std_set";

    void reserve(std::size_t n) { handles_.resize(n); }
    void push(std::uint32_t t, std::int64_t deadline, int rank) {
        handles_[t] = set_.insert(Node{node_key(deadline, rank), t, 0}).first;
    }
    void update(std::uint32_t t, std::int64_t deadline, int rank) {
        auto node = set_.extract(handles_[t]);
        node.value().key = node_key(deadline, rank);
        handles_[t] = set_.insert(std::move(node)).position;
    }
    void erase(std::uint32_t t) { set_.erase(handles_[t]); }
    Popped pop() {
        const Popped p = popped(*set_.begin());
        set_.erase(set_.begin());
        return p;
    }
    std::int64_t top_deadline() { return set_.begin()->key >> 3; }
    void pop_due(std::int64_t now, std::vector<Popped>& out) {
        auto end = set_.begin();
        for (; end != set_.end() && (end->key >> 3) <= now; ++end) out.push_back(popped(*end));
        set_.erase(set_.begin(), end);
    }
    std::size_t size() const { return set_.size(); }
    std::size_t bytes() const { return g_counted_bytes - counted_before_; }

  private:
    std::size_t counted_before_ = g_counted_bytes;
    std::set<Node, NodeLess, CountingAllocator<Node>> set_;
    std::vector<decltype(set_)::iterator> handles_;
};

// ---------------------------------------------------------------------------------------------
// Workloads

/// The queue every operation benchmark starts from: n tickets with their first deadlines,
/// pushed after reserve(n). It is built once per container and size and then shared by the
/// update, erase, hold and sweep benchmarks, each of which leaves n entries behind. All six
/// containers run the same benchmarks in the same order from the same seeds, so they hold the
/// same entries and are asked the same questions.
template <class Q>
struct Loaded {
    explicit Loaded(std::size_t n) : make(n) {
        queue.reserve(n);
        for (std::uint32_t t = 0; t < n; ++t) queue.push(t, make.deadline(kStart), make.rank());
    }
    Q queue;
    DeadlineMaker make;
};

/// One loaded queue at a time: the 10 million entry ones take up to 700 MB each.
std::shared_ptr<void> g_loaded;
std::string g_loaded_name;

template <class Q>
Loaded<Q>& loaded(std::size_t n) {
    const std::string name = std::string(Q::name) + "/" + std::to_string(n);
    if (g_loaded_name != name) {
        g_loaded.reset();
        g_loaded = std::make_shared<Loaded<Q>>(n);
        g_loaded_name = name;
    }
    return *static_cast<Loaded<Q>*>(g_loaded.get());
}

void drop_loaded() {
    g_loaded.reset();
    g_loaded_name.clear();
}

template <class Q>
void report(benchmark::State& state, const Q& q, std::int64_t items) {
    state.SetItemsProcessed(items);
    state.counters["bytes_per_entry"] =
        static_cast<double>(q.bytes()) / static_cast<double>(q.size());
}

constexpr std::size_t kBatch = 100'000;  // operations per timed batch for update/erase/hold

/// A container built from nothing: reserve(n), then n pushes, then a look at the first entry.
/// reserve is timed too, so that no container gains by doing work there (such as touching its
/// pages) that the others do while pushing.
template <class Q>
void BM_insert(benchmark::State& state) {
    drop_loaded();
    const auto n = static_cast<std::size_t>(state.range(0));
    DeadlineMaker make(n);
    std::vector<std::pair<std::int64_t, int>> keys(n);
    for (auto& k : keys) k = {make.deadline(kStart), make.rank()};
    double bytes_per_entry = 0;
    for (auto _ : state) {
        auto q = std::make_unique<Q>();
        q->reserve(n);
        for (std::uint32_t t = 0; t < n; ++t) q->push(t, keys[t].first, keys[t].second);
        benchmark::DoNotOptimize(q->top_deadline());
        state.PauseTiming();
        bytes_per_entry = static_cast<double>(q->bytes()) / static_cast<double>(q->size());
        q.reset();
        state.ResumeTiming();
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
    state.counters["bytes_per_entry"] = bytes_per_entry;
}

/// A batch of random tickets moved to new deadlines (earlier or later, about half each); one in
/// ten also changes rank.
template <class Q>
void BM_update(benchmark::State& state) {
    auto& l = loaded<Q>(static_cast<std::size_t>(state.range(0)));
    struct Change {
        std::uint32_t ticket;
        std::int64_t deadline;
        int rank;
    };
    std::vector<Change> batch(kBatch);
    for (auto _ : state) {
        state.PauseTiming();
        for (auto& c : batch) {
            c.ticket = static_cast<std::uint32_t>(l.make.uniform(state.range(0)));
            c.deadline = l.make.deadline(kStart);
            c.rank = l.make.rank();
        }
        state.ResumeTiming();
        for (const auto& c : batch) l.queue.update(c.ticket, c.deadline, c.rank);
    }
    report(state, l.queue, state.iterations() * static_cast<std::int64_t>(kBatch));
}

/// A batch of distinct random tickets erased; they are queued again, untimed, afterwards.
template <class Q>
void BM_erase(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    auto& l = loaded<Q>(n);
    std::vector<std::uint32_t> order(n);
    std::iota(order.begin(), order.end(), 0u);
    std::shuffle(order.begin(), order.end(), l.make.rng());
    std::size_t next = 0;
    for (auto _ : state) {
        if (next + kBatch > n) next = 0;
        const std::uint32_t* batch = order.data() + next;
        next += kBatch;
        for (std::size_t k = 0; k < kBatch; ++k) l.queue.erase(batch[k]);
        state.PauseTiming();
        for (std::size_t k = 0; k < kBatch; ++k) {
            l.queue.push(batch[k], l.make.deadline(kStart), l.make.rank());
        }
        state.ResumeTiming();
    }
    report(state, l.queue, state.iterations() * static_cast<std::int64_t>(kBatch));
}

/// The classic hold model: pop the first deadline and queue the same ticket again at a later
/// one (a re-armed next-update target), a batch at a time.
template <class Q>
void BM_hold(benchmark::State& state) {
    auto& l = loaded<Q>(static_cast<std::size_t>(state.range(0)));
    std::vector<std::int64_t> later(kBatch);
    for (auto _ : state) {
        state.PauseTiming();
        for (auto& d : later) d = l.make.rearm(static_cast<int>(l.make.uniform(4)));
        state.ResumeTiming();
        for (std::size_t k = 0; k < kBatch; ++k) {
            const Popped p = l.queue.pop();
            l.queue.push(p.ticket, p.deadline + later[k], p.rank);
        }
    }
    report(state, l.queue, state.iterations() * static_cast<std::int64_t>(kBatch));
}

/// A sweep: the clock moves 1/100 of the 30-day spread past the first deadline and everything
/// due by then is popped (about 1 % of the entries). Untimed, the popped tickets are queued
/// again 30 days later, so every sweep sees the same spread.
template <class Q>
void BM_sweep(benchmark::State& state) {
    auto& l = loaded<Q>(static_cast<std::size_t>(state.range(0)));
    std::vector<Popped> due;
    std::int64_t items = 0;
    for (auto _ : state) {
        state.PauseTiming();
        due.clear();
        const std::int64_t now = l.queue.top_deadline() + kSpan / 100;
        state.ResumeTiming();
        l.queue.pop_due(now, due);
        state.PauseTiming();
        items += static_cast<std::int64_t>(due.size());
        for (const auto& p : due) l.queue.push(p.ticket, p.deadline + kSpan, p.rank);
        state.ResumeTiming();
    }
    report(state, l.queue, items);
    state.counters["due_per_sweep"] = static_cast<double>(items) / state.iterations();
}

// ---------------------------------------------------------------------------------------------
// Before timing: the six containers must pop exactly the same entries.

template <class Q>
std::vector<Popped> trace(std::size_t n) {
    Loaded<Q> l(n);
    std::vector<Popped> out;
    for (std::size_t k = 0; k < n / 4; ++k) {
        const auto t = static_cast<std::uint32_t>(l.make.uniform(static_cast<std::int64_t>(n)));
        l.queue.update(t, l.make.deadline(kStart), l.make.rank());
        if (k % 4 == 0) {
            out.push_back(l.queue.pop());
            l.queue.push(out.back().ticket, out.back().deadline + l.make.rearm(out.back().rank),
                         out.back().rank);
        }
    }
    std::vector<std::uint32_t> order(n);
    std::iota(order.begin(), order.end(), 0u);
    std::shuffle(order.begin(), order.end(), l.make.rng());
    for (std::size_t k = 0; k < n / 3; ++k) l.queue.erase(order[k]);
    l.queue.pop_due(l.queue.top_deadline() + kSpan / 10, out);
    while (l.queue.size() != 0) out.push_back(l.queue.pop());
    return out;
}

bool same(const std::vector<Popped>& a, const std::vector<Popped>& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const Popped& x, const Popped& y) {
        return x.deadline == y.deadline && x.ticket == y.ticket && x.rank == y.rank;
    });
}

bool containers_agree() {
    constexpr std::size_t n = 20'000;
    const auto expected = trace<Ours>(n);
    const std::array<std::pair<const char*, std::vector<Popped>>, 5> others{{
        {OursByTicket::name, trace<OursByTicket>(n)},
        {BoostDaryAdapter::name, trace<BoostDaryAdapter>(n)},
        {BoostPairingAdapter::name, trace<BoostPairingAdapter>(n)},
        {LazyPriorityQueue::name, trace<LazyPriorityQueue>(n)},
        {StdSet::name, trace<StdSet>(n)},
    }};
    for (const auto& [name, popped] : others) {
        if (!same(expected, popped)) {
            std::fprintf(stderr, "%s pops differently from deadline_queue\n", name);
            return false;
        }
    }
    return true;
}

// ---------------------------------------------------------------------------------------------
// Registration: container by container, size by size, so that one loaded queue serves all the
// operations of a (container, size) before the next is built.

constexpr std::array<std::int64_t, 2> kSizes{1'000'000, 10'000'000};

template <class Q>
void register_container() {
    for (const std::int64_t n : kSizes) {
        const bool big = n == kSizes.back();
        const auto add = [&](const char* op, void (*fn)(benchmark::State&), int iterations) {
            const std::string name = std::string("BM_") + op + "<" + Q::name + ">";
            benchmark::RegisterBenchmark(name.c_str(), fn)
                ->Arg(n)
                ->Iterations(iterations)
                ->Unit(benchmark::kMillisecond);
        };
        add("insert", BM_insert<Q>, big ? 1 : 3);
        add("update", BM_update<Q>, 4);
        add("erase", BM_erase<Q>, 4);
        add("hold", BM_hold<Q>, 4);
        add("sweep", BM_sweep<Q>, big ? 4 : 10);
    }
}

}  // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    if (!containers_agree()) return 1;
    register_container<Ours>();
    register_container<OursByTicket>();
    register_container<BoostDaryAdapter>();
    register_container<BoostPairingAdapter>();
    register_container<LazyPriorityQueue>();
    register_container<StdSet>();
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    drop_loaded();
    return 0;
}
