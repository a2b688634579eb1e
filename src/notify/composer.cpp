#include <set>
#include <tuple>
#include <variant>

#include <nlohmann/json.hpp>

#include <ticketflow/notify/composer.hpp>

namespace ticketflow::notify {

/// One person or mailbox a message goes to, with how to write to them.
struct Composer::Target {
    Audience audience = Audience::customer;
    std::string name;
    std::string address;
    std::string locale;
    TimeZone zone;
    std::string calendar;
};

namespace {

bool is_staff(Role role) {
    return role == Role::agent || role == Role::supervisor || role == Role::admin;
}

// The one who acted is not told about what they did (the agent who claims a ticket gets no
// "assigned to you"); customers are, as the acknowledgement answers their own request.
bool is_the_actor(const AuditEvent& event, const AgentId& agent) {
    return is_staff(event.actor.role) && event.actor.id.value() == agent.value();
}

std::string first_of(const std::string& a, const std::string& b) {
    return a.empty() ? b : a;
}

// What the ticket itself says about reaching its customer, by channel.
std::string ticket_address(const Customer& customer, const std::string& channel) {
    if (channel == "email") return customer.email;
    if (channel == "sms" || channel == "phone") return customer.phone;
    return {};
}

std::string detail_of(const AuditEvent& event, const char* key) {
    const auto found = event.details.find(key);
    return found == event.details.end() ? std::string{} : found->second;
}

void describe_ticket(TemplateContext& context, const Ticket& ticket, const std::string& owner) {
    context.set("ticket.number", ticket.number);
    context.set("ticket.title", ticket.title);
    context.set("ticket.description", ticket.description);
    context.set("ticket.state", std::string(to_string(ticket.state)));
    context.set("ticket.priority", std::string(to_string(ticket.priority)));
    context.set("ticket.category", ticket.category);
    context.set("ticket.channel", std::string(to_string(ticket.channel)));
    context.set("ticket.region", ticket.region);
    if (!owner.empty()) context.set("ticket.owner", owner);
    if (!ticket.team.value().empty()) context.set("ticket.team", ticket.team.value());
    if (!ticket.solution.empty()) context.set("ticket.solution", ticket.solution);
    context.set("ticket.created_at", ticket.created_at);
    context.set("ticket.resolved_at", ticket.resolved_at);
    context.set("ticket.closed_at", ticket.closed_at);
    if (ticket.satisfaction) {
        context.set("ticket.satisfaction", std::to_string(ticket.satisfaction->score));
    }
    context.set("customer.id", ticket.customer.id.value());
    context.set("customer.name", ticket.customer.name);
    context.set("customer.contact", first_of(ticket.customer.contact_person, ticket.customer.name));
    context.set("customer.tier", std::string(to_string(ticket.customer.tier)));
    context.set("product.model", ticket.product.model);
    context.set("product.serial_number", ticket.product.serial_number);
    context.set("product.contract_number", ticket.product.contract_number);
}

void describe_event(TemplateContext& context, const AuditEvent& event) {
    context.set("event.action", event.action);
    context.set("event.actor", event.actor.id.value());
    context.set("event.actor_role", std::string(to_string(event.actor.role)));
    context.set("event.at", event.at);
    if (!event.reason.empty()) context.set("event.reason", event.reason);
    if (!event.note.empty()) context.set("event.note", event.note);
    if (const std::string metric = detail_of(event, "metric"); !metric.empty()) {
        context.set("event.metric", metric);
    }
    if (const std::string target = detail_of(event, "target"); !target.empty()) {
        context.set("event.target", target);
    }
    context.set("event.crossed_at", parse_iso8601(detail_of(event, "at")));
    if (const std::string step = detail_of(event, "step"); !step.empty()) {
        context.set("event.step", step);
    }
}

void describe_sla(TemplateContext& context, const SlaDue& sla) {
    if (!sla.policy.empty()) context.set("sla.policy", sla.policy);
    context.set("sla.first_response.due", sla.first_response);
    context.set("sla.next_update.due", sla.next_update);
    context.set("sla.resolution.due", sla.resolution);
}

}  // namespace

Composer::Composer(Rules rules, std::shared_ptr<const ContactDirectory> directory,
                   OpeningHours opening_hours, TimeZone default_zone)
    : rules_(std::move(rules)),
      directory_(std::move(directory)),
      opening_hours_(std::move(opening_hours)),
      default_zone_(std::move(default_zone)) {}

std::vector<OutboxMessage> Composer::compose(const Ticket& ticket,
                                             const std::vector<AuditEvent>& events,
                                             const std::function<SlaDue()>& sla) const {
    std::vector<OutboxMessage> messages;
    if (silent()) return messages;
    std::optional<TemplateContext> facts;  // what every message quotes; built once, if needed
    // Two rules may reach one address for one event: the store would keep one entry per key
    // anyway, so the second is not rendered at all.
    std::set<std::tuple<std::size_t, std::string, std::string>> composed;
    for (std::size_t index = 0; index < events.size(); ++index) {
        const AuditEvent& event = events[index];
        for (const NotificationRule& rule : rules_.rules()) {
            if (!rule.fires_on(event, ticket)) continue;
            for (const Recipient& recipient : rule.to) {
                for (const Target& target : targets(recipient, ticket, event, rule.channel)) {
                    if (!composed.emplace(index, rule.channel, target.address).second) continue;
                    if (!facts) facts = ticket_facts(ticket, sla ? sla() : SlaDue{});
                    messages.push_back(message(rule, target, *facts, event, ticket.number));
                    messages.back().event = index;
                }
            }
        }
    }
    return messages;
}

TemplateContext Composer::ticket_facts(const Ticket& ticket, const SlaDue& sla) const {
    TemplateContext facts;
    const auto owner = contact("agent:" + ticket.owner.value());
    describe_ticket(facts, ticket,
                    owner ? first_of(owner->name, ticket.owner.value()) : ticket.owner.value());
    describe_sla(facts, sla);
    return facts;
}

OutboxMessage Composer::message(const NotificationRule& rule, const Target& target,
                                const TemplateContext& facts, const AuditEvent& event,
                                const std::string& ticket_number) const {
    TemplateContext context{target.zone};
    for (const auto& [name, value] : facts.values()) {
        std::visit([&, name = name](const auto& v) { context.set(name, v); }, value);
    }
    describe_event(context, event);
    context.set("recipient.name", target.name);
    context.set("recipient.kind", std::string(to_string(target.audience)));
    // Templates were checked when the rules were made, so rendering succeeds.
    const RenderedMessage rendered =
        rules_.templates().render(rule.template_name, target.locale, context).value();
    const nlohmann::json payload{
        {"template", rule.template_name},
        {"locale", rendered.locale},
        {"subject", rendered.subject},
        {"body", rendered.body},
        {"event", event.action},
        {"ticket", ticket_number},
        {"recipient", {{"kind", to_string(target.audience)}, {"name", target.name}}}};
    OutboxMessage message;
    message.channel = rule.channel;
    message.recipient = target.address;
    message.payload = payload.dump();
    if (rule.quiet_hours && !target.calendar.empty() && opening_hours_) {
        const Timestamp opens = opening_hours_(target.calendar, event.at);
        if (opens > event.at) message.not_before = opens;
    }
    return message;
}

std::vector<Composer::Target> Composer::targets(const Recipient& recipient, const Ticket& ticket,
                                                const AuditEvent& event,
                                                const std::string& channel) const {
    // Who the recipient stands for: contact-book keys, first found wins.
    std::vector<std::string> keys;
    switch (recipient.audience) {
        case Audience::customer:
            keys = {"customer:" + ticket.customer.id.value()};
            break;
        case Audience::owner:
            if (!ticket.owner.value().empty() && !is_the_actor(event, ticket.owner)) {
                keys = {"agent:" + ticket.owner.value()};
            }
            break;
        case Audience::collaborators:
            for (const AgentId& agent : ticket.collaborators) {
                if (!is_the_actor(event, agent)) keys.push_back("agent:" + agent.value());
            }
            break;
        case Audience::team:
            if (!ticket.team.value().empty()) keys = {"team:" + ticket.team.value()};
            break;
        case Audience::supervisor:
            keys = {"supervisor"};
            if (!ticket.team.value().empty()) {
                keys.insert(keys.begin(), "supervisor:" + ticket.team.value());
            }
            break;
        case Audience::contact:
            keys = {recipient.contact};
            break;
    }
    // Collaborators are each their own target; the other audiences are one target, the first
    // key found (a team's own supervisor before the desk-wide one).
    const bool each_key = recipient.audience == Audience::collaborators;
    const bool is_customer = recipient.audience == Audience::customer;
    const Contact& defaults = is_customer ? rules_.customer_defaults() : rules_.staff_defaults();
    std::vector<Target> found;
    for (const std::string& key : keys) {
        std::optional<Contact> known = contact(key);
        if (!known && !is_customer) continue;
        const Contact entry = known.value_or(Contact{});
        Target target;
        target.audience = recipient.audience;
        const auto address = entry.addresses.find(channel);
        target.address = address != entry.addresses.end()
                             ? address->second
                             : (is_customer ? ticket_address(ticket.customer, channel) : "");
        if (target.address.empty()) continue;
        target.name = first_of(
            entry.name, is_customer ? first_of(ticket.customer.contact_person, ticket.customer.name)
                                    : key.substr(key.find(':') + 1));
        target.locale = first_of(entry.locale, defaults.locale);
        target.zone = zone(first_of(entry.time_zone, defaults.time_zone));
        target.calendar = first_of(entry.calendar, defaults.calendar);
        found.push_back(std::move(target));
        if (!each_key) break;
    }
    return found;
}

std::optional<Contact> Composer::contact(const std::string& key) const {
    if (directory_) {
        if (auto found = directory_->find(key)) return found;
    }
    const auto& book = rules_.contacts();
    const auto found = book.find(key);
    if (found == book.end()) return std::nullopt;
    return found->second;
}

TimeZone Composer::zone(const std::string& name) const {
    if (name.empty()) return default_zone_;
    std::lock_guard lock(zones_mutex_);
    const auto cached = zones_.find(name);
    if (cached != zones_.end()) return cached->second;
    // The rules' zones were checked when they were made; a directory's may not have been, and
    // an unknown one falls back to the default rather than losing the message.
    auto located = TimeZone::locate(name);
    const TimeZone zone = located ? *located : default_zone_;
    zones_.emplace(name, zone);
    return zone;
}

}  // namespace ticketflow::notify
