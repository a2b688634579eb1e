#pragma once
/// \file
/// The library's version.

#define TICKETFLOW_VERSION_MAJOR 0
#define TICKETFLOW_VERSION_MINOR 1
#define TICKETFLOW_VERSION_PATCH 0

namespace ticketflow {
/// "0.1.0"
inline constexpr const char* version_string = "0.1.0";
}  // namespace ticketflow
