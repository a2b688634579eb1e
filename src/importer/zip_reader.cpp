// A CSV member of a zip archive, decompressed by libzip as the parser asks for bytes.
#include <memory>
#include <zip.h>

#include <ticketflow/importer/csv.hpp>

#include "importer/csv_parser.hpp"

namespace ticketflow::importer {
namespace {

Error zip_failure(ErrorCode code, std::string field, const std::string& what) {
    Error error;
    error.code = code;
    error.field = std::move(field);
    error.message = escape_invalid_utf8(error.field + ": " + what);
    return error;
}

std::string describe(int code) {
    zip_error_t error;
    zip_error_init_with_code(&error, code);
    std::string text = zip_error_strerror(&error);
    zip_error_fini(&error);
    return text;
}

struct ArchiveCloser {
    void operator()(zip_t* archive) const { zip_discard(archive); }  // opened read-only
};
struct FileCloser {
    void operator()(zip_file_t* file) const { zip_fclose(file); }
};

}  // namespace

Result<CsvTable> read_csv_zip(const std::filesystem::path& path, std::string_view member,
                              const CsvOptions& options) {
    int code = 0;
    std::unique_ptr<zip_t, ArchiveCloser> archive(zip_open(path.c_str(), ZIP_RDONLY, &code));
    if (!archive) {
        const bool missing = code == ZIP_ER_NOENT || code == ZIP_ER_OPEN;
        return zip_failure(missing ? ErrorCode::not_found : ErrorCode::validation_failed, "path",
                           "cannot open the zip archive " + path.string() + ": " + describe(code));
    }
    const std::string name(member);
    const zip_int64_t index = zip_name_locate(archive.get(), name.c_str(), 0);
    if (index < 0) {
        return zip_failure(ErrorCode::not_found, "member",
                           "the archive " + path.string() + " has no member '" + name + "'");
    }
    std::unique_ptr<zip_file_t, FileCloser> file(
        zip_fopen_index(archive.get(), static_cast<zip_uint64_t>(index), 0));
    if (!file) {
        return zip_failure(ErrorCode::validation_failed, "member",
                           "cannot read '" + name + "': " + zip_strerror(archive.get()));
    }
    return detail::parse_csv(
        [&](char* buffer, std::size_t capacity) -> Result<std::size_t> {
            const zip_int64_t got = zip_fread(file.get(), buffer, capacity);
            if (got < 0) {
                // A damaged member (a CRC or inflate error) is bad input, not a failing disk.
                return zip_failure(
                    ErrorCode::validation_failed, "member",
                    "cannot decompress '" + name + "': " + zip_file_strerror(file.get()));
            }
            return static_cast<std::size_t>(got);
        },
        options);
}

}  // namespace ticketflow::importer
