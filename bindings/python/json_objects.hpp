#pragma once
// JSON documents between Python and C++: a dict (or JSON text) in, a dict out, through Python's
// json module, so that every document-shaped type reads and writes the same way.

#include <string>

#include <nlohmann/json.hpp>
#include <pybind11/pybind11.h>

#include <ticketflow/core/error.hpp>

namespace ticketflow::python {

namespace py = pybind11;

/// A dict (or JSON text) as nlohmann::json; text that is not JSON raises ValidationError.
inline nlohmann::json document(const py::object& spec) {
    const std::string text =
        py::isinstance<py::str>(spec)
            ? spec.cast<std::string>()
            : py::module_::import("json").attr("dumps")(spec).cast<std::string>();
    try {
        return nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception& e) {
        throw Exception(validation_error("", e.what()));
    }
}

/// A JSON document as Python objects (dicts, lists, strings, numbers).
inline py::object to_python(const nlohmann::json& j) {
    return py::module_::import("json").attr("loads")(j.dump());
}

}  // namespace ticketflow::python
