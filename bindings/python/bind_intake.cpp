// What intake accepts: categories, attachment limits, text limits, and draft validation.
#include <ticketflow/core/intake_policy.hpp>

#include "bindings.hpp"
#include "value_class.hpp"

namespace ticketflow::python {

void bind_intake(py::module_& m) {
    ValueClass<CategoryTaxonomy>(m, "CategoryTaxonomy",
                                 "The categories a ticket may be filed under.")
        .field("categories", &CategoryTaxonomy::categories, "list of str.")
        .done()
        .def("contains", &CategoryTaxonomy::contains, py::arg("category"))
        .def_static("default_categories", &CategoryTaxonomy::default_categories);
    ValueClass<AttachmentPolicy>(m, "AttachmentPolicy", "Which attachments are accepted.")
        .field("allowed_media_types", &AttachmentPolicy::allowed_media_types, "list of str.")
        .field("max_size_bytes", &AttachmentPolicy::max_size_bytes, "Default 20 MiB.")
        .field("max_count", &AttachmentPolicy::max_count, "Per ticket; 0 refuses attachments.")
        .field("allowed_uri_schemes", &AttachmentPolicy::allowed_uri_schemes,
               "list of str; default http, https, s3.")
        .field("max_uri_chars", &AttachmentPolicy::max_uri_chars, "In code points.")
        .done()
        .def("check", &AttachmentPolicy::check, py::arg("attachment"),
             py::arg("field") = "attachment", "Raises ValidationError if not accepted.")
        .def("check_policy", &AttachmentPolicy::check_policy, py::arg("field") = "attachments",
             "Raises ValidationError naming the path when the policy itself is unusable.")
        .def_static("default_media_types", &AttachmentPolicy::default_media_types)
        .def_static("default_uri_schemes", &AttachmentPolicy::default_uri_schemes);
    ValueClass<IntakePolicy>(m, "IntakePolicy", "Limits and rules every draft must satisfy.")
        .field("taxonomy", &IntakePolicy::taxonomy, "CategoryTaxonomy.")
        .field("attachments", &IntakePolicy::attachments, "AttachmentPolicy.")
        .field("max_title_chars", &IntakePolicy::max_title_chars, "In code points.")
        .field("max_text_chars", &IntakePolicy::max_text_chars, "Multi-line texts, in code points.")
        .field("max_line_chars", &IntakePolicy::max_line_chars,
               "Single-line texts (names, keywords, tags), in code points.")
        .field("max_id_chars", &IntakePolicy::max_id_chars, "Ids, in code points.")
        .field("max_keywords", &IntakePolicy::max_keywords, "Per ticket.")
        .field("max_clock_skew", &IntakePolicy::max_clock_skew,
               "timedelta: how far ahead of the clock occurred_at may lie.")
        .done()
        .def("validate", &IntakePolicy::validate, py::arg("draft"), py::arg("now"),
             "Raises ValidationError naming the first offending field of a draft opened at now.")
        .def("check", &IntakePolicy::check,
             "Raises ValidationError naming the path when the policy itself is unusable.")
        .def("check_text", &IntakePolicy::check_text, py::arg("text"), py::arg("field"),
             py::arg("required"))
        .def("check_line", &IntakePolicy::check_line, py::arg("text"), py::arg("field"),
             py::arg("required"))
        .def("check_id", &IntakePolicy::check_id, py::arg("id"), py::arg("field"));
}

}  // namespace ticketflow::python
