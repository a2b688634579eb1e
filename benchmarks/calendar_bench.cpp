// calendar_bench: business-time arithmetic against a straightforward minute walk.
//
// The calendar is a Shanghai office (09:00-12:00 and 13:30-18:00 on weekdays) with China's public
// holidays and adjusted working days of 2024 and 2025. BM_add and BM_elapsed cover spans of one
// hour, 30 days and 365 days of calendar time (the argument is in hours), from 64 start minutes
// inside working hours on business days spread over 2024: BM_elapsed<…>/S measures
// elapsed(start, start + S), and BM_add<…>/S adds the business time that span holds (1 h, about
// 20 working days, about 250), so both walk the same stretch. `Ours` is ticketflow::sla::Calendar;
// `MinuteWalk` asks "is this minute open?" for every minute, the way a first implementation would.
// Before anything is timed the two are compared on every case and the program stops if they
// disagree.
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>
#include <vector>

#include <benchmark/benchmark.h>

#include <ticketflow/sla/calendar.hpp>
#include <ticketflow/sla/calendar_json.hpp>

#include "support/minute_walk_calendar.hpp"

namespace {

using namespace std::chrono_literals;
using std::chrono::microseconds;
using ticketflow::Date;
using ticketflow::Timestamp;
using ticketflow::sla::Calendar;

const char* const office = R"({
  "time_zone": "Asia/Shanghai",
  "week": {"mon": [["09:00", "12:00"], ["13:30", "18:00"]],
           "tue": [["09:00", "12:00"], ["13:30", "18:00"]],
           "wed": [["09:00", "12:00"], ["13:30", "18:00"]],
           "thu": [["09:00", "12:00"], ["13:30", "18:00"]],
           "fri": [["09:00", "12:00"], ["13:30", "18:00"]]},
  "holidays": ["2024-01-01", {"from": "2024-02-10", "to": "2024-02-17"},
               {"from": "2024-04-04", "to": "2024-04-06"},
               {"from": "2024-05-01", "to": "2024-05-05"},
               "2024-06-10", {"from": "2024-09-15", "to": "2024-09-17"},
               {"from": "2024-10-01", "to": "2024-10-07"},
               "2025-01-01", {"from": "2025-01-28", "to": "2025-02-04"},
               {"from": "2025-04-04", "to": "2025-04-06"},
               {"from": "2025-05-01", "to": "2025-05-05"},
               {"from": "2025-05-31", "to": "2025-06-02"},
               {"from": "2025-10-01", "to": "2025-10-08"}],
  "working_days": [{"date": "2024-02-04", "like": "mon"}, {"date": "2024-02-18", "like": "mon"},
                   {"date": "2024-04-07", "like": "mon"}, {"date": "2024-04-28", "like": "mon"},
                   {"date": "2024-05-11", "like": "mon"}, {"date": "2024-09-14", "like": "mon"},
                   {"date": "2024-09-29", "like": "mon"}, {"date": "2024-10-12", "like": "mon"},
                   {"date": "2025-01-26", "like": "mon"}, {"date": "2025-02-08", "like": "mon"},
                   {"date": "2025-04-27", "like": "mon"}, {"date": "2025-09-28", "like": "mon"},
                   {"date": "2025-10-11", "like": "mon"}]
})";

using ticketflow::testing_support::MinuteWalk;

struct Ours {};

struct Setup {
    Calendar calendar = nlohmann::json::parse(office).get<Calendar>();
    MinuteWalk walk{calendar};
    std::vector<Timestamp> starts;

    Setup() {
        // Every third business day of 2024, at a time between 09:00 and 11:00 that changes from
        // one start to the next, so that the first hour is all business time.
        const Timestamp base = ticketflow::parse_iso8601("2024-01-02T09:00:00+08:00").value();
        for (int i = 0; i < 64; ++i) {
            starts.push_back(calendar.add_days(base, 3 * i).value() +
                             std::chrono::minutes{(i * 37) % 120});
        }
    }
};

const Setup& setup() {
    static const Setup instance;
    return instance;
}

template <class Impl>
microseconds elapsed(const Setup& s, Timestamp from, Timestamp to) {
    if constexpr (std::is_same_v<Impl, Ours>) {
        // Every timed instant lies in 2024-2026: `*` skips value()'s check, as a caller who
        // tested the Result would.
        return *s.calendar.elapsed(from, to);
    } else {
        return s.walk.elapsed(from, to);
    }
}

template <class Impl>
Timestamp add(const Setup& s, Timestamp from, microseconds amount) {
    if constexpr (std::is_same_v<Impl, Ours>) {
        return *s.calendar.add(from, amount);
    } else {
        return s.walk.add(from, amount);
    }
}

template <class Impl>
void BM_elapsed(benchmark::State& state) {
    const Setup& s = setup();
    const auto span = std::chrono::hours{state.range(0)};
    std::size_t i = 0;
    for (auto _ : state) {
        const Timestamp from = s.starts[i++ % s.starts.size()];
        benchmark::DoNotOptimize(elapsed<Impl>(s, from, from + span));
    }
    state.SetItemsProcessed(state.iterations());
}

template <class Impl>
void BM_add(benchmark::State& state) {
    const Setup& s = setup();
    const auto span = std::chrono::hours{state.range(0)};
    std::vector<microseconds> amounts;
    for (const auto start : s.starts)
        amounts.push_back(s.calendar.elapsed(start, start + span).value());
    std::size_t i = 0;
    for (auto _ : state) {
        const std::size_t k = i++ % s.starts.size();
        benchmark::DoNotOptimize(add<Impl>(s, s.starts[k], amounts[k]));
    }
    state.SetItemsProcessed(state.iterations());
}

/// Stops the program if the two ever disagree on a case the benchmarks time.
void check_agreement() {
    const Setup& s = setup();
    for (const auto hours : {1, 24 * 30, 24 * 365}) {
        const std::chrono::hours span{hours};
        for (const auto start : s.starts) {
            const auto ours = s.calendar.elapsed(start, start + span).value();
            const auto walked = s.walk.elapsed(start, start + span);
            const bool same =
                ours == walked && s.calendar.add(start, ours).value() == s.walk.add(start, walked);
            if (!same) {
                std::fprintf(stderr, "disagreement from %s over %d h\n",
                             ticketflow::to_iso8601(start).c_str(), hours);
                std::exit(1);
            }
        }
    }
}

constexpr std::int64_t one_hour = 1;
constexpr std::int64_t thirty_days = 24 * 30;
constexpr std::int64_t one_year = 24 * 365;

BENCHMARK_TEMPLATE(BM_add, Ours)->Arg(one_hour)->Arg(thirty_days)->Arg(one_year);
BENCHMARK_TEMPLATE(BM_add, MinuteWalk)
    ->Arg(one_hour)
    ->Arg(thirty_days)
    ->Arg(one_year)
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_TEMPLATE(BM_elapsed, Ours)->Arg(one_hour)->Arg(thirty_days)->Arg(one_year);
BENCHMARK_TEMPLATE(BM_elapsed, MinuteWalk)
    ->Arg(one_hour)
    ->Arg(thirty_days)
    ->Arg(one_year)
    ->Unit(benchmark::kMicrosecond);

}  // namespace

int main(int argc, char** argv) {
    check_agreement();
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
