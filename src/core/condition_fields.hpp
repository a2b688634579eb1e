#pragma once
// The JSON members of a TicketCondition, for every document that embeds one (an SLA policy rule,
// which is a condition plus a policy; a dispatch rule's "when").

#include <ticketflow/core/ticket_condition.hpp>

#include "core/json_reader.hpp"

namespace ticketflow {
namespace detail {

template <class Visitor, class Condition>
void condition_fields(const Visitor& r, Condition& v) {
    r.field("priorities", v.priorities);
    r.field("tiers", v.tiers);
    r.field("customer_tags", v.customer_tags);
    r.field("categories", v.categories);
    r.field("product_models", v.product_models);
    r.field("channels", v.channels);
    r.field("contracts", v.contracts);
    r.field("regions", v.regions);
    r.field("keywords", v.keywords);
}

}  // namespace detail

template <class Visitor, class Self>
detail::For<Self, TicketCondition> fields(const Visitor& r, Self& v) {
    detail::condition_fields(r, v);
}

}  // namespace ticketflow
