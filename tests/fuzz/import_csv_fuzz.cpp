// The importer's CSV reader (importer/csv.hpp), in its strict and its lenient mode. A table read
// has as many fields in every row as in the header, rows on increasing lines, and (strict) only
// UTF-8 text; a refusal is validation_failed naming "line L, column C" with a UTF-8 message.
#include <cstddef>
#include <cstdint>
#include <string>

#include <ticketflow/importer/csv.hpp>

#include "fuzz_support.hpp"

using namespace ticketflow;

namespace {

void check_refusal(const Error& error) {
    TICKETFLOW_FUZZ_CHECK(error.code == ErrorCode::validation_failed);
    TICKETFLOW_FUZZ_CHECK(error.field.rfind("line ", 0) == 0);
    TICKETFLOW_FUZZ_CHECK(error.field.find(", column ") != std::string::npos);
    TICKETFLOW_FUZZ_CHECK(fuzz::valid_utf8(error.message));
}

void check_table(const importer::CsvTable& table, bool strict) {
    const std::size_t width = table.columns().size();
    TICKETFLOW_FUZZ_CHECK(width >= 1);
    std::size_t previous_line = 1;
    for (std::size_t row = 0; row < table.size(); ++row) {
        TICKETFLOW_FUZZ_CHECK(table.line(row) > previous_line);
        previous_line = table.line(row);
        for (std::size_t column = 0; column < width; ++column) {
            const std::string_view field = table.field(row, column);
            if (strict) TICKETFLOW_FUZZ_CHECK(fuzz::valid_utf8(field));
        }
    }
}

void check(std::string_view text, const importer::CsvOptions& options) {
    const auto table = importer::parse_csv(text, options);
    if (!table) return check_refusal(table.error());
    check_table(*table, options.require_utf8);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = fuzz::as_text(data, size);
    check(text, {});
    importer::CsvOptions lenient;
    lenient.delimiter = ';';
    lenient.require_utf8 = false;
    check(text, lenient);
    return 0;
}
