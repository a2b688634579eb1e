#include "engine/ticket_changes.hpp"

#include <functional>
#include <string>

namespace ticketflow::detail {
namespace {

std::string text(const std::optional<Timestamp>& t) {
    return t ? to_iso8601(*t) : "";
}

std::string text(const std::optional<Satisfaction>& s) {
    return s ? std::to_string(s->score) + (s->comment.empty() ? "" : " " + s->comment) : "";
}

std::string text(const std::vector<AgentId>& agents) {
    std::string joined;
    for (const auto& agent : agents) joined += (joined.empty() ? "" : ",") + agent.value();
    return joined;
}

std::string text(const std::vector<Attachment>& attachments) {
    std::string joined;
    for (const auto& a : attachments) joined += (joined.empty() ? "" : ",") + a.name;
    return joined;
}

// The fields commands may change, each with how to show it. Intake fields never change after
// opening, so they are not listed.
struct TrackedField {
    const char* name;
    std::function<std::string(const Ticket&)> render;
};

const std::vector<TrackedField>& tracked_fields() {
    static const std::vector<TrackedField> fields{
        {"state", [](const Ticket& t) { return std::string(to_string(t.state)); }},
        {"status", [](const Ticket& t) { return t.status; }},
        {"priority", [](const Ticket& t) { return std::string(to_string(t.priority)); }},
        {"team", [](const Ticket& t) { return t.team.value(); }},
        {"owner", [](const Ticket& t) { return t.owner.value(); }},
        {"collaborators", [](const Ticket& t) { return text(t.collaborators); }},
        {"attachments", [](const Ticket& t) { return text(t.attachments); }},
        {"solution", [](const Ticket& t) { return t.solution; }},
        {"closure_code", [](const Ticket& t) { return t.closure_code; }},
        {"satisfaction", [](const Ticket& t) { return text(t.satisfaction); }},
        {"resolved_at", [](const Ticket& t) { return text(t.resolved_at); }},
        {"closed_at", [](const Ticket& t) { return text(t.closed_at); }},
        {"reject_count", [](const Ticket& t) { return std::to_string(t.reject_count); }},
        {"reopen_count", [](const Ticket& t) { return std::to_string(t.reopen_count); }},
    };
    return fields;
}

}  // namespace

std::vector<FieldChange> changed_fields(const Ticket& before, const Ticket& after) {
    std::vector<FieldChange> changes;
    for (const auto& field : tracked_fields()) {
        auto old_value = field.render(before);
        auto new_value = field.render(after);
        if (old_value != new_value) {
            changes.push_back({field.name, std::move(old_value), std::move(new_value)});
        }
    }
    return changes;
}

}  // namespace ticketflow::detail
