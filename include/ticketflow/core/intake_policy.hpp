#pragma once
/// \file
/// What intake accepts: the category taxonomy, attachment limits, and the validation of drafts.

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
/// ZIP, Office documents and logs, at most 20 MB (20 × 1024 × 1024 bytes) each.
struct AttachmentPolicy {
    std::vector<std::string> allowed_media_types = default_media_types();
    std::uint64_t max_size_bytes = 20ull * 1024 * 1024;
    std::size_t max_count = 50;  ///< per ticket

    static std::vector<std::string> default_media_types();
    /// Checks one attachment; `field` prefixes the error's field name (e.g. "attachments[2]").
    Result<void> check(const Attachment& attachment, const std::string& field) const;

    friend bool operator==(const AttachmentPolicy& a, const AttachmentPolicy& b) {
        return a.allowed_media_types == b.allowed_media_types &&
               a.max_size_bytes == b.max_size_bytes && a.max_count == b.max_count;
    }
};

/// Limits and rules that every draft must satisfy.
struct IntakePolicy {
    CategoryTaxonomy taxonomy;
    AttachmentPolicy attachments;
    std::size_t max_title_chars = 200;   ///< in Unicode code points, not bytes
    std::size_t max_text_chars = 20000;  ///< description, environment, steps, notes
    std::size_t max_keywords = 20;

    /// Validates a draft: required fields present, text valid UTF-8 within limits, contact data
    /// well-formed, category known, dates consistent, attachments allowed. The error names the
    /// first offending field.
    Result<void> validate(const TicketDraft& draft) const;

    /// Checks one free-text input (note, reason, solution): valid UTF-8, not blank when
    /// `required`, at most `max_text_chars` code points.
    Result<void> check_text(std::string_view text, const std::string& field, bool required) const;

    friend bool operator==(const IntakePolicy& a, const IntakePolicy& b) {
        return a.taxonomy == b.taxonomy && a.attachments == b.attachments &&
               a.max_title_chars == b.max_title_chars && a.max_text_chars == b.max_text_chars &&
               a.max_keywords == b.max_keywords;
    }
};

/// True when `text` is well-formed UTF-8 (no overlong forms, no surrogates).
bool is_valid_utf8(std::string_view text) noexcept;
/// True when `text` holds nothing but white space, including the no-break space (U+00A0) and the
/// ideographic space (U+3000) that Chinese input methods produce.
bool is_blank(std::string_view text) noexcept;
/// Number of Unicode code points in valid UTF-8 `text`.
std::size_t utf8_length(std::string_view text) noexcept;

}  // namespace ticketflow
