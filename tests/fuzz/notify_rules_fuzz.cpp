// Notification rules and template sets from JSON (notify/rules.hpp, notify/template.hpp). What
// reads must write, dump and read back equal, name only UTF-8 calendars, and render every
// template in every locale it has; a refusal is validation_failed with a UTF-8 message.
#include <cstddef>
#include <cstdint>

#include <ticketflow/notify/rules.hpp>
#include <ticketflow/notify/template.hpp>

#include "fuzz_support.hpp"

using namespace ticketflow;
using namespace ticketflow::notify;

namespace {

void check_renders(const TemplateSet& set) {
    for (const auto& name : set.names()) {
        for (const auto& locale : set.locales(name)) {
            const auto message = set.render(name, locale, TemplateContext{});
            if (!message) fuzz::check_error(message.error());
            TICKETFLOW_FUZZ_CHECK(message.has_value() && message->locale == locale);
            TICKETFLOW_FUZZ_CHECK(fuzz::valid_utf8(message->subject));
            TICKETFLOW_FUZZ_CHECK(fuzz::valid_utf8(message->body));
        }
    }
}

void check_templates(const nlohmann::json& document) {
    const auto set = TemplateSet::from_json(document);
    if (!set) {
        fuzz::check_validation_error(set.error());
        return;
    }
    const auto again =
        TemplateSet::from_json(nlohmann::json::parse(fuzz::dump_or_trap(set->to_json())));
    TICKETFLOW_FUZZ_CHECK(again.has_value() && *again == *set);
    check_renders(*set);
}

void check_rules(const nlohmann::json& document) {
    const auto rules = Rules::from_json(document);
    if (!rules) {
        fuzz::check_validation_error(rules.error());
        return;
    }
    const auto again =
        Rules::from_json(nlohmann::json::parse(fuzz::dump_or_trap(rules->to_json())));
    if (!again) fuzz::check_error(again.error());
    TICKETFLOW_FUZZ_CHECK(again.has_value() && *again == *rules);
    for (const auto& calendar : rules->calendars())
        TICKETFLOW_FUZZ_CHECK(fuzz::valid_utf8(calendar));
    check_renders(rules->templates());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto document = fuzz::parse_json(data, size);
    if (!document) return 0;
    check_rules(*document);
    check_templates(*document);
    return 0;
}
