#pragma once
/// \file
/// The pluggable point of notifications: a Notifier delivers one outbox entry on one channel
/// (e-mail, SMS, a webhook, an in-process callback) and says what became of it.

#include <array>
#include <string>
#include <string_view>

#include <ticketflow/core/enum_names.hpp>
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

    friend bool operator==(const Delivery& a, const Delivery& b) {
        return a.outcome == b.outcome && a.error == b.error;
    }
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

namespace ticketflow {
template <>
struct EnumNames<notify::Delivery::Outcome> {
    static constexpr std::array<std::string_view, 3> names{"delivered", "failed", "rejected"};
};
}  // namespace ticketflow
