// lifecycle_doc: the lifecycle diagram, drawn from the Boost.MSM table, for docs/lifecycle.md.
//
//   lifecycle_doc                              prints the generated block
//   lifecycle_doc --update docs/lifecycle.md   rewrites the block between its markers in place
//   lifecycle_doc --check docs/lifecycle.md    exits with 1 when the file's block is out of date
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>

#include <ticketflow/lifecycle/lifecycle.hpp>

namespace {

constexpr std::string_view kBegin = "<!-- BEGIN GENERATED: lifecycle-diagram -->";
constexpr std::string_view kEnd = "<!-- END GENERATED: lifecycle-diagram -->";

std::string generated_block() {
    return "```mermaid\n" + ticketflow::lifecycle::mermaid_diagram() + "```\n";
}

/// `doc` with the text between the markers replaced; nothing when a marker is missing.
std::optional<std::string> with_current_block(const std::string& doc) {
    const auto begin = doc.find(kBegin);
    const auto end = doc.find(kEnd);
    if (begin == std::string::npos || end == std::string::npos || end < begin) return std::nullopt;
    const auto keep_until = begin + kBegin.size();
    return doc.substr(0, keep_until) + "\n" + generated_block() + doc.substr(end);
}

std::optional<std::string> read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

int usage() {
    std::cerr << "usage: lifecycle_doc [--update|--check] [docs/lifecycle.md]\n";
    return 2;
}

/// Checks or rewrites the file at `path`; returns the process's exit code.
int process_file(std::string_view mode, const std::string& path) {
    const auto doc = read(path);
    if (!doc) {
        std::cerr << "lifecycle_doc: cannot read " << path << "\n";
        return 2;
    }
    const auto updated = with_current_block(*doc);
    if (!updated) {
        std::cerr << "lifecycle_doc: " << path << " lacks the lines " << kBegin << " and " << kEnd
                  << "\n";
        return 2;
    }
    if (mode == "--check") {
        if (*updated == *doc) return 0;
        std::cerr << path << " is out of date; run lifecycle_doc --update " << path << "\n";
        return 1;
    }
    if (*updated != *doc) std::ofstream(path, std::ios::binary) << *updated;
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc == 1) {
        std::cout << kBegin << "\n" << generated_block() << kEnd << "\n";
        return 0;
    }
    const std::string_view mode = argv[1];
    if (argc != 3 || (mode != "--update" && mode != "--check")) return usage();
    return process_file(mode, argv[2]);
}
