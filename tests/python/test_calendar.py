"""Business calendars from Python: built from a dict, aware datetimes in, UTC datetimes out,
timedelta durations, the same conventions as C++, and errors that name the field."""
import copy
import datetime as dt
import pickle

import pytest

import ticketflow as tf
from ticketflow import sla

SHANGHAI = dt.timezone(dt.timedelta(hours=8))
UTC = dt.timezone.utc
HOUR = dt.timedelta(hours=1)

OFFICE = {
    "time_zone": "Asia/Shanghai",
    "week": {day: [["09:00", "12:00"], ["13:30", "18:00"]]
             for day in ("mon", "tue", "wed", "thu", "fri")},
    "holidays": [{"from": "2024-10-01", "to": "2024-10-07", "name": "国庆节"}],
    "working_days": [{"date": "2024-09-29", "like": "mon"}, {"date": "2024-10-12", "like": "mon"}],
}


def shanghai(*args):
    return dt.datetime(*args, tzinfo=SHANGHAI)


@pytest.fixture
def office():
    return sla.Calendar(OFFICE)


def test_a_deadline_in_business_hours(office):
    opened = dt.datetime(2024, 9, 30, 17, 0, tzinfo=SHANGHAI)
    due = office.add(opened, dt.timedelta(hours=4))
    assert due == dt.datetime(2024, 10, 8, 12, 0, tzinfo=SHANGHAI)
    assert office.elapsed(opened, due) == dt.timedelta(hours=4)


def test_results_are_aware_datetimes_in_utc(office):
    due = office.add(shanghai(2024, 9, 30, 17, 0), HOUR)
    assert due.tzinfo is not None and due.utcoffset() == dt.timedelta(0)
    assert due == dt.datetime(2024, 9, 30, 10, 0, tzinfo=UTC)


def test_naive_datetimes_and_other_durations_are_refused(office):
    with pytest.raises(ValueError, match="naive"):
        office.is_open(dt.datetime(2024, 9, 30, 10, 0))
    with pytest.raises(TypeError):
        office.add(shanghai(2024, 9, 30, 10, 0), 3600)


def test_the_conventions_at_the_edges(office):
    # A duration that runs out exactly at a closing time ends there.
    assert office.add(shanghai(2024, 9, 30, 9, 0), 3 * HOUR) == shanghai(2024, 9, 30, 12, 0)
    # Adding zero outside hours moves to the next opening, subtracting zero back to the last close.
    assert office.add(shanghai(2024, 9, 30, 12, 0), dt.timedelta(0)) == \
        shanghai(2024, 9, 30, 13, 30)
    assert office.subtract(shanghai(2024, 10, 3, 10, 0), dt.timedelta(0)) == \
        shanghai(2024, 9, 30, 18, 0)
    # Subtracting ends at an opening when the duration runs out there.
    assert office.subtract(shanghai(2024, 9, 30, 14, 30), HOUR) == shanghai(2024, 9, 30, 13, 30)
    # Elapsed is negative when the end comes first.
    assert office.elapsed(shanghai(2024, 9, 30, 11, 0), shanghai(2024, 9, 30, 10, 0)) == -HOUR


def test_open_hours_holidays_and_working_days(office):
    assert office.is_open(shanghai(2024, 9, 30, 9, 0))
    assert not office.is_open(shanghai(2024, 9, 30, 12, 0))
    assert office.next_open(shanghai(2024, 10, 1, 9, 0)) == shanghai(2024, 10, 8, 9, 0)
    assert office.last_close(shanghai(2024, 10, 1, 9, 0)) == shanghai(2024, 9, 30, 18, 0)
    assert office.is_business_day(dt.date(2024, 9, 29))  # a Sunday worked instead
    assert not office.is_business_day(dt.date(2024, 10, 2))
    assert office.hours_on(dt.date(2024, 10, 12)) == [("09:00", "12:00"), ("13:30", "18:00")]
    assert office.add_days(shanghai(2024, 9, 27, 10, 0), 3) == shanghai(2024, 10, 8, 10, 0)


def test_microseconds_are_kept():
    always = sla.Calendar()
    start = dt.datetime(2024, 1, 1, 0, 0, 0, 250, tzinfo=UTC)
    assert always.add(start, dt.timedelta(microseconds=1)) == start + dt.timedelta(microseconds=1)


def test_daylight_saving_days_have_23_and_25_hours():
    berlin = sla.Calendar({"time_zone": "Europe/Berlin",
                           "week": {day: [["00:00", "24:00"]]
                                    for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}})
    cet = dt.timezone(dt.timedelta(hours=1))
    cest = dt.timezone(dt.timedelta(hours=2))
    assert berlin.elapsed(dt.datetime(2024, 3, 31, tzinfo=cet),
                          dt.datetime(2024, 4, 1, tzinfo=cest)) == dt.timedelta(hours=23)
    assert berlin.elapsed(dt.datetime(2024, 10, 27, tzinfo=cest),
                          dt.datetime(2024, 10, 28, tzinfo=cet)) == dt.timedelta(hours=25)


def test_posix_time_zone_strings():
    new_york = {"mon": [["09:00", "17:00"]]}
    posix = sla.Calendar({"time_zone": "EST5EDT,M3.2.0,M11.1.0", "week": new_york})
    iana = sla.Calendar({"time_zone": "America/New_York", "week": new_york})
    start = dt.datetime(2024, 3, 8, 12, 0, tzinfo=UTC)
    assert posix.add(start, 10 * HOUR) == iana.add(start, 10 * HOUR)
    assert posix.time_zone.name == "EST5EDT,M3.2.0,M11.1.0"


def test_mistakes_raise_validation_errors_naming_the_field():
    with pytest.raises(tf.ValidationError) as raised:
        sla.Calendar({"week": {"mon": [["09:00", "12:00"], ["11:00", "13:00"]]}})
    assert raised.value.field == "week.mon[1]"
    assert "must not overlap" in raised.value.message
    with pytest.raises(tf.ValidationError) as raised:
        sla.Calendar({"week": {"mon": [["09:00", "17:00"]]}, "holidays": ["2024-02-30"]})
    assert raised.value.field == "holidays[0]"
    with pytest.raises(tf.ValidationError) as raised:
        sla.Calendar({"time_zone": "Mars/Base", "week": {"mon": [["09:00", "17:00"]]}})
    assert raised.value.field == "time_zone"
    with pytest.raises(ValueError):  # ValidationError is a ValueError too
        sla.Calendar({"week": {}})


def test_instants_outside_the_supported_years_raise_validation_errors_on_time(office):
    early = dt.datetime(1200, 1, 1, tzinfo=UTC)
    late = dt.datetime(9999, 12, 31, 12, 0, tzinfo=UTC)
    for call in (lambda: office.is_open(early), lambda: office.next_open(early),
                 lambda: office.elapsed(early, late), lambda: office.add(late, 1000 * HOUR),
                 lambda: office.add_days(late, 10), lambda: office.hours_on(dt.date(1399, 1, 1)),
                 lambda: office.is_business_day(dt.date(1399, 1, 1)),
                 lambda: sla.CalendarTime(office).add(late, 1000 * HOUR)):
        with pytest.raises(tf.ValidationError) as raised:
            call()
        assert raised.value.field == "time"


def test_dicts_copies_and_pickles_round_trip(office):
    document = office.to_dict()
    assert document["week"]["sat"] == []
    assert document["holidays"] == [{"from": "2024-10-01", "to": "2024-10-07", "name": "国庆节"}]
    assert sla.Calendar.from_dict(document) == office
    assert pickle.loads(pickle.dumps(office)) == office
    assert copy.deepcopy(office) == office
    assert sla.Calendar() != office


def test_holidays_from_an_icalendar_file():
    text = ("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20241225\r\n"
            "DTEND;VALUE=DATE:20241227\r\nSUMMARY:Christmas\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    holidays = sla.holidays_from_ics(text)
    assert holidays == [{"from": "2024-12-25", "to": "2024-12-26", "name": "Christmas"}]
    calendar = sla.Calendar({"week": {"thu": [["09:00", "17:00"]]}, "holidays": holidays})
    assert not calendar.is_business_day(dt.date(2024, 12, 26))
    with pytest.raises(tf.ValidationError) as raised:
        sla.holidays_from_ics("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20241225T090000Z\n"
                              "END:VEVENT\nEND:VCALENDAR\n")
    assert raised.value.field == "ics"


@pytest.mark.parametrize("text, line", [
    ("", "line 1: expected BEGIN:VCALENDAR"),
    ("garbage\n", "line 1: not an iCalendar line"),
    ("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20241225\nEND:VCALENDAR\n",
     "line 2: VEVENT without END:VEVENT"),
    ("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20241225\nEND:VEVENT\n",
     "line 4: the calendar has no END:VCALENDAR"),
])
def test_a_broken_icalendar_file_is_refused_naming_the_line(text, line):
    with pytest.raises(tf.ValidationError) as raised:
        sla.holidays_from_ics(text)
    assert raised.value.code is tf.ErrorCode.validation_failed
    assert raised.value.field == "ics"
    assert raised.value.message.startswith("ics: " + line)


def test_ticket_clocks_count_in_the_calendar(office):
    ticket = tf.Ticket(title="扫码枪失灵", priority=tf.Priority.high, state=tf.TicketState.new)
    opened = shanghai(2024, 9, 30, 17, 0)
    hours = sla.CalendarTime(office)
    clocks = sla.TicketClocks.start(sla.Policy.standard(), ticket, opened, hours)
    status = clocks.status(sla.Metric.first_response, shanghai(2024, 10, 8, 9, 30), hours)
    assert status.target == dt.timedelta(hours=1)
    assert status.elapsed == dt.timedelta(hours=1, minutes=30)
    assert status.due == shanghai(2024, 9, 30, 18, 0)
    assert hours.calendar == office


def test_an_icalendar_file_whose_bytes_are_not_utf8_is_refused_naming_the_line():
    text = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20240501\r\n"
            b"SUMMARY:Lab\xffour\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    with pytest.raises(tf.ValidationError) as raised:
        sla.holidays_from_ics(text)
    assert raised.value.field == "ics"
    assert raised.value.message.startswith("ics: line 5: not valid UTF-8 text")
