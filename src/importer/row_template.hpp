#pragma once
// Texts made from a row: "{Column name}" placeholders filled from the log, and a few names the
// importer supplies itself ({case}, {activity}, {resource}, {team}).

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <ticketflow/core/result.hpp>
#include <ticketflow/importer/csv.hpp>

namespace ticketflow::importer::detail {

/// What a placeholder stands for, besides a column of the log.
enum class Special : int { none = -1, case_id = -2, activity = -3, resource = -4, team = -5 };

/// The values of the special placeholders for one row.
struct RowContext {
    std::string_view case_id;
    std::string_view activity;
    std::string_view resource;
    std::string_view team;
};

/// A compiled template: literal text and placeholders, in order.
class RowTemplate {
  public:
    RowTemplate() = default;
    /// Compiles `text`; a placeholder that names no column of `log` (nor a special name), or a
    /// brace left open, is `validation_failed` naming `path`.
    static Result<RowTemplate> compile(std::string_view text, const std::string& path,
                                       const CsvTable& log);

    bool empty() const noexcept { return pieces_.empty(); }
    /// The text for data row `row` of `log`.
    std::string expand(const CsvTable& log, std::size_t row, const RowContext& context) const;

  private:
    struct Piece {
        std::string literal;
        int source = static_cast<int>(Special::none);  // a column index, or a Special
    };
    std::vector<Piece> pieces_;
};

}  // namespace ticketflow::importer::detail
