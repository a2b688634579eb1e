// The lifecycle table: fire an event at a state, list allowed events, read the rules; workflow
// profiles, statuses and the workflow a desk configures.
#include <pybind11/operators.h>

#include <ticketflow/lifecycle/lifecycle.hpp>
#include <ticketflow/lifecycle/workflow_json.hpp>

#include "bindings.hpp"
#include "value_class.hpp"

namespace ticketflow::python {
namespace {

void bind_input(py::module_& lc) {
    using lifecycle::Input;
    ValueClass<Input>(lc, "Input", "What accompanies an event; the guards check it.")
        .field("role", &Input::role, "Role.")
        .field("actor_is_owner", &Input::actor_is_owner, "The actor owns the ticket.")
        .field("actor_is_collaborator", &Input::actor_is_collaborator, "A collaborator.")
        .field("actor_in_queue", &Input::actor_in_queue,
               "Nobody owns it and it waits in a queue the actor works from.")
        .field("actor_is_customer", &Input::actor_is_customer,
               "The actor acts for the ticket's customer.")
        .field("ticket_has_owner", &Input::ticket_has_owner, "Somebody owns the ticket.")
        .field("has_assignee", &Input::has_assignee, "An assignee was named.")
        .field("has_team", &Input::has_team, "A team was named.")
        .field("has_reason", &Input::has_reason, "A reason was given.")
        .field("has_closure_code", &Input::has_closure_code, "A closure code was given.")
        .field("has_solution", &Input::has_solution, "A solution was given.")
        .field("has_status", &Input::has_status, "A target status was named.")
        .field("satisfaction", &Input::satisfaction, "1–5, 0 when none.")
        .field("supervisor_approval", &Input::supervisor_approval, "For reopen.")
        .done()
        .def_static(
            "complete", [](Role role) { return Input::complete(role); }, py::arg("role"),
            "Input that passes every guard except the role check.");
}

void bind_table(py::module_& lc) {
    using lifecycle::Profile;
    py::class_<lifecycle::Transition>(lc, "Transition", "The table's answer to one event.")
        .def_readonly("allowed", &lifecycle::Transition::allowed)
        .def_readonly("target", &lifecycle::Transition::target)
        .def_readonly("refusal", &lifecycle::Transition::refusal)
        .def_property_readonly("field",
                               [](const lifecycle::Transition& t) { return std::string(t.field); })
        .def_property_readonly("reason",
                               [](const lifecycle::Transition& t) { return std::string(t.reason); })
        .def("__bool__", [](const lifecycle::Transition& t) { return t.allowed; });
    ValueClass<lifecycle::Rule>(lc, "Rule", "One row of the transition table.")
        .field("source", &lifecycle::Rule::from, "TicketState the row starts from.")
        .field("event", &lifecycle::Rule::event, "LifecycleEvent.")
        .field("target", &lifecycle::Rule::to, "TicketState the row leads to.")
        .field("roles", &lifecycle::Rule::roles, "Roles the guard admits.")
        .field("needs", &lifecycle::Rule::needs, "What the guard requires, in order.")
        .done();
    lc.def(
        "fire",
        [](TicketState state, LifecycleEvent event, lifecycle::Input input,
           const Profile& profile) {
            input.profile = &profile;
            return lifecycle::fire(state, event, input);
        },
        py::arg("state"), py::arg("event"), py::arg("input"),
        py::arg_v("profile", Profile::standard(), "Profile.standard()"),
        "Fires `event` at a ticket in `state` under `profile`; returns a Transition, never "
        "raises.");
    lc.def("allowed_events", &lifecycle::allowed_events, py::arg("state"), py::arg("role"),
           py::arg_v("profile", Profile::standard(), "Profile.standard()"));
    lc.def("transition_table", &lifecycle::transition_table,
           py::arg_v("profile", Profile::standard(), "Profile.standard()"));
    lc.def("mermaid_diagram", &lifecycle::mermaid_diagram,
           py::arg_v("profile", Profile::standard(), "Profile.standard()"));
}

void bind_profile(py::module_& lc) {
    using lifecycle::Profile;
    py::class_<Profile> profile(lc, "Profile",
                                "Which rows of the table a desk has on, and who fires them.");
    profile.def_static("standard", &Profile::standard, "Real desks (the default).")
        .def_static("documents", &Profile::documents, "The service documents' strict flow.")
        .def_static("named", &Profile::named, py::arg("name"), "'standard' or 'documents'.")
        .def_property("name", &Profile::name, &Profile::set_name)
        .def("allows", &Profile::allows, py::arg("source"), py::arg("event"))
        .def("roles", &Profile::roles, py::arg("source"), py::arg("event"))
        .def("set_row", &Profile::set_row, py::arg("source"), py::arg("event"), py::arg("on"),
             "Switches a row on or off; raises ValidationError when the table has no such row.")
        .def("set_roles", &Profile::set_roles, py::arg("source"), py::arg("event"),
             py::arg("roles"))
        .def_readwrite("queue_work", &Profile::queue_work,
                       "Agents work on unowned tickets of their team's queue.")
        .def_readwrite("notes_after_close", &Profile::notes_after_close,
                       "Notes and attachments on closed and cancelled tickets.")
        .def(py::self == py::self);
    json_document(profile);
}

void bind_statuses(py::module_& lc) {
    using lifecycle::Status;
    using lifecycle::StatusCatalog;
    ValueClass<Status>(lc, "Status", "A desk's own status inside one lifecycle state.")
        .field("id", &Status::id, "str, e.g. 'waiting_vendor'.")
        .field("state", &Status::state, "TicketState it belongs to.")
        .field("labels", &Status::labels, "dict of locale → label.")
        .field("customer_wait", &Status::customer_wait, "The customer owes an answer.")
        .field("sla_pauses", &Status::sla_pauses,
               "list of Metric that stand still here, or None: the SLA policy decides.")
        .json()
        .done();
    py::class_<StatusCatalog> catalog(lc, "StatusCatalog", "The statuses a desk uses.");
    catalog.def_static("standard", &StatusCatalog::standard)
        .def_static("make", &StatusCatalog::make, py::arg("statuses"),
                    "Raises ValidationError naming the offending entry.")
        .def_property_readonly("statuses", &StatusCatalog::statuses)
        .def(
            "find",
            [](const StatusCatalog& c, const std::string& id) -> std::optional<Status> {
                const Status* found = c.find(id);
                return found ? std::optional<Status>(*found) : std::nullopt;
            },
            py::arg("id"))
        .def("default_of", &StatusCatalog::default_of, py::arg("state"),
             py::return_value_policy::copy)
        .def(py::self == py::self);
    json_document(catalog);
}

void bind_workflow(py::module_& lc) {
    using lifecycle::AutoClose;
    using lifecycle::Workflow;
    ValueClass<AutoClose>(lc, "AutoClose", "Closing by the clock, done by Engine.tick.")
        .field("waiting", &AutoClose::waiting, "timedelta of business time, or None.")
        .field("resolved", &AutoClose::resolved, "timedelta of business time, or None.")
        .field("calendar", &AutoClose::calendar, "Engine calendar; '' = around the clock.")
        .field("waiting_code", &AutoClose::waiting_code, "Closure code of an unanswered wait.")
        .field("resolved_code", &AutoClose::resolved_code, "Closure code of an unconfirmed one.")
        .json()
        .done();
    ValueClass<Workflow>(lc, "Workflow", "A desk's profile, statuses, closure codes, auto-close.")
        .field("profile", &Workflow::profile, "Profile.")
        .field("statuses", &Workflow::statuses, "StatusCatalog.")
        .field("closure_codes", &Workflow::closure_codes, "list of str; empty: any code.")
        .field("auto_close", &Workflow::auto_close, "AutoClose.")
        .json()
        .done()
        .def_static("documents", &Workflow::documents, "The service documents' workflow.");
}

}  // namespace

void bind_lifecycle(py::module_& m) {
    py::module_ lc = m.def_submodule("lifecycle", "The ticket lifecycle table (Boost.MSM).");
    bind_input(lc);
    bind_profile(lc);
    bind_table(lc);
    bind_statuses(lc);
    bind_workflow(lc);
}

}  // namespace ticketflow::python
