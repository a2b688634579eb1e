// The engine. Every command releases the GIL while it runs, so Python threads can drive the engine
// in parallel and a Python store or clock can be called back from any thread.
#include <ticketflow/engine.hpp>

#include "bindings.hpp"
#include "value_class.hpp"

namespace ticketflow::python {
namespace {

using Release = py::call_guard<py::gil_scoped_release>;

void bind_configuration(py::module_& m) {
    ValueClass<EngineConfig>(m, "EngineConfig", "How an engine numbers and validates tickets.")
        .field("number_format", &EngineConfig::number_format, "TicketNumberFormat.")
        .field("time_zone", &EngineConfig::time_zone, "TimeZone whose date goes into numbers.")
        .field("intake", &EngineConfig::intake, "IntakePolicy.")
        .done();
    ValueClass<LifecycleCommand>(m, "LifecycleCommand", "Everything a lifecycle event may carry.")
        .field("event", &LifecycleCommand::event, "LifecycleEvent.")
        .field("assignee", &LifecycleCommand::assignee, "assign, reassign.")
        .field("team", &LifecycleCommand::team, "assign, reassign, escalate (optional).")
        .field("reason", &LifecycleCommand::reason,
               "reassign, escalate, reject, close, reopen, cancel.")
        .field("solution", &LifecycleCommand::solution, "resolve.")
        .field("message", &LifecycleCommand::message, "request_info, customer_replied.")
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
             py::arg("question"), Release(), "in_progress → waiting_customer.")
        .def("customer_replied", &Engine::customer_replied, py::arg("ticket"), py::arg("actor"),
             py::arg("reply"), Release(), "waiting_customer → in_progress.")
        .def("escalate", &Engine::escalate, py::arg("ticket"), py::arg("actor"), py::arg("reason"),
             py::arg("team") = TeamId{}, Release(),
             "Raises the ticket to a higher support tier (optionally a team); needs a reason.")
        .def("resolve", &Engine::resolve, py::arg("ticket"), py::arg("actor"), py::arg("solution"),
             Release(), "Records the solution: in_progress/escalated/waiting_customer → resolved.")
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
             "Closes a resolved ticket the customer did not answer (system only).")
        .def("close", &Engine::close, py::arg("ticket"), py::arg("actor"), py::arg("reason"),
             Release(),
             "Closes a resolved ticket administratively (supervisor/admin); needs a reason.")
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
             py::arg("agent"), Release(), "Adds an agent who helps the owner.")
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
                 return std::make_unique<Engine>(std::move(store), std::move(clock),
                                                 std::move(config));
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
}

}  // namespace ticketflow::python
