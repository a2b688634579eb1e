/// \file
/// Profiles: the rows of the machine's table a desk has on, and who may fire them. Built from the
/// table itself, so a profile can never name a row the machine does not have.

#include <string>

#include <ticketflow/lifecycle/profile.hpp>

#include "lifecycle/machine.hpp"

namespace ticketflow::lifecycle {
namespace {

const detail::TableRow* row_of(TicketState from, LifecycleEvent event) noexcept {
    for (const auto& row : detail::table_rows()) {
        if (row.from == from && row.event == event) return &row;
    }
    return nullptr;
}

Result<const detail::TableRow*> existing_row(TicketState from, LifecycleEvent event) {
    if (const auto* row = row_of(from, event)) return row;
    return validation_error("row", "the lifecycle has no row for " + std::string(to_string(event)) +
                                       " from " + std::string(to_string(from)));
}

/// A profile with the table's rows for which `keep` holds, with the table's roles.
template <class Keep>
Profile from_table(Profile profile, Keep keep) {
    for (const auto& row : detail::table_rows()) {
        (void)profile.set_row(row.from, row.event, keep(row));
    }
    return profile;
}

}  // namespace

std::size_t Profile::cell(TicketState from, LifecycleEvent event) noexcept {
    return static_cast<std::size_t>(from) * kEvents + static_cast<std::size_t>(event);
}

Profile::Profile() : Profile(standard()) {}

Profile Profile::standard() {
    Profile profile{Empty{}};
    for (const auto& row : detail::table_rows())
        profile.roles_[cell(row.from, row.event)] = row.roles;
    profile = from_table(std::move(profile), [](const detail::TableRow&) { return true; });
    profile.name_ = "standard";
    return profile;
}

Profile Profile::documents() {
    Profile profile =
        from_table(standard(), [](const detail::TableRow& row) { return row.in_documents; });
    profile.name_ = "documents";
    profile.queue_work = false;
    profile.notes_after_close = false;
    return profile;
}

Result<Profile> Profile::named(const std::string& name) {
    if (name == "standard") return standard();
    if (name == "documents") return documents();
    return validation_error("profile",
                            "unknown workflow profile '" + name + "' (standard, documents)");
}

bool Profile::allows(TicketState from, LifecycleEvent event) const noexcept {
    const auto s = static_cast<std::size_t>(from);
    const auto e = static_cast<std::size_t>(event);
    return s < kStates && e < kEvents && on_[cell(from, event)];
}

RoleMask Profile::role_mask(TicketState from, LifecycleEvent event) const noexcept {
    return allows(from, event) ? roles_[cell(from, event)] : RoleMask{0};
}

std::vector<Role> Profile::roles(TicketState from, LifecycleEvent event) const {
    std::vector<Role> admitted;
    const RoleMask mask = role_mask(from, event);
    for (const auto role : all_values<Role>()) {
        if ((mask >> static_cast<unsigned>(role)) & 1u) admitted.push_back(role);
    }
    return admitted;
}

Result<void> Profile::set_row(TicketState from, LifecycleEvent event, bool on) {
    const auto row = existing_row(from, event);
    if (!row) return row.error();
    on_[cell(from, event)] = on;
    name_ = "custom";
    return {};
}

Result<void> Profile::set_roles(TicketState from, LifecycleEvent event,
                                const std::vector<Role>& roles) {
    const auto row = existing_row(from, event);
    if (!row) return row.error();
    RoleMask mask = 0;
    for (const Role role : roles) {
        if (static_cast<std::size_t>(role) >= EnumNames<Role>::names.size()) {
            return validation_error("roles", "not a role");
        }
        mask = static_cast<RoleMask>(mask | (1u << static_cast<unsigned>(role)));
    }
    roles_[cell(from, event)] = mask;
    name_ = "custom";
    return {};
}

}  // namespace ticketflow::lifecycle
