#pragma once
// The log made ready for replay: columns found by name, templates compiled, every row's case,
// time and activity read once, and the rows in the order they are replayed.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <ticketflow/importer/mapping.hpp>
#include <ticketflow/importer/replay.hpp>

#include "importer/row_template.hpp"

namespace ticketflow::importer::detail {

/// The columns a mapping names, as indices into the log.
struct Columns {
    std::size_t case_id = 0;
    std::size_t time = 0;
    std::vector<std::size_t> activity;
    std::optional<std::size_t> resource;
    std::optional<std::size_t> team;
    std::optional<std::size_t> priority;
};

/// A `TextSource` with its column found and its template compiled.
struct CompiledText {
    const TextSource* source = nullptr;
    std::optional<std::size_t> column;
    RowTemplate text;
};

/// A `Command`'s texts, compiled.
struct CompiledCommand {
    RowTemplate reason;
    RowTemplate message;
    RowTemplate solution;
};

/// One row to replay.
struct Event {
    Timestamp at{};
    std::uint32_t row = 0;
    std::uint32_t case_index = 0;
    const std::string* activity_name = nullptr;  // interned
    const Activity* activity = nullptr;          // null: the mapping does not list it
};

struct PreparedLog {
    Columns columns;
    std::vector<CompiledText> draft;  // title, description, category, customer id and name,
                                      // product model
    std::map<const Command*, CompiledCommand> commands;
    RowTemplate team_reason;
    RowTemplate owner_reason;
    std::vector<std::string_view> case_ids;  // by case index
    std::vector<Event> events;               // in replay order
    std::size_t rows_malformed = 0;
    std::size_t rows_reordered = 0;
    // Activity names as the rows spell them (joined columns included), interned.
    std::unordered_map<std::string, const Activity*> activities;
};

/// Reads the log against the mapping; the errors `replay` documents.
Result<PreparedLog> prepare(const CsvTable& log, const Mapping& mapping,
                            const ReplayOptions& options);

/// The text of `compiled` for `row`: its template, or its column mapped through `values`, or
/// its default. Nothing when none applies.
std::optional<std::string> text_of(const CompiledText& compiled, const CsvTable& log,
                                   std::size_t row, const RowContext& context);

}  // namespace ticketflow::importer::detail
