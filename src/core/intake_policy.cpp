#include <algorithm>

#include <ticketflow/core/intake_policy.hpp>

namespace ticketflow {
namespace {

std::string indexed(const std::string& field, std::size_t index) {
    return field + "[" + std::to_string(index) + "]";
}

char ascii_lower(char c) noexcept {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool equals_ignoring_case(std::string_view a, std::string_view b) noexcept {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return ascii_lower(x) == ascii_lower(y);
           });
}

std::string_view trim_ascii(std::string_view text) noexcept {
    const auto first = text.find_first_not_of(" \t\r\n\f\v");
    if (first == std::string_view::npos) return {};
    return text.substr(first, text.find_last_not_of(" \t\r\n\f\v") - first + 1);
}

/// Length of the UTF-8 sequence introduced by `lead`, or 0 for a byte that cannot start one.
/// C0, C1 (overlong two-byte forms) and F5..FF never occur in well-formed UTF-8.
std::size_t sequence_length(unsigned char lead) noexcept {
    if (lead < 0x80) return 1;
    if (lead >= 0xC2 && lead <= 0xDF) return 2;
    if (lead >= 0xE0 && lead <= 0xEF) return 3;
    if (lead >= 0xF0 && lead <= 0xF4) return 4;
    return 0;
}

/// The allowed range of the second byte, which rules out overlong forms (E0, F0), surrogates (ED)
/// and code points above U+10FFFF (F4).
bool second_byte_ok(unsigned char lead, unsigned char second) noexcept {
    switch (lead) {
        case 0xE0:
            return second >= 0xA0 && second <= 0xBF;
        case 0xED:
            return second >= 0x80 && second <= 0x9F;
        case 0xF0:
            return second >= 0x90 && second <= 0xBF;
        case 0xF4:
            return second >= 0x80 && second <= 0x8F;
        default:
            return second >= 0x80 && second <= 0xBF;
    }
}

bool is_continuation(unsigned char byte) noexcept {
    return (byte & 0xC0) == 0x80;
}

/// Checks `text` as one text input: valid UTF-8, present when `required`, within `max_chars`.
Result<void> check_field_text(std::string_view text, const std::string& field, bool required,
                              std::size_t max_chars) {
    if (!is_valid_utf8(text)) return validation_error(field, "is not valid UTF-8");
    if (required && is_blank(text)) return validation_error(field, "is required");
    const auto length = utf8_length(text);
    if (length > max_chars) {
        return validation_error(field, "is " + std::to_string(length) +
                                           " characters long; at most " +
                                           std::to_string(max_chars) + " are allowed");
    }
    return {};
}

bool looks_like_email(std::string_view email) noexcept {
    const auto at = email.find('@');
    if (at == std::string_view::npos || at == 0 ||
        email.find('@', at + 1) != std::string_view::npos) {
        return false;
    }
    const auto has_space_or_control = std::any_of(email.begin(), email.end(), [](char c) {
        return static_cast<unsigned char>(c) <= 0x20 || c == 0x7F;
    });
    const auto domain = email.substr(at + 1);
    const auto dot = domain.find('.');
    return !has_space_or_control && dot != std::string_view::npos && dot != 0 &&
           domain.back() != '.' && domain.find("..") == std::string_view::npos;
}

bool looks_like_phone(std::string_view phone) noexcept {
    if (!phone.empty() && phone.front() == '+') phone.remove_prefix(1);
    std::size_t digits = 0;
    for (const char c : phone) {
        if (c >= '0' && c <= '9') {
            ++digits;
        } else if (c != ' ' && c != '-' && c != '(' && c != ')') {
            return false;
        }
    }
    return digits >= 5 && digits <= 20;
}

template <class Enum>
Result<void> check_enum(Enum value, const std::string& field) {
    if (to_string(value) == "?") return validation_error(field, "holds no known value");
    return {};
}

Result<void> check_customer(const Customer& c, std::size_t max_chars) {
    if (auto r = check_field_text(c.name, "customer.name", true, max_chars); !r) return r;
    const std::pair<const std::string*, const char*> texts[] = {
        {&c.contact_person, "customer.contact_person"},
        {&c.phone, "customer.phone"},
        {&c.email, "customer.email"},
    };
    for (const auto& [text, field] : texts) {
        auto r = check_field_text(*text, field, false, max_chars);
        if (!r) return r;
    }
    if (!c.email.empty() && !looks_like_email(c.email)) {
        return validation_error("customer.email", "'" + c.email + "' is not an e-mail address");
    }
    if (!c.phone.empty() && !looks_like_phone(c.phone)) {
        return validation_error("customer.phone", "'" + c.phone +
                                                      "' is not a phone number (5 to 20 digits, "
                                                      "optional leading '+', spaces, '-', '()')");
    }
    for (std::size_t i = 0; i < c.tags.size(); ++i) {
        auto r = check_field_text(c.tags[i], indexed("customer.tags", i), false, max_chars);
        if (!r) return r;
    }
    return check_enum(c.tier, "customer.tier");
}

Result<void> check_date(const std::optional<Date>& date, const char* field) {
    if (date && !date->valid()) {
        return validation_error(field, "'" + to_string(*date) + "' is not a calendar date");
    }
    return {};
}

Result<void> check_product(const Product& p, std::size_t max_chars) {
    const std::pair<const std::string*, const char*> texts[] = {
        {&p.model, "product.model"},
        {&p.serial_number, "product.serial_number"},
        {&p.contract_number, "product.contract_number"},
    };
    for (const auto& [text, field] : texts) {
        auto r = check_field_text(*text, field, false, max_chars);
        if (!r) return r;
    }
    if (auto r = check_date(p.purchase_date, "product.purchase_date"); !r) return r;
    if (auto r = check_date(p.warranty_end, "product.warranty_end"); !r) return r;
    if (p.purchase_date && p.warranty_end && *p.warranty_end < *p.purchase_date) {
        return validation_error("product.warranty_end", to_string(*p.warranty_end) +
                                                            " is before the purchase date " +
                                                            to_string(*p.purchase_date));
    }
    return {};
}

Result<void> check_keywords(const std::vector<std::string>& keywords, std::size_t max_keywords,
                            std::size_t max_chars) {
    if (keywords.size() > max_keywords) {
        return validation_error("keywords", std::to_string(keywords.size()) +
                                                " keywords given; at most " +
                                                std::to_string(max_keywords) + " are allowed");
    }
    for (std::size_t i = 0; i < keywords.size(); ++i) {
        auto r = check_field_text(keywords[i], indexed("keywords", i), true, max_chars);
        if (!r) return r;
    }
    return {};
}

Result<void> check_attachments(const std::vector<Attachment>& attachments,
                               const AttachmentPolicy& policy) {
    if (attachments.size() > policy.max_count) {
        return validation_error(
            "attachments", std::to_string(attachments.size()) + " attachments given; at most " +
                               std::to_string(policy.max_count) + " are allowed");
    }
    for (std::size_t i = 0; i < attachments.size(); ++i) {
        auto r = policy.check(attachments[i], indexed("attachments", i));
        if (!r) return r;
    }
    return {};
}

Result<void> check_attachment_name(const std::string& name, const std::string& field) {
    if (name.empty()) return validation_error(field, "is required");
    if (!is_valid_utf8(name)) return validation_error(field, "is not valid UTF-8");
    const bool has_separator_or_control = std::any_of(name.begin(), name.end(), [](char c) {
        return c == '/' || c == '\\' || static_cast<unsigned char>(c) < 0x20;
    });
    if (has_separator_or_control || name == "." || name == "..") {
        return validation_error(field, "'" + name + "' must be a plain file name, without a path");
    }
    return {};
}

}  // namespace

bool is_blank(std::string_view text) noexcept {
    while (!text.empty()) {
        if (text.front() == ' ' || (text.front() >= '\t' && text.front() <= '\r')) {
            text.remove_prefix(1);
        } else if (text.substr(0, 2) == "\xC2\xA0") {
            text.remove_prefix(2);
        } else if (text.substr(0, 3) == "\xE3\x80\x80") {
            text.remove_prefix(3);
        } else {
            return false;
        }
    }
    return true;
}

std::vector<std::string> CategoryTaxonomy::default_categories() {
    return {"hardware_fault",    "software_bug", "how_to",  "installation", "feature_request",
            "service_complaint", "logistics",    "billing", "other"};
}

bool CategoryTaxonomy::contains(std::string_view category) const {
    return std::find(categories.begin(), categories.end(), category) != categories.end();
}

std::vector<std::string> AttachmentPolicy::default_media_types() {
    return {
        "image/jpeg",
        "image/png",
        "image/gif",
        "image/webp",
        "application/pdf",
        "text/plain",
        "text/csv",
        "application/zip",
        "application/msword",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.ms-excel",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "text/x-log",
    };
}

Result<void> AttachmentPolicy::check(const Attachment& attachment, const std::string& field) const {
    if (auto r = check_attachment_name(attachment.name, field + ".name"); !r) return r;
    if (!is_valid_utf8(attachment.media_type)) {
        return validation_error(field + ".media_type", "is not valid UTF-8");
    }
    // Parameters such as "; charset=utf-8" do not change what kind of file it is.
    const auto essence = trim_ascii(
        std::string_view(attachment.media_type).substr(0, attachment.media_type.find(';')));
    const bool allowed =
        !essence.empty() &&
        std::any_of(allowed_media_types.begin(), allowed_media_types.end(),
                    [&](const std::string& type) { return equals_ignoring_case(type, essence); });
    if (!allowed) {
        return validation_error(field + ".media_type",
                                "'" + attachment.media_type + "' is not an accepted media type");
    }
    if (attachment.size_bytes == 0) return validation_error(field + ".size_bytes", "file is empty");
    if (attachment.size_bytes > max_size_bytes) {
        return validation_error(field + ".size_bytes", std::to_string(attachment.size_bytes) +
                                                           " bytes exceeds the limit of " +
                                                           std::to_string(max_size_bytes) +
                                                           " bytes");
    }
    if (attachment.uri.empty()) return validation_error(field + ".uri", "is required");
    if (!is_valid_utf8(attachment.uri))
        return validation_error(field + ".uri", "is not valid UTF-8");
    return {};
}

Result<void> IntakePolicy::validate(const TicketDraft& draft) const {
    if (auto r = check_customer(draft.customer, max_text_chars); !r) return r;
    if (auto r = check_product(draft.product, max_text_chars); !r) return r;
    if (auto r = check_enum(draft.channel, "channel"); !r) return r;
    if (auto r = check_field_text(draft.title, "title", true, max_title_chars); !r) return r;
    if (auto r = check_text(draft.description, "description", true); !r) return r;
    if (auto r = check_text(draft.environment, "environment", false); !r) return r;
    if (auto r = check_text(draft.steps_tried, "steps_tried", false); !r) return r;
    if (auto r = check_field_text(draft.category, "category", true, max_title_chars); !r) return r;
    if (!taxonomy.contains(draft.category)) {
        return validation_error("category", "'" + draft.category + "' is not a known category");
    }
    if (auto r = check_keywords(draft.keywords, max_keywords, max_text_chars); !r) return r;
    if (auto r = check_enum(draft.priority, "priority"); !r) return r;
    if (auto r = check_enum(draft.requested_outcome, "requested_outcome"); !r) return r;
    return check_attachments(draft.attachments, attachments);
}

Result<void> IntakePolicy::check_text(std::string_view text, const std::string& field,
                                      bool required) const {
    return check_field_text(text, field, required, max_text_chars);
}

bool is_valid_utf8(std::string_view text) noexcept {
    std::size_t i = 0;
    while (i < text.size()) {
        const auto lead = static_cast<unsigned char>(text[i]);
        const std::size_t length = sequence_length(lead);
        if (length == 0 || text.size() - i < length) return false;
        if (length > 1 && !second_byte_ok(lead, static_cast<unsigned char>(text[i + 1]))) {
            return false;
        }
        for (std::size_t k = 2; k < length; ++k) {
            if (!is_continuation(static_cast<unsigned char>(text[i + k]))) return false;
        }
        i += length;
    }
    return true;
}

std::size_t utf8_length(std::string_view text) noexcept {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return !is_continuation(static_cast<unsigned char>(c));
    }));
}

}  // namespace ticketflow
