#pragma once
/// \file
/// Built-in notifiers: an in-process callback, and a JSON-lines file (one line per delivery).

#include <filesystem>
#include <fstream>
#include <functional>
#include <mutex>

#include <ticketflow/notify/notifier.hpp>

namespace ticketflow::notify {

/// Hands each entry to a function, e.g. to put it on the application's own message bus.
class CallbackNotifier final : public Notifier {
  public:
    explicit CallbackNotifier(std::function<Delivery(const OutboxEntry&)> callback)
        : callback_(std::move(callback)) {}
    Delivery deliver(const OutboxEntry& entry) override { return callback_(entry); }

  private:
    std::function<Delivery(const OutboxEntry&)> callback_;
};

/// Appends each entry to a file as one JSON object per line — key, ticket, event_sequence,
/// channel, recipient, created_at and payload (embedded as JSON when it is JSON) — flushed before
/// the delivery counts. A reader that skips keys it has seen reads each notification once.
class JsonLinesNotifier final : public Notifier {
  public:
    explicit JsonLinesNotifier(std::filesystem::path path);
    Delivery deliver(const OutboxEntry& entry) override;

  private:
    std::filesystem::path path_;
    std::mutex mutex_;
    std::ofstream out_;
};

}  // namespace ticketflow::notify
