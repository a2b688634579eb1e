// docs/lifecycle.md embeds the diagram generated from the machine; it must be the current one.

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include <ticketflow/lifecycle/lifecycle.hpp>

namespace ticketflow::lifecycle {
namespace {

constexpr const char* kRegenerate =
    "docs/lifecycle.md is out of date with the lifecycle table. Regenerate it with\n"
    "    cmake --build build/dev --target lifecycle_doc && "
    "./build/dev/examples/lifecycle_doc --update docs/lifecycle.md";

std::string read_file(const std::string& path) {
    std::ifstream in(path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

/// The text of the ```mermaid fence between the profile's BEGIN and END markers; empty if absent.
std::string generated_diagram(const std::string& doc, const std::string& profile) {
    const std::string begin = "<!-- BEGIN GENERATED: lifecycle-diagram-" + profile + " -->";
    const std::string end = "<!-- END GENERATED: lifecycle-diagram-" + profile + " -->";
    const std::string fence = "```mermaid\n";
    const auto first = doc.find(begin);
    const auto last = doc.find(end);
    if (first == std::string::npos || last == std::string::npos || last < first) return {};
    const auto block = doc.substr(first + begin.size(), last - first - begin.size());
    const auto open = block.find(fence);
    const auto close = block.rfind("```");
    if (open == std::string::npos || close <= open) return {};
    return block.substr(open + fence.size(), close - open - fence.size());
}

TEST(lifecycle_doc, embeds_the_diagram_of_each_shipped_profile_generated_from_the_machine) {
    const auto doc = read_file(std::string(TICKETFLOW_SOURCE_DIR) + "/docs/lifecycle.md");
    ASSERT_FALSE(doc.empty()) << "docs/lifecycle.md is missing or empty";
    for (const auto& profile : {Profile::standard(), Profile::documents()}) {
        EXPECT_EQ(generated_diagram(doc, profile.name()), mermaid_diagram(profile)) << kRegenerate;
    }
}

TEST(lifecycle_doc, draws_the_diagram_deterministically) {
    EXPECT_EQ(mermaid_diagram(), mermaid_diagram());
}

TEST(lifecycle_doc, draws_one_line_per_rule_plus_start_and_terminal_states) {
    const auto diagram = mermaid_diagram(Profile::documents());
    EXPECT_EQ(diagram.rfind("stateDiagram-v2\n    [*] --> new\n", 0), 0u);
    const auto lines = static_cast<std::size_t>(std::count(diagram.begin(), diagram.end(), '\n'));
    EXPECT_EQ(lines, 1 + 1 + transition_table(Profile::documents()).size() + 2);
    EXPECT_NE(diagram.find("    closed --> [*]\n"), std::string::npos);
    EXPECT_NE(diagram.find("    cancelled --> [*]\n"), std::string::npos);
    EXPECT_NE(diagram.find("    resolved --> closed : confirm (customer, agent, supervisor, admin) "
                           "needs customer, satisfaction\n"),
              std::string::npos);
}

}  // namespace
}  // namespace ticketflow::lifecycle
