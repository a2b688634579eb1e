// `ticketflow._ticketflow._testing`: support for the test suite only. It drives an engine from
// threads that C++ starts — threads Python has never seen — so tests can prove that Python stores
// and clocks are called safely from them (the override takes the GIL; the caller has released it).
#include <atomic>
#include <exception>
#include <thread>
#include <vector>

#include <ticketflow/engine.hpp>
#include <ticketflow/storage/store.hpp>

#include "bindings.hpp"
#include "casters.hpp"

namespace ticketflow::python {
namespace {

std::size_t add_notes_from_native_threads(Engine& engine, const std::vector<TicketId>& tickets,
                                          const Actor& actor, int threads, int notes_per_thread) {
    std::atomic<std::size_t> added{0};
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back([&, t] {
            for (int i = 0; i < notes_per_thread; ++i) {
                const TicketId id = tickets[static_cast<std::size_t>(t + i) % tickets.size()];
                if (engine.add_note(id, actor, "note from a native thread")) ++added;
            }
        });
    }
    for (auto& worker : workers) worker.join();
    return added.load();
}

// A relay's loop on a C++ thread: lease a few, settle each as `outcome`, until nothing is due.
std::vector<OutboxEntry> relay_from_native_thread(Store& store, const std::string& owner,
                                                  Timestamp now, OutboxOutcome outcome) {
    std::vector<OutboxEntry> settled;
    std::exception_ptr failure;  // rethrown here: an exception must not escape the thread
    std::thread relay([&] {
        try {
            const OutboxLease lease{owner, now, std::chrono::minutes{1}, 5};
            for (auto batch = store.lease_outbox(lease).value(); !batch.empty();
                 batch = store.lease_outbox(lease).value()) {
                for (const OutboxEntry& entry : batch) {
                    settled.push_back(
                        store.settle_outbox({entry.id, owner, now, outcome, "gave up", now})
                            .value());
                }
            }
        } catch (...) {
            failure = std::current_exception();
        }
    });
    relay.join();
    if (failure) std::rethrow_exception(failure);
    return settled;
}

// Lists the dead entries and re-drives each, from C++.
std::vector<OutboxEntry> redrive_dead_entries(Store& store, Timestamp now) {
    OutboxQuery dead;
    dead.state = OutboxState::dead;
    std::vector<OutboxEntry> redriven;
    for (const OutboxEntry& entry : store.outbox(dead).value()) {
        redriven.push_back(store.redrive_outbox(entry.id, now).value());
    }
    return redriven;
}

}  // namespace

void bind_testing(py::module_& m) {
    py::module_ testing = m.def_submodule("_testing", "Test support; not part of the API.");
    testing.def("add_notes_from_native_threads", &add_notes_from_native_threads, py::arg("engine"),
                py::arg("tickets"), py::arg("actor"), py::arg("threads"),
                py::arg("notes_per_thread"), py::call_guard<py::gil_scoped_release>(),
                "Adds notes from `threads` C++ threads; returns how many succeeded.");
    testing.def("relay_from_native_thread", &relay_from_native_thread, py::arg("store"),
                py::arg("owner"), py::arg("now"), py::arg("outcome"),
                py::call_guard<py::gil_scoped_release>(),
                "Leases and settles every due entry from a C++ thread; returns them as settled.");
    testing.def("redrive_dead_entries", &redrive_dead_entries, py::arg("store"), py::arg("now"),
                py::call_guard<py::gil_scoped_release>(),
                "Re-drives every dead entry from C++; returns them as re-driven.");
}

}  // namespace ticketflow::python
