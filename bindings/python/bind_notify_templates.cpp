// Message templates in `ticketflow.notify`: TemplateContext, Template, RenderedMessage,
// TemplateSet (with the shipped standard set and its JSON), format_local_time and the standard
// placeholders.
#include <pybind11/functional.h>
#include <pybind11/operators.h>

#include <ticketflow/notify/template.hpp>

#include "bindings.hpp"
#include "casters.hpp"
#include "json_objects.hpp"
#include "value_class.hpp"

namespace ticketflow::python {
namespace {

using notify::RenderedMessage;
using notify::Template;
using notify::TemplateContext;
using notify::TemplateSet;

/// Python's `repr` of a string, for reprs that show texts as Python would write them.
std::string quoted(const std::string& text) {
    return py::repr(py::str(text)).cast<std::string>();
}

void bind_context(py::module_& n) {
    py::class_<TemplateContext>(n, "TemplateContext",
                                R"doc(What placeholders stand for when one message is rendered.

    context = ticketflow.notify.TemplateContext(ticketflow.TimeZone("Asia/Shanghai"))
    context.set("ticket.number", "HT202310010001")
    context.set("sla.first_response.due", due)   # written "2023-10-02 09:00 UTC+08:00"
)doc")
        .def(py::init([](const std::optional<TimeZone>& zone) {
                 return zone ? TemplateContext(*zone) : TemplateContext();
             }),
             py::arg("zone") = py::none(), "Instants are written in `zone` (UTC when None).")
        .def(
            "set",
            [](TemplateContext& self, std::string name,
               std::optional<std::variant<std::string, Timestamp>> value) {
                if (!value) return;
                if (auto* text = std::get_if<std::string>(&*value)) {
                    self.set(std::move(name), std::move(*text));
                } else {
                    self.set(std::move(name), std::get<Timestamp>(*value));
                }
            },
            py::arg("name"), py::arg("value"),
            "Text, or an aware datetime written in the context's zone; None leaves `name` "
            "without a value.")
        .def("text", &TemplateContext::text, py::arg("name"),
             "The value of `name` as text (instants written in the zone); None when unset.")
        .def_property_readonly("zone", &TemplateContext::zone)
        .def_property_readonly(
            "names",
            [](const TemplateContext& self) {
                std::vector<std::string> names;
                for (const auto& entry : self.values()) names.push_back(entry.first);
                return names;
            },
            "The names that have a value, sorted.")
        .def("__copy__", [](const TemplateContext& self) { return self; })
        .def(
            "__deepcopy__", [](const TemplateContext& self, py::dict) { return self; },
            py::arg("memo"));
}

void bind_template(py::module_& n) {
    py::class_<Template>(
        n, "Template",
        R"doc(One text with {{placeholders}}: `{{ name }}` or `{{ name | fallback }}`.

    t = ticketflow.notify.Template.parse("工单 {{ticket.number}} 已受理")
    t.render(context)   # "工单 HT202310010001 已受理"
)doc")
        .def_static(
            "parse",
            [](const std::string& text, const py::object& known, const std::string& field) {
                if (known.is_none()) {
                    return Template::parse(text, notify::is_standard_placeholder, field);
                }
                if (PyCallable_Check(known.ptr()) != 0) {
                    return Template::parse(
                        text, known.cast<std::function<bool(std::string_view)>>(), field);
                }
                // A collection of names: {"ticket.number", "shop.name"}.
                return Template::parse(
                    text,
                    [&known](std::string_view name) {
                        return known.contains(py::str(name.data(), name.size()));
                    },
                    field);
            },
            py::arg("text"), py::arg("known") = py::none(), py::arg("field") = "template",
            "Parses and checks `text`. `known` says which names exist: a function name -> bool or "
            "a collection of names (the standard placeholders when None). Raises ValidationError "
            "naming `field` and quoting the placeholder.")
        .def("render", &Template::render, py::arg("context"),
             "The text with each placeholder replaced by its value, else its fallback.")
        .def_property_readonly("text", &Template::text, "The text as parsed.")
        .def("placeholders", &Template::placeholders,
             "The names it uses, in order of first use, each once.")
        .def(py::self == py::self)
        .def("__repr__",
             [](const Template& self) { return "Template(" + quoted(self.text()) + ")"; })
        .def("__copy__", [](const Template& self) { return self; })
        .def(
            "__deepcopy__", [](const Template& self, py::dict) { return self; }, py::arg("memo"));
}

void bind_rendered_message(py::module_& n) {
    ValueClass<RenderedMessage>(n, "RenderedMessage",
                                "What a template renders to for one recipient.")
        .field("locale", &RenderedMessage::locale, "The variant used, e.g. 'zh-CN'.")
        .field("subject", &RenderedMessage::subject, "str.")
        .field("body", &RenderedMessage::body, "str.")
        .done();
}

TemplateSet from_document(const py::object& spec) {
    return TemplateSet::from_json(document(spec)).value();
}

void bind_template_set(py::module_& n) {
    py::class_<TemplateSet> cls(n, "TemplateSet",
                                R"doc(Named templates, each in one or more locales, and
the variables (`vars.<name>`) they may use; every text is checked when it is added or loaded.

    templates = ticketflow.notify.TemplateSet.standard()
    templates.set_variable("desk_phone", "400-800-1234")
    message = templates.render("acknowledgement", "zh-CN", context)
)doc");
    cls.def(py::init<>(), "An empty set whose default locale is zh-CN.")
        .def_static(
            "standard", []() { return TemplateSet::standard(); },
            "A copy of the templates ticketflow ships, in zh-CN and en.")
        .def_static("from_json", &from_document, py::arg("document"),
                    "From a dict (or JSON text) {default_locale, variables, templates}; raises "
                    "ValidationError naming the path, e.g. templates.acknowledgement.en.subject.")
        .def(
            "to_json", [](const TemplateSet& self) { return to_python(self.to_json()); },
            "The set's JSON document as a dict.")
        .def("add", &TemplateSet::add, py::arg("name"), py::arg("locale"), py::arg("subject"),
             py::arg("body"),
             "Adds or replaces the `locale` variant of `name`, checking both texts; raises "
             "ValidationError.")
        .def("set_variable", &TemplateSet::set_variable, py::arg("name"), py::arg("value"),
             "Declares or changes variable `name` (used as {{vars.<name>}}).")
        .def("set_default_locale", &TemplateSet::set_default_locale, py::arg("locale"),
             "The locale used when a recipient has none, or one no template has.")
        .def("names", &TemplateSet::names, "The template names, sorted.")
        .def("locales", &TemplateSet::locales, py::arg("name"),
             "The locales `name` has, sorted; empty for an unknown name.")
        .def(
            "choose_locale",
            [](const TemplateSet& self, const std::string& name,
               const std::optional<std::string>& locale) {
                return self.choose_locale(name, locale.value_or(""));
            },
            py::arg("name"), py::arg("locale"),
            "The variant of `name` for `locale`: that locale, else the same language, else the "
            "default locale, else the first. None for an unknown name.")
        .def(
            "render",
            [](const TemplateSet& self, const std::string& name,
               const std::optional<std::string>& locale, const TemplateContext& context) {
                return self.render(name, locale.value_or(""), context);
            },
            py::arg("name"), py::arg("locale"), py::arg("context"),
            "Renders `name` for a recipient in `locale` (None: the default), with the set's "
            "variables; raises NotFound for an unknown name.")
        .def_property_readonly("default_locale", &TemplateSet::default_locale)
        .def_property_readonly(
            "variables",
            [](const TemplateSet& self) {
                return std::map<std::string, std::string>(self.variables().begin(),
                                                          self.variables().end());
            },
            "A copy of the variables (name → value); change them with set_variable().")
        .def("__contains__", &TemplateSet::contains, py::arg("name"))
        .def(py::self == py::self)
        .def("__repr__",
             [](const TemplateSet& self) {
                 std::string names;
                 for (const auto& name : self.names()) names += (names.empty() ? "" : ", ") + name;
                 return "TemplateSet(default_locale=" + quoted(self.default_locale()) +
                        ", templates=[" + names + "])";
             })
        .def(py::pickle([](const TemplateSet& self) { return self.to_json().dump(); },
                        [](const std::string& text) { return from_document(py::str(text)); }))
        .def("__copy__", [](const TemplateSet& self) { return self; })
        .def(
            "__deepcopy__", [](const TemplateSet& self, py::dict) { return self; },
            py::arg("memo"));
}

}  // namespace

void bind_notify_templates(py::module_& notify_module) {
    bind_context(notify_module);
    bind_template(notify_module);
    bind_rendered_message(notify_module);
    bind_template_set(notify_module);
    notify_module.def("format_local_time", &notify::format_local_time, py::arg("time"),
                      py::arg("zone"),
                      "`time` on the wall clock of `zone` with its offset: '2023-10-02 09:00 "
                      "UTC+08:00' ('… UTC' in UTC).");
    notify_module.def("standard_placeholders", &notify::standard_placeholders,
                      "The placeholders the engine fills for every notification.");
    notify_module.def("is_standard_placeholder", &notify::is_standard_placeholder, py::arg("name"));
}

}  // namespace ticketflow::python
