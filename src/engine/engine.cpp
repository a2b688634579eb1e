#include <array>
#include <mutex>
#include <shared_mutex>
#include <utility>

#include <ticketflow/engine.hpp>

#include "engine/auto_close.hpp"
#include "engine/batch_state.hpp"
#include "engine/command_input.hpp"
#include "engine/config_check.hpp"
#include "engine/deadline_schedule.hpp"
#include "engine/dispatcher.hpp"
#include "engine/lifecycle_command.hpp"
#include "engine/notifications.hpp"
#include "engine/open_ticket_cache.hpp"
#include "engine/record_commands.hpp"
#include "engine/refusal.hpp"
#include "engine/sla_tracker.hpp"
#include "engine/ticket_changes.hpp"
#include "storage/store_errors.hpp"

namespace ticketflow {
namespace {

/// A customer opens tickets for the customer they act for, not for someone else.
Result<void> check_opener(const Actor& actor, const TicketDraft& draft,
                          const detail::LifecycleRunner& lifecycle) {
    if (actor.role != Role::customer || lifecycle.acts_for_customer(actor, draft.customer)) {
        return {};
    }
    Error refused;
    refused.code = ErrorCode::permission_denied;
    refused.field = "customer.id";
    refused.message = "a customer may open tickets only for themselves";
    return refused;
}

}  // namespace

class Engine::Impl {
  public:
    Impl(std::shared_ptr<Store> store, std::shared_ptr<const Clock> clock, EngineConfig config)
        : store_(std::move(store)),
          clock_(std::move(clock)),
          config_(std::move(config)),
          dispatcher_(config_),
          lifecycle_(config_, dispatcher_),
          sla_(config_, lifecycle_),
          auto_close_(config_, lifecycle_, sla_),
          notifications_(config_) {}

    /// Reads what the engine needs from the store to carry on: deadlines and loads.
    Result<void> start_up() { return schedule_stored_tickets(); }

    const EngineConfig& config() const noexcept { return config_; }
    Store& store() const noexcept { return *store_; }
    Timestamp now() const { return clock_->now(); }

    /// The clock's time, refused when the clock (an application's own) strays outside the range
    /// of time: a change stamped there could not be stored readably.
    Result<Timestamp> current_time() const {
        const Timestamp now = clock_->now();
        if (!in_range(now)) return outside_the_range_of_time("clock");
        return now;
    }

    Result<Ticket> open(const TicketDraft& draft, const Actor& actor) {
        if (auto valid = detail::check_actor(actor, config_.intake); !valid) return valid.error();
        const auto clock_time = current_time();
        if (!clock_time) return clock_time.error();
        const Timestamp now = *clock_time;
        if (auto valid = config_.intake.validate(draft, now); !valid) return valid.error();
        if (auto valid = check_opener(actor, draft, lifecycle_); !valid) return valid.error();

        Ticket ticket;
        static_cast<TicketDraft&>(ticket) = draft;
        ticket.state = TicketState::new_;
        ticket.status = config_.workflow.statuses.default_of(TicketState::new_).id;
        ticket.status_since = now;
        ticket.created_at = ticket.updated_at = now;
        ticket.version = 1;
        const detail::LoadedSla sla{sla_.start(ticket, now)};
        detail::write_sla_record(ticket, sla);

        AuditEvent opened;
        opened.at = now;
        opened.actor = actor;
        opened.action = "open";
        opened.visibility = Visibility::customer;
        opened.changes = {{"state", "", std::string(to_string(TicketState::new_))},
                          {"priority", "", std::string(to_string(draft.priority))}};

        // The number uses the calendar date where the service desk is, not UTC's.
        const Date local_date = config_.time_zone.to_local(now).date;
        TicketCreation creation{std::move(ticket),
                                {std::move(opened)},
                                config_.number_format.sequence_key(local_date),
                                [this, local_date](std::uint64_t sequence) {
                                    return config_.number_format.format(local_date, sequence);
                                }};
        if (!notifications_.silent()) {
            // The acknowledgement quotes the number, which the store assigns inside the unit.
            creation.outbox_for = [this, events = creation.events, sla, now](const Ticket& stored) {
                return notifications_.caused_by(stored, events, sla_, sla, now);
            };
        }
        auto created = store_->create(creation);
        if (created) {
            Stripe& stripe = stripe_of(created->id);
            const auto serialised = serialise(stripe);
            stripe.cache.remember(*created, sla, true);
            schedule_.set(created->id, wakeup(*created, sla), created->priority);
            batched_.note(*created);
        }
        if (!created) return created;
        dispatcher_.count(nullptr, *created);
        return dispatched_if_automatic(*created);
    }

    /// The one path every change takes: load, bring the SLA clocks up to now, let `change` edit
    /// a copy and describe it, move the clocks after it, then save the copy and the audit events
    /// atomically against the version that was read.
    template <class Change>
    Result<Ticket> mutate(TicketId id, const Actor& actor, Change&& change) {
        return mutate_with_sla(id, actor,
                               [&](Ticket& ticket, AuditEvent& entry, detail::LoadedSla&) {
                                   return change(ticket, entry);
                               });
    }

    /// `mutate` for changes that work on the SLA record itself.
    template <class Change>
    Result<Ticket> mutate_with_sla(TicketId id, const Actor& actor, Change&& change) {
        const auto clock_time = current_time();
        if (!clock_time) return clock_time.error();
        return mutate_at(id, actor, *clock_time, change);
    }

    /// `mutate_with_sla`, dated `now` rather than the clock's time (what `tick(now)` does).
    template <class Change>
    Result<Ticket> mutate_at(TicketId id, const Actor& actor, Timestamp now, Change&& change) {
        if (auto valid = detail::check_actor(actor, config_.intake); !valid) return valid.error();
        Stripe& stripe = stripe_of(id);
        const auto serialised = serialise(stripe);
        if (const Ticket* cached = stripe.cache.snapshot(id)) {
            const Ticket snapshot = *cached;  // saving replaces the cached ticket
            auto changed = change_from(stripe, snapshot, actor, now, change);
            // A storage failure is final: running again could write what may already be written.
            if (changed || changed.error().code == ErrorCode::storage_failure) return changed;
            // Refused or in conflict: another engine may have changed the ticket since this one
            // saved it, so the stored ticket decides.
            stripe.cache.forget(id);
        }
        auto loaded = store_->load(id);
        if (!loaded) return loaded.error();
        return change_from(stripe, *loaded, actor, now, change);
    }

    /// Brings the ticket's SLA up to `now` on its own (what `tick` does per ticket); saves only
    /// when something was due. Returns the events recorded.
    Result<std::vector<AuditEvent>> catch_up(TicketId id, Timestamp now) {
        Stripe& stripe = stripe_of(id);
        const auto serialised = serialise(stripe);
        auto loaded = store_->load(id);
        if (!loaded) return loaded.error();
        auto sla = read_sla(stripe, *loaded);
        if (!sla) return sla.error();
        Ticket after = *loaded;
        std::vector<AuditEvent> events;
        sla_.catch_up(after, *sla, now, events);
        if (events.empty()) {
            schedule_.set(id, wakeup(after, *sla), after.priority);
            return events;
        }
        for (auto& event : events) event.ticket = id;
        if (auto saved = save(stripe, *loaded, after, *sla, events, now); !saved) {
            return saved.error();
        }
        return events;
    }

    TickReport tick(Timestamp now) {
        TickReport report;
        report.now = now;
        if (!in_range(now)) {
            report.failures.push_back(outside_the_range_of_time("now"));
            return report;
        }
        const auto due = schedule_.take_due(now);
        report.tickets_due = due.size();
        for (const TicketId id : due) {
            auto caught = catch_up_retrying(id, now);
            if (caught && detail::handed_to_a_team(*caught)) give_an_owner_in_its_team(id);
            if (caught) {
                for (auto& event : *caught) report.events.push_back(std::move(event));
                caught = close_if_due(id, now);
            }
            if (caught) {
                for (auto& event : *caught) report.events.push_back(std::move(event));
            } else if (caught.error().code != ErrorCode::not_found) {
                schedule_.set(id, now, Priority::urgent);  // try again at the next tick
                report.failures.push_back(caught.error());
            }
        }
        return report;
    }

    /// Closes the ticket when its auto-close is due by `now`, as the system; returns the
    /// "auto_close" audit event, or nothing when it is not due.
    Result<std::vector<AuditEvent>> close_if_due(TicketId id, Timestamp now) {
        std::vector<AuditEvent> events;
        // Most tickets a tick takes are due for their SLA, not for closing: a look at the ticket
        // decides that without running (and refusing) a command on it.
        if (!auto_close_.enabled()) return events;
        const auto ticket = current(id);
        if (!ticket) return ticket.error();
        if (!auto_close_.command_due(*ticket, now)) return events;
        bool due = false;
        auto closed =
            mutate_at(id, Actor::system(), now,
                      [&](Ticket& ticket, AuditEvent& entry, detail::LoadedSla&) -> Result<void> {
                          const auto command = auto_close_.command_due(ticket, now);
                          due = command.has_value();
                          // No longer due (another engine moved it): refused so that nothing
                          // is written, and not reported.
                          if (!due) return validation_error("auto_close", "not due");
                          return apply_command(ticket, entry, Actor::system(), *command);
                      });
        if (!due) return events;
        if (!closed) return closed.error();
        auto trail = store_->audit_trail(id);
        if (!trail) return trail.error();
        events.push_back(trail->back());
        return events;
    }

    /// The ticket as this engine last saved it, or else as stored.
    Result<Ticket> current(TicketId id) {
        Stripe& stripe = stripe_of(id);
        {
            const auto serialised = serialise(stripe);
            if (const Ticket* cached = stripe.cache.snapshot(id)) return *cached;
        }
        return store_->load(id);
    }

    Result<SlaStatus> sla_status(TicketId id) const {
        auto ticket = store_->load(id);
        if (!ticket) return ticket.error();
        auto sla = sla_.read(*ticket);
        if (!sla) return sla.error();
        const auto clock_time = current_time();
        if (!clock_time) return clock_time.error();
        return sla_.status(*ticket, *sla, *clock_time);
    }

    std::optional<Timestamp> next_sla_deadline() const { return schedule_.next(); }
    const detail::SlaTracker& sla() const noexcept { return sla_; }
    const detail::LifecycleRunner& lifecycle() const noexcept { return lifecycle_; }

    /// Notes and attachments: a customer only on their own tickets; on a closed or cancelled
    /// ticket only where the profile allows additions after closing (the record commands refuse
    /// them otherwise).
    Result<void> may_record(const Ticket& ticket, const Actor& actor, const char* action) const {
        if (actor.role == Role::customer && !lifecycle_.acts_for_customer(actor, ticket.customer)) {
            return detail::refusal(
                ErrorCode::permission_denied, ticket,
                std::string("a customer may ") + action + " only on their own tickets", "actor");
        }
        return {};
    }

    Result<Ticket> fire(TicketId id, const Actor& actor, const LifecycleCommand& command) {
        auto fired = apply_event(id, actor, command);
        if (fired) return fired;
        // Failures that arise below the table (a version conflict, a missing ticket) name the
        // event too, so every refusal of a lifecycle command says what was refused.
        Error error = fired.error();
        if (!error.event) error.event = command.event;
        return error;
    }

  private:
    // Commands on one ticket queue up on its stripe; commands on tickets in other stripes run in
    // parallel. Striping bounds the memory to a fixed set of mutexes however many tickets exist.
    struct Stripe {
        std::mutex mutex;
        detail::OpenTicketCache cache;  // guarded by `mutex`
    };

    Stripe& stripe_of(TicketId id) { return stripes_[id.value() % stripes_.size()]; }

    /// A command's hold on its ticket's stripe: a share of the batch gate (see `begin_batch`),
    /// then the stripe's lock. A batch's own thread takes neither: it holds the gate alone, so no
    /// other command runs meanwhile (and it holds the store, which others take after a stripe).
    std::pair<std::shared_lock<std::shared_mutex>, std::unique_lock<std::mutex>> serialise(
        Stripe& stripe) {
        if (batched_.here()) return {};
        auto gate = batch_gate_.enter();
        return {std::move(gate), std::unique_lock(stripe.mutex)};
    }

    /// Runs `change` on `before` and saves the outcome against `before.version`.
    template <class Change>
    Result<Ticket> change_from(Stripe& stripe, const Ticket& before, const Actor& actor,
                               Timestamp now, Change& change) {
        auto sla = read_sla(stripe, before);
        if (!sla) return sla.error();

        Ticket after = before;
        std::vector<AuditEvent> events;
        sla_.catch_up(after, *sla, now, events);
        // What the command starts from: the loaded ticket, unless SLA steps just changed it (a
        // copy only then, as this is every command's path).
        const std::optional<Ticket> caught_up =
            events.empty() ? std::nullopt : std::optional<Ticket>{after};
        const Ticket& current = caught_up ? *caught_up : before;
        AuditEvent entry;
        entry.at = now;
        entry.actor = actor;
        if (auto applied = change(after, entry, *sla); !applied) {
            return detail::about(applied.error(), current);
        }
        sla_.follow(current, after, entry, *sla, now);
        entry.changes = detail::changed_fields(current, after);
        events.push_back(std::move(entry));
        if (auto saved = save(stripe, before, after, *sla, std::move(events), now); !saved) {
            return saved.error();
        }
        return after;
    }

    Result<detail::LoadedSla> read_sla(const Stripe& stripe, const Ticket& ticket) const {
        if (const auto* cached = stripe.cache.record(ticket.id, ticket.sla_clocks)) {
            return detail::LoadedSla{*cached};
        }
        return sla_.read(ticket);
    }

    Result<void> save(Stripe& stripe, const Ticket& before, Ticket& after,
                      const detail::LoadedSla& sla, std::vector<AuditEvent> events, Timestamp now) {
        after.version = before.version + 1;
        after.updated_at = now;
        detail::write_sla_record(after, sla);
        auto outbox = notifications_.caused_by(after, events, sla_, sla, now);
        if (auto saved =
                store_->update({after, before.version, std::move(events), std::move(outbox)});
            !saved) {
            return saved.error();
        }
        dispatcher_.count(&before, after);
        stripe.cache.remember(after, sla, !is_terminal(after.state));
        schedule_.set(after.id, wakeup(after, sla), after.priority);
        batched_.note(after);
        return {};
    }

    /// When `tick` must next look at the ticket: its next SLA deadline or its auto-close.
    std::optional<Timestamp> wakeup(const Ticket& ticket, const detail::LoadedSla& sla) const {
        return detail::earlier(sla_.next_deadline(sla), auto_close_.due(ticket));
    }

    // A ticket whose record cannot be read is not scheduled; its next command reports why.
    void schedule(const Ticket& ticket) {
        auto sla = sla_.read(ticket);
        schedule_.set(ticket.id, sla ? wakeup(ticket, *sla) : std::nullopt, ticket.priority);
    }

    // Another engine sharing the store may change the ticket between load and save.
    Result<std::vector<AuditEvent>> catch_up_retrying(TicketId id, Timestamp now) {
        constexpr int kAttempts = 3;
        for (int attempt = 1;; ++attempt) {
            auto caught = catch_up(id, now);
            if (caught || caught.error().code != ErrorCode::version_conflict ||
                attempt == kAttempts) {
                return caught;
            }
        }
    }

    // An engine opened on a store that already has tickets carries on with their deadlines. A
    // damaged ticket (in `Page::damaged`) is passed over: it has no deadline and counts towards
    // no agent's load until it is repaired, and commands on it report `corrupt`; every other
    // ticket carries on. Only a store that cannot be read at all stops the start.
    Result<void> schedule_stored_tickets() {
        TicketQuery query;
        query.limit = TicketQuery::max_limit;
        for (;;) {
            const auto page = store_->find(query);
            if (!page) return page.error();
            for (const Ticket& ticket : page->items) {
                schedule(ticket);
                dispatcher_.count(nullptr, ticket);
            }
            if (!page->next_after) return {};
            query.after = *page->next_after;
        }
    }

    Result<Ticket> apply_event(TicketId id, const Actor& actor, const LifecycleCommand& command) {
        auto applied = mutate(id, actor, [&](Ticket& ticket, AuditEvent& entry) {
            return apply_command(ticket, entry, actor, command);
        });
        if (applied && command.event == LifecycleEvent::escalate) {
            return dispatched_if_automatic(*applied);
        }
        return applied;
    }

    /// Runs `command` through the lifecycle table on `ticket` and describes it in `entry`.
    Result<void> apply_command(Ticket& ticket, AuditEvent& entry, const Actor& actor,
                               const LifecycleCommand& command) {
        if (auto ran = lifecycle_.run(ticket, actor, command, entry.at); !ran) return ran;
        detail::describe(entry, command);
        return {};
    }

  public:
    /// Routes the ticket by the dispatch rule, leaving out `excluded` agents; `why` prefixes the
    /// rule's explanation in the audit entry.
    Result<Ticket> dispatch(TicketId id, const Actor& actor, std::vector<AgentId> excluded = {},
                            const std::string& why = {}) {
        if (!dispatcher_.has_rule()) {
            return validation_error("dispatch_rule", "no dispatch rule is configured");
        }
        if (!detail::may_dispatch(actor.role)) {
            return detail::dispatch_forbidden(actor.role);
        }
        return mutate(id, actor, [&](Ticket& ticket, AuditEvent& entry) -> Result<void> {
            if (!detail::dispatchable(ticket.state)) {
                return detail::refusal(ErrorCode::invalid_transition, ticket,
                                       "a ticket in this state is not dispatched");
            }
            const auto decision = dispatcher_.decide(ticket, entry.at, excluded);
            if (!decision) {
                return detail::refusal(ErrorCode::validation_failed, ticket,
                                       "the dispatch rule proposes nothing for it",
                                       "dispatch_rule");
            }
            return route(ticket, entry, actor, *decision, why, !excluded.empty());
        });
    }

    dispatch::Directory directory() const { return dispatcher_.directory(); }

    // A batch's thread holds the batch gate from its start to its end, and other threads'
    // commands wait for it before they take a stripe. Otherwise one could hold a stripe while it
    // waits for the store the batch holds, and the batch's next command on that stripe would
    // wait for it in turn.
    Result<void> begin_batch(std::optional<StoreBatch>& batch) {
        if (batched_.here()) return detail::nested_batch();
        batch_gate_.close();
        batch.emplace(*store_);
        if (!batch->began()) {
            Error error = batch->began().error();
            batch.reset();
            batch_gate_.open();
            return error;
        }
        batched_.start();
        return {};
    }

    Result<void> end_batch(std::optional<StoreBatch>& batch, bool commit) {
        Result<void> outcome;
        if (commit) {
            outcome = batch->commit();
        } else {
            batch->roll_back();
        }
        batch.reset();
        const auto saved = batched_.stop();
        if (!commit || !outcome) forget_unstored(saved);
        batch_gate_.open();
        return outcome;
    }

    template <class Change>
    Result<void> change_directory(const Actor& actor, Change&& change) {
        if (!detail::may_dispatch(actor.role)) return detail::dispatch_forbidden(actor.role);
        return change(dispatcher_);
    }

    Result<std::vector<Ticket>> set_agent_absent(const Actor& actor, const AgentId& agent,
                                                 bool absent) {
        if (auto marked = change_directory(
                actor, [&](detail::Dispatcher& d) { return d.set_absent(agent, absent); });
            !marked) {
            return marked.error();
        }
        std::vector<Ticket> moved;
        if (!absent) return moved;
        TicketQuery owned;
        owned.owner = agent;
        owned.limit = TicketQuery::max_limit;
        for (;;) {
            const auto page = store_->find(owned);
            if (!page) return page.error();
            for (const Ticket& ticket : page->items) {
                if (!detail::under_way(ticket.state)) continue;
                auto redispatched =
                    dispatch(ticket.id, actor, {agent}, agent.value() + " is absent");
                if (redispatched) moved.push_back(std::move(*redispatched));
            }
            if (!page->next_after) return moved;
            owned.after = *page->next_after;
        }
    }

  private:
    // Applies a dispatch decision: the rule's priority and tags, then the new owner through the
    // lifecycle (assign or reassign), or the team's queue when nobody can take it.
    Result<void> route(Ticket& ticket, AuditEvent& entry, const Actor& actor,
                       const dispatch::Decision& decision, const std::string& why, bool must_move) {
        const std::string explanation =
            why.empty() ? decision.explanation : why + "; " + decision.explanation;
        if (must_move && !decision.agent) {
            return detail::refusal(ErrorCode::validation_failed, ticket,
                                   "nobody else can take it: " + explanation, "dispatch_rule");
        }
        detail::apply_rule_actions(ticket, decision);
        if (decision.agent && *decision.agent != ticket.owner) {
            LifecycleCommand command{detail::takes_an_owner(ticket.state)
                                         ? LifecycleEvent::assign
                                         : LifecycleEvent::reassign};
            command.assignee = *decision.agent;
            command.team = decision.team;
            command.reason = explanation;
            if (auto applied = apply_command(ticket, entry, actor, command); !applied) {
                return applied;
            }
        } else {
            ticket.team = decision.team;
        }
        detail::describe_dispatch(entry, decision, explanation);
        return {};
    }

    // After an SLA step handed the ticket to a team: an agent of that team takes it over, when
    // the directory knows the team and someone there can; otherwise it waits in the team's queue.
    void give_an_owner_in_its_team(TicketId id) {
        (void)mutate(id, Actor::system(), [&](Ticket& ticket, AuditEvent& entry) -> Result<void> {
            const auto decision = dispatcher_.choose_in_team(ticket, entry.at);
            if (!decision || !detail::dispatchable(ticket.state)) {
                return validation_error("team", "nobody in the team can take it");
            }
            return route(ticket, entry, Actor::system(), *decision, {}, false);
        });
    }

    /// `ticket` dispatched by the rule when the configuration asks for it; a dispatch that
    /// fails leaves the ticket as it was, which is still the command's result.
    Result<Ticket> dispatched_if_automatic(const Ticket& ticket) {
        if (!config_.auto_dispatch || !dispatcher_.has_rule()) return ticket;
        auto dispatched = dispatch(ticket.id, Actor::system());
        return dispatched ? dispatched : Result<Ticket>(ticket);
    }

    // After a batch that stored nothing: the engine drops what it cached, scheduled and counted
    // from the batch's commands, and takes each ticket as the store has it. One it cannot read
    // (never stored, or damaged) gets no deadline and counts towards no load, as at start-up.
    void forget_unstored(const detail::BatchLedger::Saved& saved) {
        for (const auto& [id, cached] : saved) {
            {
                Stripe& stripe = stripe_of(cached.id);
                const std::lock_guard serialised(stripe.mutex);
                stripe.cache.forget(cached.id);
            }
            if (auto stored = store_->load(cached.id)) {
                schedule(*stored);
                dispatcher_.count(&cached, *stored);
                continue;
            }
            schedule_.set(cached.id, std::nullopt, cached.priority);
            Ticket unowned = cached;
            unowned.owner = AgentId{};
            dispatcher_.count(&cached, unowned);
        }
    }

    std::shared_ptr<Store> store_;
    std::shared_ptr<const Clock> clock_;
    EngineConfig config_;
    // Each of these refers to the ones declared before it.
    detail::Dispatcher dispatcher_;  // refers to nothing of config_ after construction
    detail::LifecycleRunner lifecycle_;
    detail::SlaTracker sla_;
    detail::AutoCloser auto_close_;
    detail::DeadlineSchedule schedule_;
    detail::Notifications notifications_;
    std::array<Stripe, 256> stripes_;
    detail::BatchGate batch_gate_;  // closed by a batch's thread, passed by other commands
    detail::BatchLedger batched_;   // the batch under way, if any
};

Result<std::unique_ptr<Engine::Impl>> Engine::make_impl(std::shared_ptr<Store> store,
                                                        std::shared_ptr<const Clock> clock,
                                                        EngineConfig config) {
    if (auto valid = detail::check_engine_inputs(store, clock, config); !valid) {
        return valid.error();
    }
    auto impl = std::make_unique<Impl>(std::move(store), std::move(clock), std::move(config));
    if (auto started = impl->start_up(); !started) return started.error();
    return impl;
}

Result<std::unique_ptr<Engine>> Engine::create(std::shared_ptr<Store> store,
                                               std::shared_ptr<const Clock> clock,
                                               EngineConfig config) {
    auto impl = make_impl(std::move(store), std::move(clock), std::move(config));
    if (!impl) return impl.error();
    return std::unique_ptr<Engine>(new Engine(std::move(*impl)));
}

Engine::Engine(std::shared_ptr<Store> store, std::shared_ptr<const Clock> clock,
               EngineConfig config)
    : impl_(make_impl(std::move(store), std::move(clock), std::move(config)).value()) {}

Engine::Engine(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Engine::~Engine() = default;

const EngineConfig& Engine::config() const noexcept {
    return impl_->config();
}

Result<Ticket> Engine::open(const TicketDraft& draft, const Actor& actor) {
    return impl_->open(draft, actor);
}

Result<Ticket> Engine::fire(TicketId id, const Actor& actor, const LifecycleCommand& command) {
    return impl_->fire(id, actor, command);
}

namespace {

// The named commands are shorthands for fire(); these build the commands they share a shape with.
LifecycleCommand command(LifecycleEvent event, std::string reason = {}, TeamId team = {}) {
    LifecycleCommand built{event};
    built.reason = std::move(reason);
    built.team = std::move(team);
    return built;
}

LifecycleCommand saying(LifecycleEvent event, std::string message) {
    LifecycleCommand built{event};
    built.message = std::move(message);
    return built;
}

}  // namespace

Result<Ticket> Engine::assign(TicketId id, const Actor& actor, AgentId assignee, TeamId team) {
    auto assign = command(LifecycleEvent::assign, {}, std::move(team));
    assign.assignee = std::move(assignee);
    return fire(id, actor, assign);
}

Result<Ticket> Engine::claim(TicketId id, const Actor& actor) {
    return fire(id, actor, command(LifecycleEvent::claim));
}

Result<Ticket> Engine::reassign(TicketId id, const Actor& actor, AgentId assignee,
                                std::string reason, TeamId team) {
    auto reassign = command(LifecycleEvent::reassign, std::move(reason), std::move(team));
    reassign.assignee = std::move(assignee);
    return fire(id, actor, reassign);
}

Result<Ticket> Engine::start(TicketId id, const Actor& actor) {
    return fire(id, actor, command(LifecycleEvent::start));
}

Result<Ticket> Engine::request_info(TicketId id, const Actor& actor, std::string question) {
    return fire(id, actor, saying(LifecycleEvent::request_info, std::move(question)));
}

Result<Ticket> Engine::customer_replied(TicketId id, const Actor& actor, std::string reply) {
    return fire(id, actor, saying(LifecycleEvent::customer_replied, std::move(reply)));
}

Result<Ticket> Engine::escalate(TicketId id, const Actor& actor, std::string reason, TeamId team) {
    return fire(id, actor, command(LifecycleEvent::escalate, std::move(reason), std::move(team)));
}

Result<Ticket> Engine::resolve(TicketId id, const Actor& actor, std::string solution) {
    auto resolve = command(LifecycleEvent::resolve);
    resolve.solution = std::move(solution);
    return fire(id, actor, resolve);
}

Result<Ticket> Engine::confirm(TicketId id, const Actor& actor, Satisfaction satisfaction) {
    auto confirm = command(LifecycleEvent::confirm);
    confirm.satisfaction = std::move(satisfaction);
    return fire(id, actor, confirm);
}

Result<Ticket> Engine::reject(TicketId id, const Actor& actor, std::string reason) {
    return fire(id, actor, command(LifecycleEvent::reject, std::move(reason)));
}

Result<Ticket> Engine::auto_close(TicketId id, const Actor& actor) {
    return fire(id, actor, command(LifecycleEvent::auto_close));
}

Result<Ticket> Engine::close(TicketId id, const Actor& actor, std::string reason,
                             std::string closure_code) {
    auto close = command(LifecycleEvent::close, std::move(reason));
    close.closure_code = std::move(closure_code);
    return fire(id, actor, close);
}

Result<Ticket> Engine::reopen(TicketId id, const Actor& actor, std::string reason,
                              std::optional<Actor> approved_by) {
    auto reopen = command(LifecycleEvent::reopen, std::move(reason));
    reopen.approved_by = std::move(approved_by);
    return fire(id, actor, reopen);
}

Result<Ticket> Engine::cancel(TicketId id, const Actor& actor, std::string reason) {
    return fire(id, actor, command(LifecycleEvent::cancel, std::move(reason)));
}

Result<Ticket> Engine::unassign(TicketId id, const Actor& actor, std::string reason) {
    return fire(id, actor, command(LifecycleEvent::unassign, std::move(reason)));
}

Result<Ticket> Engine::transfer(TicketId id, const Actor& actor, TeamId team, std::string reason) {
    return fire(id, actor, command(LifecycleEvent::transfer, std::move(reason), std::move(team)));
}

Result<Ticket> Engine::hold(TicketId id, const Actor& actor, std::string status, std::string note) {
    auto hold = saying(LifecycleEvent::hold, std::move(note));
    hold.status = std::move(status);
    return fire(id, actor, hold);
}

Result<Ticket> Engine::resume(TicketId id, const Actor& actor, std::string note) {
    return fire(id, actor, saying(LifecycleEvent::resume, std::move(note)));
}

Result<Ticket> Engine::set_status(TicketId id, const Actor& actor, std::string status) {
    LifecycleCommand set{LifecycleEvent::set_status};
    set.status = std::move(status);
    return fire(id, actor, set);
}

Result<Ticket> Engine::add_note(TicketId id, const Actor& actor, std::string text,
                                Visibility visibility) {
    return impl_->mutate(id, actor, [&](Ticket& ticket, AuditEvent& entry) -> Result<void> {
        if (auto may = impl_->may_record(ticket, actor, "add a note"); !may) return may;
        return detail::add_note(ticket, entry, text, visibility, config().intake,
                                config().workflow.profile.notes_after_close);
    });
}

Result<Ticket> Engine::change_priority(TicketId id, const Actor& actor, Priority priority,
                                       std::string reason) {
    return impl_->mutate(id, actor, [&](Ticket& ticket, AuditEvent& entry) {
        return detail::change_priority(ticket, entry, priority, reason, config().intake);
    });
}

Result<Ticket> Engine::add_collaborator(TicketId id, const Actor& actor, AgentId agent,
                                        std::string role) {
    return impl_->mutate(id, actor, [&](Ticket& ticket, AuditEvent& entry) {
        return detail::add_collaborator(ticket, entry, agent, role, config().intake);
    });
}

Result<Ticket> Engine::remove_collaborator(TicketId id, const Actor& actor, AgentId agent) {
    return impl_->mutate(id, actor, [&](Ticket& ticket, AuditEvent& entry) {
        return detail::remove_collaborator(ticket, entry, agent);
    });
}

Result<Ticket> Engine::attach(TicketId id, const Actor& actor, Attachment attachment) {
    return impl_->mutate(id, actor, [&](Ticket& ticket, AuditEvent& entry) -> Result<void> {
        if (auto may = impl_->may_record(ticket, actor, "attach a file"); !may) return may;
        return detail::attach(ticket, entry, attachment, config().intake,
                              config().workflow.profile.notes_after_close);
    });
}

Result<Ticket> Engine::dispatch(TicketId id, const Actor& actor) {
    return impl_->dispatch(id, actor);
}

dispatch::Directory Engine::directory() const {
    return impl_->directory();
}

Result<void> Engine::put_agent(const Actor& actor, dispatch::Agent agent) {
    return impl_->change_directory(
        actor, [&](detail::Dispatcher& d) { return d.put_agent(std::move(agent)); });
}

Result<void> Engine::put_team(const Actor& actor, dispatch::Team team) {
    return impl_->change_directory(
        actor, [&](detail::Dispatcher& d) { return d.put_team(std::move(team)); });
}

Result<std::vector<Ticket>> Engine::set_agent_absent(const Actor& actor, const AgentId& agent,
                                                     bool absent) {
    return impl_->set_agent_absent(actor, agent, absent);
}

Result<Ticket> Engine::change_sla_policy(TicketId id, const Actor& actor, std::string policy,
                                         std::string reason) {
    return impl_->mutate_with_sla(
        id, actor, [&](Ticket& ticket, AuditEvent& entry, detail::LoadedSla& sla) -> Result<void> {
            auto checked =
                detail::prepare_sla_policy_change(ticket, entry, reason, config().intake);
            if (!checked) return checked;
            return impl_->sla().change_policy(ticket, entry, sla, policy, entry.at);
        });
}

TickReport Engine::tick() {
    return impl_->tick(impl_->now());
}

TickReport Engine::tick(Timestamp now) {
    return impl_->tick(now);
}

std::optional<Timestamp> Engine::next_sla_deadline() const {
    return impl_->next_sla_deadline();
}

Result<SlaStatus> Engine::sla_status(TicketId id) const {
    return impl_->sla_status(id);
}

Result<Ticket> Engine::get(TicketId id) const {
    return impl_->store().load(id);
}

Result<Ticket> Engine::find_by_number(std::string_view number) const {
    return impl_->store().load_by_number(number);
}

Result<Page<Ticket>> Engine::find(const TicketQuery& query) const {
    if (query.limit == 0 || query.limit > TicketQuery::max_limit) {
        return validation_error("limit",
                                "page size must be 1 to " + std::to_string(TicketQuery::max_limit));
    }
    return impl_->store().find(query);
}

Result<std::vector<AuditEvent>> Engine::audit_trail(TicketId id) const {
    return impl_->store().audit_trail(id);
}

Result<void> Engine::batch(const BatchWork& work) {
    EngineBatch batch{*this};
    if (!batch.began()) return batch.began();
    if (auto done = detail::running_work("batch", work); !done) {
        batch.roll_back();
        return done;
    }
    return batch.commit();
}

EngineBatch::EngineBatch(Engine& engine)
    : engine_(*engine.impl_), began_(engine_.begin_batch(batch_)) {}

EngineBatch::~EngineBatch() {
    roll_back();
}

Result<void> EngineBatch::commit() {
    if (!batch_) return began_ ? detail::no_batch_here() : began_;
    return engine_.end_batch(batch_, true);
}

void EngineBatch::roll_back() noexcept {
    if (batch_) (void)engine_.end_batch(batch_, false);
}

Result<std::vector<LifecycleEvent>> Engine::allowed_events(TicketId id, const Actor& actor) const {
    auto ticket = get(id);
    if (!ticket) return ticket.error();
    return impl_->lifecycle().allowed(*ticket, actor);
}

}  // namespace ticketflow
