// Clocks (subclassable in Python), time zones and ticket-number patterns.
#include <pybind11/operators.h>

#include <ticketflow/core/clock.hpp>
#include <ticketflow/core/ticket_number.hpp>
#include <ticketflow/core/time_zone.hpp>

#include "bindings.hpp"
#include "casters.hpp"

namespace ticketflow::python {
namespace {

/// Lets a Python class derived from ticketflow.Clock supply `now()`; the GIL is taken for the
/// call, so the engine may ask from any thread.
class PyClock : public Clock {
  public:
    Timestamp now() const override { PYBIND11_OVERRIDE_PURE(Timestamp, Clock, now); }
};

/// Pickling and copying for a type fully described by one string (a zone name, a pattern).
template <class T, class Describe, class Rebuild>
void make_copyable(py::object cls, Describe describe, Rebuild rebuild) {
    py::class_<T> bound = cls;
    bound.def(py::pickle(
        [describe](const T& self) { return py::make_tuple((self.*describe)()); },
        [rebuild](const py::tuple& state) { return rebuild(state[0].cast<std::string>()); }));
    bound.def("__copy__", [](const T& self) { return T(self); });
    bound.def(
        "__deepcopy__", [](const T& self, py::dict) { return T(self); }, py::arg("memo"));
}

void bind_clocks(py::module_& m) {
    py::class_<Clock, PyClock, std::shared_ptr<Clock>>(
        m, "Clock", "Where the engine gets 'now' from. Subclass it and override now().")
        .def(py::init<>())
        .def("now", &Clock::now, "The current time as an aware datetime (UTC).");
    py::class_<SystemClock, Clock, std::shared_ptr<SystemClock>>(m, "SystemClock",
                                                                 "The real-time clock.")
        .def(py::init<>());
    py::class_<ManualClock, Clock, std::shared_ptr<ManualClock>>(
        m, "ManualClock", "A clock that moves only when told to: for tests and simulations.")
        .def(py::init<Timestamp>(), py::arg("start"), "Starts at `start` (an aware datetime).")
        .def(
            "set",
            [](ManualClock& self, Timestamp time) {
                if (!self.set(time)) throw Exception(outside_the_range_of_time("time"));
            },
            py::arg("time"), "Jumps to `time`.")
        .def(
            "advance",
            [](ManualClock& self, py::handle delta) {
                if (!self.advance(duration_from_python(delta))) {
                    throw Exception(outside_the_range_of_time("delta"));
                }
            },
            py::arg("delta"),
            "Moves by a datetime.timedelta; ValidationError (clock unmoved) when that would "
            "leave the years 1-9999.");
}

/// TimeZone::fixed from a timedelta. Offsets beyond a day either way are refused before they are
/// converted (timedelta.max in microseconds does not fit in 64 bits), and so are fractions of a
/// minute, which the zone would otherwise drop.
Result<TimeZone> fixed_zone(py::handle offset) {
    if (!py::isinstance(offset, py::module_::import("datetime").attr("timedelta"))) {
        throw py::type_error("expected a datetime.timedelta");
    }
    const auto days = offset.attr("days").cast<std::int64_t>();
    if (days < -1 || days > 0) {
        return validation_error("time_zone", "offset " + std::string(py::str(offset)) +
                                                 " is outside -12:00 to +14:00 east of UTC");
    }
    const auto micros = duration_from_python(offset);
    if (micros % std::chrono::minutes{1} != std::chrono::microseconds::zero()) {
        return validation_error("time_zone", "offset " + std::string(py::str(offset)) +
                                                 " is not a whole number of minutes");
    }
    return TimeZone::fixed(std::chrono::duration_cast<std::chrono::minutes>(micros));
}

py::object local_datetime(const LocalDateTime& local) {
    return py::module_::import("datetime")
        .attr("datetime")(local.date.year, local.date.month, local.date.day, local.hour,
                          local.minute, local.second);
}

void bind_time_zone(py::module_& m) {
    py::class_<TimeZone>(m, "TimeZone",
                         "UTC, a fixed offset, or an IANA zone from the system's zoneinfo.")
        .def(py::init([](const std::string& name) { return TimeZone::locate(name).value(); }),
             py::arg("name") = "UTC", "e.g. TimeZone('Asia/Shanghai'); raises ValidationError.")
        .def_static("utc", &TimeZone::utc)
        .def_static("locate", &TimeZone::locate, py::arg("name"))
        .def_static(
            "fixed", [](py::handle offset) { return fixed_zone(offset).value(); },
            py::arg("offset_east"),
            "A constant offset east of UTC (datetime.timedelta, whole minutes, -12 h to +14 h); "
            "raises ValidationError otherwise.")
        .def_property_readonly("name", &TimeZone::name)
        .def(
            "to_local",
            [](const TimeZone& self, Timestamp t) { return local_datetime(self.to_local(t)); },
            py::arg("time"), "The naive wall-clock datetime in this zone at `time`.")
        .def(py::self == py::self)
        .def("__repr__", [](const TimeZone& self) { return "TimeZone('" + self.name() + "')"; });
    make_copyable<TimeZone>(m.attr("TimeZone"), &TimeZone::name,
                            [](const std::string& name) { return TimeZone::locate(name).value(); });
}

void bind_ticket_numbers(py::module_& m) {
    py::class_<TicketNumberFormat>(
        m, "TicketNumberFormat",
        "A ticket-number pattern: literal text, {yyyy} {yy} {MM} {dd} and one {seq:N}.")
        .def(py::init([](const std::string& pattern) {
                 return TicketNumberFormat::parse(pattern).value();
             }),
             py::arg("pattern") = "HT{yyyy}{MM}{dd}{seq:4}", "Raises ValidationError if malformed.")
        .def_property_readonly("pattern", &TicketNumberFormat::pattern)
        .def_property_readonly("sequence_digits", &TicketNumberFormat::sequence_digits)
        .def_property_readonly("max_sequence", &TicketNumberFormat::max_sequence)
        .def("sequence_key", &TicketNumberFormat::sequence_key, py::arg("local_date"),
             "The counter a number on `local_date` draws from.")
        .def("format", &TicketNumberFormat::format, py::arg("local_date"), py::arg("sequence"),
             "The number; raises SequenceExhausted when the sequence does not fit.")
        .def(py::self == py::self)
        .def("__repr__", [](const TicketNumberFormat& self) {
            return "TicketNumberFormat('" + self.pattern() + "')";
        });
    make_copyable<TicketNumberFormat>(
        m.attr("TicketNumberFormat"), &TicketNumberFormat::pattern,
        [](const std::string& pattern) { return TicketNumberFormat::parse(pattern).value(); });
}

}  // namespace

void bind_time(py::module_& m) {
    bind_clocks(m);
    bind_time_zone(m);
    bind_ticket_numbers(m);
}

}  // namespace ticketflow::python
