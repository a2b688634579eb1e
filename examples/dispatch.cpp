// dispatch: tickets routed as the service documents route them — hardware to field service by
// region and load, software to R&D, how-to to training — with the reason in the audit trail.
// The organisation and the rules are the JSON files beside this program (examples/dispatch/).
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include <ticketflow/ticketflow.hpp>

using namespace ticketflow;

namespace {

nlohmann::json read_json(const std::string& path) {
    std::ifstream file(path);
    return nlohmann::json::parse(file);
}

// An engine that dispatches every ticket as soon as it is opened.
std::unique_ptr<Engine> dispatching_engine(const std::string& folder) {
    EngineConfig config;
    config.directory = read_json(folder + "/directory.json").get<dispatch::Directory>();
    config.dispatch_rule = std::make_shared<dispatch::RuleSet>(
        read_json(folder + "/rules.json").get<dispatch::RuleSet>());
    config.auto_dispatch = true;
    auto clock = std::make_shared<ManualClock>(parse_iso8601("2024-05-06T09:00:00+08:00").value());
    return Engine::create(std::make_shared<MemoryStore>(), clock, config).value();
}

// A rule of one's own: everything to the on-call engineer, or the tech-support queue.
class OnCallRule final : public dispatch::DispatchRule {
  public:
    explicit OnCallRule(AgentId on_call) : on_call_(std::move(on_call)) {}

    std::optional<dispatch::Decision> propose(const dispatch::Request& request,
                                              const dispatch::Directory& directory) const override {
        dispatch::Decision decision;
        decision.team = TeamId{"tech-support"};
        const dispatch::Agent* agent = directory.find_agent(on_call_);
        if (agent && !agent->absent && request.ticket.owner != on_call_) {
            decision.agent = on_call_;
            decision.explanation = "on call: " + on_call_.value();
        } else {
            decision.explanation = "on-call engineer unavailable: tech-support queue";
        }
        return decision;
    }

  private:
    AgentId on_call_;
};

TicketDraft draft(std::string category, std::string title, Channel channel, std::string region) {
    TicketDraft d;
    d.customer.id = CustomerId{"cust-1001"};
    d.customer.name = "华东精密制造有限公司";
    d.category = std::move(category);
    d.title = std::move(title);
    d.description = "客户来电报修。";
    d.channel = channel;
    d.region = std::move(region);
    return d;
}

}  // namespace

int main(int argc, char** argv) {
    const std::string folder = argc > 1 ? argv[1] : "examples/dispatch";
    const auto engine = dispatching_engine(folder);
    const TicketDraft drafts[] = {
        draft("hardware_fault", "打印机卡纸", Channel::phone, "east"),
        draft("hardware_fault", "现场：扫描仪不进纸", Channel::on_site, "north"),
        draft("software_bug", "固件升级后无法联网", Channel::web, "east"),
        draft("how_to", "如何设置双面打印", Channel::email, "east"),
    };
    for (const TicketDraft& d : drafts) {
        const Ticket t = engine->open(d, Actor::customer("cust-1001")).value();
        std::cout << t.number << ' ' << d.title << " → " << t.team.value() << '/'
                  << (t.owner.value().empty() ? "(queue)" : t.owner.value()) << "\n    "
                  << engine->audit_trail(t.id).value().back().reason << '\n';
    }

    // The same engine commands with a rule of one's own, on a night shift.
    EngineConfig night = engine->config();
    night.dispatch_rule = std::make_shared<OnCallRule>(AgentId{"sun"});
    const auto on_call =
        Engine::create(std::make_shared<MemoryStore>(), std::make_shared<SystemClock>(), night)
            .value();
    const Ticket t = on_call->open(drafts[2], Actor::customer("cust-1001")).value();
    std::cout << t.number << " at night → " << t.owner.value() << " ("
              << on_call->audit_trail(t.id).value().back().reason << ")\n";
    return t.owner == AgentId{"sun"} ? 0 : 1;
}
