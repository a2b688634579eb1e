// Ten thousand tickets over thirty virtual days in Shanghai business hours, across the National
// Day holiday, with a tick every fifteen minutes. The breaches the engine recorded must equal a
// recomputation from nothing but each ticket's audit trail and the calendar: the clocks are
// replayed here from the recorded events, without TicketClocks or the engine's SLA code.

#include <algorithm>
#include <iostream>
#include <map>
#include <queue>
#include <random>
#include <set>

#include <gtest/gtest.h>

#include <ticketflow/ticketflow.hpp>

#include "../sla/calendar_test_support.hpp"
#include "../support/engine_fixture.hpp"

namespace ticketflow {
namespace {

using namespace std::chrono_literals;
using sla::Metric;
namespace cal = sla::testing_support;

constexpr int kTickets = 10'000;
constexpr auto kDays = 30;
constexpr auto kTickEvery = 15min;

// ---------------------------------------------------------------------------------------------
// Driving the engine: each ticket follows a random script of what agents and customers do.

enum class Step { assign, start, ask, reply, public_note, raise, resolve, verdict, reopen, done };

struct Scripted {
    TicketId id;
    Step next = Step::assign;
    int questions = 0;  ///< request_info rounds still to come
    int rejects = 0;    ///< rejections still to come
    bool reopen = false;
    bool neglected = false;  ///< everything takes four times longer: updates are missed
};

class Simulation {
  public:
    Simulation(Engine& engine, ManualClock& clock, Timestamp begin)
        : engine_(engine), clock_(clock), begin_(begin), end_(begin + kDays * 24h) {}

    void run() {
        std::uniform_int_distribution<int> open_minute(0, (kDays - 5) * 24 * 60);
        for (int i = 0; i < kTickets; ++i) {
            due_.push({begin_ + std::chrono::minutes{open_minute(rng_)}, i});
        }
        scripts_.resize(kTickets);
        for (Timestamp tick = begin_; tick <= end_; tick += kTickEvery) {
            while (!due_.empty() && due_.top().first <= tick) {
                const auto [at, index] = due_.top();
                due_.pop();
                clock_.set(at);
                act(index);
            }
            clock_.set(tick);
            engine_.tick();
        }
    }

    std::vector<TicketId> tickets() const {
        std::vector<TicketId> ids;
        for (const Scripted& s : scripts_) ids.push_back(s.id);
        return ids;
    }
    Timestamp end() const { return end_; }

  private:
    void later(int index, std::chrono::minutes low, std::chrono::minutes high) {
        const int slowdown = scripts_[index].neglected ? 4 : 1;
        std::uniform_int_distribution<long long> pick(low.count(), high.count() * slowdown);
        due_.push({clock_.now() + std::chrono::minutes{pick(rng_)}, index});
    }

    bool chance(double p) { return std::bernoulli_distribution(p)(rng_); }

    void open(int index) {
        TicketDraft draft = testing::sample_draft("ticket " + std::to_string(index));
        const double roll = std::uniform_real_distribution<double>(0, 1)(rng_);
        draft.priority = roll < 0.05   ? Priority::urgent
                         : roll < 0.25 ? Priority::high
                         : roll < 0.75 ? Priority::medium
                                       : Priority::low;
        Scripted& s = scripts_[index];
        s.id = engine_.open(draft, testing::kCustomer).value().id;
        s.questions = std::uniform_int_distribution<int>(0, 2)(rng_);
        s.rejects = chance(0.3) ? 1 : 0;
        s.reopen = chance(0.05);
        s.neglected = chance(0.1);
    }

    // One step of the script; refusals (a step that no longer fits) are simply skipped: they
    // change nothing and leave nothing in the trail.
    void act(int index) {
        Scripted& s = scripts_[index];
        if (s.id.value() == 0) {
            open(index);
            return later(index, 0min, 6h);
        }
        const Actor agent = testing::kOwner;
        const TicketId id = s.id;
        switch (s.next) {
            case Step::assign:
                (void)engine_.assign(id, testing::kSupervisor, AgentId{testing::kOwner.id.value()});
                s.next = Step::start;
                return later(index, 0min, 8h);
            case Step::start:
                (void)engine_.start(id, agent);
                s.next = s.questions > 0 ? Step::ask : Step::public_note;
                return later(index, 1h, 30h);
            case Step::ask:
                (void)engine_.request_info(id, agent, "Which firmware?");
                --s.questions;
                s.next = Step::reply;
                return later(index, 1h, 72h);
            case Step::reply:
                (void)engine_.customer_replied(id, testing::kCustomer, "2.1");
                s.next = s.questions > 0 ? Step::ask : Step::public_note;
                return later(index, 1h, 48h);
            case Step::public_note:
                (void)engine_.add_note(id, agent, "Working on it", Visibility::customer);
                s.next = chance(0.1) ? Step::raise : Step::resolve;
                return later(index, 1h, 60h);
            case Step::raise:
                (void)engine_.change_priority(id, testing::kSupervisor, Priority::urgent, "VIP");
                s.next = Step::resolve;
                return later(index, 1h, 24h);
            case Step::resolve:
                (void)engine_.resolve(id, agent, "Replaced the part");
                s.next = Step::verdict;
                return later(index, 1h, 48h);
            case Step::verdict:
                if (s.rejects > 0) {
                    --s.rejects;
                    (void)engine_.reject(id, testing::kCustomer, "still broken");
                    s.next = Step::resolve;
                    return later(index, 1h, 48h);
                }
                (void)engine_.confirm(id, testing::kCustomer, {4, ""});
                s.next = s.reopen ? Step::reopen : Step::done;
                return later(index, 1h, 72h);
            case Step::reopen:
                s.reopen = false;
                (void)engine_.reopen(id, testing::kSupervisor, "came back");
                s.next = Step::resolve;
                return later(index, 1h, 48h);
            case Step::done:
                return;
        }
    }

    Engine& engine_;
    ManualClock& clock_;
    Timestamp begin_;
    Timestamp end_;
    std::mt19937_64 rng_{20241001};
    std::vector<Scripted> scripts_;
    using Due = std::pair<Timestamp, int>;
    std::priority_queue<Due, std::vector<Due>, std::greater<Due>> due_;
};

// ---------------------------------------------------------------------------------------------
// The independent recomputation: clocks replayed from the audit trail with the calendar alone.

struct ReplayedClock {
    bool armed = false;
    sla::Calendar::Duration spent{0};
    std::optional<Timestamp> running_since;
    bool breached = false;
};

class TrailReplay {
  public:
    TrailReplay(const sla::Policy& policy, const sla::Calendar& calendar)
        : policy_(policy), calendar_(calendar) {}

    /// (metric, instant) of every breach the trail implies up to `end`.
    std::multiset<std::pair<std::string, Timestamp>> breaches(const std::vector<AuditEvent>& trail,
                                                              Timestamp end) {
        for (const AuditEvent& e : trail) {
            advance(e.at);
            apply(e);
        }
        advance(end);
        return found_;
    }

  private:
    ReplayedClock& clock(Metric m) { return clocks_[static_cast<std::size_t>(m)]; }
    std::chrono::seconds target(Metric m) const { return policy_.target(priority_, m); }

    bool paused(Metric m) const {
        if (is_terminal(state_)) return true;
        if (m == Metric::resolution && state_ == TicketState::resolved) return true;
        const auto& p = policy_.pauses(m);
        return std::find(p.begin(), p.end(), state_) != p.end();
    }

    // Runs every running clock up to `t`, noting the instant a target is reached on the way.
    void advance(Timestamp t) {
        for (const Metric m : all_values<Metric>()) {
            ReplayedClock& c = clock(m);
            if (!c.running_since) continue;
            if (!c.breached) {
                const auto left =
                    std::chrono::duration_cast<sla::Calendar::Duration>(target(m)) - c.spent;
                const Timestamp at = left.count() <= 0
                                         ? *c.running_since
                                         : calendar_.add(*c.running_since, left).value();
                if (at <= t) breach(m, at);
            }
            c.spent += calendar_.elapsed(*c.running_since, t).value();
            c.running_since = t;
        }
    }

    void breach(Metric m, Timestamp at) {
        clock(m).breached = true;
        found_.insert({std::string(to_string(m)), at});
    }

    void run_or_hold(Timestamp t) {
        for (const Metric m : all_values<Metric>()) {
            ReplayedClock& c = clock(m);
            const bool runs = c.armed && target(m).count() > 0 && !paused(m);
            if (!runs) c.running_since.reset();
            if (runs && !c.running_since) c.running_since = t;
        }
    }

    void apply(const AuditEvent& e) {
        for (const FieldChange& change : e.changes) {
            if (change.field == "state") state_ = parse_enum<TicketState>(change.after).value();
            if (change.field == "priority") priority_ = parse_enum<Priority>(change.after).value();
        }
        if (e.action == "open") {
            clock(Metric::first_response).armed = true;
            clock(Metric::resolution).armed = true;
        }
        const bool staff = e.actor.role == Role::agent || e.actor.role == Role::supervisor ||
                           e.actor.role == Role::admin;
        if (e.visibility == Visibility::customer && staff && e.action != "change_priority") {
            clock(Metric::first_response) = ReplayedClock{};  // answered: stops for good
            clock(Metric::next_update) = ReplayedClock{};     // a new update cycle begins
            clock(Metric::next_update).armed = true;
        }
        run_or_hold(e.at);
    }

    const sla::Policy& policy_;
    const sla::Calendar& calendar_;
    TicketState state_ = TicketState::new_;
    Priority priority_ = Priority::medium;
    std::array<ReplayedClock, 3> clocks_{};
    std::multiset<std::pair<std::string, Timestamp>> found_;
};

std::multiset<std::pair<std::string, Timestamp>> recorded_breaches(
    const std::vector<AuditEvent>& trail) {
    std::multiset<std::pair<std::string, Timestamp>> found;
    for (const AuditEvent& e : trail) {
        if (e.action != "sla_breach") continue;
        found.insert({e.details.at("metric"), parse_iso8601(e.details.at("at")).value()});
    }
    return found;
}

TEST(engine_sla_simulation, breaches_equal_a_recomputation_from_the_audit_trail) {
    const sla::Calendar office = cal::calendar(cal::shanghai_office);
    sla::Policy policy = sla::Policy::standard();
    policy.calendar = "office";
    EngineConfig config;
    config.calendars.emplace("office", office);
    config.sla_policies = sla::PolicySet::make({policy}, {}, "standard").value();

    const Timestamp begin = cal::local(office, "2024-09-16 00:00");  // a Monday
    auto clock = std::make_shared<ManualClock>(begin);
    auto store = std::make_shared<MemoryStore>();
    Engine engine{store, clock, config};
    Simulation simulation{engine, *clock, begin};
    simulation.run();

    std::map<std::string, std::size_t> per_metric;
    std::size_t tickets_breached = 0;
    for (const TicketId id : simulation.tickets()) {
        const auto trail = engine.audit_trail(id).value();
        const auto recorded = recorded_breaches(trail);
        const auto replayed = TrailReplay{policy, office}.breaches(trail, simulation.end());
        ASSERT_EQ(recorded, replayed) << "ticket " << id.value();
        for (const auto& [metric, at] : recorded) ++per_metric[metric];
        tickets_breached += recorded.empty() ? 0 : 1;
    }
    // The scripts are slow enough that every metric is missed many times, and fast enough that
    // most tickets are not.
    EXPECT_GT(per_metric["first_response"], 500u);
    EXPECT_GT(per_metric["next_update"], 200u);
    EXPECT_GT(per_metric["resolution"], 100u);
    EXPECT_LT(tickets_breached, static_cast<std::size_t>(kTickets));
    std::cout << "breaches: first_response " << per_metric["first_response"] << ", next_update "
              << per_metric["next_update"] << ", resolution " << per_metric["resolution"]
              << "; tickets with a breach: " << tickets_breached << " of " << kTickets << "\n";
}

}  // namespace
}  // namespace ticketflow
