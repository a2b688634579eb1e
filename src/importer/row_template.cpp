#include "importer/row_template.hpp"

namespace ticketflow::importer::detail {
namespace {

int special(std::string_view name) {
    if (name == "case") return static_cast<int>(Special::case_id);
    if (name == "activity") return static_cast<int>(Special::activity);
    if (name == "resource") return static_cast<int>(Special::resource);
    if (name == "team") return static_cast<int>(Special::team);
    return static_cast<int>(Special::none);
}

}  // namespace

Result<RowTemplate> RowTemplate::compile(std::string_view text, const std::string& path,
                                         const CsvTable& log) {
    RowTemplate compiled;
    std::string literal;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if ((c == '{' || c == '}') && i + 1 < text.size() && text[i + 1] == c) {
            literal += c;
            ++i;
            continue;
        }
        if (c == '}') return validation_error(path, "a '}' closes no placeholder (write '}}')");
        if (c != '{') {
            literal += c;
            continue;
        }
        const auto close = text.find('}', i + 1);
        if (close == std::string_view::npos) {
            return validation_error(path, "a '{' opens a placeholder that is never closed");
        }
        const std::string_view name = text.substr(i + 1, close - i - 1);
        int source = special(name);
        if (source == static_cast<int>(Special::none)) {
            const auto column = log.column(name);
            if (!column) {
                return validation_error(
                    path, "the placeholder {" + std::string(name) + "} names no column of the log");
            }
            source = static_cast<int>(*column);
        }
        compiled.pieces_.push_back({std::move(literal), source});
        literal.clear();
        i = close;
    }
    if (!literal.empty()) {
        compiled.pieces_.push_back({std::move(literal), static_cast<int>(Special::none)});
    }
    return compiled;
}

std::string RowTemplate::expand(const CsvTable& log, std::size_t row,
                                const RowContext& context) const {
    std::string text;
    for (const Piece& piece : pieces_) {
        text += piece.literal;
        switch (static_cast<Special>(piece.source)) {
            case Special::none:
                break;
            case Special::case_id:
                text += context.case_id;
                break;
            case Special::activity:
                text += context.activity;
                break;
            case Special::resource:
                text += context.resource;
                break;
            case Special::team:
                text += context.team;
                break;
            default:
                text += log.field(row, static_cast<std::size_t>(piece.source));
                break;
        }
    }
    return text;
}

}  // namespace ticketflow::importer::detail
