// Enumerations and the value types of a ticket.
#include <ticketflow/core/audit.hpp>
#include <ticketflow/core/ticket.hpp>

#include "bindings.hpp"
#include "value_class.hpp"

namespace ticketflow::python {
namespace {

void bind_enums(py::module_& m) {
    bind_enum<Priority>(m, "Priority", "How urgent a ticket is; new tickets are medium.");
    bind_enum<Channel>(m, "Channel", "Where a ticket came from.");
    bind_enum<CustomerTier>(m, "CustomerTier", "Commercial standing of a customer.");
    bind_enum<RequestedOutcome>(m, "RequestedOutcome", "What the customer asks for.");
    bind_enum<Visibility>(m, "Visibility", "Whether the customer may see a note or audit entry.");
    bind_enum<Role>(m, "Role", "What an actor may do is decided by its role.");
    bind_enum<TicketState>(m, "TicketState", "Where a ticket is in its lifecycle.");
    bind_enum<LifecycleEvent>(m, "LifecycleEvent", "What may move a ticket between states.");
    bind_enum<ErrorCode>(m, "ErrorCode", "Machine-readable reason of a ticketflow.Error.");
}

void bind_parties(py::module_& m) {
    ValueClass<Customer>(m, "Customer", "Who reported the problem.")
        .field("id", &Customer::id, "Customer account id (str).")
        .field("name", &Customer::name, "Company or person.")
        .field("contact_person", &Customer::contact_person, "Who to talk to.")
        .field("phone", &Customer::phone, "Phone number (personal data).")
        .field("email", &Customer::email, "E-mail address (personal data).")
        .field("tier", &Customer::tier, "CustomerTier.")
        .field("tags", &Customer::tags, "Free labels (list of str).")
        .json()
        .done();
    ValueClass<Product>(m, "Product", "The product a ticket is about.")
        .field("model", &Product::model, "Model.")
        .field("serial_number", &Product::serial_number, "Serial number.")
        .field("contract_number", &Product::contract_number, "Contract or order number.")
        .field("purchase_date", &Product::purchase_date, "datetime.date or None.")
        .field("warranty_end", &Product::warranty_end, "datetime.date or None.")
        .json()
        .done();
    ValueClass<Attachment>(m, "Attachment", "Metadata of an attached file (not its bytes).")
        .field("name", &Attachment::name, "File name.")
        .field("media_type", &Attachment::media_type, "e.g. image/png.")
        .field("size_bytes", &Attachment::size_bytes, "Size in bytes.")
        .field("uri", &Attachment::uri, "Where the bytes are.")
        .json()
        .done();
    ValueClass<Satisfaction>(m, "Satisfaction", "The customer's verdict on a resolution.")
        .field("score", &Satisfaction::score, "1 (very unhappy) to 5 (very happy).")
        .field("comment", &Satisfaction::comment, "Free text.")
        .json()
        .done();
    ValueClass<Actor>(m, "Actor", "Who acts, and in which role.")
        .field("id", &Actor::id, "Actor id (str).")
        .field("role", &Actor::role, "Role.")
        .json()
        .done()
        .def_static("customer", &Actor::customer, py::arg("id"), "A customer actor.")
        .def_static("agent", &Actor::agent, py::arg("id"), "An agent actor.")
        .def_static("supervisor", &Actor::supervisor, py::arg("id"), "A supervisor actor.")
        .def_static("admin", &Actor::admin, py::arg("id"), "An admin actor.")
        .def_static("system", &Actor::system, "The engine acting on its own.");
}

void bind_ticket_condition(py::module_& m) {
    ValueClass<TicketCondition>(m, "TicketCondition",
                                "Matches tickets meeting every condition it sets (empty: any).")
        .field("priorities", &TicketCondition::priorities, "list of Priority.")
        .field("tiers", &TicketCondition::tiers, "list of CustomerTier.")
        .field("customer_tags", &TicketCondition::customer_tags, "Any one of these tags.")
        .field("categories", &TicketCondition::categories, "list of str.")
        .field("product_models", &TicketCondition::product_models, "list of str.")
        .field("channels", &TicketCondition::channels, "list of Channel.")
        .field("contracts", &TicketCondition::contracts, "Contract numbers.")
        .field("regions", &TicketCondition::regions, "list of str: the ticket's region.")
        .field("keywords", &TicketCondition::keywords,
               "Any one among the keywords, or in the title or description.")
        .done()
        .def("matches", &TicketCondition::matches, py::arg("ticket"));
}

void bind_ticket(py::module_& m) {
    ValueClass<TicketDraft>(m, "TicketDraft", "What intake supplies to open a ticket.")
        .field("customer", &TicketDraft::customer, "Customer.")
        .field("product", &TicketDraft::product, "Product.")
        .field("channel", &TicketDraft::channel, "Channel.")
        .field("title", &TicketDraft::title, "Short summary.")
        .field("description", &TicketDraft::description, "What happened.")
        .field("occurred_at", &TicketDraft::occurred_at, "Aware datetime or None.")
        .field("environment", &TicketDraft::environment, "System or site it happened in.")
        .field("steps_tried", &TicketDraft::steps_tried, "What the customer already tried.")
        .field("region", &TicketDraft::region, "Where the service is needed, for routing.")
        .field("category", &TicketDraft::category, "One of the engine's taxonomy.")
        .field("keywords", &TicketDraft::keywords, "list of str.")
        .field("priority", &TicketDraft::priority, "Priority, default medium.")
        .field("requested_outcome", &TicketDraft::requested_outcome, "RequestedOutcome.")
        .field("attachments", &TicketDraft::attachments, "list of Attachment.")
        .json()
        .done();
    ValueClass<Ticket, TicketDraft>(m, "Ticket", "A service ticket: intake data and its state.")
        .field("id", &Ticket::id, "Store-assigned id (int).")
        .field("number", &Ticket::number, "Human number, e.g. HT202310010001.")
        .field("state", &Ticket::state, "TicketState.")
        .field("status", &Ticket::status,
               "The desk's status inside the state, e.g. 'waiting_vendor'.")
        .field("status_since", &Ticket::status_since, "When it entered its status.")
        .field("team", &Ticket::team, "Owning team (str, may be empty).")
        .field("owner", &Ticket::owner, "Owning agent (str, may be empty).")
        .field("collaborators", &Ticket::collaborators, "list of agent ids.")
        .field("collaborator_roles", &Ticket::collaborator_roles,
               "dict of agent id → role, for collaborators added with one.")
        .field("tags", &Ticket::tags, "Labels the service desk adds (dispatch rules, agents).")
        .field("created_at", &Ticket::created_at, "Aware datetime (UTC).")
        .field("updated_at", &Ticket::updated_at, "Aware datetime (UTC).")
        .field("resolved_at", &Ticket::resolved_at, "Aware datetime or None.")
        .field("closed_at", &Ticket::closed_at, "Aware datetime or None.")
        .field("solution", &Ticket::solution, "Final solution.")
        .field("closure_code", &Ticket::closure_code, "Why it was closed or cancelled.")
        .field("satisfaction", &Ticket::satisfaction, "Satisfaction or None.")
        .field("reject_count", &Ticket::reject_count, "Resolutions the customer rejected.")
        .field("reopen_count", &Ticket::reopen_count, "Times reopened.")
        .field("sla_clocks", &Ticket::sla_clocks,
               "The engine's SLA clocks, serialised; read them through Engine.sla_status().")
        .field("version", &Ticket::version, "Optimistic-concurrency version.")
        .json()
        .done();
}

void bind_audit(py::module_& m) {
    ValueClass<FieldChange>(m, "FieldChange", "One field a command changed.")
        .field("field", &FieldChange::field, "Field name.")
        .field("before", &FieldChange::before, "Value before, as text.")
        .field("after", &FieldChange::after, "Value after, as text.")
        .json()
        .done();
    ValueClass<AuditEvent>(m, "AuditEvent", "One immutable entry of a ticket's audit trail.")
        .field("ticket", &AuditEvent::ticket, "Ticket id.")
        .field("sequence", &AuditEvent::sequence, "1, 2, 3 … per ticket.")
        .field("at", &AuditEvent::at, "When (aware datetime).")
        .field("actor", &AuditEvent::actor, "Who.")
        .field("action", &AuditEvent::action, "The command, e.g. 'resolve'.")
        .field("changes", &AuditEvent::changes, "list of FieldChange.")
        .field("reason", &AuditEvent::reason, "Why.")
        .field("note", &AuditEvent::note, "Free text the command carried.")
        .field("visibility", &AuditEvent::visibility, "Visibility.")
        .field("details", &AuditEvent::details,
               "dict of structured facts, e.g. an SLA breach's metric, 'at' and target.")
        .json()
        .done();
    ValueClass<Error>(m, "ErrorInfo", "The details a ticketflow.Error carries.")
        .field("code", &Error::code, "ErrorCode.")
        .field("message", &Error::message, "For people.")
        .field("field", &Error::field, "Offending input, e.g. 'customer.email'.")
        .field("ticket", &Error::ticket, "Ticket id or None.")
        .field("ticket_number", &Error::ticket_number, "Ticket number or ''.")
        .field("state", &Error::state, "TicketState or None.")
        .field("event", &Error::event, "LifecycleEvent or None.")
        .json()
        .done();
}

}  // namespace

void bind_core(py::module_& m) {
    bind_enums(m);
    bind_parties(m);
    bind_ticket(m);
    bind_ticket_condition(m);
    bind_audit(m);
}

}  // namespace ticketflow::python
