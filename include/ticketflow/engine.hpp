#pragma once
/// \file
/// The engine: the one façade that ties intake, lifecycle, audit and storage together.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <ticketflow/core/audit.hpp>
#include <ticketflow/core/clock.hpp>
#include <ticketflow/core/intake_policy.hpp>
#include <ticketflow/core/result.hpp>
#include <ticketflow/core/ticket.hpp>
#include <ticketflow/core/ticket_number.hpp>
#include <ticketflow/core/time_zone.hpp>
#include <ticketflow/dispatch/directory.hpp>
#include <ticketflow/dispatch/rule.hpp>
#include <ticketflow/engine/customer_access.hpp>
#include <ticketflow/engine/sla_status.hpp>
#include <ticketflow/lifecycle/workflow.hpp>
#include <ticketflow/notify/rules.hpp>
#include <ticketflow/sla/calendar.hpp>
#include <ticketflow/sla/policy.hpp>
#include <ticketflow/storage/store.hpp>

namespace ticketflow {

/// How an engine numbers and validates tickets, and the SLAs it holds them to.
struct EngineConfig {
    TicketNumberFormat number_format;  ///< default `HT{yyyy}{MM}{dd}{seq:4}`
    TimeZone time_zone;   ///< whose calendar date goes into ticket numbers; default UTC
    IntakePolicy intake;  ///< categories, attachment limits, text limits
    /// SLA policies and the rules that choose one per ticket; default: `sla::Policy::standard()`
    /// around the clock for every ticket (see docs/sla-policies.md).
    sla::PolicySet sla_policies;
    /// Business calendars by name; every policy's `calendar` must be one of them.
    std::map<std::string, sla::Calendar> calendars;
    /// Agents and teams, for dispatch and claims (docs/dispatch.md). The engine keeps each agent's
    /// load: the tickets they own that are under way (assigned, in progress, waiting for the
    /// customer, escalated). An agent with a `calendar` is on duty in that calendar's hours.
    dispatch::Directory directory;
    /// Where `dispatch` sends tickets; none: `dispatch` refuses, tickets are assigned by hand.
    std::shared_ptr<const dispatch::DispatchRule> dispatch_rule;
    /// Dispatch by the rule as soon as a ticket is opened or escalated.
    bool auto_dispatch = false;
    /// Which events notify whom, with which templates (docs/notifications.md). Each command
    /// writes the notifications it causes into the store's outbox in its own transaction; a relay
    /// delivers them. Default: none; `notify::Rules::standard()` has the documents' defaults.
    /// Every calendar the rules name must be in `calendars`.
    notify::Rules notifications;
    /// The application's contacts (addresses, locale, time zone, business hours), asked before
    /// the contact book of `notifications`; optional.
    std::shared_ptr<const notify::ContactDirectory> contacts;
    /// The desk's workflow: its profile (`standard` by default, `documents` for the service
    /// documents' strict flow), statuses, closure codes and auto-close (docs/lifecycle.md).
    lifecycle::Workflow workflow;
    /// Which customer a customer actor speaks for; none: `SameIdCustomerAccess`.
    std::shared_ptr<const CustomerAccess> customer_access;

    friend bool operator==(const EngineConfig& a, const EngineConfig& b) {
        return a.number_format == b.number_format && a.time_zone == b.time_zone &&
               a.intake == b.intake && a.sla_policies == b.sla_policies &&
               a.calendars == b.calendars && a.directory == b.directory &&
               a.dispatch_rule == b.dispatch_rule && a.auto_dispatch == b.auto_dispatch &&
               a.notifications == b.notifications && a.contacts == b.contacts &&
               a.workflow == b.workflow && a.customer_access == b.customer_access;
    }
};

/// Everything a lifecycle event may carry. Which parts are required depends on the event; see
/// docs/lifecycle.md (e.g. `resolve` needs `solution`, `reopen` needs `reason` and approval).
struct LifecycleCommand {
    explicit LifecycleCommand(LifecycleEvent fired = LifecycleEvent::assign) : event(fired) {}

    LifecycleEvent event;
    AgentId assignee;      ///< assign, reassign
    TeamId team;           ///< transfer (required); assign, reassign, escalate (optional)
    std::string reason;    ///< reassign, escalate, reject, close, reopen, cancel, transfer
    std::string solution;  ///< resolve
    std::string message;   ///< request_info (the question), customer_replied (the reply), hold
    /// The status to land in (one of the workflow's, of the target state); set_status needs it,
    /// other events land in a default (docs/lifecycle.md "Statuses").
    std::string status;
    std::string closure_code;  ///< close, auto_close, cancel: one of the workflow's codes
    std::optional<Satisfaction> satisfaction;  ///< confirm
    std::optional<Actor>
        approved_by;  ///< reopen: the approving supervisor, unless the actor is one

    friend bool operator==(const LifecycleCommand& a, const LifecycleCommand& b) {
        return a.event == b.event && a.assignee == b.assignee && a.team == b.team &&
               a.reason == b.reason && a.solution == b.solution && a.message == b.message &&
               a.status == b.status && a.closure_code == b.closure_code &&
               a.satisfaction == b.satisfaction && a.approved_by == b.approved_by;
    }
};

/// The ticket workflow engine.
///
/// Every command checks the actor's role, validates its input, runs the lifecycle table, and saves
/// the ticket together with one audit event in one store transaction. A refused command returns a
/// typed `Error` and changes nothing. Commands on different tickets run in parallel; commands on
/// one ticket are serialised here and, across engines sharing a store, by optimistic versioning.
///
///     auto engine = Engine::create(std::make_shared<MemoryStore>(),
///                                  std::make_shared<SystemClock>()).value();
///     Ticket t = engine->open(draft, Actor::customer("c-42")).value();
class Engine {
  public:
    /// An engine on `store`, or the error that prevents one: `validation_failed` naming the field
    /// when the store or clock is missing, or a policy, an agent or a notification contact names
    /// a calendar `config` lacks ("sla_policies.policies[1].calendar"); the store's error when
    /// its tickets cannot be read. Reads the SLA deadlines of the store's tickets into the
    /// deadline queue, so an engine opened on an existing store carries on where the last one
    /// stopped.
    static Result<std::unique_ptr<Engine>> create(std::shared_ptr<Store> store,
                                                  std::shared_ptr<const Clock> clock,
                                                  EngineConfig config = {});

    /// The same as `create`, for code that prefers an engine by value: throws `Exception` with
    /// the error `create` would return.
    Engine(std::shared_ptr<Store> store, std::shared_ptr<const Clock> clock,
           EngineConfig config = {});
    ~Engine();
    Engine(const Engine&) = delete;
    Engine& operator=(const Engine&) = delete;

    const EngineConfig& config() const noexcept;

    /// Opens a ticket from intake: validates the draft, allocates its number, records "open".
    Result<Ticket> open(const TicketDraft& draft, const Actor& actor);

    /// Fires any lifecycle event; the named commands below are shorthands for it.
    Result<Ticket> fire(TicketId id, const Actor& actor, const LifecycleCommand& command);

    Result<Ticket> assign(TicketId id, const Actor& actor, AgentId assignee, TeamId team = {});
    /// The acting agent takes the ticket from the queue.
    Result<Ticket> claim(TicketId id, const Actor& actor);
    Result<Ticket> reassign(TicketId id, const Actor& actor, AgentId assignee, std::string reason,
                            TeamId team = {});
    Result<Ticket> start(TicketId id, const Actor& actor);
    Result<Ticket> request_info(TicketId id, const Actor& actor, std::string question);
    Result<Ticket> customer_replied(TicketId id, const Actor& actor, std::string reply);
    Result<Ticket> escalate(TicketId id, const Actor& actor, std::string reason, TeamId team = {});
    Result<Ticket> resolve(TicketId id, const Actor& actor, std::string solution);
    Result<Ticket> confirm(TicketId id, const Actor& actor, Satisfaction satisfaction);
    Result<Ticket> reject(TicketId id, const Actor& actor, std::string reason);
    Result<Ticket> auto_close(TicketId id, const Actor& actor);
    /// Closes from any open state or from resolved (as the profile allows), with a reason, a
    /// closure code, or both.
    Result<Ticket> close(TicketId id, const Actor& actor, std::string reason,
                         std::string closure_code = {});
    Result<Ticket> reopen(TicketId id, const Actor& actor, std::string reason,
                          std::optional<Actor> approved_by = std::nullopt);
    Result<Ticket> cancel(TicketId id, const Actor& actor, std::string reason);
    /// The owner gives the ticket back to its team's queue (an assigned ticket becomes new).
    Result<Ticket> unassign(TicketId id, const Actor& actor, std::string reason = {});
    /// Moves the ticket to `team`'s queue, nobody owning it; the state stays (assigned → new).
    Result<Ticket> transfer(TicketId id, const Actor& actor, TeamId team, std::string reason);
    /// Waits for someone other than the customer; `status` says whom (default: the workflow's
    /// first such wait, e.g. "waiting_vendor").
    Result<Ticket> hold(TicketId id, const Actor& actor, std::string status = {},
                        std::string note = {});
    /// The wait is over (the vendor answered, the parts came): back to in progress.
    Result<Ticket> resume(TicketId id, const Actor& actor, std::string note = {});
    /// Another status of the same state, e.g. "waiting_customer" → "waiting_parts".
    Result<Ticket> set_status(TicketId id, const Actor& actor, std::string status);

    /// A progress note; customers may only add customer-visible ones.
    Result<Ticket> add_note(TicketId id, const Actor& actor, std::string text,
                            Visibility visibility = Visibility::internal);
    /// Needs a reason; agents may move between low, medium and high, only supervisors and admins
    /// (and the system's escalation) may set or leave urgent.
    Result<Ticket> change_priority(TicketId id, const Actor& actor, Priority priority,
                                   std::string reason);
    /// Another agent helps with the ticket, optionally in a named role ("parts", "on-site").
    Result<Ticket> add_collaborator(TicketId id, const Actor& actor, AgentId agent,
                                    std::string role = {});
    Result<Ticket> remove_collaborator(TicketId id, const Actor& actor, AgentId agent);
    /// Records an attachment's metadata, checked against the attachment policy.
    Result<Ticket> attach(TicketId id, const Actor& actor, Attachment attachment);

    /// Sends the ticket where the configured dispatch rule says: to the agent it chooses (an
    /// assignment from new or escalated, a reassignment otherwise), or into the team's queue when
    /// nobody can take it; applies the rule's priority and tags. One "dispatch" audit event, whose
    /// reason is the rule's explanation. Supervisors, admins and the system dispatch.
    Result<Ticket> dispatch(TicketId id, const Actor& actor);
    /// The directory, with each agent's load as this engine sees it.
    dispatch::Directory directory() const;
    /// Adds or replaces an agent or a team (supervisors, admins, the system).
    Result<void> put_agent(const Actor& actor, dispatch::Agent agent);
    Result<void> put_team(const Actor& actor, dispatch::Team team);
    /// Marks an agent absent, or back. Marking absent dispatches every ticket they own that is
    /// under way again, without them; returns the tickets that moved (a ticket nobody else can
    /// take stays, and is not returned).
    Result<std::vector<Ticket>> set_agent_absent(const Actor& actor, const AgentId& agent,
                                                 bool absent);

    /// Supervisors and admins put the ticket under another SLA policy, with a reason. The time
    /// already spent is kept; the policy then stays when the priority changes.
    Result<Ticket> change_sla_policy(TicketId id, const Actor& actor, std::string policy,
                                     std::string reason);

    /// Processes every SLA deadline that has come by the clock's now: each ticket due gets its
    /// warnings, breaches and escalation steps recorded as audit events by the system actor, in
    /// the order they fell due; steps act (raise the priority, hand to a team, fire `escalate`)
    /// under the same rules as people's commands, and a step the ticket's state refuses is
    /// recorded as refused. Commands on a ticket also bring its SLA up to date first, so nothing
    /// is lost between ticks. Safe to call from any thread, e.g. a `BackgroundTicker`.
    TickReport tick();
    /// The same, for deadlines due by `now` (replays, simulations); entries are dated `now`.
    TickReport tick(Timestamp now);
    /// The earliest SLA deadline of any ticket, e.g. to sleep until it.
    std::optional<Timestamp> next_sla_deadline() const;
    /// The ticket's SLA clocks as of the clock's now.
    Result<SlaStatus> sla_status(TicketId id) const;

    Result<Ticket> get(TicketId id) const;
    Result<Ticket> find_by_number(std::string_view number) const;
    /// Tickets by state, owner, team, priority and customer, a page at a time.
    Result<Page<Ticket>> find(const TicketQuery& query) const;
    /// The ticket's audit events, oldest first; the store's error (`storage_failure`, `corrupt`)
    /// when they cannot be read.
    Result<std::vector<AuditEvent>> audit_trail(TicketId id) const;
    /// What `actor` may do to the ticket now (lifecycle events), e.g. to build a menu.
    Result<std::vector<LifecycleEvent>> allowed_events(TicketId id, const Actor& actor) const;

    /// Runs `work` as one batch of the store (`Store::batch`): every command the calling thread
    /// runs on this engine inside it is saved in one transaction when `work` returns. A refused
    /// command changes nothing and the batch goes on. When the batch stores nothing (`work`'s
    /// error or the commit's, returned here), the engine forgets what it cached, scheduled and
    /// counted from the batch's commands, and agrees with the store again. Commands of other
    /// threads wait until the batch ends, so `work` must not wait for them; reads go on (the
    /// store's rules apply). A batch inside a batch is refused with `validation_failed`.
    ///
    ///     auto imported = engine.batch([&]() -> Result<void> {
    ///         for (const auto& row : log) (void)engine.open(draft_of(row), importer);
    ///         return {};
    ///     });
    Result<void> batch(const BatchWork& work);

  private:
    friend class EngineBatch;
    class Impl;
    /// What both `create` and the constructor run: checks, then reads the store.
    static Result<std::unique_ptr<Impl>> make_impl(std::shared_ptr<Store> store,
                                                   std::shared_ptr<const Clock> clock,
                                                   EngineConfig config);
    explicit Engine(std::unique_ptr<Impl> impl);

    std::unique_ptr<Impl> impl_;
};

/// A batch of commands under way on the calling thread, for code that cannot put its work in one
/// function (`Engine::batch` is built on it): begun when made, committed by `commit`, rolled back
/// when destroyed before. Make it, run the commands and end it on one thread.
class EngineBatch {
  public:
    explicit EngineBatch(Engine& engine);
    ~EngineBatch();
    EngineBatch(const EngineBatch&) = delete;
    EngineBatch& operator=(const EngineBatch&) = delete;

    /// Whether the batch began; if not, why (then commands save one by one as usual).
    const Result<void>& began() const noexcept { return began_; }
    /// True from a successful start until `commit` or `roll_back`.
    bool active() const noexcept { return batch_.has_value(); }
    /// Saves every command run since the batch began, in one transaction; the store's error when
    /// that fails, and then none of them is saved. Ends the batch either way.
    Result<void> commit();
    /// Abandons the batch: none of its commands is saved.
    void roll_back() noexcept;

  private:
    Engine::Impl& engine_;
    std::optional<StoreBatch> batch_;
    Result<void> began_;
};

}  // namespace ticketflow
