// sqlite_store: tickets kept in a SQLite file outlive the program that wrote them.
#include <filesystem>
#include <iostream>
#include <memory>

#include <ticketflow/storage/sqlite_store.hpp>
#include <ticketflow/ticketflow.hpp>

using namespace ticketflow;

namespace {

TicketDraft fan_noise() {
    TicketDraft draft;
    draft.customer.id = CustomerId{"cust-2002"};
    draft.customer.name = "Nordlicht Logistik GmbH";
    draft.category = "hardware_fault";
    draft.title = "Server fan is loud";
    draft.description = "The fan of rack 3 runs at full speed since Monday.";
    return draft;
}

// Opens the store; the file and its schema are created on first use.
std::shared_ptr<Store> open_store(const std::filesystem::path& path) {
    SqliteOptions options;
    options.path = path;
    options.synchronous = Durability::full;  // the default; Durability::normal commits faster
    options.busy_timeout = std::chrono::milliseconds{5000};  // wait for other writers this long
    auto store = SqliteStore::open(options);
    if (!store) {
        std::cerr << store.error().message << '\n';  // e.g. the file is not a SQLite database
        return nullptr;
    }
    return std::move(store).value();
}

// For many threads writing at once: their writes share transactions and disk flushes.
std::shared_ptr<Store> open_for_many_writers(const std::filesystem::path& path) {
    SqliteOptions options;
    options.path = path;
    options.group_commit = 64;  // up to 64 concurrent writes share a transaction and a flush
    return SqliteStore::open(options).value();
}

// The database file and the -wal and -shm files SQLite keeps beside it while it is open.
void remove_database(const std::filesystem::path& path) {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
}

}  // namespace

int main() {
    const auto path = std::filesystem::temp_directory_path() / "ticketflow-example.db";
    remove_database(path);
    auto clock = std::make_shared<ManualClock>(parse_iso8601("2023-10-02T09:00:00+02:00").value());

    auto store = open_store(path);
    if (!store) return 1;
    std::string number;
    {
        const auto engine = Engine::create(std::move(store), clock).value();
        const Ticket ticket = engine->open(fan_noise(), Actor::customer("cust-2002")).value();
        engine->assign(ticket.id, Actor::supervisor("lead-1"), AgentId{"eng-7"}).value();
        number = ticket.number;
    }  // the engine and the store are closed; the file stays

    store = open_for_many_writers(path);  // a second opening may choose other settings
    Ticket ticket;
    {
        const auto reopened = Engine::create(std::move(store), clock).value();
        ticket = reopened->find_by_number(number).value();
        std::cout << ticket.number << " is " << to_string(ticket.state) << ", owned by "
                  << ticket.owner.value() << '\n';
        for (const AuditEvent& event : reopened->audit_trail(ticket.id).value()) {
            std::cout << "  #" << event.sequence << ' ' << event.action << '\n';
        }
    }
    remove_database(path);
    return ticket.state == TicketState::assigned ? 0 : 1;
}
