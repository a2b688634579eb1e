// C++ errors become instances of the Python hierarchy in ticketflow/errors.py.
//
// What reaches Python from C++ (docs/python.md, "Errors"):
// - ticketflow::Exception → the ticketflow.Error subclass for its code;
// - pybind11's own exceptions (TypeError for a wrong argument, ValueError for a naive datetime)
//   and a Python exception raised by a Python override pass through unchanged;
// - std::bad_alloc stays MemoryError;
// - a JSON exception (a document that cannot be read or written, e.g. text that is not UTF-8)
//   becomes ticketflow.ValidationError;
// - any other std::exception (a defect, or a C++ store or notifier of the application throwing)
//   becomes ticketflow.StorageError: like a storage failure, the command could not complete and
//   the caller cannot tell whether it took effect, so it is handled the same way.
#include <new>

#include <nlohmann/json.hpp>

#include "bindings.hpp"
#include "casters.hpp"

namespace ticketflow::python {
namespace {

// The message, field and ticket number are made valid UTF-8 first, so converting them to Python
// strings cannot fail with UnicodeDecodeError in place of the error itself.
void set_python_error(const Error& error) {
    const py::object raised =
        py::module_::import("ticketflow.errors").attr("from_info")(with_valid_text(error));
    PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(raised.ptr())), raised.ptr());
}

Error unreadable_json(const nlohmann::json::exception& raised) {
    return validation_error("",
                            std::string("the JSON cannot be read or written: ") + raised.what());
}

Error unexpected(const std::exception& raised) {
    Error error;
    error.code = ErrorCode::storage_failure;
    error.message = std::string("the command could not complete: ") + raised.what();
    return error;
}

}  // namespace

void bind_errors(py::module_&) {
    py::register_exception_translator([](std::exception_ptr raised) {
        try {
            if (raised) std::rethrow_exception(raised);
        } catch (const Exception& e) {
            set_python_error(e.error());
        } catch (const py::error_already_set&) {
            throw;  // a Python exception: pybind11 restores it as it was
        } catch (const py::builtin_exception&) {
            throw;  // TypeError, ValueError, … raised on purpose by the bindings
        } catch (const std::bad_alloc&) {
            throw;  // MemoryError
        } catch (const nlohmann::json::exception& e) {
            set_python_error(unreadable_json(e));
        } catch (const std::exception& e) {
            set_python_error(unexpected(e));
        }
    });
}

}  // namespace ticketflow::python
