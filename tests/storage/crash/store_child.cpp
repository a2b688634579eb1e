// The child process of the SQLite reliability tests.
//
//     store_child until-killed <database> <seed>
//         drives an engine as fast as it can and reports every acknowledged command on stdout
//         ("<ticket id> <version>") the moment the engine returns it, until it is killed;
//     store_child notes <database> <ticket id> <count>
//         adds `count` notes to one ticket, retrying version conflicts (another process got there
//         first) and failing on any other error, such as a busy database;
//     store_child notify-until-killed <database> <inbox> <seed> <relay every>
//         drives an engine with the standard notification rules as fast as it can, and every
//         `relay every` commands (0: never) delivers the outbox to the JSON-lines file <inbox>,
//         until it is killed.

#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <unistd.h>
#include <vector>

#include <ticketflow/notify/notifiers.hpp>
#include <ticketflow/notify/relay.hpp>
#include <ticketflow/storage/sqlite_store.hpp>
#include <ticketflow/ticketflow.hpp>

using namespace ticketflow;

namespace {

TicketDraft draft(std::uint64_t n) {
    TicketDraft d;
    d.customer.id = CustomerId{"cust-" + std::to_string(n % 17)};
    d.customer.name = "华东精密制造有限公司";
    d.title = "Printer jams #" + std::to_string(n);
    d.description = "打印机卡纸。Paper jams after the firmware update.";
    d.category = "hardware_fault";
    return d;
}

void acknowledge(const Ticket& t) {
    std::printf("%llu %llu\n", static_cast<unsigned long long>(t.id.value()),
                static_cast<unsigned long long>(t.version));
    std::fflush(stdout);  // a line on the pipe is a promise the command is durable
}

}  // namespace

std::shared_ptr<Store> open_store(const char* database) {
    auto opened = SqliteStore::open({database});
    if (!opened) {
        std::fprintf(stderr, "open: %s\n", opened.error().message.c_str());
        std::exit(3);
    }
    return std::shared_ptr<Store>(std::move(opened).value());
}

Engine open_engine(const char* database, EngineConfig config = {}) {
    return Engine{open_store(database), std::make_shared<SystemClock>(), std::move(config)};
}

[[noreturn]] void fail(const Error& error) {
    std::fprintf(stderr, "command: %s\n", error.message.c_str());
    std::exit(4);
}

[[noreturn]] void until_killed(const char* database, std::uint64_t seed) {
    Engine engine = open_engine(database);
    std::mt19937_64 rng(seed);
    std::vector<TicketId> tickets;
    const Actor agent = Actor::agent("agent-1");
    for (std::uint64_t n = 0;; ++n) {
        const bool open_one = tickets.empty() || rng() % 4 == 0;
        const TicketDraft opened = draft(n);  // opened by its own customer
        auto done = open_one ? engine.open(opened, Actor::customer(opened.customer.id.value()))
                             : engine.add_note(tickets[rng() % tickets.size()], agent,
                                               "note " + std::to_string(n));
        if (!done) fail(done.error());
        if (open_one) tickets.push_back(done->id);
        acknowledge(*done);
    }
}

int notes(const char* database, TicketId ticket, int count) {
    Engine engine = open_engine(database);
    const Actor agent = Actor::agent("agent-" + std::to_string(::getpid()));
    for (int i = 0; i < count;) {
        auto done = engine.add_note(ticket, agent, "note " + std::to_string(i));
        if (done) {
            ++i;
        } else if (done.error().code != ErrorCode::version_conflict) {
            fail(done.error());
        }
    }
    return 0;
}

// The standard rules, with addresses for the agent and the supervisor.
EngineConfig notifying() {
    EngineConfig config;
    config.notifications = notify::Rules::standard();
    config.notifications
        .set_contact("agent:agent-1", {"李工", {{"email", "li@example.com"}}, "", "", ""})
        .value();
    config.notifications
        .set_contact("supervisor", {"王主管", {{"email", "wang@example.com"}}, "", "", ""})
        .value();
    return config;
}

[[noreturn]] void notify_until_killed(const char* database, const char* inbox, std::uint64_t seed,
                                      int relay_every) {
    Engine engine = open_engine(database, notifying());
    auto clock = std::make_shared<SystemClock>();
    notify::RelayOptions options;
    options.name = "child-" + std::to_string(::getpid());
    options.lease = std::chrono::seconds{1};
    notify::Relay relay{open_store(database), clock, options};
    relay.add_notifier("email", std::make_shared<notify::JsonLinesNotifier>(inbox));
    std::mt19937_64 rng(seed);
    std::vector<TicketId> tickets;
    const Actor supervisor = Actor::supervisor("lead-1");
    const Actor agent = Actor::agent("agent-1");
    for (std::uint64_t n = 1;; ++n) {
        TicketDraft opened = draft(n);
        opened.customer.email = "cust-" + std::to_string(n % 17) + "@example.com";
        const int step = tickets.empty() ? 0 : static_cast<int>(rng() % 3);
        const TicketId some = tickets.empty() ? TicketId{} : tickets[rng() % tickets.size()];
        // Opening acknowledges the customer and assigning tells the agent; a customer-visible
        // note tells the customer, an internal one nobody.
        const Visibility visibility = step == 1 ? Visibility::internal : Visibility::customer;
        auto done = step == 0
                        ? engine.open(opened, Actor::customer(opened.customer.id.value()))
                        : engine.add_note(some, agent, "进展 " + std::to_string(n), visibility);
        if (!done) fail(done.error());
        if (step == 0) {
            tickets.push_back(done->id);
            engine.assign(done->id, supervisor, AgentId{"agent-1"}).value();
        }
        if (relay_every > 0 && n % static_cast<std::uint64_t>(relay_every) == 0)
            relay.pump().value();
    }
}

int main(int argc, char** argv) {
    const std::string mode = argc > 1 ? argv[1] : "";
    if (mode == "until-killed" && argc == 4) until_killed(argv[2], std::stoull(argv[3]));
    if (mode == "notify-until-killed" && argc == 6) {
        notify_until_killed(argv[2], argv[3], std::stoull(argv[4]), std::stoi(argv[5]));
    }
    if (mode == "notes" && argc == 5) {
        return notes(argv[2], TicketId{std::stoull(argv[3])}, std::stoi(argv[4]));
    }
    std::fprintf(
        stderr,
        "usage: store_child until-killed <database> <seed>\n"
        "       store_child notes <database> <ticket id> <count>\n"
        "       store_child notify-until-killed <database> <inbox> <seed> <relay every>\n");
    return 2;
}
