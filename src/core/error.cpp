#include <ticketflow/core/error.hpp>
#include <ticketflow/core/intake_policy.hpp>

namespace ticketflow {
namespace {

// How many bytes the sequence led by `lead` claims; 1 for ASCII and for a byte that cannot lead
// one, which is then escaped on its own.
std::size_t claimed_length(unsigned char lead) noexcept {
    if (lead >= 0xC2 && lead <= 0xDF) return 2;
    if (lead >= 0xE0 && lead <= 0xEF) return 3;
    if (lead >= 0xF0 && lead <= 0xF4) return 4;
    return 1;
}

void append_escaped(std::string& out, unsigned char byte) {
    constexpr char digits[] = "0123456789abcdef";
    out += "\\x";
    out += digits[byte >> 4];
    out += digits[byte & 0x0F];
}

}  // namespace

std::string escape_invalid_utf8(std::string_view text) {
    if (is_valid_utf8(text)) return std::string(text);  // the common case, one pass
    std::string out;
    out.reserve(text.size() + 16);
    std::size_t i = 0;
    while (i < text.size()) {
        const auto lead = static_cast<unsigned char>(text[i]);
        // One sequence at a time, judged by the same is_valid_utf8 as all input, so what is
        // escaped here is exactly what intake refuses.
        const std::size_t length = claimed_length(lead);
        const std::string_view sequence = text.substr(i, length);
        if (sequence.size() == length && is_valid_utf8(sequence)) {
            out += sequence;
            i += length;
        } else {
            append_escaped(out, lead);
            ++i;
        }
    }
    return out;
}

Error with_valid_text(Error error) {
    error.message = escape_invalid_utf8(error.message);
    error.field = escape_invalid_utf8(error.field);
    error.ticket_number = escape_invalid_utf8(error.ticket_number);
    return error;
}

}  // namespace ticketflow
