#pragma once
/// \file
/// The pluggable point of notifications: a Notifier delivers one outbox entry on one channel
/// (e-mail, SMS, a webhook, an in-process callback) and says what became of it.

#include <string>

#include <ticketflow/storage/outbox.hpp>

namespace ticketflow::notify {

/// What became of one delivery attempt.
struct Delivery {
    enum class Outcome {
        delivered,  ///< accepted: never delivered again
        failed,     ///< failed for now (timeout, 5xx): tried again later
        rejected,   ///< can never succeed (an invalid address): given up at once
    };
    Outcome outcome = Outcome::delivered;
    std::string error;  ///< why, when it did not succeed

    static Delivery ok() { return {}; }
    static Delivery failure(std::string why) { return {Outcome::failed, std::move(why)}; }
    static Delivery rejection(std::string why) { return {Outcome::rejected, std::move(why)}; }
};

/// Delivers outbox entries of one channel. The relay may call it from its own thread; a
/// receiver dedupes with `entry.key`, which stays the same across retries.
class Notifier {
  public:
    virtual ~Notifier() = default;
    virtual Delivery deliver(const OutboxEntry& entry) = 0;
};

}  // namespace ticketflow::notify
