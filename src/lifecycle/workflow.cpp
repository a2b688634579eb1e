/// \file
/// A desk's workflow as a whole: the closure codes it accepts and the checks that tie its parts.

#include <algorithm>

#include <ticketflow/core/intake_policy.hpp>
#include <ticketflow/lifecycle/workflow.hpp>

namespace ticketflow::lifecycle {
namespace {

Result<void> check_duration(const std::optional<std::chrono::seconds>& after, const char* field) {
    if (after && after->count() <= 0) return validation_error(field, "must be positive");
    return {};
}

}  // namespace

std::vector<std::string> Workflow::default_closure_codes() {
    return {"solved",    "solved_by_caller", "workaround", "no_response",      "unconfirmed",
            "duplicate", "referred",         "withdrawn",  "not_reproducible", "invalid"};
}

Workflow Workflow::documents() {
    Workflow workflow;
    workflow.profile = Profile::documents();
    return workflow;
}

bool Workflow::knows_closure_code(std::string_view code) const {
    return closure_codes.empty() ||
           std::find(closure_codes.begin(), closure_codes.end(), code) != closure_codes.end();
}

Result<void> Workflow::check() const {
    for (std::size_t i = 0; i < closure_codes.size(); ++i) {
        const std::string field = "closure_codes[" + std::to_string(i) + "]";
        if (auto ok = IntakePolicy{}.check_id(closure_codes[i], field); !ok) return ok;
    }
    if (auto ok = check_duration(auto_close.waiting, "auto_close.waiting"); !ok) return ok;
    if (auto ok = check_duration(auto_close.resolved, "auto_close.resolved"); !ok) return ok;
    const std::pair<const std::string*, const char*> codes[] = {
        {&auto_close.waiting_code, "auto_close.waiting_code"},
        {&auto_close.resolved_code, "auto_close.resolved_code"},
    };
    for (const auto& [code, field] : codes) {
        if (auto ok = IntakePolicy{}.check_id(*code, field); !ok) return ok;
        if (!knows_closure_code(*code)) {
            return validation_error(field, "'" + *code + "' is not one of the closure codes");
        }
    }
    return {};
}

}  // namespace ticketflow::lifecycle
