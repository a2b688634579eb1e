#include <algorithm>

#include <ticketflow/core/ticket_condition.hpp>

namespace ticketflow {
namespace {

template <class T>
bool any_or_contains(const std::vector<T>& allowed, const T& value) {
    return allowed.empty() || std::find(allowed.begin(), allowed.end(), value) != allowed.end();
}

bool shares_one(const std::vector<std::string>& wanted, const std::vector<std::string>& values) {
    if (wanted.empty()) return true;
    return std::any_of(values.begin(), values.end(),
                       [&](const std::string& value) { return any_or_contains(wanted, value); });
}

bool mentions_one(const std::vector<std::string>& keywords, const Ticket& ticket) {
    if (keywords.empty() || shares_one(keywords, ticket.keywords)) return true;
    return std::any_of(keywords.begin(), keywords.end(), [&](const std::string& keyword) {
        return ticket.title.find(keyword) != std::string::npos ||
               ticket.description.find(keyword) != std::string::npos;
    });
}

}  // namespace

bool TicketCondition::matches(const Ticket& ticket) const {
    return any_or_contains(priorities, ticket.priority) &&
           any_or_contains(tiers, ticket.customer.tier) &&
           shares_one(customer_tags, ticket.customer.tags) &&
           any_or_contains(categories, ticket.category) &&
           any_or_contains(product_models, ticket.product.model) &&
           any_or_contains(channels, ticket.channel) &&
           any_or_contains(contracts, ticket.product.contract_number) &&
           any_or_contains(regions, ticket.region) && mentions_one(keywords, ticket);
}

}  // namespace ticketflow
