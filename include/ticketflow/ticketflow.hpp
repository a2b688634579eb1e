#pragma once
/// \file
/// The whole public API of ticketflow in one include.

#include <ticketflow/core/audit.hpp>
#include <ticketflow/core/clock.hpp>
#include <ticketflow/core/enum_names.hpp>
#include <ticketflow/core/enums.hpp>
#include <ticketflow/core/error.hpp>
#include <ticketflow/core/ids.hpp>
#include <ticketflow/core/intake_policy.hpp>
#include <ticketflow/core/json.hpp>
#include <ticketflow/core/result.hpp>
#include <ticketflow/core/state.hpp>
#include <ticketflow/core/strong_id.hpp>
#include <ticketflow/core/ticket.hpp>
#include <ticketflow/core/ticket_number.hpp>
#include <ticketflow/core/time.hpp>
#include <ticketflow/core/time_zone.hpp>
#include <ticketflow/engine.hpp>
#include <ticketflow/lifecycle/lifecycle.hpp>
#include <ticketflow/sla/business_time.hpp>
#include <ticketflow/sla/policy.hpp>
#include <ticketflow/sla/policy_json.hpp>
#include <ticketflow/sla/ticket_clocks.hpp>
#include <ticketflow/storage/memory_store.hpp>
#include <ticketflow/storage/store.hpp>
#include <ticketflow/version.hpp>
