#pragma once
// How ticketflow's vocabulary types cross into Python:
// - strong ids are their plain value (TicketId ↔ int, AgentId ↔ str, …);
// - enumerations are members of real `enum.Enum` classes (StrEnum: `Priority.urgent == "urgent"`);
// - Timestamp ↔ timezone-aware `datetime.datetime` (naive datetimes are refused), Date ↔
// `datetime.date`;
// - Result<T> returns the value or raises the matching `ticketflow.Error` subclass.

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <ticketflow/core/enum_names.hpp>
#include <ticketflow/core/enums.hpp>
#include <ticketflow/core/error.hpp>
#include <ticketflow/core/result.hpp>
#include <ticketflow/core/state.hpp>
#include <ticketflow/core/strong_id.hpp>
#include <ticketflow/core/time.hpp>
#include <ticketflow/dispatch/directory.hpp>
#include <ticketflow/dispatch/strategy.hpp>
#include <ticketflow/notify/notifier.hpp>
#include <ticketflow/notify/rules.hpp>
#include <ticketflow/sla/policy.hpp>
#include <ticketflow/sla/ticket_clocks.hpp>
#include <ticketflow/storage/outbox.hpp>
#include <ticketflow/storage/sqlite_store.hpp>

namespace ticketflow::python {

namespace py = pybind11;

/// The Python enum class that stands for C++ enumeration `Enum`; set once by bind_enums().
template <class Enum>
py::handle& enum_class() {
    static py::handle cls;  // owned by the module, which outlives every call
    return cls;
}

/// The Error value of a raised `ticketflow.Error`, or nothing when the exception is another kind
/// (for calls from C++ into Python overrides, which must hand expected failures back as values).
std::optional<Error> error_from_python(py::error_already_set& raised);

/// Raises the Python exception for `error`; used by the Result caster and the translator.
[[noreturn]] void raise(const Error& error);

/// `datetime.timedelta` → microseconds; a TypeError for anything else.
std::chrono::microseconds duration_from_python(py::handle delta);

/// The `datetime.timezone.utc` epoch and conversions between Timestamp and aware datetimes.
Timestamp timestamp_from_python(py::handle value);
py::object timestamp_to_python(Timestamp value);

/// The Python name of each bound enumeration, for signatures and stubs.
template <class Enum>
struct EnumPythonName {
    static constexpr bool bound = false;
};
#define TICKETFLOW_PYTHON_ENUM_NAMED(Enum, Name)                   \
    template <>                                                    \
    struct EnumPythonName<Enum> {                                  \
        static constexpr bool bound = true;                        \
        static constexpr auto name = py::detail::const_name(Name); \
    }
TICKETFLOW_PYTHON_ENUM_NAMED(Priority, "Priority");
TICKETFLOW_PYTHON_ENUM_NAMED(Channel, "Channel");
TICKETFLOW_PYTHON_ENUM_NAMED(CustomerTier, "CustomerTier");
TICKETFLOW_PYTHON_ENUM_NAMED(RequestedOutcome, "RequestedOutcome");
TICKETFLOW_PYTHON_ENUM_NAMED(Visibility, "Visibility");
TICKETFLOW_PYTHON_ENUM_NAMED(Role, "Role");
TICKETFLOW_PYTHON_ENUM_NAMED(TicketState, "TicketState");
TICKETFLOW_PYTHON_ENUM_NAMED(LifecycleEvent, "LifecycleEvent");
TICKETFLOW_PYTHON_ENUM_NAMED(ErrorCode, "ErrorCode");
TICKETFLOW_PYTHON_ENUM_NAMED(sla::Metric, "sla.Metric");
TICKETFLOW_PYTHON_ENUM_NAMED(sla::EscalationAction, "sla.EscalationAction");
TICKETFLOW_PYTHON_ENUM_NAMED(sla::SignalKind, "sla.SignalKind");
TICKETFLOW_PYTHON_ENUM_NAMED(Durability, "Durability");
TICKETFLOW_PYTHON_ENUM_NAMED(RecordKind, "RecordKind");
TICKETFLOW_PYTHON_ENUM_NAMED(OutboxState, "OutboxState");
TICKETFLOW_PYTHON_ENUM_NAMED(OutboxOutcome, "OutboxOutcome");
TICKETFLOW_PYTHON_ENUM_NAMED(dispatch::Tier, "dispatch.Tier");
TICKETFLOW_PYTHON_ENUM_NAMED(dispatch::Strategy, "dispatch.Strategy");
TICKETFLOW_PYTHON_ENUM_NAMED(notify::Delivery::Outcome, "notify.Outcome");
TICKETFLOW_PYTHON_ENUM_NAMED(notify::Audience, "notify.Audience");
#undef TICKETFLOW_PYTHON_ENUM_NAMED

}  // namespace ticketflow::python

namespace pybind11::detail {

template <class Tag, class Rep>
struct type_caster<ticketflow::StrongId<Tag, Rep>> {
    using Id = ticketflow::StrongId<Tag, Rep>;
    PYBIND11_TYPE_CASTER(Id, make_caster<Rep>::name);

    bool load(handle source, bool convert) {
        make_caster<Rep> inner;
        if (!inner.load(source, convert)) return false;
        value = Id{cast_op<Rep>(std::move(inner))};
        return true;
    }
    static handle cast(const Id& id, return_value_policy policy, handle parent) {
        return make_caster<Rep>::cast(id.value(), policy, parent);
    }
};

template <class Enum>
struct type_caster<Enum, std::enable_if_t<ticketflow::python::EnumPythonName<Enum>::bound>> {
    PYBIND11_TYPE_CASTER(Enum, ticketflow::python::EnumPythonName<Enum>::name);

    // Accepts a member of the Python enum or its name as a plain string.
    bool load(handle source, bool) {
        const handle cls = ticketflow::python::enum_class<Enum>();
        handle name = source;
        object member_value;
        if (cls && isinstance(source, cls)) {
            member_value = source.attr("value");
            name = member_value;
        } else if (is_enum_member(source)) {
            // A StrEnum member is also a str: without this, Role.customer would pass as
            // Visibility.customer because the names match.
            return false;
        }
        if (!isinstance<str>(name)) return false;
        const auto parsed = ticketflow::parse_enum<Enum>(name.cast<std::string>());
        if (!parsed) return false;
        value = *parsed;
        return true;
    }
    static handle cast(Enum e, return_value_policy, handle) {
        const handle cls = ticketflow::python::enum_class<Enum>();
        return cls(std::string(ticketflow::to_string(e))).release();
    }

  private:
    static bool is_enum_member(handle source) {
        // Looked up once, with the GIL held (load always is); leaked like the enum classes.
        static const handle enum_base = object(module_::import("enum").attr("Enum")).release();
        return isinstance(source, enum_base);
    }
};

template <>
struct type_caster<ticketflow::Timestamp> {
    PYBIND11_TYPE_CASTER(ticketflow::Timestamp, const_name("datetime.datetime"));

    bool load(handle source, bool) {
        value = ticketflow::python::timestamp_from_python(source);
        return true;
    }
    static handle cast(ticketflow::Timestamp t, return_value_policy, handle) {
        return ticketflow::python::timestamp_to_python(t).release();
    }
};

/// Business durations are whole seconds: a timedelta with a fraction of a second is refused rather
/// than silently rounded.
template <>
struct type_caster<std::chrono::seconds> {
    PYBIND11_TYPE_CASTER(std::chrono::seconds, const_name("datetime.timedelta"));

    bool load(handle source, bool) {
        const auto micros = ticketflow::python::duration_from_python(source);
        if (micros.count() % 1'000'000 != 0) {
            throw ticketflow::Exception(ticketflow::validation_error(
                "timedelta", "durations are whole seconds; got a fraction of a second"));
        }
        value = std::chrono::duration_cast<std::chrono::seconds>(micros);
        return true;
    }
    static handle cast(std::chrono::seconds d, return_value_policy, handle) {
        return module_::import("datetime").attr("timedelta")(arg("seconds") = d.count()).release();
    }
};

/// Exact durations (business time in calendars): any timedelta, to the microsecond. One longer
/// than the range of time is refused (ValidationError, field "timedelta").
template <>
struct type_caster<std::chrono::microseconds> {
    PYBIND11_TYPE_CASTER(std::chrono::microseconds, const_name("datetime.timedelta"));

    bool load(handle source, bool) {
        if (!isinstance(source, module_::import("datetime").attr("timedelta"))) return false;
        value = ticketflow::python::duration_from_python(source);
        return true;
    }
    static handle cast(std::chrono::microseconds d, return_value_policy, handle) {
        return module_::import("datetime")
            .attr("timedelta")(arg("microseconds") = d.count())
            .release();
    }
};

template <>
struct type_caster<ticketflow::Date> {
    PYBIND11_TYPE_CASTER(ticketflow::Date, const_name("datetime.date"));

    bool load(handle source, bool) {
        const object date_class = module_::import("datetime").attr("date");
        if (!isinstance(source, date_class)) return false;
        value =
            ticketflow::Date{source.attr("year").cast<int>(), source.attr("month").cast<unsigned>(),
                             source.attr("day").cast<unsigned>()};
        return true;
    }
    static handle cast(const ticketflow::Date& d, return_value_policy, handle) {
        return module_::import("datetime").attr("date")(d.year, d.month, d.day).release();
    }
};

/// Result<T> is only ever returned to Python: the value, or a raised ticketflow.Error.
template <class T>
struct type_caster<ticketflow::Result<T>> {
    using Value = ticketflow::Result<T>;
    PYBIND11_TYPE_CASTER(Value, make_caster<T>::name);

    bool load(handle source, bool convert) {
        make_caster<T> inner;
        if (!inner.load(source, convert)) return false;
        value = Value{cast_op<T>(std::move(inner))};
        return true;
    }
    static handle cast(const Value& result, return_value_policy policy, handle parent) {
        if (!result) ticketflow::python::raise(result.error());
        return make_caster<T>::cast(*result, policy, parent);
    }
};

template <>
struct type_caster<ticketflow::Result<void>> {
    using Value = ticketflow::Result<void>;
    PYBIND11_TYPE_CASTER(Value, const_name("None"));

    bool load(handle source, bool) {
        if (!source.is_none()) return false;
        value = Value{};
        return true;
    }
    static handle cast(const Value& result, return_value_policy, handle) {
        if (!result) ticketflow::python::raise(result.error());
        return none().release();
    }
};

}  // namespace pybind11::detail
