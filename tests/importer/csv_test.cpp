// The CSV reader: RFC 4180 quoting, byte order marks, line ends, and malformed files refused
// with the line and column of the mistake.

#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include <ticketflow/importer/csv.hpp>

namespace ticketflow::importer {
namespace {

CsvTable parsed(std::string_view text) {
    auto table = parse_csv(text);
    EXPECT_TRUE(table) << table.error().message;
    return table ? std::move(table).value() : CsvTable{};
}

Error refusal(std::string_view text) {
    auto table = parse_csv(text);
    EXPECT_FALSE(table);
    return table ? Error{} : table.error();
}

TEST(import_csv, reads_a_header_and_rows_by_column_name) {
    const CsvTable table = parsed("case,activity\nc1,open\nc2,close\n");
    ASSERT_EQ(table.columns(), (std::vector<std::string>{"case", "activity"}));
    ASSERT_EQ(table.size(), 2u);
    EXPECT_EQ(table.column("activity"), 1u);
    EXPECT_FALSE(table.column("missing"));
    EXPECT_EQ(table.field(1, *table.column("activity")), "close");
    EXPECT_EQ(table.line(0), 2u);
    EXPECT_EQ(table.line(1), 3u);
}

TEST(import_csv, unescapes_quoted_fields_with_delimiters_quotes_and_line_breaks) {
    const CsvTable table =
        parsed("a,b\n\"x, y\",\"say \"\"hi\"\"\"\n\"two\nlines\",\"\"\nnext,row\n");
    ASSERT_EQ(table.size(), 3u);
    EXPECT_EQ(table.field(0, 0), "x, y");
    EXPECT_EQ(table.field(0, 1), "say \"hi\"");
    EXPECT_EQ(table.field(1, 0), "two\nlines");
    EXPECT_EQ(table.field(1, 1), "");
    EXPECT_EQ(table.line(2), 5u);  // the quoted line break counts as a line
}

TEST(import_csv, skips_a_byte_order_mark_and_reads_crlf_lf_and_cr_line_ends) {
    const CsvTable table = parsed("\xEF\xBB\xBFid,v\r\n1,a\r\n2,b\n3,c\r4,d");
    ASSERT_EQ(table.columns()[0], "id");
    ASSERT_EQ(table.size(), 4u);
    EXPECT_EQ(table.field(0, 1), "a");
    EXPECT_EQ(table.field(3, 1), "d");  // no line end after the last row
    EXPECT_EQ(table.line(3), 5u);
}

TEST(import_csv, keeps_empty_fields_and_skips_blank_lines) {
    const CsvTable table = parsed("a,b,c\n,,\n\n1,,3\n\n");
    ASSERT_EQ(table.size(), 2u);
    EXPECT_EQ(table.field(0, 0), "");
    EXPECT_EQ(table.field(1, 2), "3");
    EXPECT_EQ(table.line(1), 4u);
}

TEST(import_csv, finds_the_first_of_two_columns_with_one_name) {
    const CsvTable table = parsed("Variant,x,Variant\n1,2,3\n");
    EXPECT_EQ(table.column("Variant"), 0u);
}

TEST(import_csv, reads_another_delimiter) {
    CsvOptions options;
    options.delimiter = ';';
    auto table = parse_csv("a;b\n1,5;2\n", options);
    ASSERT_TRUE(table);
    EXPECT_EQ(table->field(0, 0), "1,5");
}

TEST(import_csv, reads_from_a_stream_in_blocks) {
    std::string text = "n,text\n";
    for (int i = 0; i < 20000; ++i)
        text += std::to_string(i) + ",\"row " + std::to_string(i) + "\"\n";
    std::istringstream in(text);
    auto table = read_csv(in);
    ASSERT_TRUE(table);
    ASSERT_EQ(table->size(), 20000u);
    EXPECT_EQ(table->field(19999, 1), "row 19999");
}

TEST(import_csv, refuses_an_unterminated_quote_naming_where_it_starts) {
    const Error error = refusal("a,b\n1,2\n3,\"never\nends\n");
    EXPECT_EQ(error.code, ErrorCode::validation_failed);
    EXPECT_EQ(error.field, "line 3, column 2");
    EXPECT_NE(error.message.find("never ends"), std::string::npos) << error.message;
    EXPECT_NE(error.message.find("column 'b'"), std::string::npos) << error.message;
}

TEST(import_csv, refuses_text_after_a_closing_quote) {
    const Error error = refusal("a,b\n\"x\"y,2\n");
    EXPECT_EQ(error.field, "line 2, column 1");
    EXPECT_NE(error.message.find("after the closing quote"), std::string::npos);
}

TEST(import_csv, refuses_a_quote_inside_an_unquoted_field) {
    EXPECT_EQ(refusal("a,b\n1,x\"y\n").field, "line 2, column 2");
}

TEST(import_csv, refuses_rows_with_too_many_or_too_few_fields) {
    const Error more = refusal("a,b\n1,2\n1,2,3\n");
    EXPECT_EQ(more.field, "line 3, column 3");
    EXPECT_NE(more.message.find("3 fields, the header 2"), std::string::npos) << more.message;
    EXPECT_EQ(refusal("a,b,c\n1\n").field, "line 2, column 2");
}

TEST(import_csv, refuses_bytes_that_are_not_utf8_with_them_escaped) {
    const Error error = refusal("a,b\n1,caf\xE9\n");
    EXPECT_EQ(error.field, "line 2, column 2");
    EXPECT_NE(error.message.find("caf\\xe9"), std::string::npos) << error.message;
    CsvOptions lenient;
    lenient.require_utf8 = false;
    EXPECT_TRUE(parse_csv("a,b\n1,caf\xE9\n", lenient));
}

TEST(import_csv, refuses_a_file_without_a_header) {
    EXPECT_EQ(refusal("").field, "line 1, column 1");
    EXPECT_EQ(refusal("\n\n").field, "line 1, column 1");
}

TEST(import_csv, refuses_a_delimiter_equal_to_the_quote) {
    CsvOptions options;
    options.delimiter = '"';
    auto table = parse_csv("a\n", options);
    ASSERT_FALSE(table);
    EXPECT_EQ(table.error().field, "options");
}

TEST(import_csv, reports_missing_files_and_archives_as_not_found) {
    auto file = read_csv_file("/nonexistent/log.csv");
    ASSERT_FALSE(file);
    EXPECT_EQ(file.error().code, ErrorCode::not_found);
    EXPECT_EQ(file.error().field, "path");
    auto zip = read_csv_zip("/nonexistent/log.zip", "log.csv");
    ASSERT_FALSE(zip);
    EXPECT_EQ(zip.error().code, ErrorCode::not_found);
    EXPECT_EQ(zip.error().field, "path");
}

}  // namespace
}  // namespace ticketflow::importer
