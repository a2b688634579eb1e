// The child process of the SQLite reliability tests.
//
//     store_child until-killed <database> <seed>
//         drives an engine as fast as it can and reports every acknowledged command on stdout
//         ("<ticket id> <version>") the moment the engine returns it, until it is killed;
//     store_child notes <database> <ticket id> <count>
//         adds `count` notes to one ticket, retrying version conflicts (another process got there
//         first) and failing on any other error, such as a busy database.

#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <unistd.h>
#include <vector>

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

Engine open_engine(const char* database) {
    auto opened = SqliteStore::open({database});
    if (!opened) {
        std::fprintf(stderr, "open: %s\n", opened.error().message.c_str());
        std::exit(3);
    }
    return Engine{std::shared_ptr<Store>(std::move(opened).value()),
                  std::make_shared<SystemClock>()};
}

[[noreturn]] void fail(const Error& error) {
    std::fprintf(stderr, "command: %s\n", error.message.c_str());
    std::exit(4);
}

[[noreturn]] void until_killed(const char* database, std::uint64_t seed) {
    Engine engine = open_engine(database);
    std::mt19937_64 rng(seed);
    std::vector<TicketId> tickets;
    const Actor customer = Actor::customer("cust-1");
    const Actor agent = Actor::agent("agent-1");
    for (std::uint64_t n = 0;; ++n) {
        const bool open_one = tickets.empty() || rng() % 4 == 0;
        auto done = open_one ? engine.open(draft(n), customer)
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

int main(int argc, char** argv) {
    const std::string mode = argc > 1 ? argv[1] : "";
    if (mode == "until-killed" && argc == 4) until_killed(argv[2], std::stoull(argv[3]));
    if (mode == "notes" && argc == 5) {
        return notes(argv[2], TicketId{std::stoull(argv[3])}, std::stoi(argv[4]));
    }
    std::fprintf(stderr,
                 "usage: store_child until-killed <database> <seed>\n"
                 "       store_child notes <database> <ticket id> <count>\n");
    return 2;
}
