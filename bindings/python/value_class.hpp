#pragma once
// Binding plain value types: fields as properties, equality, JSON, and the list of field names that
// ticketflow/__init__.py uses to give every value class keyword construction and a readable repr.

#include <string>
#include <vector>

#include <pybind11/operators.h>
#include <pybind11/pybind11.h>

#include <ticketflow/core/json.hpp>

#include "casters.hpp"
#include "json_objects.hpp"

namespace ticketflow::python {

/// Creates `ticketflow.<name>` as a StrEnum whose members are the C++ enumerators' names.
template <class Enum>
void bind_enum(py::module_& m, const char* name, const char* doc,
               const char* python_module = "ticketflow") {
    py::list members;
    for (const auto member : EnumNames<Enum>::names) {
        members.append(py::make_tuple(std::string(member), std::string(member)));
    }
    const py::object str_enum = py::module_::import("enum").attr("StrEnum");
    py::object cls = str_enum(name, members, py::arg("module") = python_module);
    cls.attr("__doc__") = doc;
    m.attr(name) = cls;
    enum_class<Enum>() = cls;
}

template <class T, class... Options>
class ValueClass {
  public:
    ValueClass(py::handle scope, const char* name, const char* doc) : class_(scope, name, doc) {
        class_.def(py::init<>());
        class_.def(py::self == py::self);
        class_.def("__copy__", [](const T& self) { return T(self); });
        class_.def(
            "__deepcopy__", [](const T& self, py::dict) { return T(self); }, py::arg("memo"));
    }

    /// A read-write property. Lists come back as copies: assign a whole new list to change one.
    template <class Member, class Owner>
    ValueClass& field(const char* name, Member Owner::*member, const char* doc) {
        class_.def_readwrite(name, member, doc);
        names_.emplace_back(name);
        return *this;
    }

    /// A read-write property computed by `get` and `set`, listed among the fields.
    template <class Getter, class Setter>
    ValueClass& property(const char* name, Getter&& get, Setter&& set, const char* doc) {
        class_.def_property(name, std::forward<Getter>(get), std::forward<Setter>(set), doc);
        names_.emplace_back(name);
        return *this;
    }

    /// `_to_json()` / `_from_json(text)`: the C++ JSON conversion, wrapped as `to_dict`/`from_dict`
    /// in Python.
    ValueClass& json() {
        class_.def("_to_json", [](const T& self) { return nlohmann::json(self).dump(); });
        class_.def_static("_from_json", [](const std::string& text) {
            try {
                return nlohmann::json::parse(text).get<T>();  // ticketflow::Exception on bad fields
            } catch (const nlohmann::json::exception& e) {
                throw Exception(validation_error("", e.what()));
            }
        });
        return *this;
    }

    py::class_<T, Options...>& done() {
        py::list names;
        for (const auto& name : names_) names.append(name);
        // A derived class lists its base's fields first, so repr and __init__ see them all.
        for (const py::handle base : class_.attr("__bases__")) {
            if (py::hasattr(base, "_fields")) {
                names = py::list(base.attr("_fields")) + names;
            }
        }
        class_.attr("_fields") = py::tuple(names);
        return class_;
    }

  private:
    py::class_<T, Options...> class_;
    std::vector<std::string> names_;
};

/// `to_dict()`, `from_dict(document)` (validating: raises ValidationError naming the field) and
/// pickling through the C++ JSON conversion, for classes that are not plain value classes.
template <class T, class... Options>
py::class_<T, Options...>& json_document(py::class_<T, Options...>& cls) {
    cls.def("to_dict", [](const T& self) { return to_python(nlohmann::json(self)); })
        .def_static(
            "from_dict",
            [](const py::object& spec) { return from_json_checked<T>(document(spec)); },
            py::arg("document"), "Reads and validates a document; raises ValidationError.")
        .def(py::pickle(
            [](const T& self) { return nlohmann::json(self).dump(); },
            [](const std::string& text) { return nlohmann::json::parse(text).get<T>(); }));
    return cls;
}

}  // namespace ticketflow::python
