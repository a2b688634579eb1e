// SLA policies in `ticketflow.sla`: targets per priority and metric, warnings, the escalation
// ladder, and the rules that choose a policy for a ticket.
#include <pybind11/operators.h>

#include <ticketflow/sla/policy_json.hpp>

#include "bindings.hpp"
#include "value_class.hpp"

namespace ticketflow::python {
namespace {

void bind_policy_enums(py::module_& sla) {
    bind_enum<sla::Metric>(sla, "Metric", "What an SLA measures on a ticket.", "ticketflow.sla");
    bind_enum<sla::EscalationAction>(sla, "EscalationAction",
                                     "What an escalation step does when it comes due.",
                                     "ticketflow.sla");
}

void bind_policy_parts(py::module_& sla) {
    ValueClass<sla::WarningThreshold>(sla, "WarningThreshold",
                                      "When to warn before a breach (whichever comes first).")
        .field("percent_of_target", &sla::WarningThreshold::percent_of_target, "1–99 or None.")
        .field("before_due", &sla::WarningThreshold::before_due, "timedelta before due, or None.")
        .json()
        .done();
    ValueClass<sla::EscalationStep>(sla, "EscalationStep", "One rung of the escalation ladder.")
        .field("after_breach", &sla::EscalationStep::after_breach, "timedelta past the deadline.")
        .field("action", &sla::EscalationStep::action, "EscalationAction.")
        .field("team", &sla::EscalationStep::team, "Team for reassign_to_team.")
        .json()
        .done();
    ValueClass<sla::Rule, TicketCondition>(sla, "Rule",
                                           "Chooses a policy for tickets matching its conditions.")
        .field("policy", &sla::Rule::policy, "Name of the policy chosen.")
        .json()
        .done();
}

void bind_policy(py::module_& sla) {
    ValueClass<sla::Policy>(sla, "Policy",
                            "Targets per priority and metric, the calendar they count in, "
                            "warnings and an escalation ladder.")
        .field("name", &sla::Policy::name, "Unique name.")
        .field("calendar", &sla::Policy::calendar, "Business calendar name; '' = 24×7.")
        .field("warning", &sla::Policy::warning, "WarningThreshold.")
        .field("ladder", &sla::Policy::ladder, "list of EscalationStep, ascending.")
        .json()
        .done()
        .def("target", py::overload_cast<Priority, sla::Metric>(&sla::Policy::target, py::const_),
             py::arg("priority"), py::arg("metric"), "The target as a timedelta (0: untracked).")
        .def(
            "set_target",
            [](sla::Policy& self, Priority p, sla::Metric m, std::chrono::seconds target) {
                self.target(p, m) = target;
            },
            py::arg("priority"), py::arg("metric"), py::arg("target"))
        .def("pauses", &sla::Policy::pauses, py::arg("metric"),
             "States in which the metric's clock stands still.")
        .def(
            "set_pauses",
            [](sla::Policy& self, sla::Metric m, std::vector<TicketState> states) {
                self.pause_states[static_cast<std::size_t>(m)] = std::move(states);
            },
            py::arg("metric"), py::arg("states"))
        .def_static("standard", &sla::Policy::standard, "The service documents' defaults.");
}

void bind_policy_set(py::module_& sla) {
    py::class_<sla::PolicySet> policy_set(
        sla, "PolicySet", "Policies, the rules that pick them (first match wins), a default.");
    policy_set.def(py::init<>(), "Just the standard policy, as default.")
        .def(py::init([](std::vector<sla::Policy> policies, std::vector<sla::Rule> rules,
                         std::string default_policy) {
                 return sla::PolicySet::make(std::move(policies), std::move(rules),
                                             std::move(default_policy))
                     .value();
             }),
             py::arg("policies"), py::arg("rules"), py::arg("default_policy"),
             "Raises ValidationError naming the offending field.")
        .def_property_readonly("policies", &sla::PolicySet::policies)
        .def_property_readonly("rules", &sla::PolicySet::rules)
        .def_property_readonly("default_policy", &sla::PolicySet::default_policy)
        .def("choose", &sla::PolicySet::choose, py::arg("ticket"), py::return_value_policy::copy,
             "The policy for this ticket.")
        .def(py::self == py::self);
    json_document(policy_set);
}

}  // namespace

void bind_sla_policies(py::module_& m) {
    py::module_ sla = py::hasattr(m, "sla") ? py::module_(m.attr("sla"))
                                            : m.def_submodule("sla", "Service-level agreements.");
    bind_policy_enums(sla);
    bind_policy_parts(sla);
    bind_policy(sla);
    bind_policy_set(sla);
}

}  // namespace ticketflow::python
