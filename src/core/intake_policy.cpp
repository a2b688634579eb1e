#include <algorithm>
#include <set>

#include <date/date.h>

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

/// The code point that starts at `text[i]` in valid UTF-8, and how many bytes it takes.
std::pair<char32_t, std::size_t> decode(std::string_view text, std::size_t i) noexcept {
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t length = std::max<std::size_t>(sequence_length(lead), 1);
    static constexpr unsigned char lead_bits[] = {0, 0x7F, 0x1F, 0x0F, 0x07};
    char32_t code_point = lead & lead_bits[length];
    for (std::size_t k = 1; k < length && i + k < text.size(); ++k) {
        code_point = (code_point << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    }
    return {code_point, length};
}

/// The length rule shared by every text field: at most `max_chars` code points.
Result<void> check_length(std::string_view text, const std::string& field, std::size_t max_chars) {
    const auto length = utf8_length(text);
    if (length <= max_chars) return {};
    return validation_error(field, "is " + std::to_string(length) + " characters long; at most " +
                                       std::to_string(max_chars) + " are allowed");
}

/// Checks `text` as one text input: valid UTF-8, no control characters (line breaks and tabs only
/// where `multiline`), present when `required`, within `max_chars`.
Result<void> check_field_text(std::string_view text, const std::string& field, bool required,
                              std::size_t max_chars, bool multiline) {
    if (!is_valid_utf8(text)) return validation_error(field, "is not valid UTF-8");
    if (has_control_characters(text, multiline)) {
        return validation_error(field, multiline ? "holds a control character (only line breaks "
                                                   "and tabs are allowed)"
                                                 : "holds a control character or a line break");
    }
    if (required && is_blank(text)) return validation_error(field, "is required");
    return check_length(text, field, max_chars);
}

Result<void> check_single_line(std::string_view text, const std::string& field, bool required,
                               std::size_t max_chars) {
    return check_field_text(text, field, required, max_chars, false);
}

/// True when the first or the last code point of valid UTF-8 `text` is white space.
bool has_surrounding_space(std::string_view text) noexcept {
    if (text.empty()) return false;
    std::size_t last = text.size() - 1;
    while (last > 0 && is_continuation(static_cast<unsigned char>(text[last]))) --last;
    return is_blank(text.substr(0, decode(text, 0).second)) || is_blank(text.substr(last));
}

/// Checks an id; `required` false lets an empty one pass (an optional serial number).
Result<void> check_id_text(std::string_view id, const std::string& field, bool required,
                           std::size_t max_chars) {
    if (id.empty() && !required) return {};
    if (auto r = check_single_line(id, field, true, max_chars); !r) return r;
    // Ids are matched exactly: "a-7 " would silently be somebody else than "a-7".
    if (has_surrounding_space(id)) {
        return validation_error(field, "'" + std::string(id) + "' has white space around it");
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

Result<void> check_customer(const Customer& c, const IntakePolicy& policy) {
    if (auto r = policy.check_id(c.id.value(), "customer.id"); !r) return r;
    if (auto r = policy.check_line(c.name, "customer.name", true); !r) return r;
    const std::pair<const std::string*, const char*> texts[] = {
        {&c.contact_person, "customer.contact_person"},
        {&c.phone, "customer.phone"},
        {&c.email, "customer.email"},
    };
    for (const auto& [text, field] : texts) {
        auto r = policy.check_line(*text, field, false);
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
        auto r = policy.check_line(c.tags[i], indexed("customer.tags", i), true);
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

/// The calendar date in UTC of `t`, which must be in the range of time.
Date utc_date(Timestamp t) {
    const date::year_month_day ymd{date::floor<date::days>(t)};
    return Date{static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day())};
}

/// The latest instant intake believes has come: the clock's `now` plus the tolerated skew.
Timestamp latest_plausible(Timestamp now, std::chrono::seconds skew) {
    return checked_add(now, skew).value_or(latest_timestamp);
}

Result<void> check_product(const Product& p, const IntakePolicy& policy, Timestamp now) {
    if (auto r = policy.check_line(p.model, "product.model", false); !r) return r;
    const std::pair<const std::string*, const char*> ids[] = {
        {&p.serial_number, "product.serial_number"},
        {&p.contract_number, "product.contract_number"},
    };
    for (const auto& [id, field] : ids) {
        auto r = check_id_text(*id, field, false, policy.max_id_chars);
        if (!r) return r;
    }
    if (auto r = check_date(p.purchase_date, "product.purchase_date"); !r) return r;
    if (auto r = check_date(p.warranty_end, "product.warranty_end"); !r) return r;
    // By the latest calendar day anywhere on earth at `now` (UTC+14 is less than the skew ahead).
    const Date today = utc_date(latest_plausible(now, policy.max_clock_skew));
    if (p.purchase_date && today < *p.purchase_date) {
        return validation_error("product.purchase_date",
                                to_string(*p.purchase_date) + " is in the future");
    }
    if (p.purchase_date && p.warranty_end && *p.warranty_end < *p.purchase_date) {
        return validation_error("product.warranty_end", to_string(*p.warranty_end) +
                                                            " is before the purchase date " +
                                                            to_string(*p.purchase_date));
    }
    return {};
}

Result<void> check_occurred_at(const std::optional<Timestamp>& occurred_at, Timestamp now,
                               std::chrono::seconds skew) {
    if (!occurred_at) return {};
    if (!in_range(*occurred_at)) {
        return validation_error("occurred_at",
                                "lies outside the range of time (years 1 to 9999 in UTC)");
    }
    if (*occurred_at > latest_plausible(now, skew)) {
        return validation_error("occurred_at", to_iso8601(*occurred_at) +
                                                   " is in the future (the clock says " +
                                                   to_iso8601(now) + ")");
    }
    return {};
}

Result<void> check_keywords(const std::vector<std::string>& keywords, const IntakePolicy& policy) {
    if (keywords.size() > policy.max_keywords) {
        return validation_error("keywords",
                                std::to_string(keywords.size()) + " keywords given; at most " +
                                    std::to_string(policy.max_keywords) + " are allowed");
    }
    for (std::size_t i = 0; i < keywords.size(); ++i) {
        auto r = policy.check_line(keywords[i], indexed("keywords", i), true);
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

// File systems commonly allow 255 characters in a name; longer ones cannot be saved back.
constexpr std::size_t max_attachment_name_chars = 255;
// RFC 6838 allows 127 characters for each of type and subtype.
constexpr std::size_t max_media_type_chars = 255;

Result<void> check_attachment_name(const std::string& name, const std::string& field) {
    if (name.empty()) return validation_error(field, "is required");
    if (auto r = check_single_line(name, field, true, max_attachment_name_chars); !r) return r;
    const bool has_separator = name.find_first_of("/\\") != std::string::npos;
    if (has_separator || name == "." || name == "..") {
        return validation_error(field, "'" + name + "' must be a plain file name, without a path");
    }
    return {};
}

bool is_scheme_character(char c, bool first) noexcept {
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (first) return letter;
    return letter || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
}

/// True for a URI scheme as RFC 3986 writes it: a letter, then letters, digits, '+', '-', '.'.
bool is_uri_scheme(std::string_view scheme) noexcept {
    for (std::size_t i = 0; i < scheme.size(); ++i) {
        if (!is_scheme_character(scheme[i], i == 0)) return false;
    }
    return !scheme.empty();
}

/// The scheme of `uri` ("https" in "https://…"), or empty when it does not start with one.
std::string_view uri_scheme(std::string_view uri) noexcept {
    const auto colon = uri.find(':');
    if (colon == std::string_view::npos || !is_uri_scheme(uri.substr(0, colon))) return {};
    return uri.substr(0, colon);
}

/// True when valid UTF-8 `text` holds a space of any kind (" ", no-break, ideographic).
bool has_white_space(std::string_view text) noexcept {
    for (std::size_t i = 0; i < text.size();) {
        const auto length = decode(text, i).second;
        if (is_blank(text.substr(i, length))) return true;
        i += length;
    }
    return false;
}

bool contains_ignoring_case(const std::vector<std::string>& list, std::string_view item) {
    return std::any_of(list.begin(), list.end(),
                       [&](const std::string& entry) { return equals_ignoring_case(entry, item); });
}

std::string joined(const std::vector<std::string>& list) {
    std::string text;
    for (const auto& item : list) text += (text.empty() ? "" : ", ") + item;
    return text;
}

/// What is wrong with the shape of `uri` (valid single-line UTF-8), or empty when nothing is.
std::string uri_shape_problem(std::string_view uri) {
    if (has_white_space(uri)) return "holds white space (write a space as %20)";
    const auto scheme = uri_scheme(uri);
    if (scheme.empty()) return "has no scheme, e.g. 'https:'";
    const auto rest = uri.substr(scheme.size() + 1);
    if (rest.empty()) return "has nothing after its scheme";
    if (rest.substr(0, 2) == "//" && (rest.size() == 2 || rest.find_first_of("/?#", 2) == 2)) {
        return "has no host after '//'";
    }
    return {};
}

Result<void> check_uri(const std::string& uri, const std::string& field,
                       const AttachmentPolicy& policy) {
    if (uri.empty()) return validation_error(field, "is required");
    if (auto r = check_single_line(uri, field, true, policy.max_uri_chars); !r) return r;
    if (const auto problem = uri_shape_problem(uri); !problem.empty()) {
        return validation_error(field, "'" + uri + "' " + problem);
    }
    const auto scheme = uri_scheme(uri);
    if (!contains_ignoring_case(policy.allowed_uri_schemes, scheme)) {
        return validation_error(
            field, "scheme '" + std::string(scheme) +
                       "' is not allowed (allowed: " + joined(policy.allowed_uri_schemes) + ")");
    }
    return {};
}

/// A list a policy matches against: not empty (it would refuse everything), no blank entry.
Result<void> check_policy_list(const std::vector<std::string>& list, const std::string& field,
                               const char* why_not_empty) {
    if (list.empty()) return validation_error(field, std::string("is empty; ") + why_not_empty);
    std::set<std::string> seen;
    for (std::size_t i = 0; i < list.size(); ++i) {
        if (auto r = check_id_text(list[i], indexed(field, i), true, max_media_type_chars); !r) {
            return r;
        }
        if (!seen.insert(list[i]).second) {
            return validation_error(indexed(field, i), "'" + list[i] + "' is listed twice");
        }
    }
    return {};
}

Result<void> check_limit(std::uint64_t limit, const std::string& field) {
    if (limit > 0) return {};
    return validation_error(field, "must be at least 1; a limit of 0 would refuse everything");
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

std::vector<std::string> AttachmentPolicy::default_uri_schemes() {
    return {"http", "https", "s3"};
}

Result<void> AttachmentPolicy::check(const Attachment& attachment, const std::string& field) const {
    if (auto r = check_attachment_name(attachment.name, field + ".name"); !r) return r;
    const auto media_type_field = field + ".media_type";
    if (auto r =
            check_single_line(attachment.media_type, media_type_field, false, max_media_type_chars);
        !r) {
        return r;
    }
    // Parameters such as "; charset=utf-8" do not change what kind of file it is.
    const auto essence = trim_ascii(
        std::string_view(attachment.media_type).substr(0, attachment.media_type.find(';')));
    if (essence.empty() || !contains_ignoring_case(allowed_media_types, essence)) {
        return validation_error(media_type_field,
                                "'" + attachment.media_type + "' is not an accepted media type");
    }
    if (attachment.size_bytes == 0) return validation_error(field + ".size_bytes", "file is empty");
    if (attachment.size_bytes > max_size_bytes) {
        return validation_error(field + ".size_bytes", std::to_string(attachment.size_bytes) +
                                                           " bytes exceeds the limit of " +
                                                           std::to_string(max_size_bytes) +
                                                           " bytes");
    }
    return check_uri(attachment.uri, field + ".uri", *this);
}

Result<void> AttachmentPolicy::check_policy(const std::string& field) const {
    if (auto r = check_policy_list(allowed_media_types, field + ".allowed_media_types",
                                   "set max_count to 0 to refuse attachments");
        !r) {
        return r;
    }
    const auto schemes = field + ".allowed_uri_schemes";
    if (auto r = check_policy_list(allowed_uri_schemes, schemes,
                                   "set max_count to 0 to refuse attachments");
        !r) {
        return r;
    }
    for (std::size_t i = 0; i < allowed_uri_schemes.size(); ++i) {
        if (!is_uri_scheme(allowed_uri_schemes[i])) {
            return validation_error(indexed(schemes, i), "'" + allowed_uri_schemes[i] +
                                                             "' is not a URI scheme (a letter, "
                                                             "then letters, digits, '+-.')");
        }
    }
    if (auto r = check_limit(max_size_bytes, field + ".max_size_bytes"); !r) return r;
    return check_limit(max_uri_chars, field + ".max_uri_chars");
}

Result<void> IntakePolicy::check() const {
    if (auto r = check_policy_list(taxonomy.categories, "taxonomy.categories",
                                   "a ticket needs a category to be filed under");
        !r) {
        return r;
    }
    const std::pair<std::size_t, const char*> limits[] = {
        {max_title_chars, "max_title_chars"},
        {max_text_chars, "max_text_chars"},
        {max_line_chars, "max_line_chars"},
        {max_id_chars, "max_id_chars"},
    };
    for (const auto& [limit, field] : limits) {
        if (auto r = check_limit(limit, field); !r) return r;
    }
    if (max_clock_skew.count() < 0) {
        return validation_error("max_clock_skew", "must not be negative");
    }
    return attachments.check_policy("attachments");
}

Result<void> IntakePolicy::validate(const TicketDraft& draft, Timestamp now) const {
    if (auto r = check(); !r) return r;
    if (!in_range(now)) {
        return validation_error("created_at", "the clock's time lies outside the range of time");
    }
    if (auto r = check_customer(draft.customer, *this); !r) return r;
    if (auto r = check_product(draft.product, *this, now); !r) return r;
    if (auto r = check_enum(draft.channel, "channel"); !r) return r;
    if (auto r = check_single_line(draft.title, "title", true, max_title_chars); !r) return r;
    if (auto r = check_text(draft.description, "description", true); !r) return r;
    if (auto r = check_occurred_at(draft.occurred_at, now, max_clock_skew); !r) return r;
    if (auto r = check_text(draft.environment, "environment", false); !r) return r;
    if (auto r = check_text(draft.steps_tried, "steps_tried", false); !r) return r;
    if (auto r = check_id_text(draft.region, "region", false, max_id_chars); !r) return r;
    if (auto r = check_line(draft.category, "category", true); !r) return r;
    if (!taxonomy.contains(draft.category)) {
        return validation_error("category", "'" + draft.category + "' is not a known category");
    }
    if (auto r = check_keywords(draft.keywords, *this); !r) return r;
    if (auto r = check_enum(draft.priority, "priority"); !r) return r;
    if (auto r = check_enum(draft.requested_outcome, "requested_outcome"); !r) return r;
    return check_attachments(draft.attachments, attachments);
}

Result<void> IntakePolicy::check_text(std::string_view text, const std::string& field,
                                      bool required) const {
    return check_field_text(text, field, required, max_text_chars, true);
}

Result<void> IntakePolicy::check_line(std::string_view text, const std::string& field,
                                      bool required) const {
    return check_single_line(text, field, required, max_line_chars);
}

Result<void> IntakePolicy::check_id(std::string_view id, const std::string& field) const {
    return check_id_text(id, field, true, max_id_chars);
}

bool has_control_characters(std::string_view text, bool multiline) noexcept {
    for (std::size_t i = 0; i < text.size();) {
        const auto [code_point, length] = decode(text, i);
        const bool line_break_or_tab = code_point == U'\n' || code_point == U'\t' ||
                                       (code_point == U'\r' && text.substr(i + 1, 1) == "\n");
        const bool separator = code_point == 0x2028 || code_point == 0x2029;
        const bool control = code_point < 0x20 || (code_point >= 0x7F && code_point <= 0x9F);
        if (multiline ? control && !line_break_or_tab : control || separator) return true;
        i += length;
    }
    return false;
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
