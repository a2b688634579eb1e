#pragma once
/// \file
/// The relay: takes the outbox entries that are due from a store, hands each to the notifier of its
/// channel, and records the outcome — delivered, retried later with exponential back-off and
/// jitter, or dead after too many attempts (visible, and re-drivable with `Store::redrive_outbox`).
/// Leases keep two relays from delivering one entry at the same time; a relay that dies holding a
/// lease leaves its entries to the next relay once the lease expires.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <string>

#include <ticketflow/core/clock.hpp>
#include <ticketflow/core/result.hpp>
#include <ticketflow/notify/notifier.hpp>
#include <ticketflow/storage/store.hpp>

namespace ticketflow::notify {

struct RelayOptions {
    std::string name = "relay";  ///< the lease owner: unique among relays sharing a store
    std::chrono::microseconds lease{std::chrono::seconds{60}};  ///< longer than a delivery takes
    std::size_t batch = 16;                                     ///< entries leased at a time
    std::uint32_t max_attempts = 8;  ///< failures after which an entry is dead
    std::chrono::microseconds first_retry{std::chrono::seconds{30}};  ///< doubled per failure
    std::chrono::microseconds max_retry{std::chrono::hours{1}};
    double jitter = 0.2;     ///< each delay varies by up to ± this share, so retries spread
    std::uint64_t seed = 0;  ///< for the jitter; 0: from the relay's name

    friend bool operator==(const RelayOptions& a, const RelayOptions& b) {
        return a.name == b.name && a.lease == b.lease && a.batch == b.batch &&
               a.max_attempts == b.max_attempts && a.first_retry == b.first_retry &&
               a.max_retry == b.max_retry && a.jitter == b.jitter && a.seed == b.seed;
    }
};

/// What one `pump` did.
struct PumpReport {
    std::size_t delivered = 0;
    std::size_t retried = 0;
    std::size_t dead = 0;
    /// Attempts whose lease another relay had taken meanwhile (this one was too slow): the other
    /// relay decides; the receiver sees the key twice at most.
    std::size_t lost_leases = 0;

    friend bool operator==(const PumpReport& a, const PumpReport& b) {
        return a.delivered == b.delivered && a.retried == b.retried && a.dead == b.dead &&
               a.lost_leases == b.lost_leases;
    }
};

/// Checks the options: `validation_failed` naming the option ("batch", "jitter", …).
Result<void> check_options(const RelayOptions& options);

class Relay {
  public:
    /// A relay, or `validation_failed` naming the store, the clock or the option that is wrong.
    static Result<std::unique_ptr<Relay>> create(std::shared_ptr<Store> store,
                                                 std::shared_ptr<const Clock> clock,
                                                 RelayOptions options = {});

    /// The same as `create`; throws `Exception` with the error `create` would return.
    Relay(std::shared_ptr<Store> store, std::shared_ptr<const Clock> clock,
          RelayOptions options = {});

    /// The notifier for entries of `channel`. Entries of a channel without one are dead.
    void add_notifier(std::string channel, std::shared_ptr<Notifier> notifier);

    /// Delivers everything due now, batch after batch, until nothing is due. Safe to call from
    /// several threads and by several relays at once. When the store fails (leasing or settling)
    /// the pump stops and returns the store's error; nothing is lost: an entry leased but not
    /// settled is due again when its lease expires, and its key lets the receiver drop the
    /// second delivery.
    Result<PumpReport> pump();

    /// When an entry that failed `attempts` times is tried again, after `now`.
    Timestamp retry_time(std::uint32_t attempts, Timestamp now);

    const RelayOptions& options() const noexcept { return options_; }

  private:
    OutboxAttempt attempt(const OutboxEntry& entry, Timestamp now);
    Result<void> settle(const OutboxEntry& entry, PumpReport& report);

    std::shared_ptr<Store> store_;
    std::shared_ptr<const Clock> clock_;
    RelayOptions options_;
    std::mutex mutex_;  // guards notifiers_ and random_
    std::map<std::string, std::shared_ptr<Notifier>> notifiers_;
    std::mt19937_64 random_;
};

}  // namespace ticketflow::notify
