#pragma once
/// \file
/// Which tickets a rule applies to: the conditions SLA policy rules and dispatch rules share.

#include <string>
#include <vector>

#include <ticketflow/core/enums.hpp>
#include <ticketflow/core/ticket.hpp>

namespace ticketflow {

/// Matches the tickets that meet every condition it sets. An empty list sets no condition; a
/// list that is set must contain the ticket's value (for tags and keywords: one of the ticket's).
struct TicketCondition {
    std::vector<Priority> priorities;
    std::vector<CustomerTier> tiers;
    std::vector<std::string> customer_tags;  ///< any one of them
    std::vector<std::string> categories;
    std::vector<std::string> product_models;
    std::vector<Channel> channels;
    std::vector<std::string> contracts;  ///< product.contract_number
    std::vector<std::string> regions;    ///< the ticket's region
    /// Any one of them among the ticket's keywords, or in its title or description (UTF-8 text,
    /// matched as given: "卡纸" finds "打印机卡纸").
    std::vector<std::string> keywords;

    bool matches(const Ticket& ticket) const;

    friend bool operator==(const TicketCondition& a, const TicketCondition& b) {
        return a.priorities == b.priorities && a.tiers == b.tiers &&
               a.customer_tags == b.customer_tags && a.categories == b.categories &&
               a.product_models == b.product_models && a.channels == b.channels &&
               a.contracts == b.contracts && a.regions == b.regions && a.keywords == b.keywords;
    }
};

}  // namespace ticketflow
