#pragma once
// Python objects that C++ holds and calls from its own threads: kept alive as long as C++ holds
// them, called and released only with the GIL.

#include <functional>
#include <memory>
#include <string>

#include <pybind11/pybind11.h>

namespace ticketflow::python {

namespace py = pybind11;

/// `object` (possibly a Python subclass) for C++ to keep: the pointer keeps the Python half alive
/// and lets it go, with the GIL, when the last C++ holder does.
template <class T>
std::shared_ptr<T> keeping_python_alive(std::shared_ptr<T> object) {
    if (!object) return nullptr;
    auto python_object = std::make_shared<py::object>(py::cast(object));
    T* raw = object.get();
    return {raw, [object, python_object](T*) mutable {
                py::gil_scoped_acquire gil;
                *python_object = py::none();
                object.reset();
            }};
}

/// A Python callable as an observer C++ calls from its own thread: with the GIL, an exception
/// reported as unraisable (naming `where`) rather than escaping into C++. Empty for None.
template <class Arg>
std::function<void(const Arg&)> observer_from_python(py::object callable, std::string where) {
    if (callable.is_none()) return {};
    // Copies of the function are made and dropped without the GIL; the Python object is only
    // touched, and finally released, with it held.
    const std::shared_ptr<py::object> held(new py::object(std::move(callable)), [](py::object* p) {
        py::gil_scoped_acquire gil;
        delete p;
    });
    return [held, where = std::move(where)](const Arg& value) {
        py::gil_scoped_acquire gil;
        try {
            (*held)(value);
        } catch (py::error_already_set& e) {
            e.discard_as_unraisable(where.c_str());
        }
    };
}

/// Python owns a background thread (BackgroundTicker, BackgroundRelay) through this: stopping
/// joins a thread that may be waiting for the GIL to call back into Python, so the GIL is
/// released first.
template <class Thread>
struct OwnedThread {
    std::unique_ptr<Thread> thread;

    void stop() {
        py::gil_scoped_release release;
        thread->stop();
    }
    ~OwnedThread() {
        py::gil_scoped_release release;
        thread.reset();
    }
};

/// `stop()`, and use as a context manager that stops on leaving the block.
template <class Thread>
py::class_<OwnedThread<Thread>>& with_thread_control(py::class_<OwnedThread<Thread>>& cls) {
    using Owned = OwnedThread<Thread>;
    cls.def("stop", &Owned::stop, "Stops after the run under way.")
        .def(
            "__enter__", [](Owned& self) -> Owned& { return self; },
            py::return_value_policy::reference)
        .def("__exit__", [](Owned& self, py::args) { self.stop(); });
    return cls;
}

}  // namespace ticketflow::python
