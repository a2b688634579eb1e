// Business calendars in `ticketflow.sla`: Calendar (built from a dict in the JSON format),
// CalendarTime to let TicketClocks count in it, and holidays from iCalendar text.
#include <pybind11/operators.h>

#include <ticketflow/sla/calendar_json.hpp>
#include <ticketflow/sla/calendar_time.hpp>

#include "bindings.hpp"
#include "casters.hpp"
#include "json_objects.hpp"

namespace ticketflow::python {
namespace {

sla::Calendar from_document(const py::object& spec) {
    return from_json_checked<sla::Calendar>(document(spec)).value();
}

py::list hours_list(const sla::WorkingHours& hours) {
    py::list list;
    for (const auto& interval : hours) {
        list.append(py::make_tuple(sla::format_time_of_day(interval.open),
                                   sla::format_time_of_day(interval.close)));
    }
    return list;
}

void bind_calendar_queries(py::class_<sla::Calendar>& cls) {
    cls.def("is_open", &sla::Calendar::is_open, py::arg("time"),
            "True when the wall clock at `time` reads a working time of that day.")
        .def("next_open", &sla::Calendar::next_open, py::arg("time"),
             "`time` when open, else the next opening (UTC datetime).")
        .def("last_close", &sla::Calendar::last_close, py::arg("time"),
             "`time` when business time ran up to it, else the last closing time before it.")
        .def("is_business_day", &sla::Calendar::is_business_day, py::arg("date"),
             "True when the local `date` (datetime.date) has working hours.")
        .def(
            "hours_on",
            [](const sla::Calendar& self, const Date& date) -> Result<py::list> {
                const auto hours = self.hours_on(date);
                if (!hours) return hours.error();  // raised as ValidationError by the caster
                return hours_list(*hours);
            },
            py::arg("date"),
            "The working hours of a local date as [('09:00', '12:00'), …], holidays applied.");
}

void bind_calendar_arithmetic(py::class_<sla::Calendar>& cls) {
    cls.def("add", &sla::Calendar::add, py::arg("start"), py::arg("duration"),
            "The earliest instant by which `duration` (timedelta) of business time has passed "
            "since `start`: a closing time when it runs out exactly there; zero gives "
            "next_open(start).")
        .def("subtract", &sla::Calendar::subtract, py::arg("end"), py::arg("duration"),
             "The latest instant from which `duration` of business time elapses until `end`; "
             "zero gives last_close(end).")
        .def("elapsed", &sla::Calendar::elapsed, py::arg("start"), py::arg("end"),
             "Business time between two instants (timedelta); negative when `end` comes first.")
        .def("add_days", &sla::Calendar::add_days, py::arg("start"), py::arg("days"),
             "The same wall-clock time `days` business days later, then next_open.")
        .def("subtract_days", &sla::Calendar::subtract_days, py::arg("end"), py::arg("days"),
             "The same wall-clock time `days` business days earlier, then last_close.");
}

void bind_calendar(py::module_& sla) {
    py::class_<sla::Calendar> cls(
        sla, "Calendar",
        "A business calendar: working hours per weekday, holidays, working days and a time zone.");
    cls.def(py::init<>(), "Open around the clock, in UTC.")
        .def(py::init(&from_document), py::arg("spec"),
             "From a dict (or JSON text) in the format of docs/sla.md; raises ValidationError "
             "naming the field.")
        .def_static("from_dict", &from_document, py::arg("document"), "Same as Calendar(document).")
        .def(
            "to_dict", [](const sla::Calendar& self) { return to_python(nlohmann::json(self)); },
            "The calendar's JSON document as plain Python objects.")
        .def_property_readonly("time_zone", &sla::Calendar::time_zone)
        .def(py::self == py::self)
        .def("__repr__",
             [](const sla::Calendar& self) {
                 return "Calendar(time_zone='" + self.time_zone().name() + "')";
             })
        .def(py::pickle([](const sla::Calendar& self) { return nlohmann::json(self).dump(); },
                        [](const std::string& text) { return from_document(py::str(text)); }))
        .def("__copy__", [](const sla::Calendar& self) { return self; })
        .def(
            "__deepcopy__", [](const sla::Calendar& self, py::dict) { return self; },
            py::arg("memo"));
    bind_calendar_queries(cls);
    bind_calendar_arithmetic(cls);
}

void bind_calendar_time(py::module_& sla) {
    py::class_<sla::CalendarTime, sla::BusinessTime, std::shared_ptr<sla::CalendarTime>>(
        sla, "CalendarTime",
        "A Calendar as the BusinessTime TicketClocks count in (elapsed in whole seconds, never "
        "negative).")
        .def(py::init<sla::Calendar>(), py::arg("calendar"))
        .def_property_readonly("calendar", &sla::CalendarTime::calendar);
}

}  // namespace

void bind_sla_calendar(py::module_& m) {
    py::module_ sla = py::hasattr(m, "sla") ? py::module_(m.attr("sla"))
                                            : m.def_submodule("sla", "Service-level agreements.");
    bind_calendar(sla);
    bind_calendar_time(sla);
    sla.def(
        "holidays_from_ics",
        [](const std::string& text) {
            py::list holidays;
            const auto read = sla::holidays_from_ics(text).value();  // kept: the loop borrows it
            for (const auto& holiday : read) {
                sla::CalendarSpec spec;
                spec.holidays = {holiday};
                holidays.append(to_python(nlohmann::json(spec)["holidays"][0]));
            }
            return holidays;
        },
        py::arg("text"),
        "The all-day events of iCalendar text as holiday entries for a calendar's "
        "\"holidays\" list; raises ValidationError (field 'ics') for timed or recurring events.");
}

}  // namespace ticketflow::python
