#pragma once
// The tickets under way as this engine last saved them, with their SLA records parsed. A command
// starts from the cached snapshot instead of loading and parsing the ticket again; if another
// engine changed the ticket since, saving reports a version conflict and the command runs again
// on the stored ticket. A record is trusted only while the stored text is exactly the text it was
// written as. One cache per lock stripe, used only under that stripe's lock. Closed and cancelled
// tickets are dropped, so the cache holds the tickets under way, not every ticket ever seen.

#include <string>
#include <unordered_map>

#include <ticketflow/core/ticket.hpp>

#include "engine/sla_tracker.hpp"

namespace ticketflow::detail {

class OpenTicketCache {
  public:
    /// The ticket as this engine last saved it, if it is under way.
    const Ticket* snapshot(TicketId ticket) const {
        const auto found = entries_.find(ticket.value());
        return found == entries_.end() ? nullptr : &found->second.ticket;
    }

    /// The record stored as `text` for `ticket`, if this engine wrote exactly that text.
    const SlaRecord* record(TicketId ticket, const std::string& text) const {
        const auto found = entries_.find(ticket.value());
        if (found == entries_.end() || !found->second.record) return nullptr;
        if (found->second.ticket.sla_clocks != text) return nullptr;
        return &*found->second.record;
    }

    /// Keeps the ticket just saved and its record, or drops it once it is no longer under way.
    void remember(const Ticket& ticket, const LoadedSla& sla, bool under_way) {
        if (!under_way) {
            forget(ticket.id);
            return;
        }
        Entry& entry = entries_[ticket.id.value()];
        entry.ticket = ticket;
        entry.record = sla;
    }

    void forget(TicketId ticket) { entries_.erase(ticket.value()); }

  private:
    struct Entry {
        Ticket ticket;
        LoadedSla record;
    };
    std::unordered_map<std::uint64_t, Entry> entries_;
};

}  // namespace ticketflow::detail
