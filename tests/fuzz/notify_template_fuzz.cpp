// Notification templates (notify/template.hpp, Template::parse). A template that parses keeps its
// text, parses again to the same template, uses only known placeholders, and renders: with every
// placeholder filled no `{{` is left for a customer to see, and UTF-8 text renders as UTF-8.
// A refusal is validation_failed with a UTF-8 message that quotes the placeholder.
#include <cstddef>
#include <cstdint>
#include <string>

#include <ticketflow/notify/template.hpp>

#include "fuzz_support.hpp"

using namespace ticketflow;
using namespace ticketflow::notify;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto text = fuzz::as_text(data, size);
    const auto parsed = Template::parse(text, is_standard_placeholder);
    if (!parsed) {
        fuzz::check_validation_error(parsed.error());
        return 0;
    }
    const Template& t = *parsed;
    TICKETFLOW_FUZZ_CHECK(t.text() == text);
    const auto again = Template::parse(t.text(), is_standard_placeholder);
    TICKETFLOW_FUZZ_CHECK(again.has_value() && *again == t);

    TemplateContext filled;
    for (const auto& name : t.placeholders()) {
        TICKETFLOW_FUZZ_CHECK(is_standard_placeholder(name));
        filled.set(name, "X");
    }
    const std::string rendered = t.render(filled);
    TICKETFLOW_FUZZ_CHECK(rendered.find("{{") == std::string::npos);
    // Unfilled placeholders render their fallbacks, which are pieces of the text.
    const std::string fallbacks = t.render(TemplateContext{});
    if (fuzz::valid_utf8(text)) {
        TICKETFLOW_FUZZ_CHECK(fuzz::valid_utf8(rendered));
        TICKETFLOW_FUZZ_CHECK(fuzz::valid_utf8(fallbacks));
    }
    return 0;
}
