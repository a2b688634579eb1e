// A ticket's SLA clocks in `ticketflow.sla`: BusinessTime (subclassable), AroundTheClock,
// TicketClocks with its statuses and signals.
#include <ticketflow/sla/ticket_clocks.hpp>

#include "bindings.hpp"
#include "value_class.hpp"

namespace ticketflow::python {
namespace {

/// Lets a Python class supply business-time arithmetic (a calendar of its own). Its methods
/// return plain values (a datetime, a timedelta), taken as successes; what the Python code raises
/// propagates to its Python caller. (PYBIND11_OVERRIDE would need a default-constructible Result.)
class PyBusinessTime : public sla::BusinessTime {
  public:
    Result<Timestamp> add(Timestamp start, sla::BusinessDuration duration) const override {
        return call<Timestamp>("add", start, duration);
    }
    Result<sla::BusinessDuration> elapsed(Timestamp from, Timestamp to) const override {
        return call<sla::BusinessDuration>("elapsed", from, to);
    }

  private:
    template <class T, class... Args>
    T call(const char* name, const Args&... args) const {
        py::gil_scoped_acquire gil;
        const py::function method =
            py::get_override(static_cast<const sla::BusinessTime*>(this), name);
        if (!method) {
            py::pybind11_fail(std::string("BusinessTime.") + name + " is not overridden");
        }
        return method(args...).template cast<T>();
    }
};

void bind_business_time(py::module_& sla) {
    py::class_<sla::BusinessTime, PyBusinessTime, std::shared_ptr<sla::BusinessTime>>(
        sla, "BusinessTime", "Business-time arithmetic; subclass it and override add and elapsed.")
        .def(py::init<>())
        .def("add", &sla::BusinessTime::add, py::arg("start"), py::arg("duration"),
             "The instant `duration` of business time after `start`.")
        .def("elapsed", &sla::BusinessTime::elapsed, py::arg("start"), py::arg("end"),
             "Business time between two instants.");
    py::class_<sla::AroundTheClock, sla::BusinessTime, std::shared_ptr<sla::AroundTheClock>>(
        sla, "AroundTheClock", "Every second counts (24×7).")
        .def(py::init<>());
}

void bind_clock_values(py::module_& sla) {
    bind_enum<sla::SignalKind>(sla, "SignalKind", "What a clock has to say.", "ticketflow.sla");
    ValueClass<sla::Signal>(sla, "Signal", "A warning, breach or escalation step that came due.")
        .field("metric", &sla::Signal::metric, "Metric.")
        .field("kind", &sla::Signal::kind, "SignalKind.")
        .field("at", &sla::Signal::at, "When it became due.")
        .field("step", &sla::Signal::step, "EscalationStep for escalation signals.")
        .done();
    ValueClass<sla::MetricClock>(sla, "MetricClock", "One metric's clock, as stored.")
        .field("target", &sla::MetricClock::target, "timedelta.")
        .field("spent", &sla::MetricClock::spent, "Business time before running_since.")
        .field("running_since", &sla::MetricClock::running_since, "Set while running.")
        .field("armed", &sla::MetricClock::armed, "Measured in the current cycle.")
        .field("cycles", &sla::MetricClock::cycles, "Completed cycles.")
        .field("warned", &sla::MetricClock::warned, "Warning signalled this cycle.")
        .field("breached_at", &sla::MetricClock::breached_at, "When the cycle's target was missed.")
        .field("steps_done", &sla::MetricClock::steps_done, "Escalation steps signalled.")
        .done();
    ValueClass<sla::MetricStatus>(sla, "MetricStatus", "A metric's status for people.")
        .field("target", &sla::MetricStatus::target, "From the policy; 0 = not tracked.")
        .field("elapsed", &sla::MetricStatus::elapsed, "Business time spent in this cycle.")
        .field("remaining", &sla::MetricStatus::remaining, "Negative once breached.")
        .field("due", &sla::MetricStatus::due, "When the target is reached, while running.")
        .field("running", &sla::MetricStatus::running, "The clock runs.")
        .field("paused", &sla::MetricStatus::paused, "Measured but standing still.")
        .field("breached_at", &sla::MetricStatus::breached_at, "When the target was missed.")
        .field("cycles", &sla::MetricStatus::cycles, "Completed cycles.")
        .done();
}

void bind_ticket_clocks(py::module_& sla) {
    py::class_<sla::TicketClocks>(sla, "TicketClocks",
                                  "A ticket's three SLA clocks under one policy.")
        .def_static("start", &sla::TicketClocks::start, py::arg("policy"), py::arg("ticket"),
                    py::arg("now"), py::arg("time"), "Clocks for a ticket just opened.")
        .def("on_state", &sla::TicketClocks::on_state, py::arg("state"), py::arg("now"),
             py::arg("time"), py::arg("status_pauses") = std::optional<std::vector<Metric>>{},
             "The ticket entered `state`: clocks pause, resume or stop (by the policy, or by "
             "`status_pauses` when the ticket's status decides).")
        .def("on_customer_update", &sla::TicketClocks::on_customer_update, py::arg("now"),
             py::arg("time"), "Staff told the customer something.")
        .def("on_resolved", &sla::TicketClocks::on_resolved, py::arg("now"), py::arg("time"),
             py::arg("status_pauses") = std::optional<std::vector<Metric>>{})
        .def("retarget", &sla::TicketClocks::retarget, py::arg("policy"), py::arg("priority"),
             py::arg("now"), py::arg("time"), "New targets; the time spent stays.")
        .def("signals_due", &sla::TicketClocks::signals_due, py::arg("now"), py::arg("time"),
             "Warnings, breaches and escalation steps due by `now`, each once, in time order.")
        .def("next_deadline", &sla::TicketClocks::next_deadline, py::arg("time"))
        .def("status", &sla::TicketClocks::status, py::arg("metric"), py::arg("now"),
             py::arg("time"))
        .def("clock", &sla::TicketClocks::clock, py::arg("metric"), py::return_value_policy::copy)
        .def_property_readonly("policy", &sla::TicketClocks::policy)
        .def_property_readonly("state", &sla::TicketClocks::state)
        .def("__eq__",
             [](const sla::TicketClocks& a, const sla::TicketClocks& b) { return a == b; });
}

}  // namespace

void bind_sla_clocks(py::module_& m) {
    py::module_ sla = py::hasattr(m, "sla") ? py::module_(m.attr("sla"))
                                            : m.def_submodule("sla", "Service-level agreements.");
    bind_business_time(sla);
    bind_clock_values(sla);
    bind_ticket_clocks(sla);
}

}  // namespace ticketflow::python
