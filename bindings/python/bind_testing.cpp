// `ticketflow._ticketflow._testing`: support for the test suite only. It drives an engine from
// threads that C++ starts — threads Python has never seen — so tests can prove that Python stores
// and clocks are called safely from them (the override takes the GIL; the caller has released it).
#include <atomic>
#include <thread>
#include <vector>

#include <ticketflow/engine.hpp>

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

}  // namespace

void bind_testing(py::module_& m) {
    py::module_ testing = m.def_submodule("_testing", "Test support; not part of the API.");
    testing.def("add_notes_from_native_threads", &add_notes_from_native_threads, py::arg("engine"),
                py::arg("tickets"), py::arg("actor"), py::arg("threads"),
                py::arg("notes_per_thread"), py::call_guard<py::gil_scoped_release>(),
                "Adds notes from `threads` C++ threads; returns how many succeeded.");
}

}  // namespace ticketflow::python
