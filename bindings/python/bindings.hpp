#pragma once
// One function per area; module.cpp calls them in dependency order.

#include <pybind11/pybind11.h>

namespace ticketflow::python {

namespace py = pybind11;

void bind_core(py::module_& m);          // enums, ticket and audit value types
void bind_errors(py::module_& m);        // exception translation
void bind_time(py::module_& m);          // clocks, time zones, ticket numbers
void bind_intake(py::module_& m);        // intake policy, categories, attachments
void bind_lifecycle(py::module_& m);     // the lifecycle table
void bind_dispatch(py::module_& m);      // directory, routing rules, DispatchRule (subclassable)
void bind_notify(py::module_& m);        // relay, notifiers (subclassable), background relay
void bind_notify_rules(py::module_& n);  // notification rules, contacts, the composer
void bind_notify_templates(py::module_& notify_module);  // templates, template sets
void bind_notify_webhook(py::module_& notify_module);    // WebhookOptions, WebhookNotifier
void bind_outbox(py::module_& m);        // outbox messages, entries, leases and attempts
void bind_storage(py::module_& m);       // Store interface (subclassable), MemoryStore, queries
void bind_engine(py::module_& m);        // Engine and its configuration
void bind_sqlite_store(py::module_& m);  // SqliteStore, the embedded default
void bind_sla_policies(py::module_& m);  // sla.Policy, sla.PolicySet, rules
void bind_sla_clocks(py::module_& m);    // sla.TicketClocks, BusinessTime, signals
void bind_sla_calendar(py::module_& m);  // sla.Calendar, CalendarTime, holidays from iCalendar
void bind_importer(py::module_& m);      // importer: CSV logs, mappings, replay reports
void bind_testing(py::module_& m);       // test support: native threads driving an engine

}  // namespace ticketflow::python
