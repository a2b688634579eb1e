#pragma once
/// \file
/// The JSON document that tells a receiver about one outbox entry: one line of the JSON-lines file,
/// one webhook request body.

#include <nlohmann/json.hpp>

#include <ticketflow/storage/outbox.hpp>

namespace ticketflow::notify {

/// `{"key", "ticket", "event_sequence", "channel", "recipient", "created_at", "payload"}`, the
/// payload embedded as JSON when it is JSON and as a string otherwise; `created_at` in ISO 8601
/// UTC. The delivery record (state, attempts, lease) is not part of it.
///
///     const std::string body = notify::entry_document(entry).dump();
nlohmann::json entry_document(const OutboxEntry& entry);

}  // namespace ticketflow::notify
