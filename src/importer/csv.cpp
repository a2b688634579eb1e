#include <algorithm>
#include <array>
#include <fstream>
#include <limits>

#include <ticketflow/core/intake_policy.hpp>
#include <ticketflow/importer/csv.hpp>

#include "importer/csv_parser.hpp"
#include "importer/open_file.hpp"

namespace ticketflow::importer {

std::optional<std::size_t> CsvTable::column(std::string_view name) const noexcept {
    const auto found = std::find(columns_.begin(), columns_.end(), name);
    if (found == columns_.end()) return std::nullopt;
    return static_cast<std::size_t>(found - columns_.begin());
}

std::string_view CsvTable::field(std::size_t row, std::size_t column) const noexcept {
    const std::size_t index = row * columns_.size() + column;
    const std::size_t begin = index == 0 ? 0 : ends_[index - 1];
    return std::string_view(text_).substr(begin, ends_[index] - begin);
}

void CsvTable::add_row(std::size_t line, const std::vector<std::string>& fields) {
    for (const std::string& field : fields) {
        text_ += field;
        ends_.push_back(static_cast<std::uint32_t>(text_.size()));
    }
    lines_.push_back(line);
}

namespace detail {
namespace {

// Where a problem is, as the error's field: "line 12, column 3".
std::string place(std::size_t line, std::size_t column) {
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

class Parser {
  public:
    Parser(const ByteSource& source, const CsvOptions& options)
        : source_(source), options_(options) {}

    Result<CsvTable> run() {
        if (auto bom = skip_byte_order_mark(); !bom) return bom.error();
        std::vector<std::string> fields;
        bool header = true;
        for (;;) {
            const std::size_t line = line_;
            auto record = read_record(fields);
            if (!record) return record.error();
            if (!*record) break;  // the end of the input
            if (fields.size() == 1 && fields[0].empty() && !quoted_last_) continue;  // blank line
            if (auto checked = check_text(fields, line); !checked) return checked.error();
            if (header) {
                table_.set_columns(fields);
                header = false;
                continue;
            }
            if (auto counted = check_count(fields, line); !counted) return counted.error();
            if (auto added = add(line, fields); !added) return added.error();
        }
        if (header) return validation_error(place(1, 1), "the file has no header row");
        return std::move(table_);
    }

  private:
    static constexpr int end_of_input = -1;

    // The next byte, or end_of_input; reading errors are kept for the caller.
    int get() {
        if (position_ == filled_) {
            if (at_end_) return end_of_input;
            auto got = source_(buffer_.data(), buffer_.size());
            if (!got) {
                failure_ = got.error();
                at_end_ = true;
                return end_of_input;
            }
            filled_ = *got;
            position_ = 0;
            if (filled_ == 0) {
                at_end_ = true;
                return end_of_input;
            }
        }
        return static_cast<unsigned char>(buffer_[position_++]);
    }
    int peek() {
        const int c = get();
        if (c != end_of_input) --position_;
        return c;
    }

    Result<void> skip_byte_order_mark() {
        static constexpr std::array<int, 3> bom{0xEF, 0xBB, 0xBF};
        // The buffer holds at least the first three bytes of any input longer than that.
        if (peek() == end_of_input) return failed();
        if (filled_ >= 3 && std::equal(bom.begin(), bom.end(), buffer_.begin(), [](int b, char c) {
                return b == static_cast<unsigned char>(c);
            })) {
            position_ = 3;
        }
        return {};
    }

    Result<void> failed() const {
        if (failure_) return *failure_;
        return {};
    }

    // A line ends with LF, CRLF or a lone CR; `c` is its first byte.
    void end_line(int c) {
        if (c == '\r' && peek() == '\n') get();
        ++line_;
    }

    // Reads one record into `fields`; false at the end of the input.
    Result<bool> read_record(std::vector<std::string>& fields) {
        fields.clear();
        int c = get();
        if (c == end_of_input) {
            if (auto ok = failed(); !ok) return ok.error();
            return false;
        }
        for (;;) {
            fields.emplace_back();
            std::string& field = fields.back();
            quoted_last_ = c == options_.quote;
            if (quoted_last_) {
                auto after = read_quoted(field, fields.size());
                if (!after) return after.error();
                c = *after;
            } else {
                auto after = read_plain(field, c, fields.size());
                if (!after) return after.error();
                c = *after;
            }
            if (c == options_.delimiter) {
                c = get();
                continue;
            }
            if (c == '\n' || c == '\r') end_line(c);
            if (auto ok = failed(); !ok) return ok.error();
            return true;
        }
    }

    // An unquoted field starting with `c`; returns the byte after it.
    Result<int> read_plain(std::string& field, int c, std::size_t column) {
        while (c != end_of_input && c != options_.delimiter && c != '\n' && c != '\r') {
            if (c == options_.quote) {
                return validation_error(place(line_, column),
                                        "a quote inside an unquoted field (quote the whole field "
                                        "and double the quotes inside it)" +
                                            named(column));
            }
            field.push_back(static_cast<char>(c));
            c = get();
        }
        return c;
    }

    // A quoted field whose opening quote was read; returns the byte after the closing quote.
    Result<int> read_quoted(std::string& field, std::size_t column) {
        const std::size_t start_line = line_;
        for (;;) {
            int c = get();
            if (c == end_of_input) {
                if (auto ok = failed(); !ok) return ok.error();
                return validation_error(place(start_line, column),
                                        "a quoted field starts here and never ends (unterminated "
                                        "quote)" +
                                            named(column));
            }
            if (c == options_.quote) {
                c = get();
                if (c == options_.quote) {
                    field.push_back(static_cast<char>(c));
                    continue;
                }
                if (c != options_.delimiter && c != '\n' && c != '\r' && c != end_of_input) {
                    return validation_error(
                        place(line_, column),
                        "text after the closing quote of a quoted field" + named(column));
                }
                return c;
            }
            if (c == '\n' || (c == '\r' && peek() != '\n')) ++line_;
            field.push_back(static_cast<char>(c));
        }
    }

    std::string named(std::size_t column) const {
        const auto& columns = table_.columns();
        if (column == 0 || column > columns.size()) return {};
        return " (column '" + columns[column - 1] + "')";
    }

    Result<void> check_text(const std::vector<std::string>& fields, std::size_t line) const {
        if (!options_.require_utf8) return {};
        for (std::size_t i = 0; i < fields.size(); ++i) {
            if (!is_valid_utf8(fields[i])) {
                return validation_error(place(line, i + 1), "the field is not valid UTF-8: '" +
                                                                fields[i] + "'" + named(i + 1));
            }
        }
        return {};
    }

    Result<void> check_count(const std::vector<std::string>& fields, std::size_t line) const {
        const std::size_t expected = table_.columns().size();
        if (fields.size() == expected) return {};
        const std::size_t column = std::min(fields.size(), expected) + 1;
        return validation_error(place(line, column),
                                "the row has " + std::to_string(fields.size()) +
                                    " fields, the header " + std::to_string(expected));
    }

    Result<void> add(std::size_t line, const std::vector<std::string>& fields) {
        for (const auto& field : fields) total_ += field.size();
        // Field offsets are 32-bit: a log of more than 4 GiB of text is read in parts.
        if (total_ > std::numeric_limits<std::uint32_t>::max()) {
            return validation_error(place(line, 1), "the file holds more than 4 GiB of text");
        }
        table_.add_row(line, fields);
        return {};
    }

    const ByteSource& source_;
    CsvOptions options_;
    CsvTable table_;
    std::array<char, 1 << 16> buffer_{};
    std::size_t filled_ = 0;
    std::size_t position_ = 0;
    bool at_end_ = false;
    std::optional<Error> failure_;
    std::size_t line_ = 1;
    std::size_t total_ = 0;
    bool quoted_last_ = false;
};

}  // namespace

Result<CsvTable> parse_csv(const ByteSource& source, const CsvOptions& options) {
    if (options.delimiter == options.quote || options.delimiter == '\n' ||
        options.delimiter == '\r' || options.quote == '\n' || options.quote == '\r') {
        return validation_error("options",
                                "the delimiter and the quote must differ from each "
                                "other and from line ends");
    }
    auto parser = std::make_unique<Parser>(source, options);  // its buffer is 64 KiB
    return parser->run();
}

}  // namespace detail

Result<CsvTable> read_csv(std::istream& in, const CsvOptions& options) {
    return detail::parse_csv(
        [&in](char* buffer, std::size_t capacity) -> Result<std::size_t> {
            in.read(buffer, static_cast<std::streamsize>(capacity));
            if (in.bad()) {
                Error error;
                error.code = ErrorCode::storage_failure;
                error.message = "the CSV stream could not be read";
                return error;
            }
            return static_cast<std::size_t>(in.gcount());
        },
        options);
}

Result<CsvTable> parse_csv(std::string_view text, const CsvOptions& options) {
    return detail::parse_csv(
        [&text](char* buffer, std::size_t capacity) -> Result<std::size_t> {
            const std::size_t n = std::min(capacity, text.size());
            std::copy_n(text.data(), n, buffer);
            text.remove_prefix(n);
            return n;
        },
        options);
}

Result<CsvTable> read_csv_file(const std::filesystem::path& path, const CsvOptions& options) {
    auto in = detail::open_file(path);
    if (!in) return in.error();
    return read_csv(*in, options);
}

}  // namespace ticketflow::importer
