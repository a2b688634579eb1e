#pragma once
/// \file
/// The composer turns what a change recorded (the ticket and its new audit events) into the
/// outbox messages the rules ask for: one per rule, event, recipient and channel, rendered in the
/// recipient's locale and time zone, held for quiet hours where the rule says so. The engine
/// calls it inside every command, so the messages commit with the change.

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <ticketflow/core/audit.hpp>
#include <ticketflow/core/ticket.hpp>
#include <ticketflow/core/time_zone.hpp>
#include <ticketflow/notify/rules.hpp>
#include <ticketflow/storage/outbox.hpp>

namespace ticketflow::notify {

/// The SLA facts a message may quote: the ticket's policy and its clocks' due times.
struct SlaDue {
    std::string policy;
    std::optional<Timestamp> first_response;
    std::optional<Timestamp> next_update;
    std::optional<Timestamp> resolution;

    friend bool operator==(const SlaDue& a, const SlaDue& b) {
        return a.policy == b.policy && a.first_response == b.first_response &&
               a.next_update == b.next_update && a.resolution == b.resolution;
    }
};

/// When business calendar `calendar` is next open at or after `at` (`at` itself when open).
using OpeningHours = std::function<Timestamp(const std::string& calendar, Timestamp at)>;

/// Payload of every message (JSON): {"template", "locale", "subject", "body", "event", "ticket",
/// "recipient": {"kind", "name"}} — what a notifier needs to send an e-mail, an SMS or a post.
///
///     Composer composer{Rules::standard(), nullptr, opening_hours, TimeZone::utc()};
///     std::vector<OutboxMessage> messages = composer.compose(ticket, events, [] { return SlaDue{};
///     });
class Composer {
  public:
    /// `directory` (optional) is asked first for contacts, the rules' contact book second.
    /// `opening_hours` (needed when a rule holds messages for quiet hours) knows every calendar
    /// the rules name. `default_zone` writes times for contacts without a zone.
    Composer(Rules rules, std::shared_ptr<const ContactDirectory> directory,
             OpeningHours opening_hours, TimeZone default_zone);

    /// The messages `events` (the unit's events, in order; `OutboxMessage::event` indexes them)
    /// on `ticket` (as saved) cause. `sla` is called only when a message is composed.
    std::vector<OutboxMessage> compose(const Ticket& ticket, const std::vector<AuditEvent>& events,
                                       const std::function<SlaDue()>& sla) const;

    const Rules& rules() const noexcept { return rules_; }
    /// True when no rule can fire: composing is then free.
    bool silent() const noexcept { return rules_.rules().empty(); }

  private:
    struct Target;  // one resolved recipient
    std::vector<Target> targets(const Recipient& recipient, const Ticket& ticket,
                                const AuditEvent& event, const std::string& channel) const;
    /// The ticket's and its SLA's placeholders, the same for every message of one change.
    TemplateContext ticket_facts(const Ticket& ticket, const SlaDue& sla) const;
    OutboxMessage message(const NotificationRule& rule, const Target& target,
                          const TemplateContext& facts, const AuditEvent& event,
                          const std::string& ticket_number) const;
    std::optional<Contact> contact(const std::string& key) const;
    TimeZone zone(const std::string& name) const;

    Rules rules_;
    std::shared_ptr<const ContactDirectory> directory_;
    OpeningHours opening_hours_;
    TimeZone default_zone_;
    mutable std::mutex zones_mutex_;  // guards zones_: contacts from the directory add zones
    mutable std::map<std::string, TimeZone> zones_;
};

}  // namespace ticketflow::notify
