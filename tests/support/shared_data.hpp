#pragma once
// The real data beside the project (../shared/data) is there on the developers' machines and in
// CI, not in a user's clone. Tests that read it skip with a message saying what is missing, and
// fail instead when TICKETFLOW_REQUIRE_SHARED_DATA is set (as .ci/run sets it), so that CI cannot
// pass by skipping them.

#include <cstdlib>
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

namespace ticketflow::testing {

/// The path of `name` in the shared data folder.
inline std::string shared_data_path(const std::string& name) {
    return std::string(TICKETFLOW_SHARED_DATA_DIR) + "/" + name;
}

/// True when the shared data must be present (CI).
inline bool shared_data_required() {
    const char* value = std::getenv("TICKETFLOW_REQUIRE_SHARED_DATA");
    return value != nullptr && *value != '\0' && std::string(value) != "0";
}

inline std::string shared_data_missing_message(const std::string& name) {
    return shared_data_path(name) +
           " is missing: this test needs the shared data folder beside the project "
           "(../shared/data), which a plain clone does not have";
}

}  // namespace ticketflow::testing

/// At the top of a test: skips it (or fails it, when TICKETFLOW_REQUIRE_SHARED_DATA is set) if the
/// shared data file `name` is not there.
#define TICKETFLOW_NEED_SHARED_DATA(name)                                              \
    do {                                                                               \
        if (!std::filesystem::exists(::ticketflow::testing::shared_data_path(name))) { \
            if (::ticketflow::testing::shared_data_required()) {                       \
                FAIL() << ::ticketflow::testing::shared_data_missing_message(name)     \
                       << " (TICKETFLOW_REQUIRE_SHARED_DATA is set)";                  \
            }                                                                          \
            GTEST_SKIP() << ::ticketflow::testing::shared_data_missing_message(name);  \
        }                                                                              \
    } while (false)
