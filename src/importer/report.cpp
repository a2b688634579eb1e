// The replay report: its rates, a text summary for people, and JSON.
#include <cstdio>

#include <ticketflow/core/json.hpp>
#include <ticketflow/importer/replay.hpp>

namespace ticketflow::importer {
namespace {

std::string fixed(double value, int decimals) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return buffer;
}

std::string percent(double share) {
    return fixed(share * 100.0, 2) + " %";
}

std::string state_name(const std::optional<TicketState>& state) {
    return state ? std::string(to_string(*state)) : std::string("(not opened)");
}

std::string counts(const std::map<std::string, std::size_t>& rows) {
    std::string text;
    for (const auto& [activity, count] : rows) {
        text += (text.empty() ? "" : ", ") + activity + " " + std::to_string(count);
    }
    return text;
}

}  // namespace

double ReplayReport::events_per_second() const noexcept {
    const double seconds = static_cast<double>(elapsed.count()) / 1e6;
    return seconds > 0 ? static_cast<double>(rows) / seconds : 0.0;
}

double ReplayReport::share_without_refusal() const noexcept {
    if (cases == 0) return 1.0;
    return static_cast<double>(cases - cases_with_refusal) / static_cast<double>(cases);
}

std::string summary(const ReplayReport& report, std::size_t top) {
    std::string text;
    text += "cases " + std::to_string(report.cases) + ", rows " + std::to_string(report.rows) +
            ", tickets opened " + std::to_string(report.tickets_opened) + "\n";
    text += "commands fired " + std::to_string(report.commands_fired) + ", refused " +
            std::to_string(report.commands_refused) + ", skipped (already there) " +
            std::to_string(report.commands_skipped) + "\n";
    text += "cases without a refusal " + std::to_string(report.cases - report.cases_with_refusal) +
            " of " + std::to_string(report.cases) + " (" + percent(report.share_without_refusal()) +
            ")\n";
    if (!report.ignored.empty()) text += "rows ignored: " + counts(report.ignored) + "\n";
    if (!report.unmapped.empty()) text += "rows unmapped: " + counts(report.unmapped) + "\n";
    if (report.rows_malformed != 0) {
        text += "rows malformed (skipped) " + std::to_string(report.rows_malformed) + "\n";
    }
    if (report.rows_reordered != 0) {
        text += "rows dated before their case's previous row " +
                std::to_string(report.rows_reordered) + "\n";
    }
    text += "SLA events recorded by ticks " + std::to_string(report.sla_events) + "\n";
    text += "elapsed " + fixed(static_cast<double>(report.elapsed.count()) / 1e6, 3) + " s, " +
            fixed(report.events_per_second(), 0) + " events/s\n";
    const std::size_t shown = std::min(top, report.refusals.size());
    if (shown != 0) text += "most frequent refusals:\n";
    for (std::size_t i = 0; i < shown; ++i) {
        const RefusalKind& kind = report.refusals[i];
        std::string examples;
        for (const auto& id : kind.example_cases) examples += (examples.empty() ? "" : ", ") + id;
        text += "  " + std::to_string(kind.count) + "  " + state_name(kind.state) + " / " +
                kind.event + " / " + std::string(to_string(kind.code)) + ": " + kind.reason +
                " (e.g. " + examples + ")\n";
    }
    return text;
}

void to_json(nlohmann::json& j, const ReplayReport& report) {
    nlohmann::json refusals = nlohmann::json::array();
    for (const RefusalKind& kind : report.refusals) {
        refusals.push_back({{"state", kind.state ? nlohmann::json(to_string(*kind.state))
                                                 : nlohmann::json(nullptr)},
                            {"event", kind.event},
                            {"code", to_string(kind.code)},
                            {"reason", kind.reason},
                            {"count", kind.count},
                            {"examples", kind.example_cases}});
    }
    const auto stamp = [](const std::optional<Timestamp>& t) {
        return t ? nlohmann::json(to_iso8601(*t)) : nlohmann::json(nullptr);
    };
    j = {{"cases", report.cases},
         {"rows", report.rows},
         {"tickets_opened", report.tickets_opened},
         {"commands_fired", report.commands_fired},
         {"commands_refused", report.commands_refused},
         {"commands_skipped", report.commands_skipped},
         {"rows_malformed", report.rows_malformed},
         {"rows_reordered", report.rows_reordered},
         {"cases_with_refusal", report.cases_with_refusal},
         {"share_without_refusal", report.share_without_refusal()},
         {"ignored", report.ignored},
         {"unmapped", report.unmapped},
         {"refusals", std::move(refusals)},
         {"sla_events", report.sla_events},
         {"elapsed_seconds", static_cast<double>(report.elapsed.count()) / 1e6},
         {"events_per_second", report.events_per_second()},
         {"first_event", stamp(report.first_event)},
         {"last_event", stamp(report.last_event)}};
}

}  // namespace ticketflow::importer
