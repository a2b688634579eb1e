#include <ticketflow/sla/policy_json.hpp>

#include "core/condition_fields.hpp"
#include "core/json_reader.hpp"

namespace ticketflow::sla {

using detail::For;
using nlohmann::json;

// Field lists live in the types' namespace (not an unnamed one) so that the shared reader and
// writer find them by argument-dependent lookup.

template <class Visitor, class Self>
For<Self, WarningThreshold> fields(const Visitor& r, Self& v) {
    r.field("percent_of_target", v.percent_of_target);
    r.field("before_due", v.before_due);
}

template <class Visitor, class Self>
For<Self, EscalationStep> fields(const Visitor& r, Self& v) {
    r.field("after_breach", v.after_breach);
    r.field("action", v.action);
    r.field("team", v.team);
}

template <class Visitor, class Self>
For<Self, Rule> fields(const Visitor& r, Self& v) {
    detail::condition_fields(r, v);
    r.field("policy", v.policy);
}

namespace {

// Targets and pauses are keyed by name in JSON ({"urgent": {"resolution": "24h"}}), so they are
// walked here rather than through a field list. Every key must name an enumerator: a misspelt
// priority or metric ("critical", "ttfb") would otherwise be dropped, and that SLA would quietly
// stop counting.
template <class Enum>
Enum known_key(const std::string& key, const std::string& path, const char* what) {
    if (const auto parsed = parse_enum<Enum>(key)) return *parsed;
    std::string known;
    for (const auto name : EnumNames<Enum>::names) {
        known += (known.empty() ? "" : ", ") + std::string(name);
    }
    detail::fail(
        path, "unknown " + std::string(what) + " '" + key + "' (expected one of: " + known + ")");
}

void read_metric_targets(const json& j, const std::string& path, Priority priority,
                         Policy& policy) {
    const detail::Reader metrics(j, path);  // refuses what is not an object
    if (j.empty()) detail::fail(path, "lists no metric (leave the priority out to track nothing)");
    for (const auto& [key, value] : j.items()) {
        const Metric metric = known_key<Metric>(key, path + "." + key, "metric");
        metrics.field(key.c_str(), policy.target(priority, metric));
    }
}

void read_targets(const json& j, const std::string& path, Policy& policy) {
    const detail::Reader targets(j, path);
    for (const auto& [key, value] : j.items()) {
        const std::string at = path + "." + key;
        read_metric_targets(value, at, known_key<Priority>(key, at, "priority"), policy);
    }
}

void read_pauses(const json& j, const std::string& path, Policy& policy) {
    const detail::Reader pauses(j, path);
    for (const auto& [key, value] : j.items()) {
        const Metric metric = known_key<Metric>(key, path + "." + key, "metric");
        pauses.field(key.c_str(), policy.pause_states[static_cast<std::size_t>(metric)]);
    }
}

void read_policy(const json& j, const std::string& path, Policy& policy) {
    detail::Reader r(j, path);
    r.field("name", policy.name);
    r.field("calendar", policy.calendar);
    r.field("warning", policy.warning);
    r.field("ladder", policy.ladder);
    const auto prefix = path.empty() ? std::string() : path + ".";
    if (j.contains("targets")) read_targets(j.at("targets"), prefix + "targets", policy);
    if (j.contains("pause")) read_pauses(j.at("pause"), prefix + "pause", policy);
}

json targets_json(const Policy& policy) {
    json targets = json::object();
    for (const Priority priority : all_values<Priority>()) {
        json& metrics = targets[std::string(to_string(priority))] = json::object();
        for (const Metric metric : all_values<Metric>()) {
            metrics[std::string(to_string(metric))] =
                format_duration(policy.target(priority, metric));
        }
    }
    return targets;
}

json pauses_json(const Policy& policy) {
    json pauses = json::object();
    for (const Metric metric : all_values<Metric>()) {
        pauses[std::string(to_string(metric))] = policy.pauses(metric);
    }
    return pauses;
}

}  // namespace

void to_json(json& j, const WarningThreshold& v) {
    detail::write_document(j, v);
}
void from_json(const json& j, WarningThreshold& v) {
    detail::read_document(j, v);
}
void to_json(json& j, const EscalationStep& v) {
    detail::write_document(j, v);
}
void from_json(const json& j, EscalationStep& v) {
    detail::read_document(j, v);
}
void to_json(json& j, const Rule& v) {
    detail::write_document(j, v);
}
void from_json(const json& j, Rule& v) {
    detail::read_document(j, v);
}

void to_json(json& j, const Policy& v) {
    j = json{{"name", v.name},          {"calendar", v.calendar}, {"targets", targets_json(v)},
             {"pause", pauses_json(v)}, {"warning", v.warning},   {"ladder", v.ladder}};
}

void from_json(const json& j, Policy& v) {
    Policy read;
    read_policy(j, "", read);
    v = std::move(read);
}

void to_json(json& j, const PolicySet& v) {
    j = json{
        {"policies", v.policies()}, {"rules", v.rules()}, {"default_policy", v.default_policy()}};
}

void from_json(const json& j, PolicySet& v) {
    detail::Reader r(j, "");
    std::vector<Policy> policies;
    if (j.contains("policies")) {
        const json& list = j.at("policies");
        if (!list.is_array()) detail::fail("policies", "expected an array" + detail::got(list));
        policies.resize(list.size());
        for (std::size_t i = 0; i < list.size(); ++i) {
            read_policy(list[i], "policies[" + std::to_string(i) + "]", policies[i]);
        }
    }
    std::vector<Rule> rules;
    std::string default_policy = policies.empty() ? "" : policies.front().name;
    r.field("rules", rules);
    r.field("default_policy", default_policy);
    auto made = PolicySet::make(std::move(policies), std::move(rules), std::move(default_policy));
    if (!made) throw Exception(made.error());
    v = std::move(made).value();
}

}  // namespace ticketflow::sla
