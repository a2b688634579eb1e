"""Ticket numbers: patterns from the service documents, the local date of the engine's time zone,
and malformed patterns."""
import datetime as dt

import pytest

import ticketflow as tf

SHANGHAI = tf.TimeZone("Asia/Shanghai")


def engine_with(store, clock, pattern):
    config = tf.EngineConfig(number_format=tf.TicketNumberFormat(pattern), time_zone=SHANGHAI)
    return tf.Engine(store, clock, config)


@pytest.mark.parametrize("pattern, first, second", [
    ("HT{yyyy}{MM}{dd}{seq:4}", "HT202310010001", "HT202310010002"),
    ("SN{yyyy}{MM}{dd}{seq:3}", "SN20231001001", "SN20231001002"),
    ("FW-{yy}{MM}-{seq:5}", "FW-2310-00001", "FW-2310-00002"),
])
def test_each_document_pattern_numbers_tickets_in_order(store, clock, draft, customer, pattern,
                                                        first, second):
    engine = engine_with(store, clock, pattern)
    assert [engine.open(draft, customer).number for _ in range(2)] == [first, second]


def test_the_sequence_restarts_at_local_midnight_not_utc_midnight(store, clock, draft, customer):
    engine = engine_with(store, clock, "SN{yyyy}{MM}{dd}{seq:3}")
    clock.set(dt.datetime(2024, 4, 30, 15, 59, 59, tzinfo=dt.timezone.utc))  # 23:59:59 Shanghai
    assert engine.open(draft, customer).number == "SN20240430001"
    assert engine.open(draft, customer).number == "SN20240430002"
    clock.advance(dt.timedelta(seconds=1))  # midnight, 1 May, in Shanghai; still 30 April in UTC
    assert engine.open(draft, customer).number == "SN20240501001"


def test_a_monthly_pattern_keeps_counting_across_days(store, clock, draft, customer):
    engine = engine_with(store, clock, "FW-{yy}{MM}-{seq:5}")
    engine.open(draft, customer)
    clock.advance(dt.timedelta(days=1))
    assert engine.open(draft, customer).number == "FW-2310-00002"


def test_a_format_reports_its_parts_and_formats_a_date():
    number_format = tf.TicketNumberFormat("{yyyy}{MM}-{seq:3}")
    assert (number_format.pattern, number_format.sequence_digits) == ("{yyyy}{MM}-{seq:3}", 3)
    assert number_format.max_sequence == 999
    assert number_format.format(dt.date(2024, 5, 7), 1) == "202405-001"
    assert number_format.sequence_key(dt.date(2024, 5, 7)) == "{yyyy}{MM}-{seq:3}@202405"
    assert tf.TicketNumberFormat() == tf.TicketNumberFormat("HT{yyyy}{MM}{dd}{seq:4}")
    assert repr(number_format) == "TicketNumberFormat('{yyyy}{MM}-{seq:3}')"


def test_formatting_past_the_last_sequence_raises_sequence_exhausted():
    with pytest.raises(tf.SequenceExhausted):
        tf.TicketNumberFormat("T{seq:2}").format(dt.date(2024, 5, 7), 100)


@pytest.mark.parametrize("pattern", [
    "HT{yyyy}{MM}{dd}",         # no sequence
    "HT{seq:0}",                # width out of range
    "HT{seq:19}",
    "HT{seq:3}{seq:3}",         # two sequences
    "HT{yyyy",                  # unclosed brace
    "HT{week}{seq:3}",          # unknown token
])
def test_a_malformed_pattern_is_a_validation_error_naming_number_pattern(pattern):
    with pytest.raises(tf.ValidationError) as raised:
        tf.TicketNumberFormat(pattern)
    assert raised.value.field == "number_pattern"


def test_an_unknown_time_zone_is_a_validation_error_naming_time_zone():
    with pytest.raises(tf.ValidationError) as raised:
        tf.TimeZone("Mars/Olympus_Mons")
    assert raised.value.field == "time_zone"


def test_time_zones_give_the_local_wall_clock():
    instant = dt.datetime(2024, 4, 30, 16, 0, tzinfo=dt.timezone.utc)
    assert SHANGHAI.to_local(instant) == dt.datetime(2024, 5, 1, 0, 0)
    new_york_winter = tf.TimeZone.fixed(dt.timedelta(hours=-5))
    assert new_york_winter.to_local(instant) == dt.datetime(2024, 4, 30, 11)
    assert tf.TimeZone().name == "UTC" and tf.TimeZone.utc() == tf.TimeZone("UTC")
    assert repr(SHANGHAI) == "TimeZone('Asia/Shanghai')"


@pytest.mark.parametrize("pattern", [
    "\n{seq:3}", "HT\t{seq:3}", "HT{seq:3}\r\n", "\x1b[31m{seq:3}", "HT\0{seq:3}", "HT\x85{seq:3}",
    "HT{seq:4}" + "-" * 56,
], ids=["newline", "tab", "crlf", "escape", "nul", "c1", "65 characters"])
def test_a_pattern_with_control_characters_or_too_long_is_refused(pattern):
    with pytest.raises(tf.ValidationError) as raised:
        tf.TicketNumberFormat(pattern)
    assert raised.value.field == "number_pattern"
