#include "casters.hpp"

namespace ticketflow::python {
namespace {

// Python's datetime objects, fetched once: conversions run on every command.
struct DatetimeApi {
    py::object datetime = py::module_::import("datetime").attr("datetime");
    py::object timedelta = py::module_::import("datetime").attr("timedelta");
    py::object utc = py::module_::import("datetime").attr("timezone").attr("utc");
    py::object epoch = datetime(1970, 1, 1, 0, 0, 0, 0, utc);
};

DatetimeApi& datetime_api() {
    static auto* api = new DatetimeApi();  // leaked on purpose: must outlive interpreter teardown
    return *api;
}

py::object errors_module() {
    return py::module_::import("ticketflow.errors");
}

}  // namespace

Timestamp timestamp_from_python(py::handle value) {
    auto& api = datetime_api();
    if (!py::isinstance(value, api.datetime)) {
        throw py::type_error("expected a datetime.datetime, got " +
                             std::string(py::str(py::type::of(value).attr("__name__"))));
    }
    if (value.attr("utcoffset")().is_none()) {
        throw py::value_error(
            "naive datetime: pass a timezone-aware datetime, e.g. "
            "datetime(2023, 10, 1, 9, 0, tzinfo=timezone.utc)");
    }
    // Exact integer arithmetic: float seconds would lose microseconds far from 1970.
    const py::object delta = value - api.epoch;
    const auto days = delta.attr("days").cast<std::int64_t>();
    const auto seconds = delta.attr("seconds").cast<std::int64_t>();
    const auto micros = delta.attr("microseconds").cast<std::int64_t>();
    return Timestamp{std::chrono::microseconds{(days * 86'400 + seconds) * 1'000'000 + micros}};
}

py::object timestamp_to_python(Timestamp value) {
    auto& api = datetime_api();
    const auto micros = value.time_since_epoch().count();
    return api.epoch + api.timedelta(py::arg("microseconds") = micros);
}

std::chrono::microseconds duration_from_python(py::handle delta) {
    if (!py::isinstance(delta, datetime_api().timedelta)) {
        throw py::type_error("expected a datetime.timedelta");
    }
    const auto days = delta.attr("days").cast<std::int64_t>();
    const auto seconds = delta.attr("seconds").cast<std::int64_t>();
    const auto micros = delta.attr("microseconds").cast<std::int64_t>();
    return std::chrono::microseconds{(days * 86'400 + seconds) * 1'000'000 + micros};
}

void raise(const Error& error) {
    throw Exception(error);
}

std::optional<Error> error_from_python(py::error_already_set& raised) {
    if (!raised.matches(errors_module().attr("Error"))) return std::nullopt;
    return raised.value().attr("to_error")().cast<Error>();
}

}  // namespace ticketflow::python
