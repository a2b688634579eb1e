// lifecycle_doc: the lifecycle diagrams, one per shipped workflow profile, drawn from the
// Boost.MSM table for docs/lifecycle.md.
//
//   lifecycle_doc                              prints the generated blocks
//   lifecycle_doc --update docs/lifecycle.md   rewrites each block between its markers in place
//   lifecycle_doc --check docs/lifecycle.md    exits with 1 when a block of the file is out of date
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <ticketflow/lifecycle/lifecycle.hpp>

namespace {

using ticketflow::lifecycle::Profile;

std::string begin_marker(const Profile& p) {
    return "<!-- BEGIN GENERATED: lifecycle-diagram-" + p.name() + " -->";
}

std::string end_marker(const Profile& p) {
    return "<!-- END GENERATED: lifecycle-diagram-" + p.name() + " -->";
}

std::string generated_block(const Profile& p) {
    return "```mermaid\n" + ticketflow::lifecycle::mermaid_diagram(p) + "```\n";
}

std::vector<Profile> shipped_profiles() {
    return {Profile::standard(), Profile::documents()};
}

/// `doc` with the text between one profile's markers replaced; nothing when a marker is missing.
std::optional<std::string> with_current_block(const std::string& doc, const Profile& p) {
    const auto begin = doc.find(begin_marker(p));
    const auto end = doc.find(end_marker(p));
    if (begin == std::string::npos || end == std::string::npos || end < begin) return std::nullopt;
    const auto keep_until = begin + begin_marker(p).size();
    return doc.substr(0, keep_until) + "\n" + generated_block(p) + doc.substr(end);
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
    std::optional<std::string> updated = doc;
    for (const auto& profile : shipped_profiles()) {
        updated = with_current_block(*updated, profile);
        if (!updated) {
            std::cerr << "lifecycle_doc: " << path << " lacks the lines " << begin_marker(profile)
                      << " and " << end_marker(profile) << "\n";
            return 2;
        }
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
        for (const auto& p : shipped_profiles()) {
            std::cout << begin_marker(p) << "\n" << generated_block(p) << end_marker(p) << "\n";
        }
        return 0;
    }
    const std::string_view mode = argv[1];
    if (argc != 3 || (mode != "--update" && mode != "--check")) return usage();
    return process_file(mode, argv[2]);
}
