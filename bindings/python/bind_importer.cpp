// The importer: a help desk's event log (CSV, or CSV inside a zip) replayed through an engine,
// with the mapping read from JSON and a report of what the engine refused.
#include <ticketflow/importer.hpp>

#include "bindings.hpp"
#include "casters.hpp"
#include "json_objects.hpp"

namespace ticketflow::python {
namespace {

using Release = py::call_guard<py::gil_scoped_release>;

importer::CsvOptions csv_options(const std::string& delimiter, const std::string& quote,
                                 bool require_utf8) {
    if (delimiter.size() != 1 || quote.size() != 1) {
        throw py::value_error("delimiter and quote are one character each");
    }
    importer::CsvOptions options;
    options.delimiter = delimiter[0];
    options.quote = quote[0];
    options.require_utf8 = require_utf8;
    return options;
}

void bind_table(py::module_& im) {
    py::class_<importer::CsvTable>(im, "CsvTable",
                                   "A CSV log in memory: the header's columns and every row.")
        .def_property_readonly("columns", &importer::CsvTable::columns, "The header, in order.")
        .def("__len__", &importer::CsvTable::size, "Number of data rows.")
        .def(
            "column",
            [](const importer::CsvTable& self, const std::string& name) {
                return self.column(name);
            },
            py::arg("name"), "Index of the first column of that name, or None.")
        .def(
            "field",
            [](const importer::CsvTable& self, std::size_t row, std::size_t column) {
                if (row >= self.size() || column >= self.columns().size()) {
                    throw py::index_error("row or column out of range");
                }
                return std::string(self.field(row, column));
            },
            py::arg("row"), py::arg("column"))
        .def(
            "line",
            [](const importer::CsvTable& self, std::size_t row) {
                if (row >= self.size()) throw py::index_error("row out of range");
                return self.line(row);
            },
            py::arg("row"), "The file line on which the row starts (the header is line 1).");

    im.def(
        "read_csv",
        [](const std::string& path, const std::string& delimiter, const std::string& quote,
           bool require_utf8) {
            const auto o = csv_options(delimiter, quote, require_utf8);
            py::gil_scoped_release release;
            return importer::read_csv_file(path, o);
        },
        py::arg("path"), py::arg("delimiter") = ",", py::arg("quote") = "\"",
        py::arg("require_utf8") = true,
        "Reads a CSV file; a malformed row raises ValidationError naming 'line L, column C'.");
    im.def(
        "parse_csv",
        [](const std::string& text, const std::string& delimiter, const std::string& quote,
           bool require_utf8) {
            const auto o = csv_options(delimiter, quote, require_utf8);
            py::gil_scoped_release release;
            return importer::parse_csv(text, o);
        },
        py::arg("text"), py::arg("delimiter") = ",", py::arg("quote") = "\"",
        py::arg("require_utf8") = true, "Reads CSV text.");
    im.def(
        "read_csv_zip",
        [](const std::string& path, const std::string& member, const std::string& delimiter,
           const std::string& quote, bool require_utf8) {
            const auto o = csv_options(delimiter, quote, require_utf8);
            py::gil_scoped_release release;
            return importer::read_csv_zip(path, member, o);
        },
        py::arg("path"), py::arg("member"), py::arg("delimiter") = ",", py::arg("quote") = "\"",
        py::arg("require_utf8") = true,
        "Reads the CSV member of a zip archive in place; NotFound for a missing archive or "
        "member.");
}

void bind_mapping(py::module_& im) {
    py::class_<importer::Mapping>(im, "Mapping", R"doc(How a desk's log maps onto tickets.

    mapping = ticketflow.importer.read_mapping("examples/import/helpdesk.mapping.json")
    mapping = ticketflow.importer.Mapping.from_dict({...})

Strict: an unknown key or name raises ValidationError whose field is its JSON path.
)doc")
        .def_static(
            "from_dict",
            [](const py::object& spec) { return importer::read_mapping(document(spec)); },
            py::arg("document"), "Reads a mapping from a dict or JSON text.")
        .def_readonly("notes", &importer::Mapping::notes)
        .def_readonly("zip_member", &importer::Mapping::zip_member)
        .def_readonly("case_column", &importer::Mapping::case_column)
        .def_readonly("timestamp_column", &importer::Mapping::timestamp_column)
        .def_readonly("activity_columns", &importer::Mapping::activity_columns)
        .def_property_readonly(
            "activities",
            [](const importer::Mapping& self) {
                std::vector<std::string> names;
                for (const auto& [name, activity] : self.activities) names.push_back(name);
                return names;
            },
            "The activity values the mapping lists.")
        .def_property_readonly(
            "engine", [](const importer::Mapping& self) { return to_python(self.engine); },
            "The engine section, as written.");
    im.def(
        "read_mapping", [](const std::string& path) { return importer::read_mapping_file(path); },
        py::arg("path"), "Reads a mapping file.");
    im.def(
        "read_log",
        [](const std::string& path, const importer::Mapping& mapping) {
            py::gil_scoped_release release;
            return importer::read_log(path, mapping);
        },
        py::arg("path"), py::arg("mapping"),
        "The CSV at path, or the mapping's source.zip_member of the zip archive at path.");
}

void bind_report(py::module_& im) {
    py::class_<importer::RefusalKind>(im, "RefusalKind",
                                      "Commands refused from one state, for one event and reason.")
        .def_readonly("state", &importer::RefusalKind::state, "TicketState, or None.")
        .def_readonly("event", &importer::RefusalKind::event)
        .def_readonly("code", &importer::RefusalKind::code, "ErrorCode.")
        .def_readonly("reason", &importer::RefusalKind::reason)
        .def_readonly("count", &importer::RefusalKind::count)
        .def_readonly("example_cases", &importer::RefusalKind::example_cases);
    using R = importer::ReplayReport;
    py::class_<R>(im, "ReplayReport", "What a replay did; summary() prints it.")
        .def_readonly("cases", &R::cases)
        .def_readonly("rows", &R::rows)
        .def_readonly("tickets_opened", &R::tickets_opened)
        .def_readonly("commands_fired", &R::commands_fired)
        .def_readonly("commands_refused", &R::commands_refused)
        .def_readonly("commands_skipped", &R::commands_skipped)
        .def_readonly("rows_malformed", &R::rows_malformed)
        .def_readonly("rows_reordered", &R::rows_reordered)
        .def_readonly("cases_with_refusal", &R::cases_with_refusal)
        .def_readonly("ignored", &R::ignored)
        .def_readonly("unmapped", &R::unmapped)
        .def_readonly("refusals", &R::refusals, "Most frequent first.")
        .def_readonly("sla_events", &R::sla_events)
        .def_readonly("elapsed", &R::elapsed, "timedelta.")
        .def_readonly("first_event", &R::first_event)
        .def_readonly("last_event", &R::last_event)
        .def_property_readonly("events_per_second", &R::events_per_second)
        .def_property_readonly("share_without_refusal", &R::share_without_refusal)
        .def(
            "summary", [](const R& self, std::size_t top) { return importer::summary(self, top); },
            py::arg("top") = 10)
        .def(
            "to_dict", [](const R& self) { return to_python(nlohmann::json(self)); },
            "The report as plain Python objects.");
}

void bind_replay(py::module_& im) {
    im.def(
        "replay",
        [](const importer::CsvTable& log, const importer::Mapping& mapping,
           std::shared_ptr<Store> store, Engine* engine, std::shared_ptr<ManualClock> clock,
           py::object progress, std::size_t progress_every, bool tick,
           std::size_t examples_per_refusal, bool skip_malformed_rows, std::size_t batch_rows) {
            importer::ReplayOptions options;
            options.batch_rows = batch_rows;
            options.progress_every = progress_every;
            options.tick = tick;
            options.examples_per_refusal = examples_per_refusal;
            options.skip_malformed_rows = skip_malformed_rows;
            if (!progress.is_none()) {
                options.progress = [progress](std::size_t done, std::size_t total) {
                    py::gil_scoped_acquire gil;
                    progress(done, total);
                };
            }
            if ((engine == nullptr) == (store == nullptr)) {
                throw py::value_error("give a store, or an engine with its ManualClock");
            }
            if (engine != nullptr && !clock) {
                throw py::value_error("an engine needs the ManualClock it was made with");
            }
            py::gil_scoped_release release;
            if (engine != nullptr) return importer::replay(log, mapping, *engine, *clock, options);
            return importer::replay(log, mapping, std::move(store), options);
        },
        py::arg("log"), py::arg("mapping"), py::kw_only(), py::arg("store") = nullptr,
        py::arg("engine") = nullptr, py::arg("clock") = nullptr, py::arg("progress") = py::none(),
        py::arg("progress_every") = 1000, py::arg("tick") = true,
        py::arg("examples_per_refusal") = 5, py::arg("skip_malformed_rows") = false,
        py::arg("batch_rows") = 1000,
        R"doc(Replays the log through an engine and returns a ReplayReport.

Either store= (the importer builds an engine on it with a ManualClock and the mapping's engine
section) or engine= with clock=, the ManualClock that engine reads. progress(done, total) is
called every progress_every rows. The commands of batch_rows rows are saved in one store batch
(one transaction on SQLite; 0 or 1: one by one). A refused command is counted, never raised; a log that does not
fit the mapping (a missing column, an unreadable timestamp) raises ValidationError naming the
mapping's path or the row's line and column.)doc");
}

}  // namespace

void bind_importer(py::module_& m) {
    py::module_ im =
        m.def_submodule("importer", "Replaying a help desk's event log through the engine.");
    bind_table(im);
    bind_mapping(im);
    bind_report(im);
    bind_replay(im);
}

}  // namespace ticketflow::python
