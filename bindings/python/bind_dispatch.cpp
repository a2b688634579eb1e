// Dispatch: the directory of agents and teams, routing rules from JSON, and DispatchRule, which a
// Python class may implement to route by its own logic.
#include <ticketflow/dispatch/json.hpp>

#include "bindings.hpp"
#include "value_class.hpp"

namespace ticketflow::python {
namespace {

/// Lets a Python class derived from ticketflow.dispatch.DispatchRule route tickets. The engine
/// calls it from any thread with the GIL released; the call takes the GIL and hands Python copies,
/// so a rule that keeps what it was given never holds a dangling reference.
class PyDispatchRule : public dispatch::DispatchRule {
  public:
    std::optional<dispatch::Decision> propose(const dispatch::Request& request,
                                              const dispatch::Directory& directory) const override {
        py::gil_scoped_acquire gil;
        const py::function override =
            py::get_override(static_cast<const dispatch::DispatchRule*>(this), "propose");
        if (!override) throw py::type_error("DispatchRule subclass does not implement propose()");
        py::object proposed = override(py::cast(request, py::return_value_policy::copy),
                                       py::cast(directory, py::return_value_policy::copy));
        return proposed.cast<std::optional<dispatch::Decision>>();
    }

    // Optional in Python: a rule that does not define requirements() requires nothing.
    std::optional<dispatch::Requirements> requirements(const Ticket& ticket) const override {
        py::gil_scoped_acquire gil;
        const py::function override =
            py::get_override(static_cast<const dispatch::DispatchRule*>(this), "requirements");
        if (!override) return std::nullopt;
        return override(py::cast(ticket, py::return_value_policy::copy))
            .cast<std::optional<dispatch::Requirements>>();
    }
};

void bind_people(py::module_& d) {
    ValueClass<dispatch::Agent>(d, "Agent", "An agent who can own tickets.")
        .field("id", &dispatch::Agent::id, "str.")
        .field("name", &dispatch::Agent::name, "str.")
        .field("teams", &dispatch::Agent::teams, "list of team ids.")
        .field("skills", &dispatch::Agent::skills, "dict of skill → level 1 to 5.")
        .field("regions", &dispatch::Agent::regions, "Where the agent works on site.")
        .field("languages", &dispatch::Agent::languages, "e.g. ['zh', 'en'].")
        .field("product_lines", &dispatch::Agent::product_lines, "Product models serviced.")
        .field("tier", &dispatch::Agent::tier, "dispatch.Tier.")
        .field("capacity", &dispatch::Agent::capacity, "Most open tickets at once.")
        .field("absent", &dispatch::Agent::absent, "Takes nothing new while True.")
        .field("calendar", &dispatch::Agent::calendar, "On duty in this calendar's hours.")
        .json()
        .done()
        .def("level", &dispatch::Agent::level, py::arg("skill"), "0 when lacking the skill.");
    ValueClass<dispatch::Team>(d, "Team", "A team: a queue and the agents who work it.")
        .field("id", &dispatch::Team::id, "str.")
        .field("name", &dispatch::Team::name, "str.")
        .field("tier", &dispatch::Team::tier, "dispatch.Tier.")
        .field("escalates_to", &dispatch::Team::escalates_to, "The next tier's team, or ''.")
        .json()
        .done();
}

void bind_directory(py::module_& d) {
    py::class_<dispatch::Directory> directory(
        d, "Directory", "Agents and teams, with each agent's load (open tickets owned).");
    directory.def(py::init<>())
        .def(py::init([](std::vector<dispatch::Team> teams, std::vector<dispatch::Agent> agents) {
                 return dispatch::Directory::make(std::move(teams), std::move(agents)).value();
             }),
             py::arg("teams"), py::arg("agents"), "Raises ValidationError naming the field.")
        .def_property_readonly("agents", &dispatch::Directory::agents, "In id order.")
        .def_property_readonly("teams", &dispatch::Directory::teams)
        .def("put_agent", &dispatch::Directory::put_agent, py::arg("agent"))
        .def("put_team", &dispatch::Directory::put_team, py::arg("team"))
        .def("set_absent", &dispatch::Directory::set_absent, py::arg("agent"), py::arg("absent"))
        .def(
            "find_agent",
            [](const dispatch::Directory& self, const AgentId& id) {
                const auto* agent = self.find_agent(id);
                return agent ? std::optional(*agent) : std::nullopt;
            },
            py::arg("id"), "The agent, or None.")
        .def(
            "members",
            [](const dispatch::Directory& self, const TeamId& team) {
                std::vector<AgentId> ids;
                for (const std::size_t at : self.members(team)) ids.push_back(self.agents()[at].id);
                return ids;
            },
            py::arg("team"), "Ids of the team's agents, in id order.")
        .def("load", &dispatch::Directory::load, py::arg("agent"), "Open tickets owned.")
        .def("set_load", &dispatch::Directory::set_load, py::arg("agent"), py::arg("open_tickets"))
        .def(py::self == py::self);
    json_document(directory);
}

void bind_rules(py::module_& d) {
    ValueClass<dispatch::Requirements>(d, "Requirements", "What an agent needs to take a ticket.")
        .field("skills", &dispatch::Requirements::skills, "dict of skill → minimum level.")
        .field("languages", &dispatch::Requirements::languages, "Any one of them.")
        .field("product_line", &dispatch::Requirements::product_line, "Must service the model.")
        .field("region", &dispatch::Requirements::region, "Must work in the ticket's region.")
        .json()
        .done();
    ValueClass<dispatch::RoutingRule>(d, "RoutingRule", "When a ticket matches, route it so.")
        .field("name", &dispatch::RoutingRule::name, "For explanations and errors.")
        .field("when", &dispatch::RoutingRule::when, "TicketCondition.")
        .field("team", &dispatch::RoutingRule::team, "The team it goes to.")
        .field("set_priority", &dispatch::RoutingRule::set_priority, "Priority or None.")
        .field("add_tags", &dispatch::RoutingRule::add_tags, "Tags added to the ticket.")
        .field("strategy", &dispatch::RoutingRule::strategy, "dispatch.Strategy.")
        .field("required", &dispatch::RoutingRule::required, "dispatch.Requirements.")
        .json()
        .done();
    ValueClass<dispatch::Request>(d, "Request", "What a rule routes, and what it should know.")
        .field("ticket", &dispatch::Request::ticket, "Ticket.")
        .field("now", &dispatch::Request::now, "Aware datetime.")
        .field("excluded", &dispatch::Request::excluded, "Agents not to choose.")
        .field("previous_agent", &dispatch::Request::previous_agent, "The customer's last agent.")
        .field("at_least_tier", &dispatch::Request::at_least_tier, "For escalated tickets.")
        .done();
    ValueClass<dispatch::Decision>(d, "Decision", "Where a ticket should go.")
        .field("team", &dispatch::Decision::team, "str.")
        .field("agent", &dispatch::Decision::agent, "str, or None: waits in the team's queue.")
        .field("priority", &dispatch::Decision::priority, "Priority the rule sets, or None.")
        .field("tags", &dispatch::Decision::tags, "Tags the rule adds.")
        .field("explanation", &dispatch::Decision::explanation, "For the audit trail.")
        .json()
        .done();
}

void bind_rule_classes(py::module_& d) {
    py::class_<dispatch::DispatchRule, PyDispatchRule, std::shared_ptr<dispatch::DispatchRule>>(
        d, "DispatchRule",
        "Decides where tickets go. Subclass it and implement propose(request, directory) -> "
        "Decision | None to route by your own logic.")
        .def(py::init<>())
        .def("propose", &dispatch::DispatchRule::propose, py::arg("request"), py::arg("directory"))
        .def("requirements", &dispatch::DispatchRule::requirements, py::arg("ticket"),
             "What an agent must have to claim the ticket; None: nothing.");
    py::class_<dispatch::RuleSet, dispatch::DispatchRule, std::shared_ptr<dispatch::RuleSet>>
        rule_set(d, "RuleSet",
                 "Ordered routing rules (the first match routes) and a fallback team.");
    rule_set.def(py::init<>())
        .def(py::init([](std::vector<dispatch::RoutingRule> rules, TeamId fallback_team) {
                 return dispatch::RuleSet::make(std::move(rules), std::move(fallback_team)).value();
             }),
             py::arg("rules"), py::arg("fallback_team"), "Raises ValidationError naming the field.")
        .def_property_readonly("rules", &dispatch::RuleSet::rules)
        .def_property_readonly("fallback_team", &dispatch::RuleSet::fallback_team);
    json_document(rule_set);
}

}  // namespace

void bind_dispatch(py::module_& m) {
    py::module_ d = m.def_submodule("dispatch", "Routing tickets to teams and agents.");
    bind_enum<dispatch::Tier>(d, "Tier", "Support tier: l1, l2, l3.", "ticketflow.dispatch");
    bind_enum<dispatch::Strategy>(d, "Strategy", "How an agent is chosen inside a team.",
                                  "ticketflow.dispatch");
    bind_people(d);
    bind_directory(d);
    bind_rules(d);
    bind_rule_classes(d);
}

}  // namespace ticketflow::python
