#include <ticketflow/dispatch/json.hpp>

#include "core/condition_fields.hpp"
#include "core/json_reader.hpp"

namespace ticketflow::dispatch {

using detail::For;
using detail::read_document;
using detail::write_document;
using nlohmann::json;

template <class Visitor, class Self>
For<Self, Agent> fields(const Visitor& r, Self& v) {
    r.field("id", v.id);
    r.field("name", v.name);
    r.field("teams", v.teams);
    r.field("skills", v.skills);
    r.field("regions", v.regions);
    r.field("languages", v.languages);
    r.field("product_lines", v.product_lines);
    r.field("tier", v.tier);
    r.field("capacity", v.capacity);
    r.field("absent", v.absent);
    r.field("calendar", v.calendar);
}

template <class Visitor, class Self>
For<Self, Team> fields(const Visitor& r, Self& v) {
    r.field("id", v.id);
    r.field("name", v.name);
    r.field("tier", v.tier);
    r.field("escalates_to", v.escalates_to);
}

template <class Visitor, class Self>
For<Self, Requirements> fields(const Visitor& r, Self& v) {
    r.field("skills", v.skills);
    r.field("languages", v.languages);
    r.field("product_line", v.product_line);
    r.field("region", v.region);
}

template <class Visitor, class Self>
For<Self, RoutingRule> fields(const Visitor& r, Self& v) {
    r.field("name", v.name);
    r.field("when", v.when);
    r.field("team", v.team);
    r.field("set_priority", v.set_priority);
    r.field("add_tags", v.add_tags);
    r.field("strategy", v.strategy);
    r.field("required", v.required);
}

template <class Visitor, class Self>
For<Self, Decision> fields(const Visitor& r, Self& v) {
    r.field("team", v.team);
    r.field("agent", v.agent);
    r.field("priority", v.priority);
    r.field("tags", v.tags);
    r.field("explanation", v.explanation);
}

void to_json(json& j, const Agent& v) {
    write_document(j, v);
}
void from_json(const json& j, Agent& v) {
    read_document(j, v);
}
void to_json(json& j, const Team& v) {
    write_document(j, v);
}
void from_json(const json& j, Team& v) {
    read_document(j, v);
}
void to_json(json& j, const Requirements& v) {
    write_document(j, v);
}
void from_json(const json& j, Requirements& v) {
    read_document(j, v);
}
void to_json(json& j, const RoutingRule& v) {
    write_document(j, v);
}
void from_json(const json& j, RoutingRule& v) {
    read_document(j, v);
}
void to_json(json& j, const Decision& v) {
    write_document(j, v);
}
void from_json(const json& j, Decision& v) {
    read_document(j, v);
}

void to_json(json& j, const Directory& v) {
    j = json{{"teams", v.teams()}, {"agents", v.agents()}};
}

void from_json(const json& j, Directory& v) {
    detail::Reader r(j, "");
    std::vector<Team> teams;
    std::vector<Agent> agents;
    r.field("teams", teams);
    r.field("agents", agents);
    auto made = Directory::make(std::move(teams), std::move(agents));
    if (!made) throw Exception(made.error());
    v = std::move(made).value();
}

void to_json(json& j, const RuleSet& v) {
    j = json{{"rules", v.rules()}, {"fallback_team", v.fallback_team()}};
}

void from_json(const json& j, RuleSet& v) {
    detail::Reader r(j, "");
    std::vector<RoutingRule> rules;
    TeamId fallback_team;
    r.field("rules", rules);
    r.field("fallback_team", fallback_team);
    auto made = RuleSet::make(std::move(rules), std::move(fallback_team));
    if (!made) throw Exception(made.error());
    v = std::move(made).value();
}

}  // namespace ticketflow::dispatch
