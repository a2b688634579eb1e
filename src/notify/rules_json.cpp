// JSON for notification rules, following docs/json.md: errors name the path of the offending value.
#include <ticketflow/core/json.hpp>
#include <ticketflow/notify/rules.hpp>

#include "core/condition_fields.hpp"
#include "core/json_reader.hpp"

namespace ticketflow::notify {

using detail::For;
using nlohmann::json;

namespace {

// What an error says, without the "field: " its message starts with.
std::string what_of(const Error& error) {
    const std::string prefix = error.field + ": ";
    if (error.field.empty() || error.message.rfind(prefix, 0) != 0) return error.message;
    return error.message.substr(prefix.size());
}

// The standard templates with what `given` declares laid over them: its variables, template
// variants and default locale replace the standard ones of the same name, the rest stay. Merged
// as documents, so errors name the paths of `given` and its templates may use standard variables.
Result<TemplateSet> laid_over_standard(const json& given) {
    if (!given.is_object()) return validation_error("", "expected an object");
    json merged = TemplateSet::standard().to_json();
    for (const auto& [member, value] : given.items()) {
        if (member == "variables" && value.is_object()) {
            merged[member].update(value);
        } else if (member == "templates" && value.is_object()) {
            for (const auto& [name, variants] : value.items()) {
                if (!variants.is_object()) {
                    merged[member][name] = variants;  // not an object: refused, by its path
                } else {
                    merged[member][name].update(variants);
                }
            }
        } else {
            merged[member] = value;
        }
    }
    return TemplateSet::from_json(merged);
}

}  // namespace

// A recipient is its text form: "customer", "owner", "contact:duty-manager".
void read_value(const json& j, const std::string& path, Recipient& out) {
    std::string text;
    detail::read_value(j, path, text);
    auto parsed = Recipient::parse(text);
    if (!parsed) detail::fail(path, what_of(parsed.error()));
    out = std::move(*parsed);
}

void to_json(json& j, const Recipient& v) {
    j = v.to_string();
}

template <class Visitor, class Self>
For<Self, Contact> fields(const Visitor& r, Self& v) {
    r.field("name", v.name);
    r.field("addresses", v.addresses);
    r.field("locale", v.locale);
    r.field("time_zone", v.time_zone);
    r.field("calendar", v.calendar);
}

template <class Visitor, class Self>
For<Self, NotificationRule> fields(const Visitor& r, Self& v) {
    r.field("name", v.name);
    r.field("on", v.on);
    r.field("visibility", v.visibility);
    r.field("by", v.by);
    r.field("changed", v.changed);
    r.field("metrics", v.metrics);
    r.field("when", v.when);
    r.field("to", v.to);
    r.field("channel", v.channel);
    r.field("template", v.template_name);
    r.field("quiet_hours", v.quiet_hours);
}

void to_json(json& j, const Contact& v) {
    detail::write_document(j, v);
}
void to_json(json& j, const NotificationRule& v) {
    detail::write_document(j, v);
}

Result<Rules> Rules::from_json(const json& document) {
    std::vector<NotificationRule> rules;
    std::map<std::string, Contact> contacts;
    Contact customer_defaults;
    Contact staff_defaults;
    try {
        const detail::Reader r(document, "");
        r.field("rules", rules);
        r.field("contacts", contacts);
        r.field("customer_defaults", customer_defaults);
        r.field("staff_defaults", staff_defaults);
    } catch (const Exception& e) {
        return e.error();
    }
    TemplateSet templates = TemplateSet::standard();
    if (const auto given = document.find("templates"); given != document.end()) {
        auto read = laid_over_standard(*given);
        if (!read) {
            const Error& error = read.error();
            return validation_error(error.field.empty() ? "templates" : "templates." + error.field,
                                    what_of(error));
        }
        templates = std::move(*read);
    }
    return make(std::move(rules), std::move(templates), std::move(contacts),
                std::move(customer_defaults), std::move(staff_defaults));
}

json Rules::to_json() const {
    return json{{"rules", rules_},
                {"templates", templates_.to_json()},
                {"contacts", contacts_},
                {"customer_defaults", customer_defaults_},
                {"staff_defaults", staff_defaults_}};
}

}  // namespace ticketflow::notify
