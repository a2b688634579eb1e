#include <algorithm>

#include <ticketflow/core/intake_policy.hpp>
#include <ticketflow/core/state.hpp>
#include <ticketflow/notify/rules.hpp>

#include "core/json_reader.hpp"

namespace ticketflow::notify {
namespace {

template <class T>
bool contains(const std::vector<T>& values, const T& value) {
    return std::find(values.begin(), values.end(), value) != values.end();
}

bool is_sla_action(const std::string& action) {
    return action.rfind("sla_", 0) == 0;
}

const std::vector<std::string>& metric_names() {
    static const std::vector<std::string> names{"first_response", "next_update", "resolution"};
    return names;
}

// The ticket fields the engine records changes of (its audit entries' `changes`): a rule waiting
// for a change of any other name would never fire.
const std::vector<std::string>& changeable_fields() {
    static const std::vector<std::string> names{
        "state",    "priority",     "team",        "owner",     "collaborators", "attachments",
        "solution", "satisfaction", "resolved_at", "closed_at", "reject_count",  "reopen_count"};
    return names;
}

Result<void> check_contact(const Contact& contact, const std::string& field) {
    for (const auto& [channel, address] : contact.addresses) {
        if (is_blank(channel)) {
            return validation_error(field + ".addresses", "a channel name is required");
        }
        if (is_blank(address) || !is_valid_utf8(address)) {
            return validation_error(field + ".addresses." + channel, "an address is required");
        }
    }
    if (!contact.time_zone.empty()) {
        if (auto zone = TimeZone::locate(contact.time_zone); !zone) {
            return validation_error(field + ".time_zone",
                                    "unknown time zone '" + contact.time_zone + "'");
        }
    }
    return {};
}

Result<void> check_rule(const NotificationRule& rule, const TemplateSet& templates,
                        const std::string& field) {
    if (rule.on.empty()) return validation_error(field + ".on", "name at least one event");
    for (std::size_t i = 0; i < rule.on.size(); ++i) {
        if (!contains(known_actions(), rule.on[i])) {
            return validation_error(field + ".on[" + std::to_string(i) + "]",
                                    "unknown event '" + rule.on[i] + "'");
        }
        if (rule.quiet_hours && is_sla_action(rule.on[i])) {
            return validation_error(field + ".quiet_hours",
                                    "SLA alerts are never held for quiet hours");
        }
    }
    for (std::size_t i = 0; i < rule.changed.size(); ++i) {
        if (!contains(changeable_fields(), rule.changed[i])) {
            return validation_error(field + ".changed[" + std::to_string(i) + "]",
                                    "unknown ticket field '" + rule.changed[i] +
                                        "' (changes are recorded for state, priority, team, "
                                        "owner, collaborators, attachments, solution, "
                                        "satisfaction, resolved_at, closed_at, reject_count, "
                                        "reopen_count)");
        }
    }
    for (std::size_t i = 0; i < rule.metrics.size(); ++i) {
        if (!contains(metric_names(), rule.metrics[i])) {
            return validation_error(field + ".metrics[" + std::to_string(i) + "]",
                                    "unknown metric '" + rule.metrics[i] + "'");
        }
    }
    if (rule.to.empty()) return validation_error(field + ".to", "name at least one recipient");
    for (std::size_t i = 0; i < rule.to.size(); ++i) {
        const Recipient& to = rule.to[i];
        if (to.audience == Audience::contact && is_blank(to.contact)) {
            return validation_error(field + ".to[" + std::to_string(i) + "]",
                                    "a contact recipient names its contact");
        }
    }
    if (is_blank(rule.channel)) return validation_error(field + ".channel", "required");
    if (!templates.contains(rule.template_name)) {
        return validation_error(field + ".template",
                                "unknown template '" + rule.template_name + "'");
    }
    return {};
}

NotificationRule rule(std::string name, std::vector<std::string> on, std::vector<Recipient> to,
                      std::string template_name, bool quiet_hours) {
    NotificationRule made;
    made.name = std::move(name);
    made.on = std::move(on);
    made.to = std::move(to);
    made.template_name = std::move(template_name);
    made.quiet_hours = quiet_hours;
    return made;
}

const Recipient customer{Audience::customer, {}};
const Recipient owner{Audience::owner, {}};
const Recipient supervisor{Audience::supervisor, {}};

std::vector<NotificationRule> standard_rules() {
    std::vector<NotificationRule> rules;
    // The acknowledgement answers the customer's own action: it goes out at once, at any hour.
    rules.push_back(
        rule("acknowledge the customer", {"open"}, {customer}, "acknowledgement", false));
    auto assigned = rule("tell the assignee", {"assign", "claim", "reassign", "dispatch"}, {owner},
                         "assignment", false);
    assigned.changed = {"owner"};
    rules.push_back(std::move(assigned));
    auto progress =
        rule("progress to the customer", {"add_note"}, {customer}, "progress_update", true);
    progress.visibility = Visibility::customer;
    progress.by = {Role::agent, Role::supervisor, Role::admin};
    rules.push_back(std::move(progress));
    rules.push_back(
        rule("ask the customer", {"request_info"}, {customer}, "information_request", true));
    rules.push_back(
        rule("warn of an SLA risk", {"sla_warning"}, {owner, supervisor}, "sla_warning", false));
    rules.push_back(
        rule("report an SLA breach", {"sla_breach"}, {owner, supervisor}, "sla_breach", false));
    rules.push_back(rule("report an SLA escalation", {"sla_escalation"}, {supervisor},
                         "sla_escalation", false));
    rules.push_back(rule("ask the customer to confirm", {"resolve"}, {customer},
                         "resolution_confirmation", true));
    rules.push_back(rule("thank the customer", {"confirm", "auto_close", "close"}, {customer},
                         "closure", true));
    rules.push_back(rule("tell the owner of a reopening", {"reopen"}, {owner}, "reopened", false));
    return rules;
}

}  // namespace

// ---- recipients --------------------------------------------------------------------------

Result<Recipient> Recipient::parse(std::string_view text) {
    constexpr std::string_view contact_prefix = "contact:";
    if (text.substr(0, contact_prefix.size()) == contact_prefix) {
        std::string key(text.substr(contact_prefix.size()));
        if (is_blank(key)) return validation_error("to", "contact: needs a contact's key");
        return Recipient{Audience::contact, std::move(key)};
    }
    const auto audience = parse_enum<Audience>(text);
    if (!audience || *audience == Audience::contact) {
        return validation_error("to", "unknown recipient '" + std::string(text) +
                                          "' (customer, owner, collaborators, team, supervisor "
                                          "or contact:<key>)");
    }
    return Recipient{*audience, {}};
}

std::string Recipient::to_string() const {
    if (audience == Audience::contact) return "contact:" + contact;
    return std::string(ticketflow::to_string(audience));
}

// ---- rules -------------------------------------------------------------------------------

const std::vector<std::string>& known_actions() {
    static const std::vector<std::string> actions = [] {
        std::vector<std::string> names{"open",
                                       "dispatch",
                                       "add_note",
                                       "change_priority",
                                       "change_sla_policy",
                                       "add_collaborator",
                                       "remove_collaborator",
                                       "attach",
                                       "sla_warning",
                                       "sla_breach",
                                       "sla_escalation"};
        for (const LifecycleEvent event : all_values<LifecycleEvent>()) {
            names.emplace_back(ticketflow::to_string(event));
        }
        return names;
    }();
    return actions;
}

bool NotificationRule::fires_on(const AuditEvent& event, const Ticket& ticket) const {
    if (!contains(on, event.action)) return false;
    if (visibility && event.visibility != *visibility) return false;
    if (!by.empty() && !contains(by, event.actor.role)) return false;
    if (!changed.empty() &&
        std::none_of(event.changes.begin(), event.changes.end(),
                     [&](const FieldChange& change) { return contains(changed, change.field); })) {
        return false;
    }
    if (!metrics.empty()) {
        const auto metric = event.details.find("metric");
        if (metric == event.details.end() || !contains(metrics, metric->second)) return false;
    }
    return when.matches(ticket);
}

Rules Rules::standard() {
    return make(standard_rules(), TemplateSet::standard()).value();
}

Result<Rules> Rules::make(std::vector<NotificationRule> rules, TemplateSet templates,
                          std::map<std::string, Contact> contacts, Contact customer_defaults,
                          Contact staff_defaults) {
    for (std::size_t i = 0; i < rules.size(); ++i) {
        if (auto valid = check_rule(rules[i], templates, "rules[" + std::to_string(i) + "]");
            !valid) {
            return valid.error();
        }
    }
    Rules made;
    for (auto& [key, contact] : contacts) {
        if (auto added = made.set_contact(key, std::move(contact)); !added) return added.error();
    }
    if (auto valid = check_contact(customer_defaults, "customer_defaults"); !valid) {
        return valid.error();
    }
    if (auto valid = check_contact(staff_defaults, "staff_defaults"); !valid) return valid.error();
    made.rules_ = std::move(rules);
    made.templates_ = std::move(templates);
    made.customer_defaults_ = std::move(customer_defaults);
    made.staff_defaults_ = std::move(staff_defaults);
    return made;
}

Result<void> Rules::set_contact(const std::string& key, Contact contact) {
    if (is_blank(key)) return validation_error("contacts", "a contact's key is required");
    if (auto valid = check_contact(contact, "contacts." + key); !valid) return valid;
    contacts_[key] = std::move(contact);
    return {};
}

std::vector<std::string> Rules::calendars() const {
    std::vector<std::string> names;
    const auto add = [&](const Contact& contact) {
        if (!contact.calendar.empty() && !contains(names, contact.calendar)) {
            names.push_back(contact.calendar);
        }
    };
    add(customer_defaults_);
    add(staff_defaults_);
    for (const auto& [key, contact] : contacts_) add(contact);
    return names;
}

}  // namespace ticketflow::notify
