#pragma once
/// \file
/// The ticket and the value types it is made of.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <ticketflow/core/enums.hpp>
#include <ticketflow/core/ids.hpp>
#include <ticketflow/core/state.hpp>
#include <ticketflow/core/time.hpp>

namespace ticketflow {

/// Who reported the problem. Phone and e-mail are personal data: views mask them by role.
struct Customer {
    CustomerId id;
    std::string name;            ///< company or person, e.g. "华东精密制造有限公司"
    std::string contact_person;  ///< who to talk to
    std::string phone;
    std::string email;
    CustomerTier tier = CustomerTier::standard;
    std::vector<std::string> tags;  ///< free labels, e.g. "key-account"

    friend bool operator==(const Customer& a, const Customer& b) {
        return a.id == b.id && a.name == b.name && a.contact_person == b.contact_person &&
               a.phone == b.phone && a.email == b.email && a.tier == b.tier && a.tags == b.tags;
    }
};

/// The product the ticket is about.
struct Product {
    std::string model;
    std::string serial_number;
    std::string contract_number;  ///< contract or order number
    std::optional<Date> purchase_date;
    std::optional<Date> warranty_end;

    friend bool operator==(const Product& a, const Product& b) {
        return a.model == b.model && a.serial_number == b.serial_number &&
               a.contract_number == b.contract_number && a.purchase_date == b.purchase_date &&
               a.warranty_end == b.warranty_end;
    }
};

/// Metadata of a file the customer or an agent attached. The bytes live wherever `uri` points:
/// the library keeps metadata, not blobs.
struct Attachment {
    std::string name;        ///< "screenshot.png"
    std::string media_type;  ///< "image/png"
    std::uint64_t size_bytes = 0;
    std::string uri;  ///< caller-supplied location, e.g. "s3://bucket/key"

    friend bool operator==(const Attachment& a, const Attachment& b) {
        return a.name == b.name && a.media_type == b.media_type && a.size_bytes == b.size_bytes &&
               a.uri == b.uri;
    }
};

/// The customer's verdict when confirming a resolution.
struct Satisfaction {
    int score = 0;  ///< 1 (very unhappy) … 5 (very happy)
    std::string comment;

    friend bool operator==(const Satisfaction& a, const Satisfaction& b) {
        return a.score == b.score && a.comment == b.comment;
    }
};

/// What intake supplies to open a ticket. Everything else (number, state, times, version) is
/// decided by the engine.
struct TicketDraft {
    Customer customer;
    Product product;
    Channel channel = Channel::web;
    std::string title;
    std::string description;
    std::optional<Timestamp> occurred_at;  ///< when the problem happened, if known
    std::string environment;               ///< system, site or configuration it happened in
    std::string steps_tried;               ///< what the customer already tried
    std::string region;    ///< where the service is needed, for routing on-site work, e.g. "east"
    std::string category;  ///< one of the engine's taxonomy, e.g. "hardware_fault"
    std::vector<std::string> keywords;
    Priority priority = Priority::medium;
    RequestedOutcome requested_outcome = RequestedOutcome::repair;
    std::vector<Attachment> attachments;

    friend bool operator==(const TicketDraft& a, const TicketDraft& b) {
        return a.customer == b.customer && a.product == b.product && a.channel == b.channel &&
               a.title == b.title && a.description == b.description &&
               a.occurred_at == b.occurred_at && a.environment == b.environment &&
               a.steps_tried == b.steps_tried && a.region == b.region && a.category == b.category &&
               a.keywords == b.keywords && a.priority == b.priority &&
               a.requested_outcome == b.requested_outcome && a.attachments == b.attachments;
    }
};

/// A service ticket: what intake recorded plus where it stands now.
struct Ticket : TicketDraft {
    TicketId id;
    std::string number;  ///< human number from the configured pattern, e.g. "HT202310010001"
    TicketState state = TicketState::new_;
    /// The desk's status inside `state`, e.g. "waiting_vendor" (lifecycle/status.hpp); empty in
    /// tickets stored before statuses existed, which read as their state's default status.
    std::string status;
    Timestamp status_since{};  ///< when the ticket entered its current status
    TeamId team;               ///< owning team or queue; empty when none
    AgentId owner;             ///< owning agent; empty when nobody owns it
    std::vector<AgentId> collaborators;
    /// What a collaborator does on the ticket, by agent id, e.g. "parts", "on-site", "review";
    /// collaborators added without a role are not listed.
    std::map<std::string, std::string> collaborator_roles;
    std::vector<std::string> tags;  ///< labels the service desk adds (dispatch rules, agents)
    Timestamp created_at{};
    Timestamp updated_at{};
    std::optional<Timestamp> resolved_at;
    std::optional<Timestamp> closed_at;
    std::string solution;  ///< final solution, set when resolved
    /// Why it was closed or cancelled, from the workflow's closure codes ("duplicate",
    /// "no_response"); empty when none was given. Cleared on reopen.
    std::string closure_code;
    std::optional<Satisfaction> satisfaction;
    std::uint32_t reject_count = 0;  ///< resolutions the customer rejected
    std::uint32_t reopen_count = 0;  ///< times reopened after closing
    /// The engine's SLA clocks for this ticket, serialised (JSON). Stores keep it verbatim with the
    /// snapshot, so the clocks are saved and versioned with the ticket; read them through
    /// `Engine::sla_status`. Empty for a ticket the engine has not opened.
    std::string sla_clocks;
    Version version = 0;  ///< 1 once stored; +1 per change

    friend bool operator==(const Ticket& a, const Ticket& b) {
        return static_cast<const TicketDraft&>(a) == static_cast<const TicketDraft&>(b) &&
               a.id == b.id && a.number == b.number && a.state == b.state && a.status == b.status &&
               a.status_since == b.status_since && a.team == b.team && a.owner == b.owner &&
               a.collaborators == b.collaborators && a.collaborator_roles == b.collaborator_roles &&
               a.tags == b.tags && a.created_at == b.created_at && a.updated_at == b.updated_at &&
               a.resolved_at == b.resolved_at && a.closed_at == b.closed_at &&
               a.solution == b.solution && a.closure_code == b.closure_code &&
               a.satisfaction == b.satisfaction && a.reject_count == b.reject_count &&
               a.reopen_count == b.reopen_count && a.sla_clocks == b.sla_clocks &&
               a.version == b.version;
    }
    friend bool operator!=(const Ticket& a, const Ticket& b) { return !(a == b); }
};

}  // namespace ticketflow
