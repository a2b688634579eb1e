#pragma once
/// \file
/// Notification rules: which audit events notify whom, on which channel, with which template, and
/// whether a message waits for the recipient's business hours. `Rules::standard()` gives the
/// defaults of the service documents; docs/notifications.md lists them.

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <ticketflow/core/audit.hpp>
#include <ticketflow/core/enum_names.hpp>
#include <ticketflow/core/result.hpp>
#include <ticketflow/core/ticket_condition.hpp>
#include <ticketflow/notify/template.hpp>

namespace ticketflow::notify {

/// Whom a rule's message is for, relative to the ticket.
enum class Audience : std::uint8_t {
    customer,       ///< the ticket's customer
    owner,          ///< the agent who owns the ticket (after the change)
    collaborators,  ///< every collaborator
    team,           ///< the owning team's shared mailbox (contact `team:<id>`)
    supervisor,  ///< the owning team's supervisor (contact `supervisor:<team>`, else `supervisor`)
    contact,     ///< a named entry of the contact book, e.g. the duty manager
};

/// How to reach someone, in their language and time.
struct Contact {
    std::string name;
    /// Address per channel: {"email": "li@example.com", "sms": "+86 138 0000 0000"}.
    std::map<std::string, std::string> addresses;
    std::string locale;     ///< "zh-CN", "en"; empty: the templates' default
    std::string time_zone;  ///< IANA or POSIX name for times in messages; empty: the default
    /// Business calendar (a name the engine's configuration knows) outside whose hours messages
    /// of rules with `quiet_hours` wait; empty: the default for the audience, else none.
    std::string calendar;

    friend bool operator==(const Contact& a, const Contact& b) {
        return a.name == b.name && a.addresses == b.addresses && a.locale == b.locale &&
               a.time_zone == b.time_zone && a.calendar == b.calendar;
    }
};

/// Where contacts come from besides the rules' own contact book: the application's user records.
/// Keys: `customer:<id>`, `agent:<id>`, `team:<id>`, `supervisor:<team>`, `supervisor`, or a
/// name a rule's `contact` recipient uses. Called while a command commits: keep it fast.
class ContactDirectory {
  public:
    virtual ~ContactDirectory() = default;
    virtual std::optional<Contact> find(std::string_view key) const = 0;
};

/// One recipient of a rule: an audience, and for `Audience::contact` the contact's key.
struct Recipient {
    Audience audience = Audience::customer;
    std::string contact;

    /// Parses "customer", "owner", "collaborators", "team", "supervisor" or "contact:<key>".
    static Result<Recipient> parse(std::string_view text);
    std::string to_string() const;

    friend bool operator==(const Recipient& a, const Recipient& b) {
        return a.audience == b.audience && a.contact == b.contact;
    }
};

/// When an event notifies, whom, and how.
struct NotificationRule {
    std::string name;             ///< for errors and the docs, e.g. "acknowledge the customer"
    std::vector<std::string> on;  ///< audit actions: "open", "assign", "sla_breach", …; not empty
    /// Only events of this visibility: `customer` keeps internal notes from customers.
    std::optional<Visibility> visibility;
    std::vector<Role> by;  ///< only events by actors in these roles; empty: anyone
    /// Only events that changed one of these fields ("owner"): a field the engine records changes
    /// of (docs/notifications.md); others are refused.
    std::vector<std::string> changed;
    std::vector<std::string> metrics;  ///< SLA events about one of these metrics; empty: any
    TicketCondition when;              ///< only tickets that match
    std::vector<Recipient> to;         ///< not empty
    std::string channel = "email";
    std::string template_name;  ///< a template of the rules' set
    /// Hold the message until the recipient's business hours open. Never for SLA events: alerts
    /// about a deadline are sent at once.
    bool quiet_hours = false;

    /// True when `event` on `ticket` sets the rule off (recipients aside).
    bool fires_on(const AuditEvent& event, const Ticket& ticket) const;

    friend bool operator==(const NotificationRule& a, const NotificationRule& b) {
        return a.name == b.name && a.on == b.on && a.visibility == b.visibility && a.by == b.by &&
               a.changed == b.changed && a.metrics == b.metrics && a.when == b.when &&
               a.to == b.to && a.channel == b.channel && a.template_name == b.template_name &&
               a.quiet_hours == b.quiet_hours;
    }
};

/// The audit actions the engine records, which rules may name in `on`.
const std::vector<std::string>& known_actions();

/// Rules, the templates they use, and the contact book. Checked as a whole when made or read:
/// known actions, recipients and templates, valid locales, time zones and addresses.
///
///     auto rules = Rules::standard();           // the documents' defaults
///     rules.set_contact("supervisor", {"王主管", {{"email", "wang@example.com"}}});
///     config.notifications = rules;
class Rules {
  public:
    /// No rules: nothing is notified.
    Rules() = default;

    /// The service documents' defaults over `TemplateSet::standard()`: acknowledgement to the
    /// customer on open, the assignee on assignment, the customer on customer-visible progress
    /// notes and questions, owner and supervisor on SLA warnings and breaches, the supervisor on
    /// SLA escalation steps, the customer on resolution (confirmation and satisfaction) and after
    /// closing, the owner on reopening — e-mail, customer-facing ones in quiet hours except the
    /// acknowledgement.
    static Rules standard();

    /// Checks every rule against `templates` and the contacts; the first problem is
    /// `validation_failed` naming it, e.g. `rules[2].template`.
    static Result<Rules> make(std::vector<NotificationRule> rules, TemplateSet templates,
                              std::map<std::string, Contact> contacts = {},
                              Contact customer_defaults = {}, Contact staff_defaults = {});

    /// Reads the JSON of docs/notifications.md; `templates` left out means the standard ones.
    static Result<Rules> from_json(const nlohmann::json& document);
    nlohmann::json to_json() const;

    /// Adds or replaces a contact-book entry, checking it.
    Result<void> set_contact(const std::string& key, Contact contact);

    const std::vector<NotificationRule>& rules() const noexcept { return rules_; }
    const TemplateSet& templates() const noexcept { return templates_; }
    const std::map<std::string, Contact>& contacts() const noexcept { return contacts_; }
    /// Locale, zone and calendar for customers whose contact does not say.
    const Contact& customer_defaults() const noexcept { return customer_defaults_; }
    /// The same for staff: owners, collaborators, teams, supervisors, named contacts.
    const Contact& staff_defaults() const noexcept { return staff_defaults_; }
    /// Every calendar name the rules and contacts refer to, for the engine to check.
    std::vector<std::string> calendars() const;

    friend bool operator==(const Rules& a, const Rules& b) {
        return a.rules_ == b.rules_ && a.templates_ == b.templates_ && a.contacts_ == b.contacts_ &&
               a.customer_defaults_ == b.customer_defaults_ &&
               a.staff_defaults_ == b.staff_defaults_;
    }

  private:
    std::vector<NotificationRule> rules_;
    TemplateSet templates_;
    std::map<std::string, Contact> contacts_;
    Contact customer_defaults_;
    Contact staff_defaults_;
};

}  // namespace ticketflow::notify

namespace ticketflow {
template <>
struct EnumNames<notify::Audience> {
    static constexpr std::array<std::string_view, 6> names{
        "customer", "owner", "collaborators", "team", "supervisor", "contact"};
};
}  // namespace ticketflow
