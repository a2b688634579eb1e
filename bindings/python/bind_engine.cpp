// The engine. Every command releases the GIL while it runs, so Python threads can drive the engine
// in parallel and a Python store or clock can be called back from any thread.
#include <ticketflow/engine.hpp>
#include <ticketflow/engine/ticker.hpp>

#include "batch_scope.hpp"
#include "bindings.hpp"
#include "python_objects.hpp"
#include "value_class.hpp"

namespace ticketflow::python {
namespace {

using Release = py::call_guard<py::gil_scoped_release>;

/// Lets a Python class derived from ticketflow.CustomerAccess say which customer a customer actor
/// speaks for. Asked from any thread while a command runs: the call takes the GIL; an exception it
/// raises counts as "no" (reported as unraisable), so a failing check never grants access.
class PyCustomerAccess : public CustomerAccess {
  public:
    bool acts_for(const Actor& actor, const Customer& customer) const override {
        py::gil_scoped_acquire gil;
        const py::function override =
            py::get_override(static_cast<const CustomerAccess*>(this), "acts_for");
        if (!override) return false;
        try {
            return override(actor, customer).cast<bool>();
        } catch (py::error_already_set& raised) {
            raised.discard_as_unraisable("ticketflow.CustomerAccess.acts_for");
            return false;
        }
    }
};

void bind_customer_access(py::module_& m) {
    py::class_<CustomerAccess, PyCustomerAccess, std::shared_ptr<CustomerAccess>>(
        m, "CustomerAccess",
        "Subclass and define acts_for(actor, customer) -> bool: whether a customer actor speaks "
        "for a ticket's customer.")
        .def(py::init<>())
        .def("acts_for", &CustomerAccess::acts_for, py::arg("actor"), py::arg("customer"));
    py::class_<SameIdCustomerAccess, CustomerAccess, std::shared_ptr<SameIdCustomerAccess>>(
        m, "SameIdCustomerAccess", "The default: the actor's id is the customer's id.")
        .def(py::init<>());
}

void bind_configuration(py::module_& m) {
    bind_customer_access(m);
    ValueClass<EngineConfig>(m, "EngineConfig", "How an engine numbers and validates tickets.")
        .field("number_format", &EngineConfig::number_format, "TicketNumberFormat.")
        .field("time_zone", &EngineConfig::time_zone, "TimeZone whose date goes into numbers.")
        .field("intake", &EngineConfig::intake, "IntakePolicy.")
        .field("sla_policies", &EngineConfig::sla_policies,
               "sla.PolicySet: the policies and the rules that choose one per ticket.")
        .field("calendars", &EngineConfig::calendars,
               "dict of name → sla.Calendar, for policies that name one (assign a whole dict).")
        .field("directory", &EngineConfig::directory, "dispatch.Directory: agents and teams.")
        .property(
            "dispatch_rule",
            [](const EngineConfig& self) {
                return std::const_pointer_cast<dispatch::DispatchRule>(self.dispatch_rule);
            },
            [](EngineConfig& self, std::shared_ptr<dispatch::DispatchRule> rule) {
                self.dispatch_rule = keeping_python_alive(std::move(rule));
            },
            "dispatch.DispatchRule (a RuleSet, or a Python subclass), or None.")
        .field("auto_dispatch", &EngineConfig::auto_dispatch,
               "Dispatch tickets as soon as they are opened or escalated.")
        .field("notifications", &EngineConfig::notifications,
               "notify.Rules: which events notify whom; notify.Rules.standard() for the defaults.")
        .property(
            "contacts",
            [](const EngineConfig& self) {
                return std::const_pointer_cast<notify::ContactDirectory>(self.contacts);
            },
            [](EngineConfig& self, std::shared_ptr<notify::ContactDirectory> contacts) {
                self.contacts = keeping_python_alive(std::move(contacts));
            },
            "notify.ContactDirectory (e.g. a Python subclass) asked before the rules' contacts, "
            "or None.")
        .field("workflow", &EngineConfig::workflow,
               "lifecycle.Workflow: profile, statuses, closure codes, auto-close.")
        .property(
            "customer_access",
            [](const EngineConfig& self) {
                return std::const_pointer_cast<CustomerAccess>(self.customer_access);
            },
            [](EngineConfig& self, std::shared_ptr<CustomerAccess> access) {
                self.customer_access = keeping_python_alive(std::move(access));
            },
            "CustomerAccess (e.g. a Python subclass): which customer a customer actor speaks "
            "for; None: the same id.")
        .done();
    ValueClass<LifecycleCommand>(m, "LifecycleCommand", "Everything a lifecycle event may carry.")
        .field("event", &LifecycleCommand::event, "LifecycleEvent.")
        .field("assignee", &LifecycleCommand::assignee, "assign, reassign.")
        .field("team", &LifecycleCommand::team,
               "transfer (required); assign, reassign, escalate (optional).")
        .field("reason", &LifecycleCommand::reason,
               "reassign, escalate, reject, close, reopen, cancel, transfer.")
        .field("solution", &LifecycleCommand::solution, "resolve.")
        .field("message", &LifecycleCommand::message, "request_info, customer_replied, hold.")
        .field("status", &LifecycleCommand::status, "The status to land in; set_status needs it.")
        .field("closure_code", &LifecycleCommand::closure_code, "close, auto_close, cancel.")
        .field("satisfaction", &LifecycleCommand::satisfaction, "confirm.")
        .field("approved_by", &LifecycleCommand::approved_by, "reopen: approving supervisor.")
        .done();
}

void bind_lifecycle_commands(py::class_<Engine>& engine) {
    engine
        .def("fire", &Engine::fire, py::arg("ticket"), py::arg("actor"), py::arg("command"),
             Release(), "Fires any lifecycle event described by a LifecycleCommand.")
        .def("assign", &Engine::assign, py::arg("ticket"), py::arg("actor"), py::arg("assignee"),
             py::arg("team") = TeamId{}, Release(), "new/escalated → assigned.")
        .def("claim", &Engine::claim, py::arg("ticket"), py::arg("actor"), Release(),
             "The acting agent takes the ticket.")
        .def("reassign", &Engine::reassign, py::arg("ticket"), py::arg("actor"),
             py::arg("assignee"), py::arg("reason"), py::arg("team") = TeamId{}, Release(),
             "Hands the ticket to another agent, keeping its state; needs a reason.")
        .def("start", &Engine::start, py::arg("ticket"), py::arg("actor"), Release(),
             "The owner starts work: assigned → in_progress.")
        .def("request_info", &Engine::request_info, py::arg("ticket"), py::arg("actor"),
             py::arg("question"), Release(), "in_progress → waiting.")
        .def("customer_replied", &Engine::customer_replied, py::arg("ticket"), py::arg("actor"),
             py::arg("reply"), Release(), "waiting → in_progress.")
        .def("escalate", &Engine::escalate, py::arg("ticket"), py::arg("actor"), py::arg("reason"),
             py::arg("team") = TeamId{}, Release(),
             "Raises the ticket to a higher support tier (optionally a team); needs a reason.")
        .def("resolve", &Engine::resolve, py::arg("ticket"), py::arg("actor"), py::arg("solution"),
             Release(), "Records the solution: in_progress/escalated/waiting → resolved.")
        .def(
            "confirm",
            [](Engine& self, TicketId id, const Actor& actor, int score, std::string comment) {
                return self.confirm(id, actor, Satisfaction{score, std::move(comment)});
            },
            py::arg("ticket"), py::arg("actor"), py::arg("score"), py::arg("comment") = "",
            Release(), "The customer confirms with a score from 1 to 5: resolved → closed.")
        .def("reject", &Engine::reject, py::arg("ticket"), py::arg("actor"), py::arg("reason"),
             Release(), "The customer says it is not fixed: resolved → in_progress.")
        .def("auto_close", &Engine::auto_close, py::arg("ticket"), py::arg("actor"), Release(),
             "Closes a resolved or unanswered waiting ticket (system only).")
        .def("close", &Engine::close, py::arg("ticket"), py::arg("actor"), py::arg("reason"),
             py::arg("closure_code") = std::string{}, Release(),
             "Closes from any open state or resolved (as the profile allows); needs a reason or "
             "a closure code.")
        .def("unassign", &Engine::unassign, py::arg("ticket"), py::arg("actor"),
             py::arg("reason") = std::string{}, Release(),
             "Back to the team's queue: the owner is cleared (assigned → new).")
        .def("transfer", &Engine::transfer, py::arg("ticket"), py::arg("actor"), py::arg("team"),
             py::arg("reason"), Release(), "To another team's queue, owner cleared.")
        .def("hold", &Engine::hold, py::arg("ticket"), py::arg("actor"),
             py::arg("status") = std::string{}, py::arg("note") = std::string{}, Release(),
             "Waits for a vendor, a problem, a change, parts: → waiting.")
        .def("resume", &Engine::resume, py::arg("ticket"), py::arg("actor"),
             py::arg("note") = std::string{}, Release(), "The wait is over: waiting → in_progress.")
        .def("set_status", &Engine::set_status, py::arg("ticket"), py::arg("actor"),
             py::arg("status"), Release(), "Another status of the same state.")
        .def("reopen", &Engine::reopen, py::arg("ticket"), py::arg("actor"), py::arg("reason"),
             py::arg("approved_by") = std::optional<Actor>{}, Release(),
             "closed → in_progress, with a supervisor's approval.")
        .def("cancel", &Engine::cancel, py::arg("ticket"), py::arg("actor"), py::arg("reason"),
             Release(), "Cancels an open ticket (duplicate, withdrawn, spam); needs a reason.");
}

void bind_record_commands(py::class_<Engine>& engine) {
    engine
        .def("add_note", &Engine::add_note, py::arg("ticket"), py::arg("actor"), py::arg("text"),
             py::arg("visibility") = Visibility::internal, Release(),
             "Adds a progress note; customers may only add customer-visible ones.")
        .def("change_priority", &Engine::change_priority, py::arg("ticket"), py::arg("actor"),
             py::arg("priority"), py::arg("reason"), Release(),
             "Changes the priority with a reason; only supervisors may set or leave urgent.")
        .def("add_collaborator", &Engine::add_collaborator, py::arg("ticket"), py::arg("actor"),
             py::arg("agent"), py::arg("role") = std::string{}, Release(),
             "Adds an agent who helps the owner, optionally in a role ('parts', 'on-site').")
        .def("remove_collaborator", &Engine::remove_collaborator, py::arg("ticket"),
             py::arg("actor"), py::arg("agent"), Release(), "Removes a collaborator.")
        .def("attach", &Engine::attach, py::arg("ticket"), py::arg("actor"), py::arg("attachment"),
             Release(), "Records an attachment's metadata, checked against the attachment policy.");
}

void bind_queries(py::class_<Engine>& engine) {
    engine.def("get", &Engine::get, py::arg("ticket"), Release(), "Raises NotFound.")
        .def("find_by_number", &Engine::find_by_number, py::arg("number"), Release(),
             "The ticket with this human number; raises NotFound.")
        .def("find", &Engine::find, py::arg_v("query", TicketQuery{}, "TicketQuery()"), Release(),
             "One page of tickets matching the query.")
        .def("audit_trail", &Engine::audit_trail, py::arg("ticket"), Release(),
             "The ticket's audit events, oldest first.")
        .def("allowed_events", &Engine::allowed_events, py::arg("ticket"), py::arg("actor"),
             Release(), "What the actor may do to the ticket now.");
}

using EngineBatchScope = BatchScope<Engine, EngineBatch>;

void bind_batches(py::module_& m, py::class_<Engine>& engine) {
    EngineBatchScope::bind(m, "EngineBatch", "A batch of engine commands; see Engine.batch().");
    engine.def(
        "batch", [](Engine& self) { return std::make_unique<EngineBatchScope>(self); },
        py::keep_alive<0, 1>(),
        R"doc(A batch: the commands this thread runs inside the block are saved in one store
transaction, committed when the block ends.

    with engine.batch():
        for row in log:
            engine.open(draft_of(row), importer)   # a refused command changes nothing

A refused command raises as usual and, caught, leaves the batch going on. An exception leaving
the block rolls the whole batch back (and goes on); a commit that fails raises StorageError. Either
way nothing of the batch is saved, and the engine forgets what it took from its commands.
Commands of other threads wait until the batch ends; a batch inside a batch raises
ValidationError.)doc");
}

void bind_sla_reports(py::module_& m) {
    ValueClass<SlaStatus>(m, "SlaStatus", "A ticket's SLA as the engine tracks it.")
        .field("ticket", &SlaStatus::ticket, "Ticket id.")
        .field("policy", &SlaStatus::policy, "The policy whose targets apply.")
        .field("calendar", &SlaStatus::calendar, "Its business calendar; '' = around the clock.")
        .field("policy_pinned", &SlaStatus::policy_pinned, "Set by change_sla_policy.")
        .field("metrics", &SlaStatus::metrics,
               "[first_response, next_update, resolution] as sla.MetricStatus.")
        .field("next_deadline", &SlaStatus::next_deadline, "The next warning, breach or step.")
        .done()
        .def("metric", &SlaStatus::metric, py::arg("metric"), py::return_value_policy::copy,
             "One metric's sla.MetricStatus.");
    ValueClass<TickReport>(m, "TickReport", "What one Engine.tick() did.")
        .field("now", &TickReport::now, "Deadlines due by this instant were processed.")
        .field("tickets_due", &TickReport::tickets_due, "Tickets whose deadline had come.")
        .field("events", &TickReport::events, "The SLA audit events recorded, in order.")
        .field("failures", &TickReport::failures, "Tickets left due for the next tick.")
        .done();
}

void bind_sla_commands(py::class_<Engine>& engine) {
    engine
        .def("tick", py::overload_cast<>(&Engine::tick), Release(),
             "Records every SLA warning, breach and escalation step due by the clock's now.")
        .def("tick", py::overload_cast<Timestamp>(&Engine::tick), py::arg("now"), Release(),
             "The same for deadlines due by `now` (replays, simulations).")
        .def("next_sla_deadline", &Engine::next_sla_deadline, Release(),
             "The earliest SLA deadline of any ticket, or None.")
        .def("sla_status", &Engine::sla_status, py::arg("ticket"), Release(),
             "The ticket's SlaStatus as of the clock's now.")
        .def("change_sla_policy", &Engine::change_sla_policy, py::arg("ticket"), py::arg("actor"),
             py::arg("policy"), py::arg("reason"), Release(),
             "A supervisor puts the ticket under another SLA policy; the time spent is kept.")
        .def("dispatch", &Engine::dispatch, py::arg("ticket"), py::arg("actor"), Release(),
             "Routes the ticket by the configured rule: to the agent it chooses, or into the\n"
             "team's queue; one 'dispatch' audit event with the rule's explanation.")
        .def("directory", &Engine::directory, Release(),
             "The dispatch.Directory, with each agent's load as this engine sees it.")
        .def("put_agent", &Engine::put_agent, py::arg("actor"), py::arg("agent"), Release(),
             "Adds or replaces an agent of the directory (supervisors, admins, system).")
        .def("put_team", &Engine::put_team, py::arg("actor"), py::arg("team"), Release(),
             "Adds or replaces a team of the directory (supervisors, admins, system).")
        .def("set_agent_absent", &Engine::set_agent_absent, py::arg("actor"), py::arg("agent"),
             py::arg("absent"), Release(),
             "Marks an agent absent or back; absent, their tickets under way are dispatched\n"
             "again without them. Returns the tickets that moved.");
}

void bind_ticker(py::module_& m) {
    using Ticker = OwnedThread<BackgroundTicker>;
    py::class_<Ticker> ticker(m, "BackgroundTicker",
                              R"doc(Calls engine.tick() on a background thread.

    with ticketflow.BackgroundTicker(engine, timedelta(seconds=30)) as ticker:
        ...   # SLA deadlines are processed while this block runs

`on_tick`, if given, is called with each TickReport on the ticker's thread (holding the GIL).
)doc");
    ticker
        .def(py::init([](Engine& engine, std::chrono::microseconds period, py::object on_tick) {
                 auto observer = observer_from_python<TickReport>(
                     std::move(on_tick), "ticketflow.BackgroundTicker on_tick");
                 const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(period);
                 auto holder = std::make_unique<Ticker>();
                 holder->thread =
                     std::make_unique<BackgroundTicker>(engine, ms, std::move(observer));
                 return holder;
             }),
             py::arg("engine"), py::arg("period"), py::arg("on_tick") = py::none(),
             py::keep_alive<1, 2>())
        .def_property_readonly("ticks", [](const Ticker& self) { return self.thread->ticks(); });
    with_thread_control(ticker);
}

}  // namespace

void bind_engine(py::module_& m) {
    bind_configuration(m);
    py::class_<Engine> engine(m, "Engine", R"doc(The ticket workflow engine.

Every command checks the actor's role, validates its input, runs the lifecycle table and saves the
ticket with one audit event atomically. A refused command raises a ticketflow.Error subclass and
changes nothing.

    engine = ticketflow.Engine(ticketflow.MemoryStore(), ticketflow.SystemClock())
    ticket = engine.open(draft, ticketflow.Actor.customer("c-42"))
)doc");
    engine
        .def(py::init([](std::shared_ptr<Store> store, std::shared_ptr<Clock> clock,
                         EngineConfig config) {
                 // ValidationError naming the field, through the exception translator.
                 return Engine::create(std::move(store), std::move(clock), std::move(config))
                     .value();
             }),
             py::arg("store"), py::arg("clock"),
             py::arg_v("config", EngineConfig{}, "EngineConfig()"),
             // The engine keeps its store and clock; keep their Python halves alive with it.
             py::keep_alive<1, 2>(), py::keep_alive<1, 3>())
        .def_property_readonly("config", &Engine::config)
        .def("open", &Engine::open, py::arg("draft"), py::arg("actor"), Release(),
             "Opens a ticket from intake; raises ValidationError for a bad draft.");
    bind_lifecycle_commands(engine);
    bind_record_commands(engine);
    bind_queries(engine);
    bind_sla_reports(m);
    bind_sla_commands(engine);
    bind_batches(m, engine);
    bind_ticker(m);
}

}  // namespace ticketflow::python
