#pragma once
/// \file
/// What intake accepts: the category taxonomy, attachment limits, and the validation of drafts and
/// of the text and ids that commands carry. The rules and limits are listed in docs/intake.md.

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <ticketflow/core/result.hpp>
#include <ticketflow/core/ticket.hpp>

namespace ticketflow {

/// The categories a ticket may be filed under. Configurable; the default follows the service
/// documents: hardware_fault, software_bug, how_to, installation, feature_request,
/// service_complaint, logistics, billing, other.
struct CategoryTaxonomy {
    std::vector<std::string> categories = default_categories();

    static std::vector<std::string> default_categories();
    bool contains(std::string_view category) const;

    friend bool operator==(const CategoryTaxonomy& a, const CategoryTaxonomy& b) {
        return a.categories == b.categories;
    }
};

/// Which attachments are accepted. Defaults: images (JPEG, PNG, GIF, WebP), PDF, plain text, CSV,
/// ZIP, Office documents and logs, at most 20 MB (20 × 1024 × 1024 bytes) each, stored where an
/// `http`, `https` or `s3` URI points.
struct AttachmentPolicy {
    std::vector<std::string> allowed_media_types = default_media_types();
    std::uint64_t max_size_bytes = 20ull * 1024 * 1024;
    std::size_t max_count = 50;  ///< per ticket; 0 refuses every attachment
    /// URI schemes an attachment may point with, compared ignoring case. An application that
    /// keeps files elsewhere adds its scheme (e.g. "minio"); `javascript:` or `file:` links are
    /// never what a service desk should open.
    std::vector<std::string> allowed_uri_schemes = default_uri_schemes();
    std::size_t max_uri_chars = 2048;  ///< in code points

    static std::vector<std::string> default_media_types();
    /// `http`, `https`, `s3`.
    static std::vector<std::string> default_uri_schemes();
    /// Checks one attachment; `field` prefixes the error's field name (e.g. "attachments[2]").
    Result<void> check(const Attachment& attachment, const std::string& field) const;
    /// Checks the policy itself: lists not empty (set `max_count` to 0 to refuse attachments),
    /// media types and schemes well-formed. `field` prefixes the error's field name.
    Result<void> check_policy(const std::string& field = "attachments") const;

    friend bool operator==(const AttachmentPolicy& a, const AttachmentPolicy& b) {
        return a.allowed_media_types == b.allowed_media_types &&
               a.max_size_bytes == b.max_size_bytes && a.max_count == b.max_count &&
               a.allowed_uri_schemes == b.allowed_uri_schemes && a.max_uri_chars == b.max_uri_chars;
    }
};

/// Limits and rules that every draft and every command's text must satisfy. Lengths count Unicode
/// code points, not bytes.
///
///     IntakePolicy policy;
///     policy.attachments.allowed_uri_schemes.push_back("minio");
///     policy.validate(draft, clock.now());  // Result<void>; the error names the field
struct IntakePolicy {
    CategoryTaxonomy taxonomy;
    AttachmentPolicy attachments;
    std::size_t max_title_chars = 200;
    /// Multi-line texts: description, environment, steps tried, notes, reasons, solutions,
    /// questions and replies.
    std::size_t max_text_chars = 20000;
    /// Single-line texts: names, contact person, phone, e-mail, product model, category, keywords,
    /// tags, collaborator roles.
    std::size_t max_line_chars = 256;
    /// Ids: customer, agent, team, actor, serial and contract number, region.
    std::size_t max_id_chars = 128;
    std::size_t max_keywords = 20;
    /// How far ahead of the engine's clock `occurred_at` (and a purchase date, by calendar day)
    /// may lie, for clocks that disagree a little.
    std::chrono::seconds max_clock_skew{std::chrono::hours{24}};

    /// Validates a draft opened at `now` (the clock's time): the policy itself, required fields
    /// present, text valid UTF-8 within limits and free of control characters, ids well-formed,
    /// contact data well-formed, category known, dates in the range of time and not in the
    /// future, attachments allowed. The error names the first offending field.
    Result<void> validate(const TicketDraft& draft, Timestamp now) const;

    /// Checks the policy itself, naming the offending path: a taxonomy with at least one
    /// category (no blank or repeated ones), limits above zero, a clock skew not negative, a
    /// well-formed attachment policy. An empty taxonomy would refuse every ticket.
    Result<void> check() const;

    /// Checks one multi-line free-text input (note, reason, solution, question, reply): valid
    /// UTF-8, no control characters but line breaks and tabs, not blank when `required`, at most
    /// `max_text_chars` code points.
    Result<void> check_text(std::string_view text, const std::string& field, bool required) const;
    /// Checks one single-line text (a name, a role): as `check_text`, but no line breaks or tabs
    /// and at most `max_line_chars` code points.
    Result<void> check_line(std::string_view text, const std::string& field, bool required) const;
    /// Checks one id (customer, agent, team, actor): not blank, valid UTF-8, no control
    /// characters, no white space around it (ids are matched exactly), at most `max_id_chars`
    /// code points.
    Result<void> check_id(std::string_view id, const std::string& field) const;

    friend bool operator==(const IntakePolicy& a, const IntakePolicy& b) {
        return a.taxonomy == b.taxonomy && a.attachments == b.attachments &&
               a.max_title_chars == b.max_title_chars && a.max_text_chars == b.max_text_chars &&
               a.max_line_chars == b.max_line_chars && a.max_id_chars == b.max_id_chars &&
               a.max_keywords == b.max_keywords && a.max_clock_skew == b.max_clock_skew;
    }
};

/// True when `text` is well-formed UTF-8 (no overlong forms, no surrogates).
bool is_valid_utf8(std::string_view text) noexcept;
/// True when valid UTF-8 `text` holds a control character: C0 (U+0000–U+001F), DEL (U+007F) or C1
/// (U+0080–U+009F), and for single-line text also the line and paragraph separators (U+2028,
/// U+2029). `multiline` text may hold line feeds, tabs, and carriage returns that start a CRLF
/// line break, as web forms send them.
bool has_control_characters(std::string_view text, bool multiline) noexcept;
/// True when `text` holds nothing but white space, including the no-break space (U+00A0) and the
/// ideographic space (U+3000) that Chinese input methods produce.
bool is_blank(std::string_view text) noexcept;
/// Number of Unicode code points in valid UTF-8 `text`.
std::size_t utf8_length(std::string_view text) noexcept;

}  // namespace ticketflow
