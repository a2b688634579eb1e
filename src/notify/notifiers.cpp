#include <nlohmann/json.hpp>

#include <ticketflow/core/json.hpp>
#include <ticketflow/notify/notifiers.hpp>

namespace ticketflow::notify {
namespace {

// The payload as JSON when it is JSON, else as a string.
nlohmann::json payload_of(const std::string& payload) {
    auto parsed = nlohmann::json::parse(payload, nullptr, /*allow_exceptions=*/false);
    return parsed.is_discarded() ? nlohmann::json(payload) : parsed;
}

}  // namespace

JsonLinesNotifier::JsonLinesNotifier(std::filesystem::path path)
    : path_(std::move(path)), out_(path_, std::ios::app | std::ios::binary) {}

Delivery JsonLinesNotifier::deliver(const OutboxEntry& entry) {
    const nlohmann::json line{{"key", entry.key},
                              {"ticket", entry.ticket.value()},
                              {"event_sequence", entry.event_sequence},
                              {"channel", entry.channel},
                              {"recipient", entry.recipient},
                              {"created_at", entry.created_at},
                              {"payload", payload_of(entry.payload)}};
    std::lock_guard lock(mutex_);
    out_ << line.dump() << '\n';
    out_.flush();
    if (!out_) {
        out_.clear();
        return Delivery::failure("cannot append to " + path_.string());
    }
    return Delivery::ok();
}

}  // namespace ticketflow::notify
