// SLA policies from JSON (sla/policy_json.hpp). A policy set read back equal after writing is one
// the engine can use: targets are not negative, warnings within 1-99 %, ladders in order, and
// every ticket is given a policy the set holds. Refusals are validation_failed.
#include <cstddef>
#include <cstdint>

#include <ticketflow/sla/policy_json.hpp>

#include "fuzz_support.hpp"

using namespace ticketflow;

namespace {

void check_policy(const sla::Policy& policy) {
    for (const auto& per_priority : policy.targets)
        for (const auto target : per_priority) TICKETFLOW_FUZZ_CHECK(target.count() >= 0);
    if (const auto percent = policy.warning.percent_of_target)
        TICKETFLOW_FUZZ_CHECK(*percent >= 1 && *percent <= 99);
    if (const auto before = policy.warning.before_due) TICKETFLOW_FUZZ_CHECK(before->count() >= 0);
    for (std::size_t i = 1; i < policy.ladder.size(); ++i)
        TICKETFLOW_FUZZ_CHECK(policy.ladder[i - 1].after_breach <= policy.ladder[i].after_breach);
}

void check_set(const sla::PolicySet& set) {
    for (const auto& policy : set.policies()) check_policy(policy);
    // A ticket of each priority gets a policy, and it is one of the set's.
    for (const auto priority : all_values<Priority>()) {
        Ticket ticket;
        ticket.priority = priority;
        const auto& chosen = set.choose(ticket);
        TICKETFLOW_FUZZ_CHECK(set.find(chosen.name) != nullptr);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto document = fuzz::parse_json(data, size);
    if (!document) return 0;
    if (const auto set = fuzz::read_as<sla::PolicySet>(*document)) {
        check_set(*set);
        fuzz::check_round_trip(*set);
    }
    if (const auto policy = fuzz::read_as<sla::Policy>(*document)) fuzz::check_round_trip(*policy);
    return 0;
}
