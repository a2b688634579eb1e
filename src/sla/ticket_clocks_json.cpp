#include <ticketflow/sla/ticket_clocks_json.hpp>

#include "core/json_reader.hpp"

namespace ticketflow::sla {

using detail::For;
using nlohmann::json;

template <class Visitor, class Self>
For<Self, MetricClock> fields(const Visitor& r, Self& v) {
    r.field("target", v.target);
    r.field("spent", v.spent);
    r.field("running_since", v.running_since);
    r.field("armed", v.armed);
    r.field("cycles", v.cycles);
    r.field("warned", v.warned);
    r.field("breached_at", v.breached_at);
    r.field("steps_done", v.steps_done);
    r.field("warning_reached_at", v.warning_reached_at);
    r.field("target_reached_at", v.target_reached_at);
}

namespace {

// A clock is written once per command with its ticket, so members at their default are left out
// (they read back as the default): a stopped clock is "{}", a running one a few members.
class CompactWriter {
  public:
    explicit CompactWriter(json& j) : json_(j) { json_ = json::object(); }

    template <class T>
    void field(const char* name, const T& member) const {
        if (!(member == T{})) json_[name] = detail::Writer::value(member);
    }
    template <class T>
    void field(const char* name, const std::optional<T>& member) const {
        if (member) json_[name] = detail::Writer::value(*member);
    }

  private:
    json& json_;
};

}  // namespace

void to_json(json& j, const MetricClock& v) {
    fields(CompactWriter{j}, v);
}
void from_json(const json& j, MetricClock& v) {
    detail::read_document(j, v);
}

namespace {

const char* name_of(Metric metric) {
    return EnumNames<Metric>::names[static_cast<std::size_t>(metric)].data();
}

// Per-metric members are keyed by the metric's name, as in policies: {"resolution": …}.
template <class T>
json by_metric(const std::array<T, 3>& values) {
    json j = json::object();
    for (const Metric metric : all_values<Metric>()) {
        j[name_of(metric)] = values[static_cast<std::size_t>(metric)];
    }
    return j;
}

template <class T>
void read_by_metric(const json& j, const std::string& path, std::array<T, 3>& values) {
    detail::Reader metrics(j, path);
    for (const Metric metric : all_values<Metric>()) {
        metrics.field(name_of(metric), values[static_cast<std::size_t>(metric)]);
    }
}

}  // namespace

void to_json(json& j, const TicketClocks& v) {
    j = json{{"policy", v.policy_},   {"state", v.state_},   {"pause", by_metric(v.pauses_)},
             {"warning", v.warning_}, {"ladder", v.ladder_}, {"clocks", by_metric(v.clocks_)}};
    // Only when the status decides: records of tickets whose status leaves it to the policy
    // read and write exactly as before statuses existed.
    if (v.status_pauses_) j["status_pauses"] = *v.status_pauses_;
}

void from_json(const json& j, TicketClocks& v) {
    TicketClocks read;
    const detail::Reader r(j, "");
    r.field("policy", read.policy_);
    r.field("state", read.state_);
    r.field("status_pauses", read.status_pauses_);
    // Warning and ladder are read by policy_json's own conversions (their field lists live there).
    if (j.contains("warning")) read.warning_ = j.at("warning").get<WarningThreshold>();
    if (j.contains("ladder")) {
        // Checked here: nlohmann's own conversion to a vector would throw its type_error.
        const json& ladder = j.at("ladder");
        if (!ladder.is_array()) detail::fail("ladder", "expected an array" + detail::got(ladder));
        read.ladder_ = ladder.get<std::vector<EscalationStep>>();
    }
    if (j.contains("pause")) read_by_metric(j.at("pause"), "pause", read.pauses_);
    if (j.contains("clocks")) read_by_metric(j.at("clocks"), "clocks", read.clocks_);
    v = std::move(read);
}

}  // namespace ticketflow::sla
