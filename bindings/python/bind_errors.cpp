// C++ errors become instances of the Python hierarchy in ticketflow/errors.py.
#include "bindings.hpp"
#include "casters.hpp"

namespace ticketflow::python {

void bind_errors(py::module_&) {
    py::register_exception_translator([](std::exception_ptr raised) {
        try {
            if (raised) std::rethrow_exception(raised);
        } catch (const Exception& e) {
            const py::object error =
                py::module_::import("ticketflow.errors").attr("from_info")(e.error());
            PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(error.ptr())), error.ptr());
        }
    });
}

}  // namespace ticketflow::python
