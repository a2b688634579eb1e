// The extension module behind `import ticketflow`: one bind_<area>() per area.
#include <ticketflow/version.hpp>

#include "bindings.hpp"

PYBIND11_MODULE(_ticketflow, m) {
    using namespace ticketflow::python;
    m.doc() = "ticketflow: an embeddable workflow engine for service and support tickets.";
    m.attr("__version__") = ticketflow::version_string;
    bind_core(m);
    bind_errors(m);
    bind_time(m);
    bind_intake(m);
    bind_lifecycle(m);
    bind_outbox(m);
    bind_dispatch(m);
    bind_storage(m);
    bind_sqlite_store(m);
    // The SLA types come before the engine, whose configuration and reports are made of them.
    bind_sla_policies(m);
    bind_sla_clocks(m);
    bind_sla_calendar(m);
    // Notifications come before the engine, whose configuration holds its rules.
    bind_notify(m);
    bind_engine(m);
    bind_importer(m);  // replays logs through the engine
    bind_testing(m);
}
