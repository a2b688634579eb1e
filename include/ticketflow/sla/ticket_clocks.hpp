#pragma once
/// \file
/// A ticket's SLA clocks: one per metric, paused and resumed by the lifecycle, never losing the
/// business time already spent, and the warnings, breaches and escalation steps they give rise to.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include <ticketflow/core/ticket.hpp>
#include <ticketflow/sla/business_time.hpp>
#include <ticketflow/sla/policy.hpp>

namespace ticketflow::sla {

/// One metric's clock.
struct MetricClock {
    BusinessDuration target{0};  ///< from the policy for the ticket's priority; 0 = not tracked
    BusinessDuration spent{0};   ///< business time counted before `running_since`
    std::optional<Timestamp> running_since;  ///< set while the clock runs
    bool armed = false;                      ///< the metric is being measured in the current cycle
    std::uint32_t cycles = 0;  ///< completed cycles (responses given, updates sent, resolutions)
    bool warned = false;       ///< the warning of the current cycle was signalled
    std::optional<Timestamp> breached_at;  ///< when the current cycle's target was missed
    std::uint32_t steps_done = 0;          ///< escalation steps signalled since the breach
    /// Crossings noticed while banking time (a pause, a retarget) and not signalled yet: they keep
    /// the instant the threshold was really reached, however late signals_due is asked.
    std::optional<Timestamp> warning_reached_at;
    std::optional<Timestamp> target_reached_at;

    friend bool operator==(const MetricClock& a, const MetricClock& b) {
        return a.target == b.target && a.spent == b.spent && a.running_since == b.running_since &&
               a.armed == b.armed && a.cycles == b.cycles && a.warned == b.warned &&
               a.breached_at == b.breached_at && a.steps_done == b.steps_done &&
               a.warning_reached_at == b.warning_reached_at &&
               a.target_reached_at == b.target_reached_at;
    }
};

/// What a clock has to say, found by `TicketClocks::signals_due`.
enum class SignalKind : std::uint8_t { warning, breach, escalation };

struct Signal {
    Metric metric = Metric::first_response;
    SignalKind kind = SignalKind::warning;
    Timestamp at{};                      ///< when it became due (not when it was noticed)
    std::optional<EscalationStep> step;  ///< for escalation signals

    friend bool operator==(const Signal& a, const Signal& b) {
        return a.metric == b.metric && a.kind == b.kind && a.at == b.at && a.step == b.step;
    }
};

/// A metric's status for people and reports.
struct MetricStatus {
    BusinessDuration target{0};
    BusinessDuration elapsed{0};
    BusinessDuration remaining{0};  ///< negative once breached
    std::optional<Timestamp> due;   ///< while running
    bool running = false;
    bool paused = false;  ///< armed but standing still
    std::optional<Timestamp> breached_at;
    std::uint32_t cycles = 0;

    friend bool operator==(const MetricStatus& a, const MetricStatus& b) {
        return a.target == b.target && a.elapsed == b.elapsed && a.remaining == b.remaining &&
               a.due == b.due && a.running == b.running && a.paused == b.paused &&
               a.breached_at == b.breached_at && a.cycles == b.cycles;
    }
};

/// The three clocks of one ticket under one policy. A value type: the engine keeps it with the
/// ticket and calls the `on_…` functions as the ticket changes, always with the same BusinessTime.
/// Ask `signals_due(now)` before each `on_…` call: a new cycle (the next update after a customer
/// update) starts clean, so what the old one owed must have been collected. Nothing here fails:
/// where the BusinessTime refuses (an instant outside a calendar's years 1400–9999), that time
/// counts as no business time and a threshold it cannot place is never due.
///
///     auto clocks = TicketClocks::start(policy, ticket, now, calendar);
///     clocks.on_state(TicketState::waiting, later, calendar);  // resolution pauses
///     for (const Signal& s : clocks.signals_due(now, calendar)) …
class TicketClocks {
  public:
    TicketClocks() = default;

    /// Clocks for a ticket just opened: first response and resolution start, next update waits
    /// for the first response.
    static TicketClocks start(const Policy& policy, const Ticket& ticket, Timestamp now,
                              const BusinessTime& time);

    /// The ticket entered `state`: clocks pause, resume or stop by the policy's pause states, or
    /// by `status_pauses` when the ticket's status says itself which metrics stand still (a wait
    /// for a vendor that pauses nothing); closed and cancelled stop everything, resolution stands
    /// still while resolved, a reopen resumes resolution with its time kept.
    void on_state(TicketState state, Timestamp now, const BusinessTime& time,
                  std::optional<std::vector<Metric>> status_pauses = std::nullopt);
    /// Staff told the customer something: the first response is given, the next update re-armed.
    void on_customer_update(Timestamp now, const BusinessTime& time);
    /// The ticket was resolved: one resolution cycle is complete (its time is kept for a reject).
    void on_resolved(Timestamp now, const BusinessTime& time,
                     std::optional<std::vector<Metric>> status_pauses = std::nullopt);
    /// Priority or policy changed: new targets, the time already spent stays.
    void retarget(const Policy& policy, Priority priority, Timestamp now, const BusinessTime& time);

    /// Warnings, breaches and escalation steps that are due by `now` and not signalled yet, in
    /// time order; they are marked as signalled.
    std::vector<Signal> signals_due(Timestamp now, const BusinessTime& time);
    /// The earliest signal due by `now`, marked as signalled; for callers that act on a signal
    /// (an escalation step raising the priority retargets the clocks) before asking for the next.
    std::optional<Signal> take_signal(Timestamp now, const BusinessTime& time);
    /// The earliest instant at which `signals_due` will have something new, if any.
    std::optional<Timestamp> next_deadline(const BusinessTime& time) const;

    MetricStatus status(Metric metric, Timestamp now, const BusinessTime& time) const;
    const MetricClock& clock(Metric metric) const { return clocks_[index(metric)]; }
    const std::string& policy() const noexcept { return policy_; }
    TicketState state() const noexcept { return state_; }
    /// What the ticket's status says about pauses, if it says anything (see `on_state`).
    const std::optional<std::vector<Metric>>& status_pauses() const noexcept {
        return status_pauses_;
    }

    friend bool operator==(const TicketClocks& a, const TicketClocks& b) {
        return a.policy_ == b.policy_ && a.pauses_ == b.pauses_ && a.warning_ == b.warning_ &&
               a.ladder_ == b.ladder_ && a.state_ == b.state_ &&
               a.status_pauses_ == b.status_pauses_ && a.clocks_ == b.clocks_;
    }
    // JSON (ticket_clocks_json.hpp): the whole state, so clocks saved with a ticket resume exactly.
    friend void to_json(nlohmann::json& j, const TicketClocks& v);
    friend void from_json(const nlohmann::json& j, TicketClocks& v);

  private:
    static std::size_t index(Metric m) { return static_cast<std::size_t>(m); }
    MetricClock& at(Metric m) { return clocks_[index(m)]; }
    bool paused_in(Metric m, TicketState s) const;
    void settle(MetricClock& clock, Timestamp now, const BusinessTime& time) const;
    void note_crossings(MetricClock& clock, Timestamp now, const BusinessTime& time) const;
    void run_or_hold(Metric m, Timestamp now, const BusinessTime& time);
    void rearm(Metric m, Timestamp now, const BusinessTime& time);
    std::optional<Signal> next_signal(Metric m, const BusinessTime& time) const;

    std::string policy_;
    std::array<std::vector<TicketState>, 3> pauses_;
    WarningThreshold warning_;
    std::vector<EscalationStep> ladder_;
    TicketState state_ = TicketState::new_;
    std::optional<std::vector<Metric>> status_pauses_;
    std::array<MetricClock, 3> clocks_{};
};

}  // namespace ticketflow::sla

namespace ticketflow {
template <>
struct EnumNames<sla::SignalKind> {
    static constexpr std::array<std::string_view, 3> names{"warning", "breach", "escalation"};
};
}  // namespace ticketflow
