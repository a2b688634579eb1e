// Includes only the umbrella header, is compiled as C++20, and proves that the public API does not
// drag in Boost.MSM (which does not compile as C++20 with g++ 12 and Boost 1.74).
#include <ticketflow/ticketflow.hpp>

#if __cplusplus < 202002L
#error "this check must be compiled as C++20"
#endif
#if defined(BOOST_MSM_BACK_STATEMACHINE_H) || defined(BOOST_MSM_FRONT_STATEMACHINE_DEF_H)
#error "the public headers must not include Boost.MSM"
#endif

int main() {
    ticketflow::ManualClock clock{ticketflow::from_unix_seconds(1696118400)};
    auto engine =
        ticketflow::Engine{std::make_shared<ticketflow::MemoryStore>(),
                           std::shared_ptr<const ticketflow::Clock>(&clock, [](auto*) {})};
    ticketflow::TicketDraft draft;
    draft.title = "C++20 smoke test";
    draft.description = "opened from a C++20 translation unit";
    draft.customer.id = ticketflow::CustomerId{"c-1"};
    draft.customer.name = "Example Ltd";
    draft.category = "how_to";
    auto ticket = engine.open(draft, ticketflow::Actor::agent("a1"));
    return ticket && ticket->number == "HT202310010001" ? 0 : 1;
}
