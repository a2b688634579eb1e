#pragma once
// The service organisation of the documents, as a directory: the service desk (L1) escalating to
// technical support (L2) and R&D (L3); field service for on-site work; training, supply chain and
// customer operations. Used by the dispatch tests.

#include <fstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <ticketflow/dispatch/json.hpp>

#include "support/engine_fixture.hpp"

namespace ticketflow::testing {

/// A JSON document of examples/dispatch/, the organisation and routing docs/dispatch.md describes.
inline nlohmann::json example_document(const std::string& name) {
    std::ifstream file(std::string(TICKETFLOW_SOURCE_DIR) + "/examples/dispatch/" + name);
    return nlohmann::json::parse(file);
}

inline dispatch::RuleSet service_rules() {
    return example_document("rules.json").get<dispatch::RuleSet>();
}

inline dispatch::Directory service_directory() {
    return example_document("directory.json").get<dispatch::Directory>();
}

/// A ticket as dispatch sees it: category, priority, region and product as given.
inline Ticket ticket_about(std::string category, std::string region = "",
                           std::string model = "LP-3200") {
    Ticket ticket;
    static_cast<TicketDraft&>(ticket) = sample_draft();
    ticket.id = TicketId{1};
    ticket.number = "HT202310010001";
    ticket.category = std::move(category);
    ticket.region = std::move(region);
    ticket.product.model = std::move(model);
    return ticket;
}

inline dispatch::Request request_for(Ticket ticket) {
    dispatch::Request request;
    request.ticket = std::move(ticket);
    request.now = from_unix_seconds(1696118400);
    return request;
}

}  // namespace ticketflow::testing
