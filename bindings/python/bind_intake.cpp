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
        .field("max_count", &AttachmentPolicy::max_count, "Per ticket.")
        .done()
        .def("check", &AttachmentPolicy::check, py::arg("attachment"),
             py::arg("field") = "attachment", "Raises ValidationError if not accepted.")
        .def_static("default_media_types", &AttachmentPolicy::default_media_types);
    ValueClass<IntakePolicy>(m, "IntakePolicy", "Limits and rules every draft must satisfy.")
        .field("taxonomy", &IntakePolicy::taxonomy, "CategoryTaxonomy.")
        .field("attachments", &IntakePolicy::attachments, "AttachmentPolicy.")
        .field("max_title_chars", &IntakePolicy::max_title_chars, "In code points.")
        .field("max_text_chars", &IntakePolicy::max_text_chars, "In code points.")
        .field("max_keywords", &IntakePolicy::max_keywords, "Per ticket.")
        .done()
        .def("validate", &IntakePolicy::validate, py::arg("draft"),
             "Raises ValidationError naming the first offending field.")
        .def("check_text", &IntakePolicy::check_text, py::arg("text"), py::arg("field"),
             py::arg("required"));
}

}  // namespace ticketflow::python
