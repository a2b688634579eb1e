#pragma once
// `with store.batch():` and `with engine.batch():` — a StoreBatch or EngineBatch begun on entering
// the block, committed on leaving it, rolled back when an exception leaves it. Beginning and ending
// release the GIL: they may wait for another thread's batch, which may need the GIL to finish.

#include <optional>
#include <string>

#include <pybind11/pybind11.h>

#include <ticketflow/core/error.hpp>
#include <ticketflow/core/result.hpp>

#include "casters.hpp"

namespace ticketflow::python {

namespace py = pybind11;

/// `Batch` is StoreBatch or EngineBatch, made from an `Owner&` (the store or the engine).
template <class Owner, class Batch>
class BatchScope {
  public:
    /// Bound with `py::keep_alive<0, 1>()`, so that the store or engine outlives the scope.
    explicit BatchScope(Owner& owner) : owner_(owner) {}
    ~BatchScope() {
        // Left without ending (never entered fully, or dropped): roll back, on this thread.
        py::gil_scoped_release release;
        batch_.reset();
    }
    BatchScope(const BatchScope&) = delete;
    BatchScope& operator=(const BatchScope&) = delete;

    BatchScope& enter() {
        if (batch_) throw py::value_error("this batch is under way already; batches do not nest");
        {
            py::gil_scoped_release release;
            batch_.emplace(owner_);
        }
        if (!batch_->began()) {
            const Error refused = batch_->began().error();
            batch_.reset();
            raise(refused);
        }
        return *this;
    }

    /// Leaving the block: commits, or rolls back when it raised (the exception goes on);
    /// nothing when the block already ended the batch itself.
    bool exit(const py::object& type, const py::object&, const py::object&) {
        if (!batch_) return false;
        if (!type.is_none()) {
            roll_back();
            return false;
        }
        if (auto committed = commit(); !committed) raise(committed.error());
        return false;
    }

    Result<void> commit() {
        if (!batch_) return validation_error("batch", "no batch is under way in this block");
        Result<void> committed;
        {
            py::gil_scoped_release release;
            committed = batch_->commit();
            batch_.reset();
        }
        return committed;
    }

    void roll_back() {
        py::gil_scoped_release release;
        batch_.reset();  // rolls back what is not committed
    }

    bool active() const { return batch_ && batch_->active(); }

    /// Binds the class under `name` in `scope`.
    static void bind(py::handle scope, const char* name, const char* doc) {
        py::class_<BatchScope>(scope, name, doc)
            .def("__enter__", &BatchScope::enter, py::return_value_policy::reference_internal)
            .def("__exit__", &BatchScope::exit, py::arg("type"), py::arg("value"),
                 py::arg("traceback"))
            .def("commit", &BatchScope::commit,
                 "Commits the batch now (as leaving the block does); raises the store's error "
                 "when nothing of it could be stored.")
            .def("roll_back", &BatchScope::roll_back,
                 "Abandons the batch now: nothing of it is stored.")
            .def_property_readonly("active", &BatchScope::active,
                                   "True between entering the block and ending the batch.");
    }

  private:
    Owner& owner_;
    std::optional<Batch> batch_;
};

}  // namespace ticketflow::python
