#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include <ticketflow/core/intake_policy.hpp>
#include <ticketflow/notify/template.hpp>

namespace ticketflow::notify {
namespace {

constexpr std::string_view open_mark = "{{";
constexpr std::string_view close_mark = "}}";
// An unclosed placeholder is quoted up to the end of its line, at most this many bytes.
constexpr std::size_t max_quote_bytes = 40;

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
    return text;
}

bool is_name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
}

/// `ticket.number`, `sla.first_response.due`, `vars.desk_phone`: dot-separated, no empty part.
bool is_placeholder_name(std::string_view name) {
    if (name.empty() || name.front() == '.' || name.back() == '.') return false;
    if (name.find("..") != std::string_view::npos) return false;
    return std::all_of(name.begin(), name.end(), is_name_char);
}

/// What follows an unclosed `{{`, up to the end of its line or the next `{{`, cut short (on a
/// character boundary) when long.
std::string unclosed_quote(std::string_view rest) {
    std::size_t end = std::min(rest.find('\n'), rest.find(open_mark, open_mark.size()));
    end = std::min(end, rest.size());
    bool cut = false;
    if (end > max_quote_bytes) {
        end = max_quote_bytes;
        // Never split a UTF-8 sequence: step back over continuation bytes.
        while (end > 0 && (static_cast<unsigned char>(rest[end]) & 0xC0) == 0x80) --end;
        cut = true;
    }
    return std::string(rest.substr(0, end)) + (cut ? "…" : "");
}

Error placeholder_error(const std::string& field, const char* what, std::string_view quoted,
                        const char* hint = "") {
    return validation_error(field, std::string(what) + " " + std::string(quoted) + hint);
}

}  // namespace

std::optional<std::string> TemplateContext::text(std::string_view name) const {
    const auto it = values_.find(name);
    if (it == values_.end()) return std::nullopt;
    if (const auto* at = std::get_if<Timestamp>(&it->second)) return format_local_time(*at, zone_);
    return std::get<std::string>(it->second);
}

std::string format_local_time(Timestamp at, const TimeZone& zone) {
    const LocalDateTime local = zone.to_local(at);
    char text[96];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u %02d:%02d", local.date.year, local.date.month,
                  local.date.day, local.hour, local.minute);
    std::string result = text;
    const long long offset = zone.offset_at(at).count();
    if (offset == 0) return result + " UTC";
    const long long magnitude = std::llabs(offset);
    std::snprintf(text, sizeof text, " UTC%c%02lld:%02lld", offset < 0 ? '-' : '+',
                  magnitude / 3600, magnitude % 3600 / 60);
    result += text;
    if (magnitude % 60 != 0) {
        // Only local mean time before standard zones had seconds in its offset.
        std::snprintf(text, sizeof text, ":%02lld", magnitude % 60);
        result += text;
    }
    return result;
}

const std::vector<std::string>& standard_placeholders() {
    static const std::vector<std::string> names{
        "ticket.number",
        "ticket.title",
        "ticket.description",
        "ticket.state",
        "ticket.priority",
        "ticket.category",
        "ticket.channel",
        "ticket.region",
        "ticket.owner",
        "ticket.team",
        "ticket.solution",
        "ticket.created_at",
        "ticket.resolved_at",
        "ticket.closed_at",
        "ticket.satisfaction",
        "customer.id",
        "customer.name",
        "customer.contact",
        "customer.tier",
        "product.model",
        "product.serial_number",
        "product.contract_number",
        "event.action",
        "event.actor",
        "event.actor_role",
        "event.at",
        "event.reason",
        "event.note",
        "event.metric",
        "event.target",
        "event.crossed_at",
        "event.step",
        "sla.policy",
        "sla.first_response.due",
        "sla.next_update.due",
        "sla.resolution.due",
        "recipient.name",
        "recipient.kind",
    };
    return names;
}

bool is_standard_placeholder(std::string_view name) {
    static const std::vector<std::string> sorted = [] {
        auto names = standard_placeholders();
        std::sort(names.begin(), names.end());
        return names;
    }();
    return std::binary_search(sorted.begin(), sorted.end(), name, std::less<>{});
}

Result<Template> Template::parse(std::string_view text,
                                 const std::function<bool(std::string_view)>& known,
                                 const std::string& field) {
    if (!is_valid_utf8(text)) return validation_error(field, "is not valid UTF-8 text");
    Template parsed;
    parsed.text_ = std::string(text);
    std::string literal;
    std::size_t at = 0;
    while (at < text.size()) {
        const std::size_t open = text.find(open_mark, at);
        if (open == std::string_view::npos) break;
        literal += text.substr(at, open - at);
        const std::size_t inner = open + open_mark.size();
        const std::size_t close = text.find(close_mark, inner);
        const std::size_t next_open = text.find(open_mark, inner);
        // Every `{{` opens a placeholder, so one that meets another `{{` before its `}}` is
        // unclosed ("{{ticket.number 已受理 {{ticket.title}}").
        if (close == std::string_view::npos || next_open < close) {
            return placeholder_error(field, "unclosed placeholder",
                                     unclosed_quote(text.substr(open)));
        }
        const std::size_t end = close + close_mark.size();
        const std::string_view written = text.substr(open, end - open);
        const std::string_view content = text.substr(inner, close - inner);
        const std::size_t bar = content.find('|');
        const std::string_view name = trim(content.substr(0, bar));
        const std::string_view fallback =
            bar == std::string_view::npos ? std::string_view() : trim(content.substr(bar + 1));
        if (name.empty()) return placeholder_error(field, "empty placeholder", written);
        if (!is_placeholder_name(name)) {
            return placeholder_error(field, "malformed placeholder", written,
                                     " (names are lower-case letters, digits, '_' and '.')");
        }
        if (known && !known(name)) return placeholder_error(field, "unknown placeholder", written);
        parsed.pieces_.push_back(
            Piece{std::move(literal), std::string(name), std::string(fallback)});
        literal.clear();
        at = end;
    }
    if (at < text.size()) literal += text.substr(at);
    if (!literal.empty()) parsed.pieces_.push_back(Piece{std::move(literal), {}, {}});
    return parsed;
}

std::string Template::render(const TemplateContext& context) const {
    std::string out;
    out.reserve(text_.size());
    for (const Piece& piece : pieces_) {
        out += piece.literal;
        if (piece.name.empty()) continue;
        // Values go in verbatim: escaping belongs to whoever embeds the text (JSON, HTML, SMS).
        // An empty value is no value: "产品型号：未登记" says more than "产品型号：".
        if (auto value = context.text(piece.name); value && !value->empty()) {
            out += *value;
        } else {
            out += piece.fallback;
        }
    }
    return out;
}

std::vector<std::string> Template::placeholders() const {
    std::vector<std::string> names;
    for (const Piece& piece : pieces_) {
        if (piece.name.empty()) continue;
        if (std::find(names.begin(), names.end(), piece.name) == names.end()) {
            names.push_back(piece.name);
        }
    }
    return names;
}

}  // namespace ticketflow::notify
