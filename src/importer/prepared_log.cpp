#include "importer/prepared_log.hpp"

#include <algorithm>

namespace ticketflow::importer::detail {
namespace {

std::string where(const CsvTable& log, std::size_t row, std::size_t column) {
    return "line " + std::to_string(log.line(row)) + ", column " + std::to_string(column + 1);
}

Result<std::size_t> find_column(const CsvTable& log, const std::string& name,
                                const std::string& path) {
    if (const auto index = log.column(name)) return *index;
    std::string known;
    for (const auto& column : log.columns()) known += (known.empty() ? "" : ", ") + column;
    return validation_error(
        path, "column '" + name + "' is not in the log's header (it has: " + known + ")");
}

Result<std::optional<std::size_t>> optional_column(const CsvTable& log, const std::string& name,
                                                   const std::string& path) {
    if (name.empty()) return std::optional<std::size_t>{};
    auto found = find_column(log, name, path);
    if (!found) return found.error();
    return std::optional<std::size_t>{*found};
}

Result<Columns> find_columns(const CsvTable& log, const Mapping& mapping) {
    Columns columns;
    auto case_id = find_column(log, mapping.case_column, "case");
    if (!case_id) return case_id.error();
    columns.case_id = *case_id;
    auto time = find_column(log, mapping.timestamp_column, "timestamp.column");
    if (!time) return time.error();
    columns.time = *time;
    for (std::size_t i = 0; i < mapping.activity_columns.size(); ++i) {
        const std::string path = mapping.activity_columns.size() == 1
                                     ? "activity"
                                     : "activity.columns[" + std::to_string(i) + "]";
        auto found = find_column(log, mapping.activity_columns[i], path);
        if (!found) return found.error();
        columns.activity.push_back(*found);
    }
    const std::pair<const std::string*, std::optional<std::size_t>*> optional[] = {
        {&mapping.resource_column, &columns.resource},
        {&mapping.team_column, &columns.team},
        {&mapping.priority.column, &columns.priority}};
    const char* paths[] = {"resource", "team", "priority.column"};
    for (std::size_t i = 0; i < 3; ++i) {
        auto found = optional_column(log, *optional[i].first, paths[i]);
        if (!found) return found.error();
        *optional[i].second = *found;
    }
    return columns;
}

Result<CompiledText> compile_text(const TextSource& source, const std::string& path,
                                  const CsvTable& log) {
    CompiledText compiled;
    compiled.source = &source;
    auto column = optional_column(log, source.column, path + ".column");
    if (!column) return column.error();
    compiled.column = *column;
    auto text = RowTemplate::compile(source.template_text, path, log);
    if (!text) return text.error();
    compiled.text = std::move(*text);
    return compiled;
}

Result<void> compile_draft(const Mapping& mapping, const CsvTable& log, PreparedLog& prepared) {
    const std::pair<const TextSource*, const char*> texts[] = {
        {&mapping.draft.title, "draft.title"},
        {&mapping.draft.description, "draft.description"},
        {&mapping.draft.category, "draft.category"},
        {&mapping.draft.customer_id, "draft.customer_id"},
        {&mapping.draft.customer_name, "draft.customer_name"},
        {&mapping.draft.product_model, "draft.product_model"}};
    for (const auto& [source, path] : texts) {
        auto compiled = compile_text(*source, path, log);
        if (!compiled) return compiled.error();
        prepared.draft.push_back(std::move(*compiled));
    }
    return {};
}

Result<void> compile_command(const Command& command, const std::string& path, const CsvTable& log,
                             PreparedLog& prepared) {
    CompiledCommand compiled;
    const std::pair<const std::string*, RowTemplate*> texts[] = {
        {&command.reason, &compiled.reason},
        {&command.message, &compiled.message},
        {&command.solution, &compiled.solution}};
    const char* keys[] = {"reason", command.kind == ActionKind::note ? "note" : "message",
                          "solution"};
    for (std::size_t i = 0; i < 3; ++i) {
        auto text = RowTemplate::compile(*texts[i].first, path + "." + keys[i], log);
        if (!text) return text.error();
        *texts[i].second = std::move(*text);
    }
    prepared.commands[&command] = std::move(compiled);
    return {};
}

Result<void> compile_commands(const Mapping& mapping, const CsvTable& log, PreparedLog& prepared) {
    for (const auto& [name, activity] : mapping.activities) {
        const std::string path = "activities." + name;
        if (auto ok = compile_command(activity.command, path, log, prepared); !ok) return ok;
        for (const auto& [state, command] : activity.when) {
            const std::string at = path + ".when." + std::string(to_string(state));
            if (auto ok = compile_command(command, at, log, prepared); !ok) return ok;
        }
    }
    auto team = RowTemplate::compile(mapping.follow.team_reason, "follow.team_reason", log);
    if (!team) return team.error();
    prepared.team_reason = std::move(*team);
    auto owner = RowTemplate::compile(mapping.follow.owner_reason, "follow.owner_reason", log);
    if (!owner) return owner.error();
    prepared.owner_reason = std::move(*owner);
    return {};
}

// The activity a row names: one column's value, or several joined by the separator.
const std::string* intern_activity(const CsvTable& log, std::size_t row, const Mapping& mapping,
                                   const Columns& columns, PreparedLog& prepared,
                                   std::string& scratch, const Activity*& activity) {
    scratch.clear();
    for (std::size_t i = 0; i < columns.activity.size(); ++i) {
        if (i > 0) scratch += mapping.activity_separator;
        scratch += log.field(row, columns.activity[i]);
    }
    auto found = prepared.activities.find(scratch);
    if (found == prepared.activities.end()) {
        const auto listed = mapping.activities.find(scratch);
        const Activity* value = listed == mapping.activities.end() ? nullptr : &listed->second;
        found = prepared.activities.emplace(scratch, value).first;
    }
    activity = found->second;
    return &found->first;
}

// Reads every row's case, time and activity; rows of a case keep their order even when their
// times do not (a row dated before the one above it is replayed at that earlier row's time).
Result<void> read_events(const CsvTable& log, const Mapping& mapping, const ReplayOptions& options,
                         PreparedLog& prepared) {
    const Columns& columns = prepared.columns;
    std::unordered_map<std::string_view, std::uint32_t> cases;
    std::vector<Timestamp> latest;  // by case
    std::string scratch;
    prepared.events.reserve(log.size());
    for (std::size_t row = 0; row < log.size(); ++row) {
        const std::string_view case_id = log.field(row, columns.case_id);
        const auto at = mapping.timestamp.parse(log.field(row, columns.time));
        if (case_id.empty() || !at) {
            if (options.skip_malformed_rows) {
                ++prepared.rows_malformed;
                continue;
            }
            if (case_id.empty()) {
                return validation_error(
                    where(log, row, columns.case_id),
                    "the case id (column '" + mapping.case_column + "') is empty");
            }
            return validation_error(
                where(log, row, columns.time),
                "column '" + mapping.timestamp_column + "': " + at.error().message);
        }
        const auto [it, added] =
            cases.emplace(case_id, static_cast<std::uint32_t>(prepared.case_ids.size()));
        if (added) {
            prepared.case_ids.push_back(case_id);
            latest.push_back(*at);
        }
        Event event;
        event.row = static_cast<std::uint32_t>(row);
        event.case_index = it->second;
        event.at = std::max(*at, latest[it->second]);
        if (event.at != *at) ++prepared.rows_reordered;
        latest[it->second] = event.at;
        event.activity_name =
            intern_activity(log, row, mapping, columns, prepared, scratch, event.activity);
        prepared.events.push_back(event);
    }
    std::stable_sort(prepared.events.begin(), prepared.events.end(),
                     [](const Event& a, const Event& b) { return a.at < b.at; });
    return {};
}

}  // namespace

Result<PreparedLog> prepare(const CsvTable& log, const Mapping& mapping,
                            const ReplayOptions& options) {
    PreparedLog prepared;
    auto columns = find_columns(log, mapping);
    if (!columns) return columns.error();
    prepared.columns = std::move(*columns);
    if (auto ok = compile_draft(mapping, log, prepared); !ok) return ok.error();
    if (auto ok = compile_commands(mapping, log, prepared); !ok) return ok.error();
    if (log.size() > UINT32_MAX) return validation_error("", "the log has more than 2^32 rows");
    if (auto ok = read_events(log, mapping, options, prepared); !ok) return ok.error();
    return prepared;
}

std::optional<std::string> text_of(const CompiledText& compiled, const CsvTable& log,
                                   std::size_t row, const RowContext& context) {
    const TextSource& source = *compiled.source;
    if (!compiled.text.empty()) return compiled.text.expand(log, row, context);
    if (compiled.column) {
        const std::string_view value = log.field(row, *compiled.column);
        if (!value.empty()) {
            if (source.values.empty()) return std::string(value);
            const auto mapped = source.values.find(std::string(value));
            if (mapped != source.values.end()) return mapped->second;
        }
    }
    return source.fallback;
}

}  // namespace ticketflow::importer::detail
