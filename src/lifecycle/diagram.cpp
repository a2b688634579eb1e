/// \file
/// The lifecycle drawn from the machine's own table, so the picture in docs/ cannot drift from
/// the code (a test compares them).

#include <string>
#include <string_view>
#include <vector>

#include <ticketflow/lifecycle/lifecycle.hpp>

namespace ticketflow::lifecycle {
namespace {

template <class Item, class Name>
std::string join(const std::vector<Item>& items, Name name) {
    std::string out;
    for (const auto& item : items) {
        if (!out.empty()) out += ", ";
        out += name(item);
    }
    return out;
}

/// `event (roles) needs a, b`. Mermaid ends a transition label at `;` or `:`, so neither appears.
std::string label(const Rule& rule) {
    std::string text(to_string(rule.event));
    text += " (" + join(rule.roles, [](Role r) { return std::string(to_string(r)); }) + ")";
    if (!rule.needs.empty()) {
        text += " needs " + join(rule.needs, [](const std::string& n) { return n; });
    }
    return text;
}

std::string edge(std::string_view from, std::string_view to) {
    return "    " + std::string(from) + " --> " + std::string(to);
}

}  // namespace

std::string mermaid_diagram(const Profile& profile) {
    std::string out = "stateDiagram-v2\n";
    out += edge("[*]", to_string(TicketState::new_)) + "\n";
    for (const auto& rule : transition_table(profile)) {
        out += edge(to_string(rule.from), to_string(rule.to)) + " : " + label(rule) + "\n";
    }
    for (const auto state : all_values<TicketState>()) {
        if (is_terminal(state)) out += edge(to_string(state), "[*]") + "\n";
    }
    return out;
}

}  // namespace ticketflow::lifecycle
