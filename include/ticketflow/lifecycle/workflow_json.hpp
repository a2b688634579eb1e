#pragma once
/// \file
/// JSON for workflows, following docs/json.md (errors name the path). A workflow:
///
///     {"profile": {"name": "field-service", "base": "standard",
///                  "rows": [{"event": "close", "roles": ["agent", "supervisor", "admin"]},
///                           {"from": "new", "event": "resolve", "enabled": false}],
///                  "queue_work": true, "notes_after_close": true},
///      "statuses": [{"id": "waiting_vendor", "state": "waiting",
///                    "labels": {"en": "Waiting for vendor", "zh": "等待厂商"},
///                    "sla_pauses": ["next_update"]}, …],
///      "closure_codes": ["solved", "duplicate", "no_response"],
///      "auto_close": {"waiting": "5d", "resolved": "3d", "calendar": "office"}}
///
/// `profile` may also be just a name ("standard", "documents"). A row without `from` applies to
/// every row of its event. Every part may be left out and keeps its default; `statuses`, when
/// given, is the whole catalog.

#include <nlohmann/json.hpp>

#include <ticketflow/core/json.hpp>
#include <ticketflow/lifecycle/workflow.hpp>

namespace ticketflow::lifecycle {

using ticketflow::from_json;
using ticketflow::to_json;

void to_json(nlohmann::json& j, const Status& v);
void from_json(const nlohmann::json& j, Status& v);
/// Writes a profile as a name when it is a shipped one, else as its differences from standard.
void to_json(nlohmann::json& j, const Profile& v);
void from_json(const nlohmann::json& j, Profile& v);
void to_json(nlohmann::json& j, const StatusCatalog& v);
void from_json(const nlohmann::json& j, StatusCatalog& v);
void to_json(nlohmann::json& j, const AutoClose& v);
void from_json(const nlohmann::json& j, AutoClose& v);
void to_json(nlohmann::json& j, const Workflow& v);
/// Reads and checks (`Workflow::check`) a workflow; throws ticketflow::Exception when invalid.
/// `from_json_checked<Workflow>(j)` returns the same as a `Result`.
void from_json(const nlohmann::json& j, Workflow& v);

}  // namespace ticketflow::lifecycle
