#pragma once
// A ready engine on virtual time, and ways to get tickets into any lifecycle state.

#include <memory>
#include <string>

#include <gtest/gtest.h>

#include <ticketflow/ticketflow.hpp>

namespace ticketflow::testing {

/// A valid draft; `title` makes tickets distinguishable.
inline TicketDraft sample_draft(std::string title = "Printer jams") {
    TicketDraft draft;
    draft.customer.id = CustomerId{"cust-1"};
    draft.customer.name = "华东精密制造有限公司";
    draft.customer.email = "service@example.com";
    draft.category = "hardware_fault";
    draft.title = std::move(title);
    draft.description = "打印机卡纸，已尝试重启。Paper jams after the firmware update.";
    return draft;
}

inline const Actor kCustomer = Actor::customer("cust-1");
inline const Actor kOwner = Actor::agent("agent-1");
inline const Actor kSupervisor = Actor::supervisor("lead-1");

/// An engine over a memory store, with a manual clock at 2023-10-01T00:00:00Z; a derived fixture
/// may give the engine its configuration (e.g. the documents' workflow).
class EngineFixture : public ::testing::Test {
  protected:
    explicit EngineFixture(EngineConfig config = {}) : engine{store, clock, std::move(config)} {}

    std::shared_ptr<ManualClock> clock =
        std::make_shared<ManualClock>(from_unix_seconds(1696118400));
    std::shared_ptr<MemoryStore> store = std::make_shared<MemoryStore>();
    Engine engine;

    Ticket open(std::string title = "Printer jams") {
        return engine.open(sample_draft(std::move(title)), kCustomer).value();
    }

    /// A fresh ticket brought into `state` the usual way, owned by kOwner where it has an owner.
    Ticket ticket_in(TicketState state) {
        const Ticket t = open();
        const TicketId id = t.id;
        switch (state) {
            case TicketState::new_:
                return t;
            case TicketState::escalated:
                return engine.escalate(id, kOwner, "needs tier 2").value();
            case TicketState::cancelled:
                return engine.cancel(id, kCustomer, "duplicate").value();
            default:
                break;
        }
        Ticket reached = engine.assign(id, kSupervisor, owner_agent()).value();
        if (state == TicketState::assigned) return reached;
        reached = engine.start(id, kOwner).value();
        if (state == TicketState::in_progress) return reached;
        if (state == TicketState::waiting) {
            return engine.request_info(id, kOwner, "Which firmware version?").value();
        }
        reached = engine.resolve(id, kOwner, "Replaced the fuser").value();
        if (state == TicketState::resolved) return reached;
        return engine.confirm(id, kCustomer, {4, "ok"}).value();  // closed
    }

    static AgentId owner_agent() { return AgentId{kOwner.id.value()}; }
};

/// The service documents' workflow: the strict profile today's flow was written for.
inline EngineConfig documents_config() {
    EngineConfig config;
    config.workflow = lifecycle::Workflow::documents();
    return config;
}

/// EngineFixture under the documents' workflow.
class DocumentsEngineFixture : public EngineFixture {
  protected:
    DocumentsEngineFixture() : EngineFixture(documents_config()) {}
};

}  // namespace ticketflow::testing
