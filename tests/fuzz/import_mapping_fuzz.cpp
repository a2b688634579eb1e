// Importer mappings from JSON (importer/mapping.hpp), then a replay of a small fixed log through
// whatever mapping was read. Refusals are validation_failed with UTF-8 messages; a replay either
// refuses the mapping before any command (a column or placeholder the log lacks) or accounts for
// every row: fired, refused, skipped, ignored or unmapped.
#include <cstddef>
#include <cstdint>
#include <memory>

#include <ticketflow/importer.hpp>
#include <ticketflow/storage/memory_store.hpp>

#include "fuzz_support.hpp"

using namespace ticketflow;

namespace {

constexpr const char* log_text =
    "case,time,activity,who,team,impact\n"
    "A,2024-03-01T09:00:00Z,Insert,,,Low\n"
    "B,2024-03-01T08:30:00+01:00,Work,ann,l1,High\n"
    "A,2024-03-01 09:10:00,Work,bob,l2,Low\n"
    "A,2024-03-01T09:20:00Z,Resolve,bob,l2,Low\n"
    "B,2024-03-02T09:40:00Z,Close,ann,l1,High\n";

void check_report(const importer::ReplayReport& report, const importer::CsvTable& log) {
    TICKETFLOW_FUZZ_CHECK(report.rows == log.size());
    TICKETFLOW_FUZZ_CHECK(report.cases_with_refusal <= report.cases);
    TICKETFLOW_FUZZ_CHECK(report.tickets_opened <= report.cases);
    std::size_t refused = 0;
    for (const auto& kind : report.refusals) {
        TICKETFLOW_FUZZ_CHECK(kind.count >= 1 && !kind.example_cases.empty());
        TICKETFLOW_FUZZ_CHECK(fuzz::valid_utf8(kind.reason));
        refused += kind.count;
    }
    TICKETFLOW_FUZZ_CHECK(refused == report.commands_refused);
    TICKETFLOW_FUZZ_CHECK(fuzz::valid_utf8(importer::summary(report)));
    (void)nlohmann::json(report).dump();  // writable as JSON
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto mapping = importer::parse_mapping(fuzz::as_text(data, size));
    if (!mapping) {
        TICKETFLOW_FUZZ_CHECK(mapping.error().code == ErrorCode::validation_failed);
        TICKETFLOW_FUZZ_CHECK(fuzz::valid_utf8(mapping.error().message));
        return 0;
    }
    TICKETFLOW_FUZZ_CHECK(!mapping->activities.empty());
    static const importer::CsvTable log = importer::parse_csv(log_text).value();
    importer::ReplayOptions options;
    options.skip_malformed_rows = true;  // the fuzzed format may not read every stamp
    const auto report = importer::replay(log, *mapping, std::make_shared<MemoryStore>(), options);
    if (!report) {
        TICKETFLOW_FUZZ_CHECK(fuzz::valid_utf8(report.error().message));
        return 0;
    }
    check_report(*report, log);
    return 0;
}
