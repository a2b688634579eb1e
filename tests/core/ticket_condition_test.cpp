// TicketCondition: the conditions SLA policy rules and dispatch rules share.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <ticketflow/core/json.hpp>
#include <ticketflow/core/ticket_condition.hpp>

#include "support/engine_fixture.hpp"

namespace ticketflow::testing {
namespace {

Ticket printer_ticket() {
    Ticket ticket;
    static_cast<TicketDraft&>(ticket) = sample_draft("打印机卡纸");
    ticket.priority = Priority::high;
    ticket.customer.tier = CustomerTier::vip;
    ticket.customer.tags = {"key-account", "east"};
    ticket.product.model = "LP-3200";
    ticket.product.contract_number = "C-2023-17";
    ticket.channel = Channel::on_site;
    ticket.region = "east";
    ticket.keywords = {"firmware"};
    return ticket;
}

TEST(ticket_condition, an_empty_condition_matches_every_ticket) {
    EXPECT_TRUE(TicketCondition{}.matches(printer_ticket()));
    EXPECT_TRUE(TicketCondition{}.matches(Ticket{}));
}

TEST(ticket_condition, every_set_condition_must_hold) {
    TicketCondition c;
    c.priorities = {Priority::urgent, Priority::high};
    c.tiers = {CustomerTier::vip};
    c.customer_tags = {"key-account"};
    c.categories = {"hardware_fault"};
    c.product_models = {"LP-3200"};
    c.channels = {Channel::on_site};
    c.contracts = {"C-2023-17"};
    c.regions = {"east", "south"};
    EXPECT_TRUE(c.matches(printer_ticket()));

    Ticket elsewhere = printer_ticket();
    elsewhere.region = "north";
    EXPECT_FALSE(c.matches(elsewhere));
    Ticket standard = printer_ticket();
    standard.customer.tier = CustomerTier::standard;
    EXPECT_FALSE(c.matches(standard));
}

TEST(ticket_condition, keywords_are_found_among_keywords_or_in_title_and_description) {
    TicketCondition c;
    c.keywords = {"卡纸"};
    EXPECT_TRUE(c.matches(printer_ticket()));  // in the title
    c.keywords = {"firmware"};
    EXPECT_TRUE(c.matches(printer_ticket()));  // a keyword
    c.keywords = {"重启"};
    EXPECT_TRUE(c.matches(printer_ticket()));  // in the description
    c.keywords = {"退款", "发票"};
    EXPECT_FALSE(c.matches(printer_ticket()));
}

TEST(ticket_condition, reads_and_writes_json_by_name) {
    const auto c = nlohmann::json::parse(R"({"priorities": ["urgent"], "regions": ["east"],
                                             "keywords": ["卡纸"], "channels": ["on_site"]})")
                       .get<TicketCondition>();
    EXPECT_EQ(c.priorities, std::vector<Priority>{Priority::urgent});
    EXPECT_EQ(c.regions, std::vector<std::string>{"east"});
    EXPECT_EQ(nlohmann::json(c).get<TicketCondition>(), c);
    EXPECT_THROW((void)nlohmann::json::parse(R"({"tiers": ["gold"]})").get<TicketCondition>(),
                 Exception);
}

}  // namespace
}  // namespace ticketflow::testing
