#include <ticketflow/lifecycle/workflow_json.hpp>

#include "core/json_reader.hpp"

namespace ticketflow::lifecycle {

using detail::For;
using nlohmann::json;

template <class Visitor, class Self>
For<Self, Status> fields(const Visitor& r, Self& v) {
    r.field("id", v.id);
    r.field("state", v.state);
    r.field("labels", v.labels);
    r.field("customer_wait", v.customer_wait);
    r.field("sla_pauses", v.sla_pauses);
}

template <class Visitor, class Self>
For<Self, AutoClose> fields(const Visitor& r, Self& v) {
    r.field("waiting", v.waiting);
    r.field("resolved", v.resolved);
    r.field("calendar", v.calendar);
    r.field("waiting_code", v.waiting_code);
    r.field("resolved_code", v.resolved_code);
}

namespace {

/// One entry of a profile's "rows": which rows it touches, and what it sets.
struct RowChange {
    std::optional<TicketState> from;  // none: every row of the event
    LifecycleEvent event = LifecycleEvent::assign;
    std::optional<bool> enabled;
    std::optional<std::vector<Role>> roles;
};

template <class Visitor, class Self>
For<Self, RowChange> fields(const Visitor& r, Self& v) {
    r.field("from", v.from);
    r.field("event", v.event);
    r.field("enabled", v.enabled);
    r.field("roles", v.roles);
}

void apply_to(Profile& profile, TicketState from, const RowChange& change) {
    if (change.enabled) {
        if (auto set = profile.set_row(from, change.event, *change.enabled); !set) {
            throw Exception(set.error());
        }
    }
    if (change.roles) {
        if (auto set = profile.set_roles(from, change.event, *change.roles); !set) {
            throw Exception(set.error());
        }
    }
}

void apply(Profile& profile, const RowChange& change, const std::string& path) {
    if (!change.enabled && !change.roles) detail::fail(path, "sets neither enabled nor roles");
    const auto base = Profile::standard();  // knows which rows the table has
    bool touched = false;
    for (const auto from : all_values<TicketState>()) {
        if (change.from && *change.from != from) continue;
        if (!base.allows(from, change.event)) continue;
        apply_to(profile, from, change);
        touched = true;
    }
    if (!touched) {
        detail::fail(path,
                     "the lifecycle has no row for " + std::string(to_string(change.event)) +
                         (change.from ? " from " + std::string(to_string(*change.from)) : ""));
    }
}

/// The path of `member` inside the object at `path` ("" is the document itself).
std::string member_of(const std::string& path, const std::string& member) {
    return path.empty() ? member : path + "." + member;
}

Profile read_profile(const json& j, const std::string& path) {
    if (j.is_string()) {
        auto named = Profile::named(j.get<std::string>());
        if (!named) detail::fail(path, named.error().message);
        return *named;
    }
    const detail::Reader r(j, path);
    std::string base = "standard";
    r.field("base", base);
    auto profile = Profile::named(base);
    if (!profile) detail::fail(member_of(path, "base"), profile.error().message);
    std::vector<RowChange> rows;
    r.field("rows", rows);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        apply(*profile, rows[i], member_of(path, "rows[" + std::to_string(i) + "]"));
    }
    r.field("queue_work", profile->queue_work);
    r.field("notes_after_close", profile->notes_after_close);
    std::string name = rows.empty() ? base : "custom";
    r.field("name", name);
    profile->set_name(std::move(name));
    return std::move(*profile);
}

/// The rows where `profile` differs from standard, each as a RowChange.
json differences(const Profile& profile) {
    const auto base = Profile::standard();
    json rows = json::array();
    for (const auto from : all_values<TicketState>()) {
        for (const auto event : all_values<LifecycleEvent>()) {
            if (!base.allows(from, event)) continue;
            json row{{"from", from}, {"event", event}};
            if (profile.allows(from, event) != base.allows(from, event)) {
                row["enabled"] = profile.allows(from, event);
            }
            if (profile.allows(from, event) &&
                profile.role_mask(from, event) != base.role_mask(from, event)) {
                row["roles"] = profile.roles(from, event);
            }
            if (row.size() > 2) rows.push_back(std::move(row));
        }
    }
    return rows;
}

StatusCatalog read_catalog(const json& j, const std::string& path) {
    std::vector<Status> statuses;
    detail::read_value(j, path, statuses);
    auto made = StatusCatalog::make(std::move(statuses));
    if (!made) throw Exception(made.error());
    return std::move(*made);
}

}  // namespace

void to_json(json& j, const Status& v) {
    detail::write_document(j, v);
}
void from_json(const json& j, Status& v) {
    detail::read_document(j, v);
}

void to_json(json& j, const Profile& v) {
    for (const auto& shipped : {Profile::standard(), Profile::documents()}) {
        if (v == shipped) {
            j = v.name();
            return;
        }
    }
    j = json{{"name", v.name()},
             {"base", "standard"},
             {"rows", differences(v)},
             {"queue_work", v.queue_work},
             {"notes_after_close", v.notes_after_close}};
}
void from_json(const json& j, Profile& v) {
    v = read_profile(j, "");
}

void to_json(json& j, const StatusCatalog& v) {
    j = v.statuses();
}
void from_json(const json& j, StatusCatalog& v) {
    v = read_catalog(j, "");
}

void to_json(json& j, const AutoClose& v) {
    detail::write_document(j, v);
}
void from_json(const json& j, AutoClose& v) {
    detail::read_document(j, v);
}

void to_json(json& j, const Workflow& v) {
    j = json{{"profile", v.profile},
             {"statuses", v.statuses},
             {"closure_codes", v.closure_codes},
             {"auto_close", v.auto_close}};
}

void from_json(const json& j, Workflow& v) {
    const detail::Reader r(j, "");
    Workflow read;
    if (j.contains("profile")) read.profile = read_profile(j.at("profile"), "profile");
    if (j.contains("statuses")) read.statuses = read_catalog(j.at("statuses"), "statuses");
    r.field("closure_codes", read.closure_codes);
    r.field("auto_close", read.auto_close);
    if (auto checked = read.check(); !checked) throw Exception(checked.error());
    v = std::move(read);
}

}  // namespace ticketflow::lifecycle
