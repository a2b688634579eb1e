// The SQLite store: the embedded default, a file on disk that a new engine reopens where the last
// one stopped.
#include <cstddef>
#include <cstdint>
#include <optional>

#include <ticketflow/storage/sqlite_store.hpp>

#include "bindings.hpp"
#include "value_class.hpp"

namespace ticketflow::python {

void bind_sqlite_store(py::module_& m) {
    bind_enum<Durability>(m, "Durability",
                          "How hard a SQLite commit waits for the disk: full (survives a power "
                          "loss, the default) or normal (faster; the last commits may be lost).");
    py::class_<SqliteStore, Store, std::shared_ptr<SqliteStore>>(
        m, "SqliteStore", R"doc(Tickets, audit trails and sequences in one SQLite file (WAL mode).

    store = ticketflow.SqliteStore("tickets.db")
    engine = ticketflow.Engine(store, ticketflow.SystemClock())

Opening creates the file with its schema or migrates an older one; raises StorageError when the
file is not a SQLite database or was written by a newer ticketflow. Several processes and threads
may use one file. max_size_bytes caps the file's size: a write that would grow it further raises
StorageError ("the database is full") and writes nothing. group_commit=N lets up to N writes from
concurrent threads share one transaction and one flush; each still returns only after it commits.
)doc")
        .def(py::init([](const std::string& path, Durability synchronous,
                         std::chrono::microseconds busy_timeout, bool read_only,
                         std::optional<std::uint64_t> max_size_bytes, std::size_t group_commit) {
                 SqliteOptions options;
                 options.path = path;
                 options.synchronous = synchronous;
                 options.busy_timeout =
                     std::chrono::duration_cast<std::chrono::milliseconds>(busy_timeout);
                 options.read_only = read_only;
                 options.max_size_bytes = max_size_bytes;
                 options.group_commit = group_commit;
                 py::gil_scoped_release release;
                 return std::shared_ptr<SqliteStore>(SqliteStore::open(options).value());
             }),
             py::arg("path"), py::arg("synchronous") = Durability::full,
             py::arg_v("busy_timeout", std::chrono::microseconds{std::chrono::seconds{5}},
                       "datetime.timedelta(seconds=5)"),
             py::arg("read_only") = false,
             py::arg("max_size_bytes") = std::optional<std::uint64_t>{},
             py::arg("group_commit") = std::size_t{1})
        .def_property_readonly(
            "path", [](const SqliteStore& self) { return self.options().path.string(); },
            "The database file.")
        .def_property_readonly(
            "group_commit", [](const SqliteStore& self) { return self.options().group_commit; },
            "How many writes may share one transaction.")
        .def_property_readonly_static(
            "schema_version", [](py::object) { return SqliteStore::schema_version(); },
            "The schema version this build reads and writes.");
}

}  // namespace ticketflow::python
