#pragma once
/// \file
/// The importer (`ticketflow::importer`): replays an external help desk's event log through the
/// engine. See docs/import.md.

#include <ticketflow/importer/csv.hpp>
#include <ticketflow/importer/mapping.hpp>
#include <ticketflow/importer/replay.hpp>
#include <ticketflow/importer/timestamp_format.hpp>
