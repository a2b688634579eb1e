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

namespace {

/// A timedelta in microseconds, exactly (float seconds would lose microseconds far from 1970).
/// Python allows ±999,999,999 days, more than 64 bits of microseconds hold. No span ticketflow
/// uses is longer than the range of time (about 3.65 million days), so anything beyond a round
/// limit above it is refused before it can overflow; what lies between is refused, naming its
/// own field, by whatever receives it.
std::int64_t exact_microseconds(py::handle delta) {
    constexpr std::int64_t longest_days = 4'000'000;
    const auto days = delta.attr("days").cast<std::int64_t>();
    if (days > longest_days || days < -longest_days) {
        throw Exception(validation_error(
            "timedelta", "longer than 4,000,000 days, more than the whole range of time"));
    }
    const auto seconds = delta.attr("seconds").cast<std::int64_t>();
    const auto micros = delta.attr("microseconds").cast<std::int64_t>();
    return (days * 86'400 + seconds) * 1'000'000 + micros;
}

}  // namespace

Timestamp timestamp_from_python(py::handle value) {
    auto& api = datetime_api();
    if (!py::isinstance(value, api.datetime)) {
        throw py::type_error("expected a datetime.datetime, got " +
                             std::string(py::str(py::type::of(value).attr("__name__"))));
    }
    if (value.attr("utcoffset")().is_none()) {
        throw Exception(validation_error("datetime",
                                         "naive datetime: pass a timezone-aware datetime, e.g. "
                                         "datetime(2023, 10, 1, 9, 0, tzinfo=timezone.utc)"));
    }
    // Python's own range is local years 1-9999: an offset can still carry an instant past the
    // range of time in UTC (9999-12-31 23:00 at UTC-5 is in the year 10000).
    const Timestamp t{std::chrono::microseconds{exact_microseconds(value - api.epoch)}};
    if (!in_range(t)) throw Exception(outside_the_range_of_time("datetime"));
    return t;
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
    return std::chrono::microseconds{exact_microseconds(delta)};
}

void raise(const Error& error) {
    throw Exception(error);
}

std::optional<Error> error_from_python(py::error_already_set& raised) {
    if (!raised.matches(errors_module().attr("Error"))) return std::nullopt;
    return raised.value().attr("to_error")().cast<Error>();
}

}  // namespace ticketflow::python
