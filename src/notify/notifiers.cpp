#include <nlohmann/json.hpp>

#include <ticketflow/core/json.hpp>
#include <ticketflow/notify/entry_document.hpp>
#include <ticketflow/notify/notifiers.hpp>

namespace ticketflow::notify {
namespace {

// The payload as JSON when it is JSON, else as a string.
nlohmann::json payload_of(const std::string& payload) {
    auto parsed = nlohmann::json::parse(payload, nullptr, /*allow_exceptions=*/false);
    return parsed.is_discarded() ? nlohmann::json(payload) : parsed;
}

}  // namespace

nlohmann::json entry_document(const OutboxEntry& entry) {
    return nlohmann::json{{"key", entry.key},
                          {"ticket", entry.ticket.value()},
                          {"event_sequence", entry.event_sequence},
                          {"channel", entry.channel},
                          {"recipient", entry.recipient},
                          {"created_at", entry.created_at},
                          {"payload", payload_of(entry.payload)}};
}

namespace {

// True when the file's last line has no end: a writer died in the middle of it.
bool ends_mid_line(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in || in.tellg() <= 0) return false;
    in.seekg(-1, std::ios::end);
    return in.get() != '\n';
}

}  // namespace

JsonLinesNotifier::JsonLinesNotifier(std::filesystem::path path)
    : path_(std::move(path)), out_(path_, std::ios::app | std::ios::binary) {
    // A line torn by a crash stays a line of its own, instead of spoiling the next one.
    if (ends_mid_line(path_)) out_ << '\n' << std::flush;
}

Delivery JsonLinesNotifier::deliver(const OutboxEntry& entry) {
    const nlohmann::json line = entry_document(entry);
    std::lock_guard lock(mutex_);
    // Bytes that are not UTF-8 are replaced, so one bad entry cannot block the file.
    out_ << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    out_.flush();
    if (!out_) {
        out_.clear();
        return Delivery::failure("cannot append to " + path_.string());
    }
    return Delivery::ok();
}

}  // namespace ticketflow::notify
