#include <algorithm>
#include <array>
#include <tuple>
#include <unordered_map>

#include <ticketflow/importer/replay.hpp>
#include <ticketflow/lifecycle/lifecycle.hpp>
#include <ticketflow/lifecycle/workflow_json.hpp>
#include <ticketflow/sla/policy_json.hpp>

#include "importer/prepared_log.hpp"

namespace ticketflow::importer {
namespace {

using detail::Event;
using detail::PreparedLog;
using detail::RowContext;

constexpr std::size_t state_count = EnumNames<TicketState>::names.size();
constexpr std::size_t event_count = EnumNames<LifecycleEvent>::names.size();

/// Which events would not move a ticket in a state because it is already where they lead: there
/// is no row for (state, event), and the state is one the event leads to from elsewhere. Read
/// from the lifecycle table, so new events and rows count without a change here.
class AlreadyThere {
  public:
    explicit AlreadyThere(const lifecycle::Profile& profile) {
        for (const auto& rule : lifecycle::transition_table(profile)) {
            const auto e = static_cast<std::size_t>(rule.event);
            has_row_[static_cast<std::size_t>(rule.from)][e] = true;
            leads_to_[static_cast<std::size_t>(rule.to)][e] = true;
        }
    }
    /// True when the table has a row for `event` from `state`.
    bool allows(TicketState state, LifecycleEvent event) const {
        const auto s = static_cast<std::size_t>(state);
        const auto e = static_cast<std::size_t>(event);
        return s < state_count && e < event_count && has_row_[s][e];
    }
    bool operator()(TicketState state, LifecycleEvent event) const {
        const auto s = static_cast<std::size_t>(state);
        const auto e = static_cast<std::size_t>(event);
        return s < state_count && e < event_count && !has_row_[s][e] && leads_to_[s][e];
    }

  private:
    std::array<std::array<bool, event_count>, state_count> has_row_{};
    std::array<std::array<bool, event_count>, state_count> leads_to_{};
};

/// What the importer knows of a case's ticket between commands.
struct CaseState {
    std::optional<TicketId> ticket;
    TicketState state = TicketState::new_;
    AgentId owner;
    TeamId team;
    CustomerId customer;
    std::string status;
    Priority priority = Priority::medium;
    bool refused = false;
    bool stale = false;  // an SLA tick changed the ticket: read it again before deciding

    void follow(const Ticket& t) {
        ticket = t.id;
        state = t.state;
        owner = t.owner;
        team = t.team;
        customer = t.customer.id;
        status = t.status;
        priority = t.priority;
        stale = false;
    }
};

/// The message of a refusal without the ticket's number, so that refusals of many tickets group.
std::string reason_of(const Error& error) {
    std::string message = error.message;
    if (!error.ticket_number.empty()) {
        const std::string prefix = "ticket " + error.ticket_number + " (";
        if (message.rfind(prefix, 0) == 0) {
            const auto end = message.find("): ");
            if (end != std::string::npos) message.erase(0, end + 3);
        }
    }
    return message;
}

class Replayer {
  public:
    Replayer(const CsvTable& log, const Mapping& mapping, const PreparedLog& prepared,
             Engine& engine, ManualClock& clock, const ReplayOptions& options)
        : log_(log),
          mapping_(mapping),
          prepared_(prepared),
          engine_(engine),
          clock_(clock),
          options_(options),
          cases_(prepared.case_ids.size()),
          already_there_(engine.config().workflow.profile) {}

    Result<ReplayReport> run() {
        report_.rows = log_.size();
        report_.cases = prepared_.case_ids.size();
        report_.rows_malformed = prepared_.rows_malformed;
        report_.rows_reordered = prepared_.rows_reordered;
        if (!prepared_.events.empty()) {
            report_.first_event = prepared_.events.front().at;
            report_.last_event = prepared_.events.back().at;
        }
        const std::size_t total = prepared_.events.size();
        const std::size_t chunk = std::max<std::size_t>(1, options_.batch_rows);
        for (std::size_t start = 0; start < total; start += chunk) {
            if (auto saved = replay_rows(start, std::min(total, start + chunk)); !saved) {
                return saved.error();
            }
        }
        if (options_.progress) options_.progress(total, total);
        finish();
        return std::move(report_);
    }

  private:
    /// Replays rows [first, last), in one batch of the store when batching is asked for.
    Result<void> replay_rows(std::size_t first, std::size_t last) {
        std::optional<EngineBatch> batch;
        if (options_.batch_rows > 1) batch.emplace(engine_);
        const std::size_t every = std::max<std::size_t>(1, options_.progress_every);
        for (std::size_t i = first; i < last; ++i) {
            replay(prepared_.events[i]);
            if (options_.progress && (i + 1) % every == 0) {
                options_.progress(i + 1, prepared_.events.size());
            }
        }
        if (!batch || !batch->active()) return {};
        return batch->commit();
    }

    void replay(const Event& event) {
        clock_.set(event.at);
        if (options_.tick) tick(event.at);
        CaseState& current = cases_[event.case_index];
        if (!event.activity) {
            ++report_.unmapped[*event.activity_name];
            if (mapping_.unmapped == UnmappedActivity::refuse) {
                Error error = validation_error("activity", "the mapping does not list activity '" +
                                                               *event.activity_name + "'");
                refuse(event, current, "unmapped_activity", error);
            }
            return;
        }
        if (event.activity->for_state(current.state).kind == ActionKind::ignore) {
            ++report_.ignored[*event.activity_name];
            return;
        }
        if (!current.ticket && !open(event, current)) return;
        if (current.stale) refresh(current);
        run(event, current, event.activity->for_state(current.state));
    }

    void tick(Timestamp now) {
        const TickReport ticked = engine_.tick(now);
        report_.sla_events += ticked.events.size();
        for (const AuditEvent& entry : ticked.events) {
            const auto found = case_of_.find(entry.ticket.value());
            if (found != case_of_.end()) cases_[found->second].stale = true;
        }
    }

    void refresh(CaseState& current) {
        if (auto ticket = engine_.get(*current.ticket)) current.follow(*ticket);
    }

    RowContext context(const Event& event) const {
        RowContext c;
        c.case_id = prepared_.case_ids[event.case_index];
        c.activity = *event.activity_name;
        if (prepared_.columns.resource)
            c.resource = log_.field(event.row, *prepared_.columns.resource);
        if (prepared_.columns.team) c.team = log_.field(event.row, *prepared_.columns.team);
        return c;
    }

    std::string actor_id(const Event& event) const {
        const std::string_view resource = context(event).resource;
        return resource.empty() ? mapping_.default_actor : std::string(resource);
    }

    /// Who fires a row's command: the row's resource in `role`; the system; or, for a customer's
    /// own act (a reply, a confirmation), the ticket's customer, since a log's resource column
    /// names the desk's people, not its customers.
    Actor actor(const Event& event, const CaseState& current, Role role) const {
        if (role == Role::system) return Actor::system();
        if (role == Role::customer && !current.customer.value().empty()) {
            return Actor::customer(current.customer.value());
        }
        return Actor{ActorId{actor_id(event)}, role};
    }

    Result<Priority> priority_of(const Event& event) const {
        const PrioritySource& source = mapping_.priority;
        if (prepared_.columns.priority) {
            const std::string value(log_.field(event.row, *prepared_.columns.priority));
            const auto found = source.values.find(value);
            if (found != source.values.end()) return found->second;
            if (source.values.empty()) {
                if (const auto named = parse_enum<Priority>(value)) return *named;
            }
            if (!source.fallback) {
                return validation_error("line " + std::to_string(log_.line(event.row)) +
                                            ", column " +
                                            std::to_string(*prepared_.columns.priority + 1),
                                        "priority value '" + value + "' is not mapped");
            }
        }
        return source.fallback.value_or(Priority::medium);
    }

    bool open(const Event& event, CaseState& current) {
        const RowContext c = context(event);
        const auto text = [&](std::size_t i) {
            return detail::text_of(prepared_.draft[i], log_, event.row, c).value_or("");
        };
        TicketDraft draft;
        draft.title = text(0);
        draft.description = text(1);
        draft.category = text(2);
        draft.customer.id = CustomerId{text(3)};
        draft.customer.name = text(4);
        draft.product.model = text(5);
        draft.channel = mapping_.draft.channel;
        auto priority = priority_of(event);
        if (!priority) {
            refuse(event, current, "open", priority.error());
            return false;
        }
        draft.priority = *priority;
        const Actor opener = mapping_.opened_by == Role::customer
                                 ? Actor::customer(draft.customer.id.value())
                                 : actor(event, current, mapping_.opened_by);
        auto opened = engine_.open(draft, opener);
        if (!opened) {
            refuse(event, current, "open", opened.error());
            return false;
        }
        ++report_.tickets_opened;
        ++report_.commands_fired;
        current.follow(*opened);
        case_of_[opened->id.value()] = event.case_index;
        return true;
    }

    void run(const Event& event, CaseState& current, const Command& command) {
        if (!command.follow_after) follow(event, current, command);
        act(event, current, command);
        if (command.follow_after) follow(event, current, command);
    }

    void follow(const Event& event, CaseState& current, const Command& command) {
        if (command.follow_team.value_or(mapping_.follow.team)) follow_team(event, current);
        if (command.follow_owner.value_or(mapping_.follow.owner)) follow_owner(event, current);
    }

    void act(const Event& event, CaseState& current, const Command& command) {
        switch (command.kind) {
            case ActionKind::event:
                fire(event, current, command);
                break;
            case ActionKind::note:
                note(event, current, command);
                break;
            case ActionKind::priority:
                set_priority(event, current, command);
                break;
            case ActionKind::open:
            case ActionKind::follow:
            case ActionKind::ignore:
                break;
        }
    }

    /// Whether the workflow's table lets `role` fire `event` at the ticket as it stands, given
    /// every input: following a team or owner is only tried where the lifecycle hands tickets over.
    bool table_allows(const CaseState& current, LifecycleEvent event, Role role) const {
        auto input = lifecycle::Input::complete(role, &engine_.config().workflow.profile);
        input.ticket_has_owner = !current.owner.value().empty();
        return lifecycle::fire(current.state, event, input).allowed;
    }

    void follow_team(const Event& event, CaseState& current) {
        const RowContext c = context(event);
        if (c.team.empty() || c.team == current.team.value()) return;
        if (!table_allows(current, mapping_.follow.team_event, mapping_.follow.team_role)) {
            ++report_.commands_skipped;  // e.g. a resolved ticket: no team move there
            return;
        }
        LifecycleCommand move(mapping_.follow.team_event);
        move.team = TeamId{std::string(c.team)};
        move.reason = prepared_.team_reason.expand(log_, event.row, c);
        submit(event, current, move, actor(event, current, mapping_.follow.team_role));
    }

    void follow_owner(const Event& event, CaseState& current) {
        const RowContext c = context(event);
        if (c.resource.empty() || c.resource == current.owner.value()) return;
        // A claim where the table allows one (of an unowned ticket, or of a new or escalated
        // one); otherwise the owner is handed over, where the lifecycle hands tickets over.
        const bool claimable = table_allows(current, LifecycleEvent::claim, Role::agent);
        if (!claimable && !table_allows(current, LifecycleEvent::reassign, Role::agent)) {
            ++report_.commands_skipped;
            return;
        }
        LifecycleCommand take(claimable ? LifecycleEvent::claim : LifecycleEvent::reassign);
        if (!claimable) {
            take.assignee = AgentId{std::string(c.resource)};
            take.reason = prepared_.owner_reason.expand(log_, event.row, c);
        }
        submit(event, current, take, actor(event, current, Role::agent));
    }

    void fire(const Event& event, CaseState& current, const Command& command) {
        if (mapping_.when_already_there == WhenAlreadyThere::skip &&
            already_there_(current.state, command.event)) {
            // Already in the state; a command naming another of its statuses moves there.
            if (!command.status.empty() && command.status != current.status &&
                already_there_.allows(current.state, LifecycleEvent::set_status)) {
                LifecycleCommand move(LifecycleEvent::set_status);
                move.status = command.status;
                submit(event, current, move, actor(event, current, command.role));
                return;
            }
            ++report_.commands_skipped;
            return;
        }
        const RowContext c = context(event);
        const detail::CompiledCommand& texts = prepared_.commands.at(&command);
        LifecycleCommand fired(command.event);
        fired.reason = texts.reason.empty() ? std::string(c.activity)
                                            : texts.reason.expand(log_, event.row, c);
        fired.closure_code = command.closure_code;
        fired.status = command.status;
        fired.message = texts.message.expand(log_, event.row, c);
        fired.solution = texts.solution.empty() ? std::string(c.activity)
                                                : texts.solution.expand(log_, event.row, c);
        if (command.satisfaction) fired.satisfaction = Satisfaction{*command.satisfaction, {}};
        if (command.team_from_row && !c.team.empty()) fired.team = TeamId{std::string(c.team)};
        if (command.event == LifecycleEvent::assign || command.event == LifecycleEvent::reassign) {
            fired.assignee = AgentId{actor_id(event)};
        }
        submit(event, current, fired, actor(event, current, command.role));
    }

    void submit(const Event& event, CaseState& current, const LifecycleCommand& command,
                const Actor& by) {
        settle(event, current, std::string(to_string(command.event)),
               engine_.fire(*current.ticket, by, command));
    }

    void note(const Event& event, CaseState& current, const Command& command) {
        const RowContext c = context(event);
        std::string text = prepared_.commands.at(&command).message.expand(log_, event.row, c);
        if (text.empty()) text = std::string(c.activity);
        settle(event, current, "add_note",
               engine_.add_note(*current.ticket, actor(event, current, command.role),
                                std::move(text)));
    }

    void set_priority(const Event& event, CaseState& current, const Command& command) {
        auto priority = command.priority ? Result<Priority>(*command.priority) : priority_of(event);
        if (!priority) return refuse(event, current, "change_priority", priority.error());
        if (*priority == current.priority) {
            ++report_.commands_skipped;
            return;
        }
        const RowContext c = context(event);
        std::string reason = prepared_.commands.at(&command).reason.expand(log_, event.row, c);
        if (reason.empty()) reason = std::string(c.activity);
        settle(event, current, "change_priority",
               engine_.change_priority(*current.ticket, actor(event, current, command.role),
                                       *priority, std::move(reason)));
    }

    void settle(const Event& event, CaseState& current, const std::string& what,
                const Result<Ticket>& outcome) {
        if (outcome) {
            ++report_.commands_fired;
            current.follow(*outcome);
            return;
        }
        refuse(event, current, what, outcome.error());
        // Someone else changed the ticket (an SLA step, another engine): read it again.
        const ErrorCode code = outcome.error().code;
        if (code == ErrorCode::version_conflict || code == ErrorCode::not_found) refresh(current);
    }

    void refuse(const Event& event, CaseState& current, const std::string& what,
                const Error& error) {
        ++report_.commands_refused;
        current.refused = true;
        const int state = current.ticket ? static_cast<int>(current.state) : -1;
        auto key = std::make_tuple(state, what, static_cast<int>(error.code), reason_of(error));
        RefusalKind& kind = refusals_[key];
        if (kind.count++ == 0) {
            if (current.ticket) kind.state = current.state;
            kind.event = what;
            kind.code = error.code;
            kind.reason = std::get<3>(key);
        }
        const std::string case_id(prepared_.case_ids[event.case_index]);
        auto& examples = kind.example_cases;
        if (examples.size() < options_.examples_per_refusal &&
            std::find(examples.begin(), examples.end(), case_id) == examples.end()) {
            examples.push_back(case_id);
        }
    }

    void finish() {
        for (const CaseState& c : cases_) report_.cases_with_refusal += c.refused ? 1 : 0;
        for (auto& [key, kind] : refusals_) report_.refusals.push_back(std::move(kind));
        std::stable_sort(
            report_.refusals.begin(), report_.refusals.end(),
            [](const RefusalKind& a, const RefusalKind& b) { return a.count > b.count; });
    }

    const CsvTable& log_;
    const Mapping& mapping_;
    const PreparedLog& prepared_;
    Engine& engine_;
    ManualClock& clock_;
    const ReplayOptions& options_;
    std::vector<CaseState> cases_;
    std::unordered_map<std::uint64_t, std::uint32_t> case_of_;  // ticket id -> case index
    std::map<std::tuple<int, std::string, int, std::string>, RefusalKind> refusals_;
    AlreadyThere already_there_;
    ReplayReport report_;
};

}  // namespace

Result<ReplayReport> replay(const CsvTable& log, const Mapping& mapping, Engine& engine,
                            ManualClock& clock, const ReplayOptions& options) {
    // The replay's own duration, for its speed; the log's times come from the log alone.
    const auto started = std::chrono::steady_clock::now();
    auto prepared = detail::prepare(log, mapping, options);
    if (!prepared) return prepared.error();
    auto replayed = Replayer(log, mapping, *prepared, engine, clock, options).run();
    if (!replayed) return replayed.error();
    ReplayReport report = std::move(*replayed);
    report.elapsed = std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::steady_clock::now() - started);
    return report;
}

Result<ReplayReport> replay(const CsvTable& log, const Mapping& mapping,
                            std::shared_ptr<Store> store, const ReplayOptions& options) {
    auto config = engine_config(mapping);
    if (!config) return config.error();
    auto clock = std::make_shared<ManualClock>();
    auto engine = Engine::create(std::move(store), clock, std::move(*config));
    if (!engine) return engine.error();
    return replay(log, mapping, **engine, *clock, options);
}

namespace {

/// One part of the mapping's `engine` section read by its own JSON reader, with its errors'
/// paths inside the mapping ("engine.workflow.auto_close.waiting").
template <class Part>
Result<Part> engine_part(const nlohmann::json& value, const std::string& path) {
    auto part = from_json_checked<Part>(value);
    if (part) return part;
    Error error = part.error();
    error.field = error.field.empty() ? path : path + "." + error.field;
    error.message = path + ": " + error.message;
    return error;
}

}  // namespace

Result<EngineConfig> engine_config(const Mapping& mapping) {
    EngineConfig config;
    for (const auto& [key, value] : mapping.engine.items()) {
        const std::string path = "engine." + key;
        if (key == "time_zone") {
            if (!value.is_string()) return validation_error(path, "expected a time zone name");
            auto zone = TimeZone::locate(value.get<std::string>());
            if (!zone) return validation_error(path, zone.error().message);
            config.time_zone = *zone;
        } else if (key == "sla_policies") {
            auto policies = engine_part<sla::PolicySet>(value, path);
            if (!policies) return policies.error();
            config.sla_policies = std::move(*policies);
        } else if (key == "workflow") {
            auto workflow = engine_part<lifecycle::Workflow>(value, path);
            if (!workflow) return workflow.error();
            config.workflow = std::move(*workflow);
        } else {
            return validation_error(path,
                                    "is not an engine setting the importer knows (known: "
                                    "time_zone, sla_policies, workflow)");
        }
    }
    return config;
}

Result<CsvTable> read_log(const std::filesystem::path& path, const Mapping& mapping) {
    if (mapping.zip_member.empty()) return read_csv_file(path, mapping.csv);
    return read_csv_zip(path, mapping.zip_member, mapping.csv);
}

}  // namespace ticketflow::importer
