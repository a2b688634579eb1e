#include <algorithm>
#include <exception>
#include <functional>

#include <ticketflow/notify/relay.hpp>

namespace ticketflow::notify {
namespace {

// Calls the notifier; an exception it throws counts as a failed attempt, not a lost entry.
Delivery delivered_by(Notifier& notifier, const OutboxEntry& entry) {
    try {
        return notifier.deliver(entry);
    } catch (const std::exception& e) {
        return Delivery::failure(std::string("the notifier threw: ") + e.what());
    } catch (...) {
        return Delivery::failure("the notifier threw something that is not a std::exception");
    }
}

Result<void> check_store_and_clock(const Store* store, const Clock* clock) {
    if (store == nullptr) return validation_error("store", "a relay needs a store");
    if (clock == nullptr) return validation_error("clock", "a relay needs a clock");
    return {};
}

}  // namespace

Result<void> check_options(const RelayOptions& o) {
    if (o.name.empty()) return validation_error("name", "a relay needs a name: it owns its leases");
    if (o.batch == 0 || o.batch > OutboxLease::max_limit) {
        return validation_error("batch", "a batch is 1 to 1000");
    }
    if (o.max_attempts == 0) return validation_error("max_attempts", "at least one attempt");
    if (o.lease.count() <= 0) return validation_error("lease", "a lease lasts a positive time");
    if (o.first_retry.count() <= 0 || o.max_retry < o.first_retry) {
        return validation_error("first_retry",
                                "retry delays are positive and first_retry <= max_retry");
    }
    if (o.jitter < 0 || o.jitter >= 1) {
        return validation_error("jitter", "jitter is a share from 0 to below 1");
    }
    return {};
}

Result<std::unique_ptr<Relay>> Relay::create(std::shared_ptr<Store> store,
                                             std::shared_ptr<const Clock> clock,
                                             RelayOptions options) {
    if (auto valid = check_store_and_clock(store.get(), clock.get()); !valid) return valid.error();
    if (auto valid = check_options(options); !valid) return valid.error();
    return std::make_unique<Relay>(std::move(store), std::move(clock), std::move(options));
}

Relay::Relay(std::shared_ptr<Store> store, std::shared_ptr<const Clock> clock, RelayOptions options)
    : store_(std::move(store)),
      clock_(std::move(clock)),
      options_(std::move(options)),
      random_(options_.seed != 0 ? options_.seed : std::hash<std::string>{}(options_.name)) {
    check_store_and_clock(store_.get(), clock_.get()).value();  // throws Exception, as documented
    check_options(options_).value();
}

void Relay::add_notifier(std::string channel, std::shared_ptr<Notifier> notifier) {
    std::lock_guard lock(mutex_);
    notifiers_[std::move(channel)] = std::move(notifier);
}

Timestamp Relay::retry_time(std::uint32_t attempts, Timestamp now) {
    // first_retry, doubled per earlier failure, at most max_retry; then spread by the jitter.
    auto delay = options_.first_retry;
    for (std::uint32_t i = 1; i < attempts && delay < options_.max_retry; ++i) delay *= 2;
    delay = std::min(delay, options_.max_retry);
    double factor = 1.0;
    {
        std::lock_guard lock(mutex_);
        factor = std::uniform_real_distribution<double>(1 - options_.jitter,
                                                        1 + options_.jitter)(random_);
    }
    return now + std::chrono::microseconds(
                     static_cast<std::int64_t>(static_cast<double>(delay.count()) * factor));
}

OutboxAttempt Relay::attempt(const OutboxEntry& entry, Timestamp now) {
    std::shared_ptr<Notifier> notifier;
    {
        std::lock_guard lock(mutex_);
        const auto found = notifiers_.find(entry.channel);
        if (found != notifiers_.end()) notifier = found->second;
    }
    OutboxAttempt settled{entry.id, options_.name, now, OutboxOutcome::delivered, "", now};
    if (!notifier) {
        settled.outcome = OutboxOutcome::dead;
        settled.error = "no notifier for channel '" + entry.channel + "'";
        return settled;
    }
    const Delivery delivery = delivered_by(*notifier, entry);
    settled.at = clock_->now();
    // Kept in the store and shown to people: a notifier's text with invalid bytes is escaped.
    settled.error = escape_invalid_utf8(delivery.error);
    if (delivery.outcome == Delivery::Outcome::rejected) {
        settled.outcome = OutboxOutcome::dead;
    } else if (delivery.outcome == Delivery::Outcome::failed) {
        const std::uint32_t failures = entry.attempts + 1;
        if (failures >= options_.max_attempts) {
            settled.outcome = OutboxOutcome::dead;
            settled.error += " (gave up after " + std::to_string(failures) + " attempts)";
        } else {
            settled.outcome = OutboxOutcome::retry;
            settled.retry_at = retry_time(failures, settled.at);
        }
    }
    return settled;
}

Result<PumpReport> Relay::pump() {
    PumpReport report;
    for (;;) {
        const OutboxLease lease{options_.name, clock_->now(), options_.lease, options_.batch};
        auto leased = store_->lease_outbox(lease);
        if (!leased) return leased.error();
        if (leased->empty()) return report;
        for (const OutboxEntry& entry : *leased) {
            // Entries leased after a failure stay leased until the lease expires, then are due
            // again: stopping here loses nothing.
            if (auto settled = settle(entry, report); !settled) return settled.error();
        }
    }
}

Result<void> Relay::settle(const OutboxEntry& entry, PumpReport& report) {
    auto settled = store_->settle_outbox(attempt(entry, clock_->now()));
    if (!settled) {
        if (settled.error().code != ErrorCode::version_conflict) return settled.error();
        ++report.lost_leases;
        return {};
    }
    switch (settled->state) {
        case OutboxState::delivered:
            ++report.delivered;
            break;
        case OutboxState::pending:
            ++report.retried;
            break;
        case OutboxState::dead:
            ++report.dead;
            break;
    }
    return {};
}

}  // namespace ticketflow::notify
