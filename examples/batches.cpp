// batches: an import through the engine, many commands in one SQLite transaction and one flush
// to disk instead of one each. A refused command changes nothing and the batch goes on; a batch
// whose work fails stores nothing of it.
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <ticketflow/storage/sqlite_store.hpp>
#include <ticketflow/ticketflow.hpp>

using namespace ticketflow;

namespace {

// One row of the log being imported.
struct Row {
    std::string customer;
    std::string title;
};

TicketDraft draft_of(const Row& row) {
    TicketDraft draft;
    draft.customer.id = CustomerId{row.customer};
    draft.customer.name = row.customer;
    draft.category = "hardware_fault";
    draft.title = row.title;
    draft.description = "Imported from the old help desk.";
    return draft;
}

void remove_database(const std::filesystem::path& path) {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
}

}  // namespace

int main() {
    const auto path = std::filesystem::temp_directory_path() / "ticketflow-batches.db";
    remove_database(path);
    auto clock = std::make_shared<ManualClock>(parse_iso8601("2023-10-02T09:00:00+02:00").value());
    auto engine = Engine::create(SqliteStore::open({path}).value(), clock).value();
    const Actor importer = Actor::system();
    const std::vector<Row> log = {{"cust-1", "Printer jams"},
                                  {"cust-2", ""},  // no title: intake refuses it
                                  {"cust-3", "Scanner streaks"}};

    std::vector<Error> refused;
    auto imported = engine->batch([&]() -> Result<void> {
        for (const Row& row : log) {
            auto opened = engine->open(draft_of(row), importer);
            if (!opened) refused.push_back(opened.error());  // nothing of it stored; go on
        }
        return {};  // commit: every ticket opened above, in one transaction
    });
    if (!imported) {
        std::cerr << "nothing imported: " << imported.error().message << '\n';
        return 1;
    }
    std::cout << "imported " << engine->find({}).value().items.size() << " tickets in one batch";
    for (const Error& error : refused) std::cout << "; refused: " << error.message;
    std::cout << '\n';

    // Work that returns an error (or throws) abandons the whole batch.
    auto abandoned = engine->batch([&]() -> Result<void> {
        (void)engine->open(draft_of({"cust-4", "Fax beeps"}), importer);
        return validation_error("log", "row 5 cannot be read");
    });
    std::cout << "abandoned: " << abandoned.error().message << "; still "
              << engine->find({}).value().items.size() << " tickets\n";

    engine.reset();
    remove_database(path);
    return imported && !abandoned ? 0 : 1;
}
