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

/// Days since 1970-01-01 of a civil date (H. Hinnant's days_from_civil).
std::int64_t days_from_civil(int y, unsigned m, unsigned d) {
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return std::int64_t{era} * 146097 + doe - 719468;
}

/// The baseline: the same spec, asked minute by minute. Holidays are a set of dates and working
/// days a map, so a minute costs a zone conversion and two lookups.
class MinuteWalk {
  public:
    explicit MinuteWalk(const Calendar& calendar)
        : zone_(calendar.time_zone()), week_(calendar.spec().week) {
        for (const auto& holiday : calendar.spec().holidays) {
            for (auto day =
                     days_from_civil(holiday.from.year, holiday.from.month, holiday.from.day);
                 day <= days_from_civil(holiday.to.year, holiday.to.month, holiday.to.day); ++day) {
                holidays_.insert(day);
            }
        }
        for (const auto& day : calendar.spec().working_days) {
            working_days_[days_from_civil(day.date.year, day.date.month, day.date.day)] = day.hours;
        }
    }

    bool is_open(Timestamp t) const {
        const auto wall = zone_.to_local(t);
        const auto day = days_from_civil(wall.date.year, wall.date.month, wall.date.day);
        const std::chrono::seconds tod{wall.hour * 3600 + wall.minute * 60 + wall.second};
        const ticketflow::sla::WorkingHours* hours =
            &week_[static_cast<std::size_t>((day % 7 + 10) % 7)];
        if (const auto it = working_days_.find(day); it != working_days_.end()) {
            hours = &it->second;
        } else if (holidays_.count(day) != 0) {
            return false;
        }
        for (const auto& interval : *hours) {
            if (interval.open <= tod && tod < interval.close) return true;
        }
        return false;
    }

    microseconds elapsed(Timestamp from, Timestamp to) const {
        microseconds total{0};
        for (Timestamp t = from; t < to; t += 1min) {
            if (is_open(t)) total += 1min;
        }
        return total;
    }

    /// For whole minutes from a whole minute.
    Timestamp add(Timestamp start, microseconds amount) const {
        Timestamp t = start;
        while (amount > 0s) {
            if (is_open(t)) amount -= 1min;
            t += 1min;
        }
        return t;
    }

  private:
    ticketflow::TimeZone zone_;
    std::array<ticketflow::sla::WorkingHours, 7> week_;
    std::set<std::int64_t> holidays_;
    std::map<std::int64_t, ticketflow::sla::WorkingHours> working_days_;
};

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
            starts.push_back(calendar.add_days(base, 3 * i) + std::chrono::minutes{(i * 37) % 120});
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
        return s.calendar.elapsed(from, to);
    } else {
        return s.walk.elapsed(from, to);
    }
}

template <class Impl>
Timestamp add(const Setup& s, Timestamp from, microseconds amount) {
    if constexpr (std::is_same_v<Impl, Ours>) {
        return s.calendar.add(from, amount);
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
    for (const auto start : s.starts) amounts.push_back(s.calendar.elapsed(start, start + span));
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
            const auto ours = s.calendar.elapsed(start, start + span);
            const auto walked = s.walk.elapsed(start, start + span);
            const bool same =
                ours == walked && s.calendar.add(start, ours) == s.walk.add(start, walked);
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
