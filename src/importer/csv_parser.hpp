#pragma once
// The RFC 4180 state machine behind every CSV reader: bytes in from a `ByteSource`, a table out.

#include <cstddef>
#include <functional>

#include <ticketflow/importer/csv.hpp>

namespace ticketflow::importer::detail {

/// Fills `buffer` with up to `capacity` bytes; returns how many (0 at the end), or an error.
using ByteSource = std::function<Result<std::size_t>(char* buffer, std::size_t capacity)>;

/// Reads a whole table from `source`.
Result<CsvTable> parse_csv(const ByteSource& source, const CsvOptions& options);

}  // namespace ticketflow::importer::detail
