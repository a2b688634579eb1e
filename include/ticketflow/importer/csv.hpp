#pragma once
/// \file
/// Reading an event log exported as CSV (RFC 4180): from a stream, a file, or a member of a zip
/// archive read in place.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <ticketflow/core/result.hpp>

namespace ticketflow::importer {

/// How the CSV is written. The defaults read RFC 4180: comma-separated, fields quoted with `"`
/// (a quote inside doubled), CRLF or LF line ends, a header row naming the columns. A UTF-8 byte
/// order mark before the header is skipped.
struct CsvOptions {
    char delimiter = ',';
    char quote = '"';
    /// Refuse fields that are not well-formed UTF-8 (every text a ticket stores must be).
    bool require_utf8 = true;

    friend bool operator==(const CsvOptions& a, const CsvOptions& b) {
        return a.delimiter == b.delimiter && a.quote == b.quote && a.require_utf8 == b.require_utf8;
    }
};

/// A whole CSV file in memory: the header's column names and every row's fields, unescaped.
/// Fields are kept in one buffer, so a log of a million fields costs a few allocations.
///
///     auto table = importer::read_csv_file("log.csv").value();
///     const auto status = table.column("Status").value();  // its index
///     std::string_view first = table.field(0, status);
class CsvTable {
  public:
    /// The column names of the header row, in file order.
    const std::vector<std::string>& columns() const noexcept { return columns_; }
    /// The index of the first column called `name`, or nothing. Exports do repeat names (the
    /// help desk log has two "Variant" columns); the first one is found.
    std::optional<std::size_t> column(std::string_view name) const noexcept;
    /// Number of data rows (the header not counted).
    std::size_t size() const noexcept { return lines_.size(); }
    bool empty() const noexcept { return lines_.empty(); }
    /// Field `column` of data row `row`; both must be in range (rows have as many fields as the
    /// header, which the reader checks).
    std::string_view field(std::size_t row, std::size_t column) const noexcept;
    /// The line of the file on which data row `row` starts (the header is line 1).
    std::size_t line(std::size_t row) const noexcept { return lines_[row]; }

    /// Appends a row; used by the readers. `fields` must hold one entry per column.
    void add_row(std::size_t line, const std::vector<std::string>& fields);
    /// Sets the header; used by the readers.
    void set_columns(std::vector<std::string> columns) { columns_ = std::move(columns); }

  private:
    std::vector<std::string> columns_;
    std::string text_;                 // every field's bytes, one after the other
    std::vector<std::uint32_t> ends_;  // where each field ends in text_; row-major
    std::vector<std::size_t> lines_;   // per row
};

/// Reads a CSV table from `in`. A malformed file is a `validation_failed` error whose field
/// names the line and column ("line 12, column 3") and whose message says what is wrong and, where
/// the header names it, the column's name: a quoted field that never ends, text after a closing
/// quote, a quote inside an unquoted field, a row with more or fewer fields than the header,
/// bytes that are not UTF-8, no header at all. Empty lines are skipped. Reading errors of the
/// stream are `storage_failure`.
Result<CsvTable> read_csv(std::istream& in, const CsvOptions& options = {});
/// The same, from text in memory.
Result<CsvTable> parse_csv(std::string_view text, const CsvOptions& options = {});
/// The same, from a file; a file that cannot be opened is `not_found` naming field `path`.
Result<CsvTable> read_csv_file(const std::filesystem::path& path, const CsvOptions& options = {});
/// The same, from member `member` of the zip archive at `path` (e.g.
/// "VolvoIT-Challenge/VINST-new.csv"), decompressed as it is read: nothing is extracted to disk.
/// A missing archive or member is `not_found` (field `path` or `member`); a damaged archive is
/// `validation_failed`.
Result<CsvTable> read_csv_zip(const std::filesystem::path& path, std::string_view member,
                              const CsvOptions& options = {});

}  // namespace ticketflow::importer
