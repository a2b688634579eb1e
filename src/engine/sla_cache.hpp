#pragma once
// The SLA records of tickets under way, parsed, so that a command does not parse its ticket's
// record again when the stored text is the one this engine wrote last. One cache per lock stripe,
// used only under that stripe's lock; a record is trusted only while the stored text is exactly
// the text it was written as, so another engine's change is simply a miss.

#include <string>
#include <unordered_map>

#include <ticketflow/core/ids.hpp>

#include "engine/sla_tracker.hpp"

namespace ticketflow::detail {

class SlaRecordCache {
  public:
    /// The record stored as `text` for `ticket`, if this cache wrote exactly that text.
    const SlaRecord* find(TicketId ticket, const std::string& text) const {
        const auto found = records_.find(ticket.value());
        if (found == records_.end() || found->second.text != text) return nullptr;
        return &found->second.record;
    }

    /// Keeps the record just saved; closed and cancelled tickets are dropped, so the cache holds
    /// the tickets under way, not every ticket ever seen.
    void remember(TicketId ticket, const std::string& text, const LoadedSla& sla, bool open) {
        if (!sla || !open) {
            records_.erase(ticket.value());
            return;
        }
        Entry& entry = records_[ticket.value()];
        entry.text = text;
        entry.record = *sla;
    }

  private:
    struct Entry {
        std::string text;
        SlaRecord record;
    };
    std::unordered_map<std::uint64_t, Entry> records_;
};

}  // namespace ticketflow::detail
