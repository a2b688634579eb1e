#pragma once
// Opening the files an import reads (a log, a mapping), with the one error a missing or unreadable
// file gives.

#include <filesystem>
#include <fstream>

#include <ticketflow/core/error.hpp>
#include <ticketflow/core/result.hpp>

namespace ticketflow::importer::detail {

/// The file at `path`, opened for binary reading, or `not_found` naming the field "path".
inline Result<std::ifstream> open_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (in) return in;
    Error error;
    error.code = ErrorCode::not_found;
    error.field = "path";
    error.message = escape_invalid_utf8("path: cannot open " + path.string());
    return error;
}

}  // namespace ticketflow::importer::detail
