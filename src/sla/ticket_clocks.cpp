#include <algorithm>

#include <ticketflow/sla/ticket_clocks.hpp>

namespace ticketflow::sla {
namespace {

constexpr std::array<Metric, 3> kMetrics{Metric::first_response, Metric::next_update,
                                         Metric::resolution};

/// Business time into a cycle at which to warn: the earlier of the two thresholds, if any.
std::optional<BusinessDuration> warning_point(const WarningThreshold& warning,
                                              BusinessDuration target) {
    std::optional<BusinessDuration> point;
    if (warning.percent_of_target) point = target * *warning.percent_of_target / 100;
    if (warning.before_due) {
        const BusinessDuration before = target - *warning.before_due;
        point = point ? std::min(*point, before) : before;
    }
    if (point && point->count() <= 0) return std::nullopt;
    return point;
}

/// A threshold whose instant lies beyond the range the calendar can place (past year 9999) is
/// never reached, so it is no deadline at all rather than a failure of the ticket's clocks.
std::optional<Timestamp> due_at(const Result<Timestamp>& instant) {
    return instant ? std::optional<Timestamp>{*instant} : std::nullopt;
}

/// Business time between two instants; an instant the calendar cannot place (outside its years)
/// adds none, so the clocks stand still there instead of failing the ticket's every change.
BusinessDuration counted(const BusinessTime& time, Timestamp from, Timestamp to) {
    const auto spent = time.elapsed(from, to);
    return spent ? *spent : BusinessDuration{0};
}

/// When a running clock reaches `amount` of business time; nothing while it stands still.
std::optional<Timestamp> reaches(const MetricClock& clock, BusinessDuration amount,
                                 const BusinessTime& time) {
    if (!clock.running_since) return std::nullopt;
    // Already past it when it resumed (a retarget lowered the target): it is due at once.
    if (amount <= clock.spent) return *clock.running_since;
    return due_at(time.add(*clock.running_since, amount - clock.spent));
}

void apply(MetricClock& clock, const Signal& signal) {
    switch (signal.kind) {
        case SignalKind::warning:
            clock.warned = true;
            clock.warning_reached_at.reset();
            break;
        case SignalKind::breach:
            clock.warned = true;
            clock.breached_at = signal.at;
            clock.warning_reached_at.reset();
            clock.target_reached_at.reset();
            break;
        case SignalKind::escalation:
            ++clock.steps_done;
            break;
    }
}

}  // namespace

TicketClocks TicketClocks::start(const Policy& policy, const Ticket& ticket, Timestamp now,
                                 const BusinessTime& time) {
    TicketClocks clocks;
    clocks.state_ = ticket.state;
    clocks.at(Metric::first_response).armed = true;
    clocks.at(Metric::resolution).armed = true;
    clocks.retarget(policy, ticket.priority, now, time);
    return clocks;
}

bool TicketClocks::paused_in(Metric m, TicketState s) const {
    // Resolution always stands still once resolved: the customer's verdict is not our delay.
    if (m == Metric::resolution && s == TicketState::resolved) return true;
    if (is_terminal(s)) return true;
    if (status_pauses_) {
        return std::find(status_pauses_->begin(), status_pauses_->end(), m) !=
               status_pauses_->end();
    }
    const auto& pauses = pauses_[index(m)];
    return std::find(pauses.begin(), pauses.end(), s) != pauses.end();
}

void TicketClocks::note_crossings(MetricClock& clock, Timestamp now,
                                  const BusinessTime& time) const {
    const auto crossed = [&](BusinessDuration amount) -> std::optional<Timestamp> {
        const auto at = reaches(clock, amount, time);
        return at && *at <= now ? at : std::nullopt;
    };
    if (!clock.breached_at && !clock.target_reached_at) {
        clock.target_reached_at = crossed(clock.target);
    }
    const auto warn = warning_point(warning_, clock.target);
    if (!clock.warned && !clock.warning_reached_at && warn) {
        clock.warning_reached_at = crossed(*warn);
    }
}

void TicketClocks::settle(MetricClock& clock, Timestamp now, const BusinessTime& time) const {
    if (!clock.running_since) return;
    // Banking time moves `running_since`; first keep the instants any threshold was crossed.
    if (clock.target.count() > 0) note_crossings(clock, now, time);
    clock.spent += counted(time, *clock.running_since, now);
    clock.running_since = now;
}

void TicketClocks::run_or_hold(Metric m, Timestamp now, const BusinessTime& time) {
    MetricClock& clock = at(m);
    settle(clock, now, time);
    const bool runs = clock.armed && clock.target.count() > 0 && !paused_in(m, state_);
    if (!runs) {
        clock.running_since.reset();
    } else if (!clock.running_since) {
        clock.running_since = now;
    }
}

void TicketClocks::rearm(Metric m, Timestamp now, const BusinessTime& time) {
    MetricClock& clock = at(m);
    const std::uint32_t cycles = clock.cycles;
    const BusinessDuration target = clock.target;
    clock = MetricClock{};
    clock.target = target;
    clock.cycles = cycles;
    clock.armed = true;
    run_or_hold(m, now, time);
}

void TicketClocks::on_state(TicketState state, Timestamp now, const BusinessTime& time,
                            std::optional<std::vector<Metric>> status_pauses) {
    state_ = state;
    status_pauses_ = std::move(status_pauses);
    for (const Metric m : kMetrics) run_or_hold(m, now, time);
}

void TicketClocks::on_customer_update(Timestamp now, const BusinessTime& time) {
    MetricClock& first = at(Metric::first_response);
    MetricClock& update = at(Metric::next_update);
    if (first.armed) {
        settle(first, now, time);
        first.armed = false;
        first.running_since.reset();
        ++first.cycles;
    } else if (update.armed) {
        ++update.cycles;
    }
    rearm(Metric::next_update, now, time);
}

void TicketClocks::on_resolved(Timestamp now, const BusinessTime& time,
                               std::optional<std::vector<Metric>> status_pauses) {
    ++at(Metric::resolution).cycles;
    on_state(TicketState::resolved, now, time, std::move(status_pauses));
}

void TicketClocks::retarget(const Policy& policy, Priority priority, Timestamp now,
                            const BusinessTime& time) {
    for (const Metric m : kMetrics) settle(at(m), now, time);
    policy_ = policy.name;
    pauses_ = policy.pause_states;
    warning_ = policy.warning;
    ladder_ = policy.ladder;
    for (const Metric m : kMetrics) {
        MetricClock& clock = at(m);
        clock.target = policy.target(priority, m);
        clock.warning_reached_at.reset();  // noticed under the old target
        clock.target_reached_at.reset();
        // A later deadline lifts a breach that has not happened under the new target.
        if (clock.breached_at && clock.spent < clock.target) {
            clock.breached_at.reset();
            clock.steps_done = 0;
        }
        // A warning given under the old target is given again if the new one moves the point.
        const auto warn = warning_point(warning_, clock.target);
        if (clock.warned && !clock.breached_at) clock.warned = warn && clock.spent >= *warn;
        run_or_hold(m, now, time);
    }
}

std::optional<Signal> TicketClocks::next_signal(Metric m, const BusinessTime& time) const {
    const MetricClock& clock = clocks_[index(m)];
    if (clock.target.count() <= 0) return std::nullopt;
    const bool running = clock.armed && clock.running_since;
    if (clock.breached_at) {
        if (!running || clock.steps_done >= ladder_.size()) return std::nullopt;
        const EscalationStep& step = ladder_[clock.steps_done];
        const auto at = due_at(time.add(*clock.breached_at, step.after_breach));
        if (!at) return std::nullopt;
        return Signal{m, SignalKind::escalation, *at, step};
    }
    // A crossing noticed earlier is owed even if the clock has stopped since (the response came
    // late); otherwise only a running clock can reach a threshold.
    const auto point = warning_point(warning_, clock.target);
    if (!clock.warned && point) {
        const auto at = clock.warning_reached_at
                            ? clock.warning_reached_at
                            : (running ? reaches(clock, *point, time) : std::nullopt);
        if (at) return Signal{m, SignalKind::warning, *at, std::nullopt};
    }
    const auto at = clock.target_reached_at
                        ? clock.target_reached_at
                        : (running ? reaches(clock, clock.target, time) : std::nullopt);
    if (!at) return std::nullopt;
    return Signal{m, SignalKind::breach, *at, std::nullopt};
}

std::optional<Signal> TicketClocks::take_signal(Timestamp now, const BusinessTime& time) {
    std::optional<Signal> earliest;
    for (const Metric m : kMetrics) {
        const auto next = next_signal(m, time);
        if (next && next->at <= now && (!earliest || next->at < earliest->at)) earliest = next;
    }
    if (earliest) apply(at(earliest->metric), *earliest);
    return earliest;
}

std::vector<Signal> TicketClocks::signals_due(Timestamp now, const BusinessTime& time) {
    std::vector<Signal> due;
    while (auto signal = take_signal(now, time)) due.push_back(*signal);
    return due;
}

std::optional<Timestamp> TicketClocks::next_deadline(const BusinessTime& time) const {
    std::optional<Timestamp> earliest;
    for (const Metric m : kMetrics) {
        const auto next = next_signal(m, time);
        if (next && (!earliest || next->at < *earliest)) earliest = next->at;
    }
    return earliest;
}

MetricStatus TicketClocks::status(Metric m, Timestamp now, const BusinessTime& time) const {
    const MetricClock& clock = clocks_[index(m)];
    MetricStatus status;
    status.target = clock.target;
    status.running = clock.running_since.has_value();
    status.elapsed = clock.spent + (status.running ? counted(time, *clock.running_since, now)
                                                   : BusinessDuration{0});
    status.remaining = clock.target - status.elapsed;
    status.due = reaches(clock, clock.target, time);
    status.paused = clock.armed && clock.target.count() > 0 && !status.running;
    status.breached_at = clock.breached_at;
    status.cycles = clock.cycles;
    return status;
}

}  // namespace ticketflow::sla
