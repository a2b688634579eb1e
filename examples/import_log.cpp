// import_log: replays a help desk's event log through the engine and prints what was refused.
//
//     import_log MAPPING.json LOG.csv|LOG.zip [tickets.db]
//
// Without a database file the tickets are kept in memory. Try it on the shipped mappings:
//     import_log examples/import/helpdesk.mapping.json
//     ../shared/data/helpdesk-italian-software-company.csv
#include <iostream>
#include <memory>

#include <ticketflow/importer.hpp>
#include <ticketflow/storage/memory_store.hpp>
#include <ticketflow/storage/sqlite_store.hpp>

using namespace ticketflow;

int main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: import_log MAPPING.json LOG [tickets.db]\n";
        return 2;
    }
    auto mapping = importer::read_mapping_file(argv[1]);
    if (!mapping) {
        std::cerr << "mapping: " << mapping.error().message << '\n';
        return 1;
    }
    // The mapping says whether the log is a CSV file or a member of a zip archive.
    auto log = importer::read_log(argv[2], *mapping);
    if (!log) {
        std::cerr << "log: " << log.error().message << '\n';
        return 1;
    }

    std::shared_ptr<Store> store = std::make_shared<MemoryStore>();
    if (argc > 3) {
        SqliteOptions options;
        options.path = argv[3];
        options.synchronous = Durability::normal;  // a replay can be run again after a crash
        auto opened = SqliteStore::open(options);
        if (!opened) {
            std::cerr << "store: " << opened.error().message << '\n';
            return 1;
        }
        store = std::move(*opened);
    }

    importer::ReplayOptions options;
    options.progress_every = 10000;
    options.progress = [](std::size_t done, std::size_t total) {
        std::cerr << "\r" << done << " / " << total << " rows" << std::flush;
    };
    auto report = importer::replay(*log, *mapping, store, options);
    std::cerr << '\n';
    if (!report) {
        std::cerr << "replay: " << report.error().message << '\n';
        return 1;
    }
    std::cout << importer::summary(*report);
    return 0;
}
