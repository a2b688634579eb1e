// The lifecycle table: fire an event at a state, list allowed events, read the rules.
#include <ticketflow/lifecycle/lifecycle.hpp>

#include "bindings.hpp"
#include "value_class.hpp"

namespace ticketflow::python {

void bind_lifecycle(py::module_& m) {
    py::module_ lc = m.def_submodule("lifecycle", "The ticket lifecycle table (Boost.MSM).");
    ValueClass<lifecycle::Input>(lc, "Input", "What accompanies an event; the guards check it.")
        .field("role", &lifecycle::Input::role, "Role.")
        .field("actor_is_owner", &lifecycle::Input::actor_is_owner, "Needed to start work.")
        .field("has_assignee", &lifecycle::Input::has_assignee, "An assignee was named.")
        .field("has_reason", &lifecycle::Input::has_reason, "A reason was given.")
        .field("has_solution", &lifecycle::Input::has_solution, "A solution was given.")
        .field("satisfaction", &lifecycle::Input::satisfaction, "1–5, 0 when none.")
        .field("supervisor_approval", &lifecycle::Input::supervisor_approval, "For reopen.")
        .done()
        .def_static("complete", &lifecycle::Input::complete, py::arg("role"),
                    "Input passing every guard but the role check.");
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
        .field("needs", &lifecycle::Rule::needs, "Inputs the guard requires.")
        .done();
    lc.def("fire", &lifecycle::fire, py::arg("state"), py::arg("event"), py::arg("input"),
           "Fires `event` at a ticket in `state`; returns a Transition, never raises.");
    lc.def("allowed_events", &lifecycle::allowed_events, py::arg("state"), py::arg("role"));
    lc.def("transition_table", &lifecycle::transition_table);
    lc.def("mermaid_diagram", &lifecycle::mermaid_diagram);
}

}  // namespace ticketflow::python
