#include <algorithm>
#include <initializer_list>

#include <nlohmann/json.hpp>

#include <ticketflow/core/intake_policy.hpp>
#include <ticketflow/notify/template.hpp>

#include "core/json_reader.hpp"

namespace ticketflow::notify {
namespace {

using nlohmann::json;

constexpr std::string_view vars_prefix = "vars.";

bool is_lower_alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}
bool is_alpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_alnum(char c) {
    return is_alpha(c) || (c >= '0' && c <= '9');
}
char lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

/// `desk_phone`: the part after `vars.` in a placeholder.
bool is_variable_name(std::string_view name) {
    return !name.empty() && std::all_of(name.begin(), name.end(),
                                        [](char c) { return is_lower_alnum(c) || c == '_'; });
}

/// `acknowledgement`, `sla_warning`, `survey-2024`: no dots, so field paths stay unambiguous.
bool is_template_name(std::string_view name) {
    return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
        return is_lower_alnum(c) || c == '_' || c == '-';
    });
}

/// A BCP 47 language tag in the shape the templates need: a 2–3 letter language, then subtags of
/// 1–8 letters or digits ("zh-CN", "en", "en-GB", "zh-Hans-CN", "es-419"), 2–35 characters.
bool is_locale_tag(std::string_view tag) {
    if (tag.size() < 2 || tag.size() > 35) return false;
    std::size_t start = 0;
    for (bool first = true;; first = false) {
        const std::size_t dash = std::min(tag.find('-', start), tag.size());
        const std::string_view subtag = tag.substr(start, dash - start);
        if (first) {
            if (subtag.size() < 2 || subtag.size() > 3 ||
                !std::all_of(subtag.begin(), subtag.end(), is_alpha)) {
                return false;
            }
        } else if (subtag.empty() || subtag.size() > 8 ||
                   !std::all_of(subtag.begin(), subtag.end(), is_alnum)) {
            return false;
        }
        if (dash == tag.size()) return true;
        start = dash + 1;
    }
}

/// Tags compare without regard to case, as BCP 47 says.
bool same_tag(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                              [](char x, char y) { return lower(x) == lower(y); });
}

std::string_view language_of(std::string_view tag) {
    return tag.substr(0, tag.find('-'));
}

Error locale_error(const std::string& field, std::string_view locale) {
    return validation_error(
        field, "'" + std::string(locale) + "' is not a locale tag such as zh-CN, en or en-GB");
}

void check(const Result<void>& done) {
    if (!done) throw Exception(done.error());
}

// ---- JSON -------------------------------------------------------------------------------------

void refuse_unknown_members(const json& j, const std::string& path,
                            std::initializer_list<std::string_view> known) {
    for (const auto& [key, value] : j.items()) {
        if (std::find(known.begin(), known.end(), key) != known.end()) continue;
        std::string expected;
        for (const auto name : known)
            expected += (expected.empty() ? "" : ", ") + std::string(name);
        // A misspelt member would otherwise be ignored and its setting silently lost.
        detail::fail(path.empty() ? key : path + "." + key,
                     "unknown member (expected " + expected + ")");
    }
}

const json& object_at(const json& j, const std::string& path) {
    if (!j.is_object()) detail::fail(path, "expected an object" + detail::got(j));
    return j;
}

std::string text_member(const json& variant, const std::string& path, const char* name) {
    const auto it = variant.find(name);
    if (it == variant.end()) {
        detail::fail(path + "." + name, "missing: every locale has a subject and a body");
    }
    std::string text;
    detail::read_value(*it, path + "." + name, text);
    return text;
}

TemplateSet read_set(const json& document) {
    object_at(document, "");
    refuse_unknown_members(document, "", {"default_locale", "variables", "templates"});
    TemplateSet set;
    if (const auto it = document.find("default_locale"); it != document.end()) {
        std::string locale;
        detail::read_value(*it, "default_locale", locale);
        check(set.set_default_locale(std::move(locale)));
    }
    // Variables first, whatever the order of the members: the templates may use them.
    if (const auto it = document.find("variables"); it != document.end()) {
        for (const auto& [name, value] : object_at(*it, "variables").items()) {
            std::string text;
            detail::read_value(value, "variables." + name, text);
            check(set.set_variable(name, std::move(text)));
        }
    }
    if (const auto it = document.find("templates"); it != document.end()) {
        for (const auto& [name, variants] : object_at(*it, "templates").items()) {
            const std::string path = "templates." + name;
            if (object_at(variants, path).empty()) {
                detail::fail(path, "a template needs at least one locale");
            }
            for (const auto& [locale, variant] : variants.items()) {
                const std::string variant_path = path + "." + locale;
                object_at(variant, variant_path);
                refuse_unknown_members(variant, variant_path, {"subject", "body"});
                // One after the other, so the subject's problem is the one reported first.
                const std::string subject = text_member(variant, variant_path, "subject");
                const std::string body = text_member(variant, variant_path, "body");
                check(set.add(name, locale, subject, body));
            }
        }
    }
    return set;
}

}  // namespace

Result<void> TemplateSet::set_variable(std::string name, std::string value) {
    const std::string field = "variables." + name;
    if (!is_variable_name(name)) {
        return validation_error(field, "'" + name +
                                           "' is not a variable name (lower-case letters, "
                                           "digits and _)");
    }
    if (!is_valid_utf8(value)) return validation_error(field, "is not valid UTF-8 text");
    variables_[std::move(name)] = std::move(value);
    return {};
}

Result<void> TemplateSet::add(const std::string& name, const std::string& locale,
                              std::string_view subject, std::string_view body) {
    const std::string path = "templates." + name;
    if (!is_template_name(name)) {
        return validation_error(path, "'" + name +
                                          "' is not a template name (lower-case letters, digits, "
                                          "_ and -)");
    }
    const std::string variant_path = path + "." + locale;
    if (!is_locale_tag(locale)) return locale_error(variant_path, locale);
    // A subject becomes a mail header or a notification title: one line.
    if (subject.find_first_of("\r\n") != std::string_view::npos) {
        return validation_error(variant_path + ".subject", "a subject is a single line");
    }
    if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        return validation_error(variant_path + ".body", "a body is required");
    }
    const auto known = [this](std::string_view placeholder) { return this->known(placeholder); };
    auto parsed_subject = Template::parse(subject, known, variant_path + ".subject");
    if (!parsed_subject) return parsed_subject.error();
    auto parsed_body = Template::parse(body, known, variant_path + ".body");
    if (!parsed_body) return parsed_body.error();
    templates_[name][locale] =
        MessageTemplate{std::move(parsed_subject).value(), std::move(parsed_body).value()};
    return {};
}

Result<void> TemplateSet::set_default_locale(std::string locale) {
    if (!is_locale_tag(locale)) return locale_error("default_locale", locale);
    default_locale_ = std::move(locale);
    return {};
}

bool TemplateSet::contains(std::string_view name) const {
    return templates_.find(name) != templates_.end();
}

std::vector<std::string> TemplateSet::names() const {
    std::vector<std::string> names;
    names.reserve(templates_.size());
    for (const auto& entry : templates_) names.push_back(entry.first);
    return names;
}

std::vector<std::string> TemplateSet::locales(std::string_view name) const {
    std::vector<std::string> locales;
    if (const auto it = templates_.find(name); it != templates_.end()) {
        for (const auto& entry : it->second) locales.push_back(entry.first);
    }
    return locales;
}

std::optional<std::string> TemplateSet::choose_locale(std::string_view name,
                                                      std::string_view locale) const {
    const auto found = templates_.find(name);
    if (found == templates_.end() || found->second.empty()) return std::nullopt;
    const auto& variants = found->second;
    // The variant for `wanted`: itself, else one of its language — the bare language ("en" for
    // "en-GB") before the set's default locale before the first in order.
    const auto match = [&](std::string_view wanted) -> std::optional<std::string> {
        if (wanted.empty()) return std::nullopt;
        if (const auto it = variants.find(wanted); it != variants.end()) return it->first;
        for (const auto& entry : variants) {
            if (same_tag(entry.first, wanted)) return entry.first;
        }
        const std::string_view language = language_of(wanted);
        std::optional<std::string> same_language;
        for (const auto& entry : variants) {
            if (!same_tag(language_of(entry.first), language)) continue;
            if (same_tag(entry.first, language)) return entry.first;
            if (same_tag(entry.first, default_locale_) || !same_language) {
                same_language = entry.first;
            }
        }
        return same_language;
    };
    if (auto chosen = match(locale)) return chosen;
    if (auto chosen = match(default_locale_)) return chosen;
    return variants.begin()->first;
}

Result<RenderedMessage> TemplateSet::render(std::string_view name, std::string_view locale,
                                            const TemplateContext& context) const {
    const auto chosen = choose_locale(name, locale);
    if (!chosen) {
        Error error;
        error.code = ErrorCode::not_found;
        error.field = "template";
        error.message = "no template named '" + std::string(name) + "'";
        return error;
    }
    const MessageTemplate& message = templates_.find(name)->second.find(*chosen)->second;
    TemplateContext filled = context;
    for (const auto& [variable, value] : variables_) {
        // A value the caller gave for this one message wins over the set's.
        const std::string placeholder = std::string(vars_prefix) + variable;
        if (!filled.text(placeholder)) filled.set(placeholder, value);
    }
    return RenderedMessage{*chosen, message.subject.render(filled), message.body.render(filled)};
}

bool TemplateSet::known(std::string_view placeholder) const {
    if (is_standard_placeholder(placeholder)) return true;
    if (placeholder.size() <= vars_prefix.size() ||
        placeholder.compare(0, vars_prefix.size(), vars_prefix) != 0) {
        return false;
    }
    return variables_.find(placeholder.substr(vars_prefix.size())) != variables_.end();
}

Result<TemplateSet> TemplateSet::from_json(const nlohmann::json& document) {
    try {
        return read_set(document);
    } catch (const Exception& e) {
        return e.error();
    } catch (const nlohmann::json::exception& e) {
        return validation_error("", e.what());
    }
}

nlohmann::json TemplateSet::to_json() const {
    json variables = json::object();
    for (const auto& [name, value] : variables_) variables[name] = value;
    json templates = json::object();
    for (const auto& [name, variants] : templates_) {
        json& written = templates[name] = json::object();
        for (const auto& [locale, message] : variants) {
            written[locale] =
                json{{"subject", message.subject.text()}, {"body", message.body.text()}};
        }
    }
    return json{{"default_locale", default_locale_},
                {"variables", std::move(variables)},
                {"templates", std::move(templates)}};
}

}  // namespace ticketflow::notify
