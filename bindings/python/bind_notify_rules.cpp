// Notification rules in Python: contacts, recipients, rules (with the documents' defaults), a
// ContactDirectory a Python class can be, and the composer that turns events into outbox messages.
#include <nlohmann/json.hpp>
#include <pybind11/functional.h>
#include <pybind11/operators.h>

#include <ticketflow/notify/composer.hpp>
#include <ticketflow/notify/rules.hpp>

#include "bindings.hpp"
#include "json_objects.hpp"
#include "python_objects.hpp"
#include "value_class.hpp"

namespace ticketflow::python {
namespace {

/// Lets a Python class derived from ticketflow.notify.ContactDirectory supply contacts. The engine
/// asks while a command commits, from any thread: the call takes the GIL, and an exception it
/// raises counts as "not found" (reported as unraisable) rather than failing the command.
class PyContactDirectory : public notify::ContactDirectory {
  public:
    std::optional<notify::Contact> find(std::string_view key) const override {
        py::gil_scoped_acquire gil;
        const py::function override =
            py::get_override(static_cast<const notify::ContactDirectory*>(this), "find");
        if (!override) throw py::type_error("ContactDirectory subclass does not implement find()");
        try {
            return override(std::string(key)).cast<std::optional<notify::Contact>>();
        } catch (py::error_already_set& raised) {
            raised.discard_as_unraisable("ticketflow.notify.ContactDirectory.find");
            return std::nullopt;
        }
    }
};

void bind_values(py::module_& n) {
    bind_enum<notify::Audience>(n, "Audience",
                                "Whom a rule's message is for: customer, owner, collaborators, "
                                "team, supervisor or contact.",
                                "ticketflow.notify");
    ValueClass<notify::Contact>(n, "Contact", "How to reach someone, in their language and time.")
        .field("name", &notify::Contact::name, "str.")
        .field("addresses", &notify::Contact::addresses, "dict of channel → address.")
        .field("locale", &notify::Contact::locale, "'zh-CN', 'en'; '' for the default.")
        .field("time_zone", &notify::Contact::time_zone, "IANA or POSIX name; '' for the default.")
        .field("calendar", &notify::Contact::calendar, "Business calendar of quiet hours.")
        .done();
    ValueClass<notify::Recipient>(n, "Recipient", "An audience; for contact, the contact's key.")
        .field("audience", &notify::Recipient::audience, "notify.Audience.")
        .field("contact", &notify::Recipient::contact, "Key in the contact book.")
        .done()
        .def_static("parse", &notify::Recipient::parse, py::arg("text"),
                    "'customer', 'owner', …, or 'contact:<key>'; raises ValidationError.")
        .def("__str__", &notify::Recipient::to_string);
    ValueClass<notify::NotificationRule>(n, "NotificationRule", "When an event notifies whom.")
        .field("name", &notify::NotificationRule::name, "str.")
        .field("on", &notify::NotificationRule::on, "Audit actions: 'open', 'sla_breach', ….")
        .field("visibility", &notify::NotificationRule::visibility, "Visibility or None.")
        .field("by", &notify::NotificationRule::by, "Roles of the actor; [] for anyone.")
        .field("changed", &notify::NotificationRule::changed, "Fields the event must change.")
        .field("metrics", &notify::NotificationRule::metrics, "SLA metrics; [] for any.")
        .field("when", &notify::NotificationRule::when, "TicketCondition.")
        .field("to", &notify::NotificationRule::to, "list of notify.Recipient.")
        .field("channel", &notify::NotificationRule::channel, "'email' by default.")
        .field("template", &notify::NotificationRule::template_name, "A template's name.")
        .field("quiet_hours", &notify::NotificationRule::quiet_hours,
               "Hold until the recipient's business hours; never for SLA events.")
        .done()
        .def("fires_on", &notify::NotificationRule::fires_on, py::arg("event"), py::arg("ticket"));
    ValueClass<notify::SlaDue>(n, "SlaDue", "The SLA facts a message may quote.")
        .field("policy", &notify::SlaDue::policy, "str.")
        .field("first_response", &notify::SlaDue::first_response, "datetime or None.")
        .field("next_update", &notify::SlaDue::next_update, "datetime or None.")
        .field("resolution", &notify::SlaDue::resolution, "datetime or None.")
        .done();
    n.def("known_actions", &notify::known_actions, "The audit actions rules may name.");
}

void bind_rules(py::module_& n) {
    py::class_<notify::Rules>(n, "Rules", R"doc(Notification rules, their templates and contacts.

    rules = ticketflow.notify.Rules.standard()   # the documents' defaults
    rules.set_contact("supervisor", ticketflow.notify.Contact(
        name="王主管", addresses={"email": "wang@example.com"}))
    config.notifications = rules
)doc")
        .def(py::init<>(), "No rules: nothing is notified.")
        .def_static("standard", &notify::Rules::standard)
        .def_static("make", &notify::Rules::make, py::arg("rules"), py::arg("templates"),
                    py::arg("contacts") = std::map<std::string, notify::Contact>{},
                    py::arg("customer_defaults") = notify::Contact{},
                    py::arg("staff_defaults") = notify::Contact{},
                    "Checks everything; raises ValidationError naming the field.")
        .def_static(
            "from_dict",
            [](const py::object& spec) { return notify::Rules::from_json(document(spec)); },
            py::arg("document"), "From a dict or JSON text; raises ValidationError.")
        .def("to_dict", [](const notify::Rules& self) { return to_python(self.to_json()); })
        .def("set_contact", &notify::Rules::set_contact, py::arg("key"), py::arg("contact"))
        .def_property_readonly("rules", &notify::Rules::rules)
        .def_property_readonly("templates", &notify::Rules::templates)
        .def_property_readonly("contacts", &notify::Rules::contacts)
        .def_property_readonly("customer_defaults", &notify::Rules::customer_defaults)
        .def_property_readonly("staff_defaults", &notify::Rules::staff_defaults)
        .def("calendars", &notify::Rules::calendars, "Calendar names the contacts use.")
        .def(py::self == py::self)
        .def(py::pickle([](const notify::Rules& self) { return self.to_json().dump(); },
                        [](const std::string& text) {
                            return notify::Rules::from_json(nlohmann::json::parse(text)).value();
                        }));
}

void bind_composer(py::module_& n) {
    py::class_<notify::ContactDirectory, PyContactDirectory,
               std::shared_ptr<notify::ContactDirectory>>(
        n, "ContactDirectory",
        "The application's contacts. Subclass it and implement find(key) -> Contact | None; keys "
        "are 'customer:<id>', 'agent:<id>', 'team:<id>', 'supervisor:<team>', 'supervisor' or a "
        "contact recipient's key. Called from the engine's threads, with the GIL.")
        .def(py::init<>())
        .def("find", &notify::ContactDirectory::find, py::arg("key"));
    py::class_<notify::Composer>(n, "Composer",
                                 "Turns a change's audit events into the outbox messages the "
                                 "rules ask for (what the engine does inside each command).")
        .def(py::init([](notify::Rules rules, std::shared_ptr<notify::ContactDirectory> directory,
                         notify::OpeningHours opening_hours, TimeZone default_zone) {
                 return std::make_unique<notify::Composer>(
                     std::move(rules), keeping_python_alive(std::move(directory)),
                     std::move(opening_hours), std::move(default_zone));
             }),
             py::arg("rules"), py::arg("directory") = nullptr,
             py::arg("opening_hours") = py::none(), py::arg("default_zone") = TimeZone::utc(),
             "opening_hours(calendar, at) -> datetime: when the calendar next opens.")
        .def(
            "compose",
            [](const notify::Composer& self, const Ticket& ticket,
               const std::vector<AuditEvent>& events, const notify::SlaDue& sla) {
                return self.compose(ticket, events, [&] { return sla; });
            },
            py::arg("ticket"), py::arg("events"), py::arg("sla") = notify::SlaDue{},
            "list of OutboxMessage; `event` indexes `events`.")
        .def_property_readonly("rules", &notify::Composer::rules);
}

}  // namespace

void bind_notify_rules(py::module_& notify_module) {
    bind_values(notify_module);
    bind_rules(notify_module);
    bind_composer(notify_module);
}

}  // namespace ticketflow::python
