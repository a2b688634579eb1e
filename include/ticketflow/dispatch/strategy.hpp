#pragma once
/// \file
/// Choosing the agent inside a team: who may take the ticket at all, and who of them gets it.

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <ticketflow/core/enum_names.hpp>
#include <ticketflow/dispatch/directory.hpp>
#include <ticketflow/dispatch/rule.hpp>

namespace ticketflow::dispatch {

/// How an agent is chosen among those who may take the ticket. Ties go to the lower agent id,
/// so the same directory and loads always give the same choice.
enum class Strategy : std::uint8_t {
    least_loaded,  ///< fewest open tickets
    round_robin,   ///< the next in id order after the team's last pick
    skill_match,   ///< highest sum of levels in the required skills, then least loaded
    region_match,  ///< someone working in the ticket's region, least loaded; else least loaded
    sticky,        ///< the customer's previous agent if they may take it; else least loaded
};

/// Who got the ticket and why, in words for the audit trail ("least loaded: li (3 open)").
struct Pick {
    std::size_t position;  ///< in `Directory::agents()`
    std::string reason;
};

/// Whether the agent at `position` may take `request`'s ticket in `team` under `requirements`.
bool eligible(const Directory& directory, std::size_t position, const Request& request,
              const Requirements& requirements);

/// Chooses an agent of `team`; nothing when nobody may take the ticket. Round-robin remembers
/// each team's last pick; that memory is safe to share between threads.
class AgentChooser {
  public:
    std::optional<Pick> choose(Strategy strategy, const TeamId& team,
                               const Requirements& requirements, const Request& request,
                               const Directory& directory) const;

  private:
    std::optional<Pick> next_in_turn(const std::vector<std::size_t>& candidates, const TeamId& team,
                                     const Directory& directory) const;

    mutable std::mutex turns_mutex_;
    mutable std::unordered_map<std::string, std::string> last_pick_;  // team → agent id
};

}  // namespace ticketflow::dispatch

namespace ticketflow {
template <>
struct EnumNames<dispatch::Strategy> {
    static constexpr std::array<std::string_view, 5> names{"least_loaded", "round_robin",
                                                           "skill_match", "region_match", "sticky"};
};
}  // namespace ticketflow
