#pragma once
/// \file
/// Workflow profiles: how strict a desk is. The lifecycle table holds every row any desk may use;
/// a profile switches rows on or off and may change which roles fire them. The guards read the
/// profile when an event is fired, so the table stays the one source of truth.

#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <ticketflow/core/enums.hpp>
#include <ticketflow/core/result.hpp>
#include <ticketflow/core/state.hpp>

namespace ticketflow::lifecycle {

/// Roles as a bit set, one bit per `Role`.
using RoleMask = std::uint8_t;

/// A set of rows of the lifecycle table, each on or off, with the roles that may fire it.
///
///     auto profile = Profile::standard();
///     profile.set_roles(TicketState::resolved, LifecycleEvent::close,
///                       {Role::agent, Role::supervisor, Role::admin});
class Profile {
  public:
    /// The standard profile.
    Profile();

    /// Real desks (the default): every row of the table with the table's roles; agents may work
    /// on unowned tickets in their team's queue; notes and attachments after closing.
    static Profile standard();
    /// The service documents' flow: an explicit start, resolve only while being worked on or
    /// escalated, close only after a resolve, one kind of wait, no queue work, nothing added to a
    /// closed ticket.
    static Profile documents();
    /// The profile called `name` ("standard", "documents"), or `validation_failed`.
    static Result<Profile> named(const std::string& name);

    const std::string& name() const noexcept { return name_; }
    /// Names a desk's own profile, e.g. "field-service"; the name is shown, never interpreted.
    void set_name(std::string name) { name_ = std::move(name); }
    /// Whether the table has a row for (from, event) and this profile has it on.
    bool allows(TicketState from, LifecycleEvent event) const noexcept;
    /// The roles that may fire the row; empty when there is no such row or it is off.
    std::vector<Role> roles(TicketState from, LifecycleEvent event) const;
    RoleMask role_mask(TicketState from, LifecycleEvent event) const noexcept;

    /// Switches the table's row for (from, event) on or off; `validation_failed` (field "row")
    /// when the table has no such row. The profile is then named "custom".
    Result<void> set_row(TicketState from, LifecycleEvent event, bool on);
    /// Which roles may fire the row; the same refusal as `set_row` when there is no such row.
    Result<void> set_roles(TicketState from, LifecycleEvent event, const std::vector<Role>& roles);

    /// Agents may start, ask, hold, resolve, close… unowned tickets in their team's queue (a
    /// ticket without a team is in every agent's queue), not only their own.
    bool queue_work = true;
    /// Notes and attachments may be added to closed and cancelled tickets (without reopening).
    bool notes_after_close = true;

    friend bool operator==(const Profile& a, const Profile& b) {
        return a.name_ == b.name_ && a.on_ == b.on_ && a.roles_ == b.roles_ &&
               a.queue_work == b.queue_work && a.notes_after_close == b.notes_after_close;
    }

  private:
    struct Empty {};
    explicit Profile(Empty) {}  // no row on: where standard() starts from the table
    static constexpr std::size_t kStates = EnumNames<TicketState>::names.size();
    static constexpr std::size_t kEvents = EnumNames<LifecycleEvent>::names.size();
    static std::size_t cell(TicketState from, LifecycleEvent event) noexcept;

    std::string name_;
    std::array<bool, kStates * kEvents> on_{};
    std::array<RoleMask, kStates * kEvents> roles_{};
};

}  // namespace ticketflow::lifecycle
